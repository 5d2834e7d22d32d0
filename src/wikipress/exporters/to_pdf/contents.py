"""The table of contents, and a book's cover.

ReportLab's :class:`TableOfContents` learns its entries while the document is
laid out, so a document that has one is built with ``multiBuild`` (as many
passes as it takes for the page numbers to settle). The entries it prints are
the headings' escaped markup, never raw article text. A book's title is set
large on its cover, and shortened there if it would not fit on that page (the
PDF's metadata keeps it whole).
"""

from __future__ import annotations

import warnings

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Paragraph, Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from .. import ExportWarning
from .breaks import RunBreaker
from .flowables import Passage
from .glyphs import TextGuard
from .shortening import shorten
from .styles import ACCENT, Styles

__all__ = ["contents", "cover"]

_COVER_DROP = 0.3  # share of the page above the title


def contents(styles: Styles, guard: TextGuard) -> list[Flowable]:
    """A "Contents" heading and the table, entries linked to their pages."""
    layout = TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.family.regular.name),
                         ("VALIGN", (0, 0), (-1, -1), "TOP"),
                         ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                         ("TOPPADDING", (0, 0), (-1, -1), 0),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    table = TableOfContents(levelStyles=list(styles.toc_levels), dotsMinLevel=0, tableStyle=layout,
                            formatter=_spaced)
    heading = styles.toc_heading
    return [Paragraph(guard.markup("Contents", heading.fontName), heading), table,
            Spacer(0, styles.body_size * 1.5)]


def _spaced(page: int) -> str:
    """A contents line's page number, a space apart from the leader dots before it
    (ReportLab's dots end in a space of their own, too narrow by itself)."""
    return f" {page}"


def cover(title: str, count: int, styles: Styles, guard: TextGuard,
          frame: tuple[float, float]) -> list[Flowable]:
    """The book's first page: its title and how many articles it holds."""
    note, style = styles.cover_note, styles.cover_title
    articles = f"{count} article" if count == 1 else f"{count} articles"
    width, height = frame
    room = height * (1 - _COVER_DROP) - style.spaceAfter - 3 * note.leading  # the rule and note
    return [
        Spacer(0, height * _COVER_DROP),
        _cover_title(title, style, guard, width, room),
        HRFlowable(width="30%", thickness=1.2, color=ACCENT, spaceBefore=0,
                   spaceAfter=styles.body_size * 1.2, hAlign="CENTER"),
        Paragraph(guard.markup(articles, note.fontName), note),
        PageBreak(),
    ]


def _cover_title(title: str, style: ParagraphStyle, guard: TextGuard, width: float,
                 room: float) -> Passage:
    """The title as the cover sets it, at most *room* points tall: if the whole
    of it is taller, as much of its start as fits, with an ellipsis (found by
    bisection on its length) and an :class:`ExportWarning`."""
    breaker = RunBreaker(width, style.fontName, style.fontSize)

    def passage(text: str) -> Passage:
        return Passage(breaker.markup(breaker.tied_end(guard.plain(text, style.fontName))), style,
                       balanced=True)

    def fits(text: str) -> bool:
        return passage(text).wrap(width, room)[1] <= room

    if fits(title):
        return passage(title)
    low, high = 1, len(title) - 1  # the longest shortening that fits: low
    while low < high:
        middle = (low + high + 1) // 2
        if fits(shorten(title, middle)):
            low = middle
        else:
            high = middle - 1
    shown = shorten(title, low)
    warnings.warn(ExportWarning(f"the book's title ({len(title)} characters) is too long for "
                                f"its cover page; the cover shows its first {len(shown) - 1}"))
    return passage(shown)
