"""Corpus files: many articles in one file, read one article at a time.

A corpus is a file of articles, each starting at its title, a level-1
``= Title =`` heading (the grammar's heading rule, level 1). Dumps are large,
so nothing here holds more than one article: :func:`split_articles` cuts the
line stream into :class:`Chunk` s (raw text plus where it starts), and
:func:`parse_articles` parses each chunk as it comes. Text before the first
title belongs to the first article (and is warned about, as in a single
article). Line numbers in diagnostics are those of the whole file.

A bad article (bytes that are not UTF-8, a NUL character, ...) does not stop
the others: with ``on_error`` given, its :class:`ParseError` (positioned in the
whole file) is handed to that function and the next article follows; without
it, the error is raised, as :func:`~wikipress.parse` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from ._lines import LineSource, read_lines, source_name
from .diagnostics import Diagnostic, ParseError, Severity
from .nodes import Document
from .reading import ARTICLE, Reader

__all__ = ["Chunk", "split_articles", "parse_chunk", "parse_articles", "title_of_line"]

# grammar/article.lark's HEADING terminal, for one line.
_HEADING = re.compile(r"[^\S\n]*=(?=[^\n]*[^\s=])[^\n]*=[^\S\n]*\n")


@dataclass(frozen=True, slots=True)
class Chunk:
    """One article's lines as found in a corpus, not parsed yet.

    ``line`` is where it starts in the file (1-based), ``title`` the text of its
    title line (None when the corpus has no title at all), ``size`` its length
    in bytes (0 when the corpus was given as text) and ``problems`` what the
    decoding found (bytes that are not UTF-8 are errors).
    """

    text: str
    line: int
    title: str | None
    size: int = 0
    problems: tuple[Diagnostic, ...] = ()


def title_of_line(line: str) -> str | None:
    """The title if *line* (ending with ``\\n``) is a level-1 heading, else None.

    A U+FEFF starting the line is passed over, as the reader drops it (the
    byte-order mark of a file joined on)."""
    if line.startswith("\ufeff"):
        line = line[1:]
    if not _HEADING.fullmatch(line):
        return None
    stripped = line.strip()
    opening = len(stripped) - len(stripped.lstrip("="))
    closing = len(stripped) - len(stripped.rstrip("="))
    if min(opening, closing) != 1:
        return None
    return stripped[1:-1].strip()


class _Collector:
    """The lines of the article being read."""

    __slots__ = ("lines", "line", "title", "size", "problems", "source")

    def __init__(self, line: int, source: str | None):
        self.lines: list[str] = []
        self.line, self.source = line, source
        self.title: str | None = None
        self.size = 0
        self.problems: list[Diagnostic] = []

    def chunk(self) -> Chunk:
        return Chunk("".join(self.lines), self.line, self.title, self.size, tuple(self.problems))


def split_articles(source: LineSource, *, name: str | None = None, first_line: int = 1,
                   first_byte: int = 0) -> Iterator[Chunk]:
    """Cut a corpus into articles without parsing them (see :func:`parse_articles`).

    An empty corpus gives one empty chunk, which parses to the usual "the input
    is empty" error. *first_line* and *first_byte* say where *source* starts in
    its file, when it is a part of one (a byte range starting at a title line).
    """
    name = name if name is not None else source_name(source)
    current = _Collector(first_line, name)
    number = first_line - 1
    lines = read_lines(source, first_byte)
    for number, (text, size, problem) in enumerate(lines, start=first_line):
        if "=" in text and text.lstrip().lstrip("\ufeff").startswith("="):  # quick, then exact
            title = title_of_line(text)
            if title is not None:
                if current.title is not None:
                    yield current.chunk()
                    current = _Collector(number, name)
                current.title = title
        current.lines.append(text)
        current.size += size
        if problem is not None:
            severity, column, message = problem
            current.problems.append(Diagnostic(severity, message, number, column, name))
    if current.lines or number == first_line - 1:
        yield current.chunk()


def parse_chunk(chunk: Chunk, *, source: str | None = None, reader: Reader = ARTICLE) -> Document:
    """Parse one chunk; positions are the corpus file's. Raises :class:`ParseError`."""
    warnings = tuple(p for p in chunk.problems if p.severity is Severity.WARNING)
    errors = [p for p in chunk.problems if p.severity is Severity.ERROR]
    if errors:
        raise ParseError(errors[0].with_source(source), warnings)
    try:
        document = reader.read(chunk.text, source=source, first_line=chunk.line)
    except ParseError as error:
        raise ParseError(error.diagnostic, warnings + error.warnings) from None
    if warnings:
        document = replace(document, diagnostics=warnings + document.diagnostics)
    return document


def parse_articles(source: LineSource, *, name: str | None = None, reader: Reader = ARTICLE,
                   on_error: Callable[[ParseError], None] | None = None) -> Iterator[Document]:
    """Yield the articles of a corpus one by one, in constant memory.

    *source* is a path, a binary or text stream, or an iterable of lines (str
    or bytes). *name* names it in diagnostics (default: the path or the
    stream's file name). A bad article raises :class:`ParseError` unless
    *on_error* is given: then it is called with the error and reading goes on
    with the next article. Each document's ``line`` is where it starts.
    """
    name = name if name is not None else source_name(source)
    for chunk in split_articles(source, name=name):
        try:
            document = parse_chunk(chunk, source=name, reader=reader)
        except ParseError as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        yield document
