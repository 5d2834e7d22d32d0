"""Corpora in UTF-16 or UTF-32: lines decoded block by block, with positions.

A byte-order mark says unambiguously that a corpus is UTF-16 or UTF-32, so
it is decoded (with a warning: articles should be UTF-8). A unit that cannot
be decoded (a lone surrogate, an odd last byte) costs only its line, as an
invalid UTF-8 byte does in :mod:`._lines`: it is replaced by U+FFFD and the
line carries the error's column and byte offset, so the article around it is
reported and the next ones still found. (A text stream's decoder would
replace it silently, or stop the whole corpus.)
"""

from __future__ import annotations

import codecs
import re
from typing import Callable, Iterator

from .diagnostics import Severity

__all__ = ["wide_lines"]

_BLOCK = 1 << 20
_LINE_END = re.compile(r"\r\n|\r|\n")


def wide_lines(read: Callable[[int], bytes], head: bytes, codec: str, name: str,
               offset: int) -> Iterator[tuple[str, tuple[Severity, int, str] | None]]:
    """``(text, problem)`` per line, each ending with ``\\n``.

    *head* is the first data, already read, which starts at byte *offset* of
    the input (just after the mark); *read* gives the rest, block by block.
    """
    decoder = codecs.getincrementaldecoder(codec)()
    pieces: list[str] = []  # the line not ended yet, in pieces
    faults: list[tuple[int, str]] = []  # its errors: (index in the line, message)
    length = 0
    block, final = head or read(_BLOCK), False  # a UTF-32 mark fills all of a 4-byte head
    while not final:
        final = not block
        text, found = _decoded(decoder, block, final, offset, codec, name)
        offset += len(block)
        faults += [(length + index, message) for index, message in found]
        pieces.append(text)
        length += len(text)
        if final or "\n" in text or "\r" in text:
            pending = "".join(pieces)
            lines, rest = _complete_lines(pending, final)
            for start, end, line in lines:
                yield line, _first_fault(faults, start, end)
            faults = [(index - rest, message) for index, message in faults if index >= rest]
            pieces, length = [pending[rest:]], len(pending) - rest
        block = read(_BLOCK) if not final else b""


def _complete_lines(text: str, final: bool) -> tuple[list[tuple[int, int, str]], int]:
    """The lines of *text* that are complete, as ``(start, end, line)``, and
    where the rest starts. A ``\\r`` at the very end waits for a ``\\n``."""
    lines, start = [], 0
    for match in _LINE_END.finditer(text):
        if match.group() == "\r" and match.end() == len(text) and not final:
            break
        lines.append((start, match.end(), text[start:match.start()] + "\n"))
        start = match.end()
    if final and start < len(text):
        lines.append((start, len(text), text[start:] + "\n"))
        start = len(text)
    return lines, start


def _first_fault(faults: list[tuple[int, str]], start: int, end: int):
    for index, message in faults:
        if start <= index < end:
            return Severity.ERROR, index - start + 1, message
    return None


def _decoded(decoder, data: bytes, final: bool, offset: int, codec: str,
             name: str) -> tuple[str, list[tuple[int, str]]]:
    """*data* (at byte *offset*) decoded after what *decoder* holds from before;
    each unit that cannot be decoded becomes U+FFFD, noted as ``(index, message)``."""
    held = decoder.getstate()[0]
    data, start = held + data, offset - len(held)
    decoder.reset()
    text: list[str] = []
    found: list[tuple[int, str]] = []
    position, length = 0, 0
    while True:
        try:
            text.append(decoder.decode(data[position:], final))
            return "".join(text), found
        except UnicodeDecodeError as error:
            good = data[position:position + error.start].decode(codec)
            where = position + error.start
            found.append((length + len(good), f"invalid {name}: byte 0x{data[where:where + 1].hex().upper()} "
                                              f"at byte offset {start + where} cannot be decoded"))
            text += [good, "\ufffd"]
            length += len(good) + 1
            position += error.end
            decoder.reset()
