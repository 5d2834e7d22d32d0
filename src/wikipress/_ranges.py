"""Cutting one big corpus file into byte ranges that start at titles.

So that a many-gigabyte dump is read by many workers at once, without anyone
reading it whole first. The file is cut at nominal offsets (every *blocksize*
bytes); each cut moves forward to the next title line (:func:`next_title`),
so every range holds whole articles. Line numbers must still be the whole
file's, so each block's line ends are counted on their own
(:func:`count_line_ends`, additive over adjacent ranges) and a range's first
line is one plus the line ends before it. Everything here works on any
seekable binary file object (local, or opened through fsspec) and reads only
the bytes it needs.
"""

from __future__ import annotations

import io
from typing import IO, NamedTuple

from ._lines import read_lines
from .corpus import title_of_line

__all__ = ["Cut", "count_line_ends", "next_title", "nominal_offsets", "open_range"]

_READ = 1 << 20


class Cut(NamedTuple):
    """Where a range starts (a title line, or the end of the file) and the line
    ends between the nominal offset and there."""

    offset: int
    line_ends: int


def nominal_offsets(size: int, blocksize: int, first_title: int) -> list[int]:
    """Nominal cuts after the first title (the lead stays with the first article)."""
    return [offset for offset in range(blocksize, size, blocksize) if offset > first_title]


def count_line_ends(stream: IO[bytes], start: int, end: int) -> int:
    """Line ends (``\\n``, ``\\r\\n``, ``\\r``) whose last byte lies in [start, end)."""
    stream.seek(start)
    count, position, previous = 0, start, b""
    while position < end:
        block = stream.read(min(_READ, end - position))
        if not block:
            break
        count += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
        if previous == b"\r" and block[:1] == b"\n":
            count -= 1  # a "\r\n" cut by the read: counted as "\r" and as "\n"
        previous = block[-1:]
        position += len(block)
    if previous == b"\r" and stream.read(1) == b"\n":
        count -= 1  # its "\n" lies beyond end: the pair ends there, not here
    return count


def next_title(stream: IO[bytes], start: int, size: int) -> Cut:
    """The first title line starting at or after *start* (or *size* if none)."""
    stream.seek(start - 1 if start else 0)
    before = stream.read(1) if start else b"\n"
    at_line_start = before == b"\n" or (before == b"\r" and stream.read(1) != b"\n")
    position, line_ends = start, 0
    lines = read_lines(open_range(stream, start, size), first_byte=start)
    for number, (text, length, _) in enumerate(lines):
        if (number or at_line_start) and title_of_line(text) is not None:
            return Cut(position, line_ends)
        position += length
        line_ends += 1  # (but for the file's last line, which ends nowhere: no matter)
    return Cut(size, line_ends)


class _Window(io.RawIOBase):
    """Bytes [start, end) of a seekable binary stream, read as a stream of its own."""

    def __init__(self, stream: IO[bytes], start: int, end: int):
        self.stream, self.position, self.end = stream, start, end

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        wanted = min(len(buffer), self.end - self.position)
        if wanted <= 0:
            return 0
        self.stream.seek(self.position)
        data = self.stream.read(wanted)
        buffer[:len(data)] = data
        self.position += len(data)
        return len(data)


def open_range(stream: IO[bytes], start: int, end: int) -> io.BufferedReader:
    """Bytes [start, end) of a seekable binary *stream*, as a stream of their own."""
    return io.BufferedReader(_Window(stream, start, end), buffer_size=_READ)
