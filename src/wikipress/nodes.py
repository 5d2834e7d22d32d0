"""The article AST: a closed set of small, immutable node classes.

Every reader builds this tree and every exporter only reads it, so it is the one
contract between the two sides (pandoc's split). The rules that keep it easy to
trust:

* Nodes are frozen, slotted dataclasses; children are tuples, never lists.
* Source positions (``line``, ``column``, 1-based; 0 where unknown) are excluded
  from equality, so ``==`` compares structure only: a parsed document equals
  the same document loaded back from YAML or JSON.
* Text that may one day carry inline markup (titles, headings, paragraphs,
  list items, infobox values) is a tuple of *inline* nodes. Today the only
  inline node is :class:`Text`; bold, italic, links and footnotes will join it
  without changing the block nodes. The YAML/JSON shape writes a run of plain
  ``Text`` as one string, so that contract does not change either.
* :func:`walk` visits any tree generically; :func:`to_dict` and
  :func:`from_dict` convert to and from the documented YAML/JSON shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any, Iterator, Mapping

from .diagnostics import Diagnostic

__all__ = [
    "Node", "Text", "Inline", "Paragraph", "ListItem", "BulletList", "Field",
    "Infobox", "Block", "Section", "Document", "walk", "plain_text",
    "to_dict", "from_dict", "ShapeError", "NODE_CLASSES",
]


@dataclass(frozen=True, slots=True)
class Node:
    """Base of every node: where in the source it starts (not part of ``==``)."""

    line: int = field(default=0, compare=False, kw_only=True, repr=False)
    column: int = field(default=0, compare=False, kw_only=True, repr=False)


@dataclass(frozen=True, slots=True)
class Text(Node):
    """Plain text, the only inline node so far."""

    value: str


Inline = Text  # becomes a union when inline markup arrives
Inlines = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Paragraph(Node):
    """Consecutive text lines, joined with single spaces."""

    content: Inlines


@dataclass(frozen=True, slots=True)
class ListItem(Node):
    """One ``- item`` line of a bullet list."""

    content: Inlines


@dataclass(frozen=True, slots=True)
class BulletList(Node):
    """Consecutive item lines outside an infobox."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class Field(Node):
    """One ``- Key: Value`` line of an infobox; keys are plain strings."""

    key: str
    value: Inlines


@dataclass(frozen=True, slots=True)
class Infobox(Node):
    """An ``Infobox`` marker and its fields, in input order, keys unique."""

    fields: tuple[Field, ...]

    def get(self, key: str, default: str | None = None) -> str | None:
        """The plain text of the value for *key*, or *default*."""
        for item in self.fields:
            if item.key == key:
                return plain_text(item.value)
        return default


Block = Paragraph | BulletList | Infobox


@dataclass(frozen=True, slots=True)
class Section(Node):
    """A heading, the blocks after it and the deeper sections after those."""

    heading: Inlines
    level: int
    content: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()

    @property
    def heading_text(self) -> str:
        return plain_text(self.heading)


@dataclass(frozen=True, slots=True)
class Document(Node):
    """One article. ``diagnostics`` and ``source`` are not part of ``==``."""

    title: Inlines | None
    infobox: Infobox | None = None
    content: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False, repr=False)
    source: str | None = field(default=None, compare=False, repr=False)

    @property
    def title_text(self) -> str | None:
        return None if self.title is None else plain_text(self.title)


NODE_CLASSES: tuple[type[Node], ...] = (
    Document, Section, Paragraph, BulletList, ListItem, Infobox, Field, Text,
)


def plain_text(inlines: Inlines) -> str:
    """The text of a run of inline nodes, markup dropped."""
    if len(inlines) == 1:
        return inlines[0].value
    return "".join(node.value for node in inlines)


def walk(node: Node) -> Iterator[Node]:
    """Yield *node* and every node below it, depth first, in document order."""
    yield node
    for spec in fields(node):
        value = getattr(node, spec.name)
        if isinstance(value, Node):
            yield from walk(value)
        elif isinstance(value, tuple):
            for child in value:
                if isinstance(child, Node):
                    yield from walk(child)


# --- the YAML/JSON shape -------------------------------------------------

def to_dict(document: Document) -> dict[str, Any]:
    """The document in the documented YAML/JSON shape (plain dicts and lists)."""
    return {
        "title": document.title_text,
        "infobox": None if document.infobox is None else _infobox_dict(document.infobox),
        "content": [_block_dict(block) for block in document.content],
        "sections": [_section_dict(section) for section in document.sections],
    }


def _infobox_dict(infobox: Infobox) -> dict[str, str]:
    return {item.key: plain_text(item.value) for item in infobox.fields}


def _block_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"paragraph": plain_text(block.content)}
    if isinstance(block, BulletList):
        return {"list": [plain_text(item.content) for item in block.items]}
    if isinstance(block, Infobox):
        return {"infobox": _infobox_dict(block)}
    raise TypeError(f"not a block node: {type(block).__name__}")


def _section_dict(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading_text,
        "level": section.level,
        "content": [_block_dict(block) for block in section.content],
        "sections": [_section_dict(child) for child in section.sections],
    }


def from_dict(data: Mapping[str, Any]) -> Document:
    """Rebuild a document from :func:`to_dict`'s shape.

    Anything else raises ``ValueError`` saying where it goes wrong, as a path
    into the data: ``sections[1].content[0].list``.
    """
    _expect_keys(data, ("title", "infobox", "content", "sections"), "document", "")
    title = data["title"]
    return Document(
        title=None if title is None else _inlines(title, "title"),
        infobox=None if data["infobox"] is None else _infobox(data["infobox"], "infobox"),
        content=_blocks(data["content"], "content"),
        sections=_sections(data["sections"], "sections", 1),
    )


class ShapeError(ValueError):
    """Data that is not in the document shape; ``detail`` says where and why."""

    def __init__(self, detail: str):
        super().__init__(f"not a wikipress document: {detail}")
        self.detail = detail

    def __reduce__(self):  # pickled (to another process) from its detail, not its message
        return type(self), (self.detail,)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _refused(where: str, problem: str) -> ShapeError:
    return ShapeError(f"{where or 'top level'}: {problem}")


def _expect_keys(data: Any, keys: tuple[str, ...], what: str, where: str) -> None:
    if not isinstance(data, Mapping) or set(data) != set(keys):
        raise _refused(where, f"a {what} needs exactly the keys {', '.join(keys)}")


def _sequence(value: Any, where: str) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise _refused(where, f"expected a list, got {type(value).__name__}")
    return value


def _inlines(value: Any, where: str) -> Inlines:
    return (Text(_text(value, where)),)


def _text(value: Any, where: str) -> str:
    """A string of Unicode text (JSON's ``"\\ud800"`` is not: no exporter can encode it)."""
    if not isinstance(value, str):
        raise _refused(where, f"expected a string, got {type(value).__name__}")
    if not value.isascii() and (found := _SURROGATE.search(value)):
        raise _refused(where, f"lone surrogate U+{ord(found.group()):04X}: not valid Unicode")
    return value


def _infobox(data: Any, where: str) -> Infobox:
    if not isinstance(data, Mapping):
        raise _refused(where, "an infobox is a mapping of keys to strings")
    fields = []
    for key, value in data.items():
        if not isinstance(key, str):
            raise _refused(where, f"an infobox key is a string, not {key!r}")
        _text(key, where)
        fields.append(Field(key, _inlines(value, f"{where}[{key!r}]")))
    return Infobox(tuple(fields))


def _blocks(items: Any, where: str) -> tuple[Block, ...]:
    return tuple(_block(item, f"{where}[{n}]") for n, item in enumerate(_sequence(items, where)))


def _block(data: Any, where: str) -> Block:
    if not isinstance(data, Mapping) or len(data) != 1:
        raise _refused(where, "a block is a mapping with one key: paragraph, list or infobox")
    (kind, value), = data.items()
    if kind == "paragraph":
        return Paragraph(_inlines(value, f"{where}.paragraph"))
    if kind == "list":
        items = _sequence(value, f"{where}.list")
        return BulletList(tuple(ListItem(_inlines(item, f"{where}.list[{n}]"))
                                for n, item in enumerate(items)))
    if kind == "infobox":
        return _infobox(value, f"{where}.infobox")
    raise _refused(where, f"unknown block kind {kind!r}")


def _sections(items: Any, where: str, parent_level: int) -> tuple[Section, ...]:
    return tuple(_section(item, f"{where}[{n}]", parent_level)
                 for n, item in enumerate(_sequence(items, where)))


def _section(data: Any, where: str, parent_level: int) -> Section:
    """A section, whose level is deeper than its parent's (the title's is 1)."""
    _expect_keys(data, ("heading", "level", "content", "sections"), "section", where)
    level = data["level"]
    if isinstance(level, float) and level.is_integer():  # 2.0: JSON Schema's integer too
        level = int(level)
    if not isinstance(level, int) or isinstance(level, bool) or not 2 <= level <= 6:
        raise _refused(f"{where}.level", f"a section level is a whole number from 2 to 6, not {level!r}")
    if level <= parent_level:
        raise _refused(f"{where}.level", f"a subsection is deeper than its section "
                                         f"(level {parent_level}), not level {level}")
    return Section(
        heading=_inlines(data["heading"], f"{where}.heading"),
        level=level,
        content=_blocks(data["content"], f"{where}.content"),
        sections=_sections(data["sections"], f"{where}.sections", level),
    )
