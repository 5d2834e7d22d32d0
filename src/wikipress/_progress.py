"""The progress bar of long conversions, drawn by tqdm on standard error.

Only for a person watching: the bar appears when standard error is a terminal,
``-q`` is not given and the run is long enough to deserve one (more than a
few files, or corpora of more than a mebibyte). It shows done/total, the rate,
the time left and the failures so far. Diagnostics printed meanwhile go
through :meth:`Progress.write`, so they never break the bar's line.
"""

from __future__ import annotations

import sys
from typing import TextIO

__all__ = ["Progress", "FEW_FILES", "FEW_BYTES"]

FEW_FILES = 4
FEW_BYTES = 1 << 20


class Progress:
    """Counts finished work; draws nothing unless :meth:`start` decided to."""

    def __init__(self) -> None:
        self.bar = None
        self.failed = 0
        self.items = 0
        self.in_bytes = False

    def start(self, total: int | None, in_bytes: bool, stream: TextIO = sys.stderr) -> None:
        """Draw a bar on *stream* if it is a terminal and *total* is not small."""
        few = FEW_BYTES if in_bytes else FEW_FILES
        if not _is_terminal(stream) or (total is not None and total <= few):
            return
        from tqdm import tqdm

        self.in_bytes = in_bytes
        self.bar = tqdm(total=total, file=stream, unit="B" if in_bytes else "file",
                        unit_scale=in_bytes, unit_divisor=1024, dynamic_ncols=True,
                        desc="converting", postfix=self._postfix())

    def advance(self, size: int, failed: bool) -> None:
        self.items += 1
        self.failed += failed
        if self.bar is not None:
            if failed or self.in_bytes:
                self.bar.set_postfix_str(self._postfix(), refresh=False)
            self.bar.update(size)

    def _postfix(self) -> str:
        counted = f"articles={self.items}, " if self.in_bytes else ""
        return f"{counted}failed={self.failed}"

    def write(self, line: str) -> None:
        """Print a line on standard error without breaking the bar."""
        if self.bar is None:
            print(line, file=sys.stderr)
        else:
            self.bar.write(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(self._postfix(), refresh=False)
            self.bar.close()
            self.bar = None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
