"""From the grammar's block tokens to a :class:`~wikipress.nodes.Document`.

The grammar says what kind each block is; this module knows what the blocks
mean: heading levels and the section tree, which infobox is the article's, how
an item splits into key and value, and every warning of the format (see
docs/format.md). It is the hot path of parsing, so it stays flat: one pass over
the tokens, no intermediate tree.
"""

from __future__ import annotations

import re
from typing import Callable

from lark import Token

from ._construct import constructor
from ._parser import TERMINALS
from .diagnostics import Diagnostic, ParseError, Severity
from .nodes import (
    Block, BulletList, Document, Field, Infobox, ListItem, Paragraph, Section, Text,
)

__all__ = ["build"]

# An item line (of a list or an infobox): its indentation, and what follows the
# marker up to the line end. One findall splits a whole block into its items.
_ITEM_LINE = re.compile(r"([^\S\n]*)[-*]([^\n]*)\n")
_UNCLOSED = re.compile(r"^[^\S\n]*=", re.MULTILINE)
_MAX_LEVEL = 6
_SHOWN = 60  # characters of article text quoted in a message


def _shown(text: str) -> str:
    """*text* quoted for a message, cut short (the text itself is kept in the AST)."""
    if len(text) <= _SHOWN:
        return repr(text)
    return f"{text[:_SHOWN]!r}... ({len(text)} characters)"

# The node classes' fast constructors: fields positionally, then line, column.
_make_text, _make_paragraph, _make_item, _make_list = (
    constructor(Text), constructor(Paragraph), constructor(ListItem), constructor(BulletList))
_make_field, _make_infobox, _make_section = (
    constructor(Field), constructor(Infobox), constructor(Section))


class _OpenSection:
    """A section whose end has not been seen yet (mutable until closed)."""

    __slots__ = ("heading", "level", "line", "column", "content", "sections")

    def __init__(self, heading: str, level: int, line: int, column: int):
        self.heading, self.level, self.line, self.column = heading, level, line, column
        self.content: list[Block] = []
        self.sections: list[Section] = []

    def close(self) -> Section:
        line, column = self.line, self.column
        return _make_section((_make_text(self.heading, line, column),), self.level,
                             tuple(self.content), tuple(self.sections), line, column)


class _Builder:
    """One document's worth of state; use :func:`build`."""

    def __init__(self, source: str | None, first_line: int):
        self.source = source
        self.offset = first_line - 1
        self.warnings: list[Diagnostic] = []
        self.title: tuple[Text, ...] | None = None
        self.title_line = 0
        self.infobox: Infobox | None = None
        self.lead: list[Block] = []
        self.sections: list[Section] = []
        self.stack: list[_OpenSection] = []
        self.seen_section = False
        # The first thing before the title; warned only if a title follows
        # (without any title, the one warning is "no title").
        self.before_title: Diagnostic | None = None

    # -- helpers ---------------------------------------------------------
    def warn(self, message: str, line: int, column: int) -> None:
        self.warnings.append(Diagnostic(Severity.WARNING, message, line, column, self.source))

    def fail(self, message: str, line: int, column: int) -> ParseError:
        found = self.warnings + ([self.before_title] if self.before_title else [])
        found.sort(key=lambda diagnostic: (diagnostic.line, diagnostic.column))
        return ParseError(Diagnostic(Severity.ERROR, message, line, column, self.source),
                          tuple(found))

    def note_before_title(self, message: str, line: int, column: int) -> None:
        if self.title is None and self.before_title is None:
            self.before_title = Diagnostic(Severity.WARNING, message, line, column, self.source)

    def add_block(self, block: Block) -> None:
        if self.stack:
            self.stack[-1].content.append(block)
            return
        self.note_before_title("text before the title (the first '= Title =' line); "
                               "kept in the lead", block.line, block.column)
        self.lead.append(block)

    def close_to(self, level: int) -> None:
        """Close open sections of *level* or deeper."""
        stack = self.stack
        while stack and stack[-1].level >= level:
            section = stack.pop().close()
            (stack[-1].sections if stack else self.sections).append(section)

    # -- one handler per grammar terminal ----------------------------------
    # These run once per block of every parsed article: each looks at its token
    # in as few C-level passes as it can (a strip, a split, one findall) rather
    # than line by line in Python.
    def heading(self, token: Token) -> None:
        line, stripped = token.line + self.offset, token.strip()
        column = token.find("=") + 1  # a heading line is whitespace, then "="
        opening = len(stripped) - len(stripped.lstrip("="))
        closing = len(stripped) - len(stripped.rstrip("="))
        level = min(opening, closing, _MAX_LEVEL)
        text = stripped[level:len(stripped) - level].strip()
        if level == 1:
            self.title_heading(text, line, column)
            return
        self.note_before_title("a section before the title (the first '= Title =' line)",
                               line, column)
        self.close_to(level)
        parent = self.stack[-1].level if self.stack else 1
        if level > parent + 1:
            self.warn(f"heading level jumps from {parent} to {level}; "
                      f"nested in the level-{parent} {'section' if self.stack else 'article'}",
                      line, column)
        self.seen_section = True
        self.stack.append(_OpenSection(text, level, line, column))

    def title_heading(self, text: str, line: int, column: int) -> None:
        if self.title is not None:
            raise self.fail(
                f"a second title {_shown(text)} (level-1 heading; the first is on line "
                f"{self.title_line}): an input holds one article; for a corpus of articles "
                f"use --split (wikipress convert, check) or wikipress.parse_articles()", line, column)
        self.close_to(2)
        self.title, self.title_line = (_make_text(text, line, column),), line

    def paragraph(self, token: Token) -> None:
        line, text = token.line + self.offset, token.strip()
        column = 1 if token[0] == text[0] else len(token) - len(token.lstrip()) + 1
        if "\n" in text:  # lines joined by single spaces
            text = " ".join([part.strip() for part in text.split("\n")])
        if "=" in token:
            for match in _UNCLOSED.finditer(token):
                at = line + token.count("\n", 0, match.start())
                self.warn("a line that starts with '=' but is no heading (unclosed '='?); "
                          "kept as text", at, match.end() - match.start())
        self.add_block(_make_paragraph((_make_text(text, line, column),), line, column))

    def bullet_list(self, token: Token) -> None:
        line = token.line + self.offset
        items = []
        for at, (indent, rest) in enumerate(_ITEM_LINE.findall(token), line):
            column = len(indent) + 1
            items.append(_make_item((_make_text(rest.strip(), at, column),), at, column))
        self.add_block(_make_list(tuple(items), line, items[0].column))

    def infobox_block(self, token: Token) -> None:
        line = token.line + self.offset
        column = token.find("I") + 1  # the marker line is whitespace, then "Infobox"
        fields: dict[str, Field] = {}
        items = _ITEM_LINE.findall(token, token.find("\n") + 1)
        for at, (indent, rest) in enumerate(items, line + 1):
            key, colon, value = rest.partition(":")
            key = key.strip()
            if colon and key and key not in fields:  # the usual case, checked at once
                indented = len(indent) + 1
                fields[key] = _make_field(key, (_make_text(value.strip(), at, indented),),
                                          at, indented)
            else:
                self.unusual_field(fields, rest.strip(), at, len(indent) + 1)
        infobox = _make_infobox(tuple(fields.values()), line, column)
        if self.infobox is None and not self.seen_section:
            self.infobox = infobox
            self.note_before_title("an infobox before the title (the first '= Title =' line)",
                                   line, column)
        else:
            self.add_block(infobox)

    def unusual_field(self, fields: dict[str, Field], item: str, line: int, column: int) -> None:
        """An infobox item that is empty, has no ':' or key, or repeats a key."""
        if not item:
            self.warn("empty infobox item; ignored", line, column)
            return
        key, colon, value = item.partition(":")
        key, value = key.strip(), value.strip()
        if not colon:
            self.warn(f"infobox item without ':'; kept as the key {_shown(item)} "
                      f"with an empty value", line, column)
        elif not key:
            self.warn("infobox item with an empty key", line, column)
        if key in fields:
            earlier = fields[key]
            # The replaced value is quoted in full: the message is its only record.
            self.warn(f"duplicate infobox key {_shown(key)}: this value replaces "
                      f"{earlier.value[0].value!r} from line {earlier.line}", line, column)
            line, column = earlier.line, earlier.column  # keeps its first place
        fields[key] = Field(key, (Text(value, line=line, column=column),),
                            line=line, column=column)

    # -- the end -----------------------------------------------------------
    def document(self) -> Document:
        self.close_to(2)
        if self.title is None:
            self.warn("no title: the article has no '= Title =' line", 1 + self.offset, 1)
        elif self.before_title is not None:
            self.warnings.append(self.before_title)
        self.warnings.sort(key=lambda diagnostic: (diagnostic.line, diagnostic.column))
        return Document(self.title, self.infobox, tuple(self.lead), tuple(self.sections),
                        tuple(self.warnings), self.source, line=1 + self.offset, column=1)


# One handler per grammar terminal, checked once when the module loads.
_HANDLERS: dict[str, Callable[[_Builder, Token], None]] = {
    "HEADING": _Builder.heading, "INFOBOX": _Builder.infobox_block,
    "ITEMS": _Builder.bullet_list, "TEXT": _Builder.paragraph,
}
if _HANDLERS.keys() != TERMINALS:  # pragma: no cover - a grammar change without a handler
    raise ImportError(f"builder handlers {sorted(_HANDLERS)} != terminals {sorted(TERMINALS)}")


def build(tokens: list[Token], source: str | None = None, first_line: int = 1,
          warnings: tuple[Diagnostic, ...] = ()) -> Document:
    """Make the document from the grammar's tokens.

    *first_line* is the line of the text's first line in its file (articles of a
    corpus); *warnings* are those found before parsing (encoding, characters).
    """
    builder = _Builder(source, first_line)
    if warnings:
        builder.warnings.extend(w.shifted(first_line - 1) for w in warnings)
    handlers = _HANDLERS
    for token in tokens:
        handlers[token.type](builder, token)
    return builder.document()
