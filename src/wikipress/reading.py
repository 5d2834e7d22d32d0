"""Readers: the small interface between an input format and the AST.

A reader turns text into a :class:`~wikipress.nodes.Document`. The article
markup's reader is :class:`ArticleReader` (Lark grammar plus builder); a reader
for MediaWiki wikitext will implement the same :class:`Reader` protocol and so
serve every exporter unchanged. :func:`parse` and :func:`parse_file` are the
entry points most callers want; :func:`load` reads the YAML/JSON exports back.
"""

from __future__ import annotations

import json
import os
from typing import Protocol, runtime_checkable

from . import _builder, _parser, _text
from ._collector import collector_paused
from .diagnostics import ParseError
from .nodes import Document, ShapeError, from_dict

__all__ = ["Reader", "ArticleReader", "parse", "parse_file", "load"]


@runtime_checkable
class Reader(Protocol):
    """Reads one article. Raises :class:`ParseError` for input it cannot read.

    *text* is the article's lines: the input's byte-order mark is not part of
    them (:func:`parse` and a corpus's line reader drop it first), so a U+FEFF
    starting *text* is the first line's own, as on any other line.
    """

    name: str

    def read(self, text: str, *, source: str | None = None, first_line: int = 1) -> Document:
        ...


class ArticleReader:
    """The wiki-style article markup of docs/format.md."""

    name = "article"

    def read(self, text: str, *, source: str | None = None, first_line: int = 1) -> Document:
        try:
            prepared, warnings = _text.prepare(text, source)
        except ParseError as error:  # positions of the whole file (articles of a corpus)
            raise ParseError(error.diagnostic.shifted(first_line - 1), error.warnings) from None
        return _builder.build(_parser.block_tokens(prepared), source, first_line, warnings)


ARTICLE = ArticleReader()


@collector_paused()
def parse(text: str | bytes, *, source: str | None = None, reader: Reader = ARTICLE) -> Document:
    """Parse one article from a string (or UTF-8 bytes).

    *source* names the input in diagnostics (a path, a URL, a dump's page id).
    Raises :class:`ParseError` when the input is no article: empty, not UTF-8,
    binary, or holding a second title.
    """
    warnings = ()
    if isinstance(text, (bytes, bytearray, memoryview)):
        text, warnings = _text.decode(bytes(text), source)
    elif not isinstance(text, str):
        raise TypeError(f"parse() takes str or bytes, not {type(text).__name__}")
    if text.startswith("\ufeff"):  # the input's byte-order mark: before its first line
        text = text[1:]
    document = reader.read(text, source=source)
    if warnings:
        document = _with_warnings(document, warnings)
    return document


def parse_file(path: str | os.PathLike[str], *, reader: Reader = ARTICLE) -> Document:
    """Read and parse one article file; diagnostics name *path*.

    Raises :class:`ParseError` for bad content and ``OSError`` when the file
    cannot be read.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    return parse(data, source=os.fspath(path), reader=reader)


@collector_paused()
def load(text: str | bytes, *, source: str | None = None) -> Document:
    """Load a document back from its ``yaml`` or ``json`` export.

    The result equals the parsed document (positions and diagnostics are not
    part of the export). Uses only YAML's safe loader: nothing is evaluated.
    """
    if not isinstance(text, (str, bytes)):
        raise TypeError(f"load() takes an export's text (str or bytes), not {type(text).__name__}")
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        data = json.loads(text) if text.lstrip().startswith("{") else _safe_yaml(text)
        return from_dict(data)
    except (ValueError, RecursionError) as error:  # from from_dict; bad JSON, YAML or UTF-8
        detail = error.detail if isinstance(error, ShapeError) else error
        raise ParseError.at(f"not a wikipress YAML/JSON export: {detail}", source=source) from None


def _safe_yaml(text: str):
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise ValueError(str(error).replace("\n", " ")) from None


def _with_warnings(document: Document, warnings) -> Document:
    from dataclasses import replace

    return replace(document, diagnostics=tuple(warnings) + document.diagnostics)
