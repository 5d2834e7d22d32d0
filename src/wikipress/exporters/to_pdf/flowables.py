"""The few flowables of our own: headings that bookmark themselves, the group
that keeps a heading with the start of its text, and the marker that tells the
page furniture which article it is printing.

A heading draws a PDF destination at its own position and adds its outline
entry when it is drawn, so the outline follows the pages exactly; the document
template (:mod:`.pages`) reads ``toc_level`` to fill the table of contents.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

__all__ = ["Heading", "HeadingGroup", "InfoboxTable", "ArticleStart"]

_ANY_HEIGHT = 0xFFFFFFF  # what ReportLab offers a flowable measured for a group


class Heading(Paragraph):
    """A paragraph that is also an outline entry (and maybe a contents line).

    ``outline_level`` is None for a heading that is not bookmarked;
    ``toc_level`` is None for one that is not in the table of contents.
    """

    def __init__(self, text, style, *args, key: str = "", label: str = "",
                 outline_level: int | None = None, toc_level: int | None = None,
                 toc_markup: str = "", **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self.markup = toc_markup  # escaped: what the contents prints
        self.key = key
        self.label = label  # plain text for the outline and the contents
        self.outline_level = outline_level
        self.toc_level = toc_level

    def draw(self):
        super().draw()
        if self.outline_level is not None:
            self.canv.bookmarkHorizontal(self.key, 0, self.height + self.style.fontSize * 0.5)
            self.canv.addOutlineEntry(self.label, self.key, self.outline_level,
                                      closed=self.outline_level > 0)
            self.canv.showOutline()  # a viewer opens the PDF with its bookmarks shown

    def split(self, availWidth, availHeight):
        """Only the first part of a heading taller than the page keeps its entry."""
        parts = super().split(availWidth, availHeight)
        if parts:
            first = parts[0]
            first.key, first.label, first.markup = self.key, self.label, self.markup
            first.outline_level, first.toc_level = self.outline_level, self.toc_level
        return parts


class HeadingGroup(KeepTogether):
    """Headings kept on one page with the *start* of the block after them.

    ReportLab groups a ``keepWithNext`` heading with the whole next flowable,
    so a heading before a long paragraph or table moved with all of it to the
    next page and left a gap. The document template uses this class for those
    groups instead: only the headings and the part of the next block that
    cannot be left behind count (:func:`start_height`); the rest may run on.
    """

    def wrap(self, availWidth, availHeight):
        size = super().wrap(availWidth, availHeight)
        follower = self._content[-1]
        if not isinstance(follower, Heading):
            whole = follower.wrapOn(self.canv, availWidth, _ANY_HEIGHT)[1]
            self._H -= whole - min(whole, start_height(follower, whole))
        return size


def start_height(flowable: Flowable, whole: float) -> float:
    """The least of *flowable* (wrapped, *whole* high) that may end a page.

    A paragraph splits only into parts of two lines or more (widows and orphans
    are refused), so one of four lines or more may start with two; a table
    starts with its repeated caption and two rows (see :class:`InfoboxTable`).
    """
    if isinstance(flowable, Paragraph) and len(flowable.blPara.lines) >= 4:
        return 2 * flowable.style.leading
    if isinstance(flowable, Table):
        return sum(flowable._rowHeights[:flowable.repeatRows + 2])
    return whole


class InfoboxTable(Table):
    """A table that splits inside a row only at the top of a page, when it is a
    continuation, and never leaves one row alone at the foot of a page.

    ReportLab splits a table between rows first; the rest (the repeated
    caption, then a row taller than the space left) went on the same page,
    split inside that row, and so printed the caption twice. A continuation
    now waits for the next page before it splits a row. And a table of four
    rows or more that would start with a single row at the foot of a page
    starts on the next one (headings keep room for two: :func:`start_height`).
    """

    continued = False

    def split(self, availWidth, availHeight):
        in_row = self.splitInRow
        frame = getattr(self, "_frame", None)
        at_top = frame is None or frame._atTop
        if self.continued and not at_top:
            self.splitInRow = 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = in_row
        if len(parts) == 2 and not at_top and self._rows(parts[0]) < 2 <= self._rows(self) - 2:
            return []  # one row alone: the whole table goes to the next page
        for number, part in enumerate(parts):
            part.splitInRow, part.continued = in_row, number > 0
        return parts

    def _rows(self, table: Table) -> int:
        """A table's (or part's) rows besides the caption it repeats."""
        return len(table._cellvalues) - self.repeatRows


class ArticleStart(Flowable):
    """Zero-size marker: the article named *title* begins on this page."""

    width = height = 0

    def __init__(self, title: str):
        super().__init__()
        self.title = title

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.canv.running_title = self.title
        self.canv.header_hidden = True
