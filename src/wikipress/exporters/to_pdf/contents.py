"""The table of contents, and a book's cover.

ReportLab's :class:`TableOfContents` learns its entries while the document is
laid out, so a document that has one is built with ``multiBuild`` (as many
passes as it takes for the page numbers to settle). The entries it prints are
the headings' escaped markup, never raw article text.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, HRFlowable, PageBreak, Paragraph, Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from .breaks import RunBreaker
from .flowables import Passage
from .glyphs import TextGuard
from .styles import ACCENT, Styles

__all__ = ["contents", "cover"]


def contents(styles: Styles, guard: TextGuard) -> list[Flowable]:
    """A "Contents" heading and the table, entries linked to their pages."""
    layout = TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.family.regular.name),
                         ("VALIGN", (0, 0), (-1, -1), "TOP"),
                         ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                         ("TOPPADDING", (0, 0), (-1, -1), 0),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    table = TableOfContents(levelStyles=list(styles.toc_levels), dotsMinLevel=0, tableStyle=layout)
    heading = styles.toc_heading
    return [Paragraph(guard.markup("Contents", heading.fontName), heading), table,
            Spacer(0, styles.body_size * 1.5)]


def cover(title: str, count: int, styles: Styles, guard: TextGuard,
          frame: tuple[float, float]) -> list[Flowable]:
    """The book's first page: its title and how many articles it holds."""
    note, style = styles.cover_note, styles.cover_title
    articles = f"{count} article" if count == 1 else f"{count} articles"
    width, height = frame
    breaker = RunBreaker(width, style.fontName, style.fontSize)
    title_markup = breaker.markup(breaker.tied_end(guard.plain(title, style.fontName)))
    return [
        Spacer(0, height * 0.3),
        Passage(title_markup, style),
        HRFlowable(width="30%", thickness=1.2, color=ACCENT, spaceBefore=0,
                   spaceAfter=styles.body_size * 1.2, hAlign="CENTER"),
        Paragraph(guard.markup(articles, note.fontName), note),
        PageBreak(),
    ]
