"""The ``text`` format: the article as plain text, for reading.

No markup symbols are left: the title stands alone on the first line, section
headings are numbered (1, 1.1, ...), the infobox becomes an aligned key/value
block, list items get a bullet, and paragraphs wrap at ``width`` columns.
Long words and URLs are never broken, so no text is altered.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from ..nodes import (
    BulletList, Document, Field, Infobox, ListItem, Paragraph, Section, Text, plain_text,
)
from ._options import make_options
from ._visitor import Visitor

__all__ = ["TextExporter"]

_KEY_WIDTH_MAX = 24
_PIECE = 1 << 16  # characters: a longer paragraph is wrapped piece by piece
_SPACES = str.maketrans("\t\n\x0b\x0c\r", "     ")  # what textwrap reads as spaces
_CUT = re.compile(r"(?<! ) ")  # where a piece may end: before a run of spaces
_WHOLE_WORDS = {"break_long_words": False, "break_on_hyphens": False}  # no word is cut
_NO_KEY = "(no key)"  # an empty key, which would read as the line above continuing


@dataclass(frozen=True)
class TextOptions:
    width: int = field(default=80, metadata={"help": "wrap lines at this many characters (20 to 10000); 0 = no wrapping"})
    numbered: bool = field(default=True, metadata={"help": "number section headings (1, 1.1, ...)"})
    bullet: str = field(default="•", metadata={"help": "the mark before each list item"})

    def __post_init__(self):
        if self.width != 0 and not 20 <= self.width <= 10_000:
            raise ValueError(f"width must be 0 (no wrapping) or 20 to 10000, not {self.width}")
        if "\n" in self.bullet:
            raise ValueError("bullet must not contain a line break")


class TextExporter:
    name = "text"
    extension = "txt"
    binary = False
    separator = "\n"  # on one stream: a blank line between articles
    Options = TextOptions

    def export(self, document: Document, **options) -> str:
        settings = make_options(self.Options, options)
        return "\n\n".join(_TextWriter(settings).visit(document)) + "\n"


def _wrap_in_pieces(text: str, width: int, indent: str, hanging: str,
                    piece: int = _PIECE) -> list[str]:
    """The lines ``textwrap.wrap`` makes of a very long *text*, in bounded memory.

    ``textwrap`` splits its whole input into words first, many times the
    text's size for a paragraph of megabytes, so the text is wrapped a piece
    at a time, each cut before a run of spaces. Wrapping is greedy, so every line but
    a piece's last is final; the last is carried into the next piece and
    wrapped again. Tabs and other whitespace are turned into spaces first, for
    the whole text at once, as ``textwrap`` does: the lines are the same as
    from one call.
    """
    text = text.expandtabs().translate(_SPACES)
    lines: list[str] = []
    carried, start = "", 0
    while start < len(text):
        cut = _CUT.search(text, start + piece)
        end = cut.start() if cut else len(text)
        first = hanging if lines else indent  # the indent of the line carried in
        wrapped = textwrap.wrap(carried + text[start:end], width, initial_indent=first,
                                subsequent_indent=hanging, expand_tabs=False,
                                replace_whitespace=False, **_WHOLE_WORDS)
        carried, start = "", end
        if wrapped and end < len(text):  # the last line may still grow
            last = wrapped.pop()
            carried = last[len(hanging if wrapped else first):]
        lines.extend(wrapped)
    return lines


class _TextWriter(Visitor):
    """Each visit returns a list of chunks, joined with blank lines."""

    def __init__(self, options: TextOptions):
        self.options = options
        self.key_width = 0  # of the infobox being written
        self.number: list[int] = []  # the current section's place in the tree: 2.1 = [2, 1]

    def wrap(self, text: str, indent: str = "", hanging: str = "") -> str:
        if not self.options.width:
            return indent + text
        hanging = hanging or indent
        if len(text) > _PIECE and not text[:1].isspace():  # (kept at a paragraph's start)
            return "\n".join(_wrap_in_pieces(text, self.options.width, indent, hanging)) \
                or indent.rstrip()
        return textwrap.fill(text, self.options.width, initial_indent=indent,
                             subsequent_indent=hanging, **_WHOLE_WORDS) or indent.rstrip()

    def visit_document(self, node: Document) -> list[str]:
        chunks = [] if node.title is None else [self.wrap(plain_text(node.title))]
        if node.infobox is not None and node.infobox.fields:
            chunks.append(self.visit(node.infobox))
        chunks.extend(self.visit(block) for block in node.content)
        chunks.extend(self.subsections(node.sections))
        return [chunk for chunk in chunks if chunk]

    def subsections(self, sections: tuple[Section, ...]) -> list[str]:
        """Sections are numbered by their place in the tree, so a level jump
        (a level-4 section right under a level-2 one) still numbers 1.1."""
        chunks: list[str] = []
        for position, section in enumerate(sections, start=1):
            self.number.append(position)
            chunks.extend(self.visit(section))
            self.number.pop()
        return chunks

    def visit_section(self, node: Section) -> list[str]:
        number = ".".join(map(str, self.number)) + " " if self.options.numbered else ""
        chunks = [self.wrap(number + plain_text(node.heading), hanging=" " * len(number))]
        chunks.extend(self.visit(block) for block in node.content)
        chunks.extend(self.subsections(node.sections))
        return chunks

    def visit_paragraph(self, node: Paragraph) -> str:
        return self.wrap(plain_text(node.content))

    def visit_bullet_list(self, node: BulletList) -> str:
        return "\n".join(self.visit(item) for item in node.items)

    def visit_list_item(self, node: ListItem) -> str:
        mark = f"  {self.options.bullet} "
        return self.wrap(plain_text(node.content), mark, " " * len(mark))

    def visit_infobox(self, node: Infobox) -> str:
        column = max(_KEY_WIDTH_MAX, self.options.width // 3)
        keys = [f.key or _NO_KEY for f in node.fields]
        self.key_width = max((len(key) for key in keys if len(key) <= column), default=0)
        return "\n".join(self.visit(item) for item in node.fields)

    def visit_field(self, node: Field) -> str:
        """``key  value``, values aligned; a key too long for the column gets its
        own line, with the value below it in the column."""
        indent = " " * (self.key_width + 2)
        value = plain_text(node.value)
        key = node.key or _NO_KEY
        if len(key) > self.key_width:
            return f"{key}\n{self.wrap(value, indent)}".rstrip() if value else key
        return self.wrap(value, f"{key.ljust(self.key_width)}  ", indent).rstrip()

    def visit_text(self, node: Text) -> str:
        return node.value
