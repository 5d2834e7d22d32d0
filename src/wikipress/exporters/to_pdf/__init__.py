"""The ``pdf`` format: printable articles, and books of them, with ReportLab.

This package is split by concern: :mod:`.options` (the frozen options, no
ReportLab), :mod:`.fonts` (which TrueType files, registered once),
:mod:`.glyphs` (text checked against the font and escaped), :mod:`.styles`
(the look), :mod:`.story` (the AST as flowables, a Visitor), :mod:`.flowables`
(self-bookmarking headings), :mod:`.pages` (header, ``Page N of M`` footer,
document template), :mod:`.contents` (contents and cover) and :mod:`.render`
(the builds). Importing this module does not import ReportLab; exporting does.
"""

from __future__ import annotations

from typing import Any, Iterable

from ...nodes import Document
from .._options import make_options
from .options import PdfOptions

__all__ = ["PdfExporter", "PdfOptions"]


class PdfExporter:
    name = "pdf"
    extension = "pdf"
    binary = True
    Options = PdfOptions

    def export(self, document: Document, **options: Any) -> bytes:
        """One article as a PDF; characters the font lacks raise ``ExportWarning``."""
        settings = make_options(self.Options, options)
        from .render import render_article

        return render_article(document, settings)

    def export_book(self, documents: Iterable[Document], *, title: str = "Articles",
                    **options: Any) -> bytes:
        """Many articles in one PDF: cover, contents, each article on a new page."""
        settings = make_options(self.Options, options)
        documents = list(documents)
        if not documents:
            from .. import ExportError

            raise ExportError("a book needs at least one article")
        if not isinstance(title, str) or not title.strip():
            from .. import ExportError

            raise ExportError("a book needs a title that is not empty")
        from .render import render_book

        return render_book(documents, title.strip(), settings)
