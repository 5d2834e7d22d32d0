"""Standard error that cannot end a run.

Diagnostics and the progress bar go to standard error. When its reader goes
away (``2>&1 >/dev/null | head -1``), writing raises ``BrokenPipeError``, which
the command line takes for standard output's reader leaving: the run stopped
early and said success. When it is closed (``2>&-``), ``print`` wrote to
standard output instead, into the data. Through :func:`forgiving_stderr`,
diagnostics that cannot be written are dropped and the run goes on: every
input is still converted, and the exit status still says whether any failed.

A file name that is not valid UTF-8 reaches Python with each bad byte as a
lone surrogate (PEP 383), which standard error printed as ``\udcff``; it is
shown as the byte it stands for, ``\xff``.
"""

from __future__ import annotations

import io
import re
import sys
from contextlib import contextmanager
from typing import Iterator, TextIO

__all__ = ["forgiving_stderr", "ForgivingStream"]

_SURROGATE = re.compile("[\udc80-\udcff]")  # a byte that was not UTF-8, in a file name


class ForgivingStream(io.TextIOBase):
    """A text stream that drops what it can no longer write (None: drops everything)."""

    def __init__(self, stream: TextIO | None):
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        if _SURROGATE.search(text):
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
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
