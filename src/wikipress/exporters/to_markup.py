"""The ``markup`` format: the AST back to canonical article markup.

Canonical means: the title line, a blank line, the article's infobox, then
blocks separated by one blank line; a blank line before every heading, and a
heading directly followed by its first block (the layout of the reference
article). ``parse(export(doc, "markup")) == doc`` for every parsed document, and
canonical input round-trips byte for byte.

Two layouts leave the canonical one, only where it would read back differently:
a paragraph whose one-line form would read as a heading (``=a b=``, joined from
the lines ``=a`` and ``b=``) is broken into lines that each read as text, and a
lead infobox that is not the article's (the input had a section before its
title) is kept so by writing the sections before the title. A document that no
markup reads back as (built by hand: a line break in a heading, duplicate keys,
a level-3 section before a level-2 sibling, ...) raises :class:`ExportError`.
A paragraph line that starts with U+FEFF is indented by one space: the reader
drops a U+FEFF at the start of a line, as the byte-order mark of a file joined on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..nodes import (
    BulletList, Document, Field, Infobox, ListItem, Paragraph, Section, Text, plain_text,
)
from ._options import make_options
from ._visitor import Visitor

__all__ = ["MarkupExporter"]


@dataclass(frozen=True)
class MarkupOptions:
    """The ``markup`` format has no options."""


class MarkupExporter(Visitor):
    name = "markup"
    extension = "wiki"
    binary = False
    separator = "\n"  # on one stream: a blank line (a corpus, when every article has a title)
    Options = MarkupOptions

    def export(self, document: Document, **options) -> str:
        make_options(self.Options, options)
        chunks = self.visit(document)
        out = []
        for (text, is_heading), (_, next_is_heading) in zip(chunks, chunks[1:]):
            out.append(text)
            out.append("\n" if is_heading and not next_is_heading else "\n\n")
        if chunks:
            out.append(chunks[-1][0])
        return "".join(out) + "\n"

    # Each visit of a block-level node returns a list of (text, is_heading) chunks;
    # the title counts as no heading so that a blank line follows it.
    def visit_document(self, node: Document) -> list[tuple[str, bool]]:
        before = _sections_before_title(node)
        head, tail = node.sections[:before], node.sections[before:]
        _check_levels(head, 1)
        _check_levels(tail, 1)
        chunks: list[tuple[str, bool]] = []
        if node.infobox is not None and head:  # before the first heading, or it is not the article's
            chunks.append((self.visit(node.infobox), False))
        for section in head:
            chunks.extend(self.visit(section))
        if node.title is not None:
            chunks.append((f"= {_heading_text(node.title)} =", False))
        if node.infobox is not None and not head:
            chunks.append((self.visit(node.infobox), False))
        chunks.extend((self.visit(block), False) for block in node.content)
        for section in tail:
            chunks.extend(self.visit(section))
        return chunks

    def visit_section(self, node: Section) -> list[tuple[str, bool]]:
        marks = "=" * node.level
        chunks = [(f"{marks} {_heading_text(node.heading)} {marks}", True)]
        chunks.extend((self.visit(block), False) for block in node.content)
        for section in node.sections:
            chunks.extend(self.visit(section))
        return chunks

    def visit_paragraph(self, node: Paragraph) -> str:
        lines = text_lines(_one_line(plain_text(node.content), "a paragraph"))
        return "\n".join(" " + line if line.startswith("\ufeff") else line for line in lines)

    def visit_bullet_list(self, node: BulletList) -> str:
        if not node.items:
            raise _unwritable("a list without items")
        return "\n".join(self.visit(item) for item in node.items)

    def visit_list_item(self, node: ListItem) -> str:
        return f"- {_trimmed(plain_text(node.content), 'a list item')}".rstrip()

    def visit_infobox(self, node: Infobox) -> str:
        keys = [item.key for item in node.fields]
        if len(set(keys)) != len(keys):
            raise _unwritable("an infobox with a duplicate key")
        return "\n".join(["Infobox", *(self.visit(item) for item in node.fields)])

    def visit_field(self, node: Field) -> str:
        key = _trimmed(node.key, "an infobox key")
        if ":" in key:
            raise _unwritable(f"the infobox key {key!r} holds ':'")
        return f"- {key}: {_trimmed(plain_text(node.value), 'an infobox value')}".rstrip()

    def visit_text(self, node: Text) -> str:
        return node.value


_CUT = re.compile(r"(?<=\S) (?=\S)")  # where a paragraph may be cut into lines
_SOLID = re.compile(r"[^=\s]")         # a character that makes an "=" line a heading


def _is_item_start(text: str, start: int) -> bool:
    return text[start] in "-*" and (start + 1 == len(text) or text[start + 1].isspace())


def reads_as_text(line: str) -> bool:
    """Whether one trimmed, non-blank line reads back as a text line."""
    if _is_item_start(line, 0) or line == "Infobox":
        return False
    return not (line[0] == "=" and line[-1] == "=" and _SOLID.search(line))


def text_lines(text: str) -> list[str]:
    """Lines that each read as text and join back into *text* (one if it can).

    Lines are cut only at a single space between two non-spaces, since the
    reader joins lines with one space. The search is linear in the text: a line
    is text unless it is an item, the marker ``Infobox``, or starts and ends
    with ``=`` around a character other than ``=`` and whitespace, so for each
    possible line end it is enough to remember the earliest reachable line
    starts of each kind (``_Starts``).
    """
    if reads_as_text(text):
        return [text]
    for cut in _CUT.finditer(text):  # nearly always, two lines will do
        head, tail = text[:cut.start()], text[cut.end():]
        if reads_as_text(head) and reads_as_text(tail):
            return [head, tail]
        if cut.start() > 80:
            break  # the first line would be long, or no two lines will do: search
    previous: dict[int, int] = {}   # a reachable line start -> the line start before it
    starts = _Starts()
    starts.reach(text, 0)
    scanned = 0
    for end in [*(cut.start() for cut in _CUT.finditer(text)), len(text)]:
        if _SOLID.search(text, scanned, end):
            starts.equals_after_solid = None  # a line from there would hold text
        scanned = end
        found = starts.line_start(text, end)
        if found is None:
            continue
        if end == len(text):
            lines, at = [text[found:]], found
            while at:
                lines.append(text[previous[at]:at - 1])
                at = previous[at]
            return lines[::-1]
        previous[end + 1] = found
        starts.reach(text, end + 1)
    raise _unwritable(f"the paragraph {text[:40]!r} cannot be cut into lines that read as text")


class _Starts:
    """The earliest reachable line starts of each kind, for :func:`text_lines`."""

    def __init__(self):
        self.equals: int | None = None              # at a "="
        self.equals_after_solid: int | None = None  # at a "=", with only "=" and spaces after
        self.others: list[int] = []                 # the first two at anything but "=" or an item

    def reach(self, text: str, start: int) -> None:
        if text[start] == "=":
            self.equals = start if self.equals is None else self.equals
            if self.equals_after_solid is None:
                self.equals_after_solid = start
        elif len(self.others) < 2 and not _is_item_start(text, start):
            self.others.append(start)

    def line_start(self, text: str, end: int) -> int | None:
        """A reachable start from which ``text[start:end]`` is a text line, if any."""
        if text[end - 1] == "=":
            return self.others[0] if self.others else self.equals_after_solid
        for start in sorted(s for s in (self.equals, *self.others) if s is not None):
            if not (end - start == 7 and text.startswith("Infobox", start)):
                return start
        return None


def _heading_text(inlines) -> str:
    text = _one_line(plain_text(inlines), "a heading")
    if not any(char != "=" and not char.isspace() for char in text):
        raise _unwritable(f"the heading {text!r} needs a character other than '='")
    return text


def _one_line(text: str, what: str) -> str:
    if not text:
        raise _unwritable(f"{what} that is empty")
    return _trimmed(text, what)


def _trimmed(text: str, what: str) -> str:
    if "\n" in text or "\r" in text:
        raise _unwritable(f"{what} with a line break: {text[:40]!r}")
    if text != text.strip():
        raise _unwritable(f"{what} with surrounding whitespace: {text[:40]!r}")
    return text


def _sections_before_title(node: Document) -> int:
    """How many top-level sections to write before the title (normally none).

    The reader ends every open section at the title, so a document read from a
    file with sections before its title can hold what no title-first layout
    says: top-level sections whose level rises (``== A ==``, ``= T =``,
    ``=== B ===``: B is no child of A), or a lead infobox that is not the
    article's. Those are written with the title where it must have stood.
    """
    sections = node.sections
    rises = [i for i in range(1, len(sections)) if sections[i].level > sections[i - 1].level]
    if rises:
        if len(rises) > 1 or node.title is None:
            raise _unwritable(f"the level-{sections[rises[-1]].level} section "
                              f"{sections[rises[-1]].heading_text!r} after a level-"
                              f"{sections[rises[-1] - 1].level} sibling (it would nest in it)")
        return rises[0]
    if node.infobox is None and any(isinstance(block, Infobox) for block in node.content):
        if node.title is None or not sections:
            raise _unwritable("a lead infobox that is not the article's needs a title "
                              "and a section before it")
        return len(sections)
    return 0


def _check_levels(sections: tuple[Section, ...], parent: int) -> None:
    """Children deeper than their parent, siblings never deeper than the one before."""
    previous = 6
    for section in sections:
        name = f"the level-{section.level} section {section.heading_text!r}"
        if not parent < section.level <= 6:
            raise _unwritable(f"{name} under level {parent} (levels go from 2 to 6)")
        if section.level > previous:
            raise _unwritable(f"{name} after a level-{previous} sibling (it would nest in it)")
        previous = section.level
        _check_levels(section.sections, section.level)


def _unwritable(reason: str):
    from . import ExportError

    return ExportError(f"the document has no markup form that reads back the same: {reason}")
