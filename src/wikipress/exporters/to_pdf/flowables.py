"""The few flowables of our own: headings that bookmark themselves, and the
marker that tells the page furniture which article it is printing.

A heading draws a PDF destination at its own position and adds its outline
entry when it is drawn, so the outline follows the pages exactly; the document
template (:mod:`.pages`) reads ``toc_level`` to fill the table of contents.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

__all__ = ["Heading", "ArticleStart"]


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

    def split(self, availWidth, availHeight):
        """Only the first part of a heading taller than the page keeps its entry."""
        parts = super().split(availWidth, availHeight)
        if parts:
            first = parts[0]
            first.key, first.label, first.markup = self.key, self.label, self.markup
            first.outline_level, first.toc_level = self.outline_level, self.toc_level
        return parts


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
