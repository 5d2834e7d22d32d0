"""What must hold for every input, checked the same way by tests and the fuzzer.

The property tests (``test_properties.py``) and the long-running fuzz target
(``fuzz/fuzz_article.py``) both call :func:`check_input`, so a finding of one is
a regression test for the other.

*Nothing lost*, precisely: the input's words are the maximal runs of characters
that are neither Unicode whitespace nor a markup symbol (``=``, ``-``, ``*``,
``:``), on every line except an infobox marker line (``Infobox`` alone). Each
word must appear inside one string of the YAML export (the title, a heading, an
infobox key or value, a paragraph, a list item) or inside the message of one of
the document's diagnostics: a duplicate infobox key keeps the later value, and
its warning quotes the value it replaced as a Python string literal, which is
decoded here (a word may need escaping inside it: a quote, a control character).
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any, Iterator

import yaml

import wikipress
from wikipress import Document, ParseError, _text
from wikipress.exporters import format_names, get_exporter

MARKUP_SYMBOLS = "=-*:"
_WORD = re.compile(r"[^\s=\-*:]+")
_LINE_END = re.compile(r"\r\n|\r|\n")


def parse_or_none(data: str | bytes) -> Document | None:
    """Parse; a :class:`ParseError` gives None, anything else escapes (a bug)."""
    try:
        return wikipress.parse(data)
    except ParseError as error:
        assert error.diagnostic.message, "a ParseError without a message"
        return None


def input_words(text: str) -> Iterator[str]:
    """The words of an article's text that an export must keep (see the module doc)."""
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark, not text
    for line in _LINE_END.split(text):
        if line.startswith("\ufeff"):
            line = line[1:]  # so is one starting a line: a file joined on
        if line.strip() == "Infobox":
            continue
        yield from _WORD.findall(line)


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


_REPLACES = "this value replaces "
_FROM_LINE = re.compile(r" from line \d+$")


def _said(message: str) -> Iterator[str]:
    """A diagnostic's message and, for a duplicate key, the replaced value decoded.

    The first occurrence of the phrase whose rest is one string literal is the
    one the reader wrote (a key or value quoting the phrase leaves no literal)."""
    yield message
    start = message.find(_REPLACES)
    while start != -1:
        rest = _FROM_LINE.sub("", message[start + len(_REPLACES):])
        try:
            value = ast.literal_eval(rest)
        except (SyntaxError, ValueError):
            start = message.find(_REPLACES, start + 1)
            continue
        if isinstance(value, str):
            yield value
        return


def check_nothing_lost(text: str, document: Document) -> None:
    exported = yaml.safe_load(wikipress.export(document, "yaml"))
    # NUL never occurs in a document, so it separates the strings safely.
    kept = "\x00".join(_strings(exported))
    said = "\x00".join(piece for d in document.diagnostics for piece in _said(d.message))
    whole_words = set(_WORD.findall(kept)) | set(_WORD.findall(said))  # the quick test
    for word in input_words(text):
        if word in whole_words or word in kept or word in said:
            continue
        raise AssertionError(f"the word {word!r} of the input is in no export string "
                             f"and no diagnostic")


def check_round_trips(document: Document) -> None:
    markup = wikipress.export(document, "markup")
    again = wikipress.parse(markup)
    assert again == document, "parse(export(doc, 'markup')) differs from doc"
    assert wikipress.export(again, "markup") == markup, "canonical markup is not stable"
    for name in ("yaml", "json"):
        loaded = wikipress.load(wikipress.export(document, name))
        assert loaded == document, f"load(export(doc, {name!r})) differs from doc"


def check_exporters(document: Document, names: list[str] | None = None) -> dict[str, Any]:
    """Run every registered exporter (or *names*); each must return its declared type."""
    results = {}
    for name in names if names is not None else format_names():
        exporter = get_exporter(name)
        result = exporter.export(document)
        assert isinstance(result, bytes if exporter.binary else str), \
            f"{name} returned {type(result).__name__}"
        results[name] = result
    if "json" in results:
        json.loads(results["json"])
    return results


def check_input(data: str | bytes, exporters: list[str] | None = None) -> Document | None:
    """Every invariant for one input; returns the document, or None for a ParseError."""
    document = parse_or_none(data)
    if document is None:
        return None
    if isinstance(data, bytes):
        text, _ = _text.decode(data)
    else:
        text = data
    check_nothing_lost(text, document)
    check_round_trips(document)
    check_exporters(document, exporters)
    return document
