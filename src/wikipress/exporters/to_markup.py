"""The ``markup`` format: the AST back to canonical article markup.

Canonical means: the title line, a blank line, the article's infobox, then
blocks separated by one blank line; a blank line before every heading, and a
heading directly followed by its first block (the layout of the reference
article). ``parse(export(doc, "markup")) == doc`` for every parsed document, and
canonical input round-trips byte for byte.
"""

from __future__ import annotations

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
        chunks: list[tuple[str, bool]] = []
        if node.title is not None:
            chunks.append((f"= {plain_text(node.title)} =", False))
        if node.infobox is not None:
            chunks.append((self.visit(node.infobox), False))
        chunks.extend((self.visit(block), False) for block in node.content)
        for section in node.sections:
            chunks.extend(self.visit(section))
        return chunks

    def visit_section(self, node: Section) -> list[tuple[str, bool]]:
        marks = "=" * node.level
        chunks = [(f"{marks} {plain_text(node.heading)} {marks}", True)]
        chunks.extend((self.visit(block), False) for block in node.content)
        for section in node.sections:
            chunks.extend(self.visit(section))
        return chunks

    def visit_paragraph(self, node: Paragraph) -> str:
        return plain_text(node.content)

    def visit_bullet_list(self, node: BulletList) -> str:
        return "\n".join(self.visit(item) for item in node.items)

    def visit_list_item(self, node: ListItem) -> str:
        return f"- {plain_text(node.content)}".rstrip()

    def visit_infobox(self, node: Infobox) -> str:
        return "\n".join(["Infobox", *(self.visit(item) for item in node.fields)])

    def visit_field(self, node: Field) -> str:
        return f"- {node.key}: {plain_text(node.value)}".rstrip()

    def visit_text(self, node: Text) -> str:
        return node.value
