"""Standard error that cannot end a run.

Diagnostics and the progress bar go to standard error. When its reader goes
away (``2>&1 >/dev/null | head -1``), writing raises ``BrokenPipeError``, which
the command line takes for standard output's reader leaving: the run stopped
early and said success. When it is closed (``2>&-``), ``print`` wrote to
standard output instead, into the data. Through :func:`forgiving_stderr`,
diagnostics that cannot be written are dropped and the run goes on: every
input is still converted, and the exit status still says whether any failed.
"""

from __future__ import annotations

import io
import sys
from contextlib import contextmanager
from typing import Iterator, TextIO

__all__ = ["forgiving_stderr", "ForgivingStream"]


class ForgivingStream(io.TextIOBase):
    """A text stream that drops what it can no longer write (None: drops everything)."""

    def __init__(self, stream: TextIO | None):
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is not None:
            try:
                self._stream.write(text)
            except (OSError, ValueError):  # a broken pipe, a closed or full stream
                self._stream = None
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._stream = None

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise io.UnsupportedOperation("standard error is gone")
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"


@contextmanager
def forgiving_stderr() -> Iterator[None]:
    """``sys.stderr`` is a :class:`ForgivingStream` inside the block."""
    original = sys.stderr
    sys.stderr = ForgivingStream(original)
    try:
        yield
    finally:
        sys.stderr = original
