"""A corpus as a stream of decoded lines, in constant memory, with positions.

A corpus can be gigabytes, so it is never read whole: it is read in blocks,
cut into lines (``\\n``, ``\\r\\n`` and ``\\r`` end a line, as for one
article) and each line is decoded from UTF-8 on its own. A byte that is not
UTF-8 therefore costs only its own line, which is still read (with the byte
replaced) so that the article around it can be reported and the next ones
found; the line carries the error's message and column. UTF-16 and UTF-32
corpora with a byte-order mark are decoded too, with a warning, as for one
article (:mod:`._wide`). The input's byte-order mark comes before its first
line and is dropped, as :func:`~wikipress.parse` drops it.
"""

from __future__ import annotations

import codecs
import functools
import io
import os
from typing import IO, AnyStr, Iterable, Iterator, NamedTuple

from ._text import _BOMS, _utf16_hint
from ._wide import wide_lines
from .diagnostics import Severity

__all__ = ["Line", "LineSource", "read_lines", "source_name"]

_BLOCK = 1 << 20
_UTF8_BOM = codecs.BOM_UTF8

LineSource = str | os.PathLike | IO[bytes] | IO[str] | Iterable[str] | Iterable[bytes]


class Line(NamedTuple):
    """One line, ending with ``\\n``, and what is wrong with it, if anything.

    *problem* is ``(severity, column, message)``: an error for a byte that is
    not UTF-8, a warning on the first line of a UTF-16/UTF-32 input.
    """

    text: str
    size: int  # bytes it took in the input (0 when the input was text)
    problem: tuple[Severity, int, str] | None = None


def source_name(source: LineSource) -> str | None:
    """How diagnostics name *source*: its path, or its stream's file name."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def read_lines(source: LineSource, first_byte: int = 0) -> Iterator[Line]:
    """The lines of a path, a binary or text stream, or an iterable of lines.

    *first_byte* is where a binary stream starts in its file (a part of a file
    read on its own): byte offsets in messages count from the file's start,
    and no byte-order mark is looked for.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        raise TypeError("a corpus is a path, a stream or an iterable of lines, not bytes: "
                        "for a corpus in memory pass io.BytesIO(data)")
    if isinstance(source, str) and "\n" in source:
        raise TypeError("a corpus path holds a line break: for a corpus's text pass "
                        "io.StringIO(text) (a path that really has one: pass a pathlib.Path)")
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as stream:
            yield from _binary_lines(stream, first_byte)
    elif isinstance(source, io.TextIOBase):
        yield from _text_lines(source)
    elif hasattr(source, "read") and _is_binary(source):
        yield from _binary_lines(source, first_byte)
    else:
        yield from _mixed_lines(source)


def _is_binary(stream) -> bool:
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        return True
    return isinstance(stream.read(0), bytes)


def _binary_lines(stream: IO[bytes], first_byte: int = 0) -> Iterator[Line]:
    if first_byte:
        yield from _decoded(_raw_lines(b"", stream), first_byte)
        return
    head = stream.read(4)
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            note = (Severity.WARNING, 1,
                    f"the input is {name} (it starts with a {name} byte-order mark); it was "
                    f"decoded, but articles should be UTF-8 (re-encode with: iconv -f {name} "
                    f"-t UTF-8)")
            read = functools.partial(getattr(stream, "read1", stream.read), _BLOCK)
            for number, (text, problem) in enumerate(
                    wide_lines(read, head[len(bom):], codec, name, len(bom))):
                yield Line(text, 0, note if number == 0 and problem is None else problem)
            return
    if head.startswith(_UTF8_BOM):  # offsets still count its bytes, as the file's do
        yield from _decoded(_raw_lines(head[len(_UTF8_BOM):], stream), len(_UTF8_BOM))
        return
    yield from _decoded(_raw_lines(head, stream))


def _raw_lines(head: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    r"""Lines of bytes with their ends, each as soon as its end is read.

    A read takes what the stream has (``read1``: a pipe fed one article at a
    time is not held up until a whole block has arrived). A line without its
    end yet, or one ending in ``\r`` that a ``\n`` may follow, waits for the
    next block, in pieces: a line of many blocks is joined once, not once per
    block.
    """
    read = getattr(stream, "read1", stream.read)
    pending = [head] if head else []
    while True:
        block = read(_BLOCK)
        if not block:
            break
        if b"\n" not in block and b"\r" not in block:
            pending.append(block)
            continue
        if pending:
            pending.append(block)
            block = b"".join(pending)
        lines = block.splitlines(keepends=True)
        pending = [] if lines[-1].endswith(b"\n") else [lines.pop()]
        yield from lines
    if pending:  # what is left may still be several lines (a \r, then a last line)
        yield from b"".join(pending).splitlines(keepends=True)


def _decoded(raw_lines: Iterable[bytes], offset: int = 0) -> Iterator[Line]:
    """Each line decoded on its own (a bad byte costs only its line), with a
    ``\\n`` end. The hot loop of a corpus: kept to a few hundred nanoseconds."""
    make = tuple.__new__  # a Line, without its constructor's Python-level call
    for raw in raw_lines:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield _undecodable(raw, error, offset)
        else:
            if text[-1:] != "\n" or text[-2:-1] == "\r":  # most lines end with \n alone
                text = _unix_end(text)
            yield make(Line, (text, len(raw), _binary(raw, text, offset) if "\0" in text else None))
        offset += len(raw)


def _undecodable(raw: bytes, error: UnicodeDecodeError, offset: int) -> Line:
    """A line with a byte that is not UTF-8: replaced, and reported where it is."""
    text = raw.decode("utf-8", errors="replace")
    column = len(raw[:error.start].decode("utf-8", errors="replace")) + 1
    bad = raw[error.start:error.start + 1].hex().upper()
    return Line(_unix_end(text), len(raw),
                (Severity.ERROR, column, f"invalid UTF-8: byte 0x{bad} at byte offset "
                                         f"{offset + error.start} cannot be decoded"))


def _binary(raw: bytes, text: str, offset: int) -> tuple[Severity, int, str]:
    """A NUL byte: the error a single file gives, with its byte offset (and a
    hint if the line looks like UTF-16 without a byte-order mark: too short a
    line cannot tell)."""
    hint = _utf16_hint(raw) if len(raw) >= 8 else ""
    return (Severity.ERROR, text.index("\0") + 1,
            f"binary input: NUL byte at byte offset {offset + raw.index(0)}; articles are "
            f"UTF-8 text{hint}")


def _unix_end(text: str) -> str:
    if text.endswith("\n"):
        return text[:-2] + "\n" if text.endswith("\r\n") else text
    return text[:-1] + "\n" if text.endswith("\r") else text + "\n"


def _text_lines(lines: Iterable[str]) -> Iterator[Line]:
    """Text items, each a line with or without its end (one holding several is cut)."""
    for item in _after_mark(lines, "\ufeff"):
        if "\r" in item:
            item = item.replace("\r\n", "\n").replace("\r", "\n")
        end = item.find("\n")
        if end == -1 or end == len(item) - 1:
            yield Line(item if end != -1 else item + "\n", 0)
            continue
        pieces = item.split("\n")
        if pieces[-1] == "":
            pieces.pop()
        for piece in pieces:
            yield Line(piece + "\n", 0)


def _mixed_lines(lines: Iterable[str | bytes]) -> Iterator[Line]:
    """An iterable of lines, as text or as bytes (decoded with positions)."""
    iterator = iter(lines)
    for first in iterator:
        rest = _chain(first, iterator)
        if isinstance(first, (bytes, bytearray)):  # offsets count the mark, as a file's do
            marked = first.startswith(_UTF8_BOM)
            yield from _decoded(_bytes_lines(rest), len(_UTF8_BOM) if marked else 0)
        elif isinstance(first, str):
            yield from _text_lines(rest)
        else:
            raise TypeError(f"a corpus is a path, a stream or an iterable of lines "
                            f"(str or bytes), not an iterable of {type(first).__name__}")


def _chain(first, iterator):
    yield first
    yield from iterator


def _bytes_lines(items: Iterable[bytes]) -> Iterator[bytes]:
    for item in _after_mark(items, _UTF8_BOM):
        yield from bytes(item).splitlines(keepends=True) or [b""]


def _after_mark(items: Iterable[AnyStr], mark: AnyStr) -> Iterator[AnyStr]:
    """*items* without the input's byte-order mark, which starts the first one.

    A first item that held only the mark is an empty line if more follow; if
    none does, the input was the mark alone, which :func:`~wikipress.parse`
    calls empty: there is no line (an empty one would be whitespace)."""
    iterator = iter(items)
    first = next(iterator, None)
    if first is None:
        return
    if first.startswith(mark):
        first = first[len(mark):]
        if not first:
            following = next(iterator, None)
            if following is None:
                return
            yield first
            first = following
    yield first
    yield from iterator
