"""The few flowables of our own: paragraphs that split cleanly after a forced
line break, headings that bookmark themselves, the group
that keeps a heading with the start of its text, the infobox table that splits
without lone rows, and the marker that tells the page furniture which article
it is printing.

A heading draws a PDF destination at its own position and adds its outline
entry when it is drawn, so the outline follows the pages exactly; the document
template (:mod:`.pages`) reads ``toc_level`` to fill the table of contents.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

__all__ = ["Passage", "Heading", "HeadingGroup", "InfoboxTable", "ArticleStart"]

_ANY_HEIGHT = 0xFFFFFFF  # what ReportLab offers a flowable measured for a group
_LARGEST_GAP = 0.25  # a table split between rows may leave this share of a page empty
_CONTINUED = ("(continued)", "(cont.)", "")  # after a split row's key: the first that fits
_MOST_BALANCED = 4  # lines: a longer passage is a paragraph, set as it comes
_BALANCING_STEPS = 9  # halvings of the width: within 1/1000 of it
_ALIGNMENT_SHARE = {TA_CENTER: 0.5, TA_RIGHT: 1.0}  # of the width saved, what goes left of the lines


class Passage(Paragraph):
    """A Paragraph whose part on the next page does not start with an empty line,
    and whose lines may be *balanced*.

    Text holds forced line breaks (``<br/>``) where a run wider than the line
    is cut (:mod:`.breaks`). ReportLab 5.1 starts the rest of a paragraph that
    it splits right after such a break with the break itself, which prints as
    an empty line at the top of the next page; it is dropped here.

    A *balanced* passage of two to :data:`_MOST_BALANCED` lines is set as
    narrow as it can be without taking another line (found by bisection), so
    that its lines come out about equally long, as titles are set by hand:
    "The Cathedral Architecture / of Medieval France", not "The Cathedral
    Architecture of Medieval / France". It still takes the whole width, and a
    centred one stays centred.
    """

    def __init__(self, text, style, *args, balanced: bool = False, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self.balanced = balanced
        self._indent = 0.0  # how far right of the frame's edge the narrowed lines start

    def wrap(self, availWidth, availHeight):
        width, height = super().wrap(availWidth, availHeight)
        self._indent = 0.0
        lines = len(self.blPara.lines)
        if not self.balanced or not 2 <= lines <= _MOST_BALANCED:
            return width, height
        narrow, wide = availWidth / 2, availWidth  # too narrow (or just enough), wide enough
        for _ in range(_BALANCING_STEPS):
            middle = (narrow + wide) / 2
            super().wrap(middle, availHeight)
            if len(self.blPara.lines) > lines:
                narrow = middle
            else:
                wide = middle
        height = super().wrap(wide, availHeight)[1]
        self._indent = (availWidth - wide) * _ALIGNMENT_SHARE.get(self.style.alignment, 0.0)
        return availWidth, height

    def drawOn(self, canvas, x, y, _sW=0):
        super().drawOn(canvas, x + self._indent, y, _sW)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.balanced = self.balanced  # ReportLab makes the parts without it
        if len(parts) == 2:
            words = parts[1].frags  # after a split: words, each [width, (fragment, text), ...]
            while words and _is_line_break(words[0]):
                del words[0]
        return parts


def _is_line_break(word) -> bool:
    return (isinstance(word, list) and len(word) == 2 and not word[1][1]
            and getattr(word[1][0], "lineBreak", False))


class Heading(Passage):
    """A paragraph that is also an outline entry (and maybe a contents line).

    ``outline_level`` is None for a heading that is not bookmarked;
    ``toc_level`` is None for one that is not in the table of contents.
    """

    def __init__(self, text, style, *args, key: str = "", label: str = "",
                 outline_level: int | None = None, toc_level: int | None = None,
                 toc_markup: str = "", **kwargs):
        super().__init__(text, style, *args, balanced=True, **kwargs)
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
    of four rows or more starts with its repeated caption and two rows, and a
    shorter one does not split (see :class:`InfoboxTable`).
    """
    if isinstance(flowable, Paragraph) and len(flowable.blPara.lines) >= 4:
        return 2 * flowable.style.leading
    if isinstance(flowable, Table) and len(flowable._cellvalues) - flowable.repeatRows >= 4:
        return sum(flowable._rowHeights[:flowable.repeatRows + 2])
    return whole


class InfoboxTable(Table):
    """A table that splits without lone rows or large gaps, and prints its
    caption once per page.

    ReportLab splits a table between rows first, and put the rest (the
    repeated caption, then a row taller than the space left) on the same page,
    where it split that row and printed the caption twice. So a continuation
    splits inside a row only at the top of a page. Besides:

    * a split between rows leaves two rows or more on each side: a row that
      would go alone to the next page takes a second along;
    * where one row would stay alone at the foot of a page, or a quarter of the
      page stay empty before a tall row, that row splits inside itself if it
      can; else the table moves to the next page (headings keep room for two
      rows: :func:`start_height`);
    * the rest of a row split inside itself shows its key again, marked as
      continued ("(cont.)" in a column too narrow for the word), where
      ReportLab leaves that cell empty.
    """

    continued = False

    def split(self, availWidth, availHeight):
        frame = getattr(self, "_frame", None)
        at_top = frame is None or frame._atTop
        in_row = bool(self.splitInRow) and (at_top or not self.continued)
        parts = self._split(availWidth, availHeight, in_row)
        if len(parts) == 2 and not self._inside_a_row(parts):
            most_gap = _LARGEST_GAP * (frame._height if frame is not None else availHeight)
            parts = self._better_split(parts, availWidth, availHeight, in_row, at_top, most_gap)
        for number, part in enumerate(parts):
            part.splitInRow, part.continued = self.splitInRow, number > 0
        if len(parts) == 2 and self._inside_a_row(parts):
            _repeat_key(*parts)
        return parts

    def _better_split(self, parts: list[Table], availWidth, availHeight, in_row: bool,
                      at_top: bool, most_gap: float) -> list[Table]:
        """*parts* (split between rows), or a better split: a second row goes
        along to the next page rather than one alone; the next row splits inside
        itself rather than leave one row alone or more than *most_gap* empty at
        the foot of the page; or (never at the top of a page) the table moves on."""
        first, rest = self._rows(parts[0]), self._rows(parts[1])
        kept = len(parts[0]._cellvalues)
        if rest == 1 and first >= 3:
            return self._split(availWidth, sum(self._rowHeights[:kept - 1])
                               + self._rowHeights[kept - 1] / 2, in_row=False)
        gap = availHeight - sum(self._rowHeights[:kept])
        if in_row and (min(first, rest) < 2 or gap > most_gap):
            inside = self._splitRows(availHeight, doInRowSplit=1)
            if len(inside) == 2:
                return inside
        return parts if min(first, rest) >= 2 or at_top else []

    def _split(self, availWidth, availHeight, in_row: bool) -> list[Table]:
        """ReportLab's split, inside a row only if *in_row* allows."""
        saved = self.splitInRow
        self.splitInRow = saved if in_row else 0
        try:
            return super().split(availWidth, availHeight)
        finally:
            self.splitInRow = saved

    def _rows(self, table: Table) -> int:
        """A table's (or part's) rows besides the caption it repeats."""
        return len(table._cellvalues) - self.repeatRows

    def _inside_a_row(self, parts: list[Table]) -> bool:
        """Whether ReportLab split a row in two (its halves are in both parts)."""
        return sum(self._rows(part) for part in parts) > self._rows(self)


def _repeat_key(first: Table, rest: Table) -> None:
    """Put the key of the row split between *first* and *rest* above its rest,
    if the key fits there (else the cell stays empty, as ReportLab leaves it)."""
    key = first._cellvalues[-1][0]
    key = key[0] if isinstance(key, (list, tuple)) and len(key) == 1 else key
    row = rest._cellvalues[rest.repeatRows]
    if not isinstance(key, Paragraph) or row[0]:
        return  # no key of ours, or the key itself runs on
    cell, height = rest._cellStyles[rest.repeatRows][0], rest._argH[rest.repeatRows]
    if height is None:
        return  # ReportLab fixes the heights of a split row's halves; not this one
    width = rest._colWidths[0] - cell.leftPadding - cell.rightPadding
    room = height - cell.topPadding - cell.bottomPadding
    markup = getattr(key, "key_markup", key.text)  # a label's own key, not "(continued)" twice
    for marker in _CONTINUED:
        if stringWidth(marker, key.style.fontName, key.style.fontSize) > width:
            continue  # a narrow column: a marker cut inside itself reads worse than a shorter one
        label = Paragraph(f"{markup} {marker}".rstrip(), key.style)
        if label.wrap(width, room)[1] <= room:
            label.key_markup = markup
            row[0] = [label]
            return


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
