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

_LINE_END = re.compile(r"\r\n|\r|\n")
_WINDOW = 4096  # bytes decoded at a time once a block has an error: each costs this much


def wide_lines(read: Callable[[], bytes], head: bytes, codec: str, name: str,
               offset: int) -> Iterator[tuple[str, tuple[Severity, int, str] | None]]:
    """``(text, problem)`` per line, each ending with ``\\n``.

    *head* is the first data, already read, which starts at byte *offset* of
    the input (just after the mark); *read* gives the next block (empty at the end).
    """
    decoder = codecs.getincrementaldecoder(codec)()
    pieces: list[str] = []  # the line not ended yet, in pieces
    faults: list[tuple[int, str]] = []  # errors from there on: (index, message), in order
    length = 0
    block, final = head or read(), False  # a UTF-32 mark fills all of a 4-byte head
    while not final:
        final = not block
        text, found = _decode_block(decoder, block, final, offset, codec, name)
        offset += len(block)
        faults += [(length + index, message) for index, message in found]
        pieces.append(text)
        length += len(text)
        if final or "\n" in text or "\r" in text:
            pending = "".join(pieces)
            lines, rest = _complete_lines(pending, final)
            next_fault = 0
            for start, end, line in lines:
                problem = None
                if next_fault < len(faults) and faults[next_fault][0] < end:
                    index, message = faults[next_fault]
                    problem = (Severity.ERROR, index - start + 1, message)
                    while next_fault < len(faults) and faults[next_fault][0] < end:
                        next_fault += 1  # one error per line is reported
                yield line, problem
            faults = [(index - rest, message) for index, message in faults[next_fault:]]
            pieces, length = [pending[rest:]], len(pending) - rest
        block = read() if not final else b""


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


def _decode_block(decoder, data: bytes, final: bool, offset: int, codec: str,
                  name: str) -> tuple[str, list[tuple[int, str]]]:
    """*data* (at byte *offset*) decoded after what *decoder* holds from before;
    each unit that cannot be decoded becomes U+FFFD, noted as ``(index, message)``.

    A block decodes in one call; one with an error is decoded again in windows,
    so that each error costs a window, not the rest of the block.
    """
    held = decoder.getstate()[0]
    try:
        return decoder.decode(data, final), []
    except UnicodeDecodeError:  # again from the held bytes: windows then start on a unit
        data, offset = held + data, offset - len(held)
        decoder.reset()
    text: list[str] = []
    found: list[tuple[int, str]] = []
    position, length = 0, 0
    while position < len(data) or (final and decoder.getstate()[0]):
        held = decoder.getstate()[0]
        window = data[position:position + _WINDOW]
        try:
            piece = decoder.decode(window, final and position + len(window) >= len(data))
            position += len(window)
        except UnicodeDecodeError as error:
            units = held + window
            piece = units[:error.start].decode(codec) + "\ufffd"
            where = position - len(held) + error.start
            found.append((length + len(piece) - 1,
                          f"invalid {name}: byte 0x{units[error.start:error.start + 1].hex().upper()} "
                          f"at byte offset {offset + where} cannot be decoded"))
            position += error.end - len(held)
            decoder.reset()
        text.append(piece)
        length += len(piece)
    return "".join(text), found
