"""Pages: the document template, and the running header and footer.

The footer says ``Page N of M``, but M is only known when the last page is
done. Instead of keeping every page in memory, each page draws a reference to
a PDF form named after its number, and the canvas defines those small forms
when it saves, with the total known. The header names the article being
printed (set by :class:`~.flowables.ArticleStart`) and is left off the page
where an article begins, whose title is already at the top.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .flowables import Heading, HeadingGroup
from .options import EDGE_CLEARANCE, FURNITURE_SCALE, HEADER_DEPTH, PdfOptions
from .shortening import fit_width
from .styles import MUTED, RULE, Styles

__all__ = ["PageFurniture", "FurnishedCanvas", "ArticleDocTemplate"]

@dataclass(frozen=True)
class PageFurniture:
    """Where and how the header and footer are drawn."""

    page_width: float
    page_height: float
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    font: str  # header font
    footer_font: str
    size: float

    @property
    def header_baseline(self) -> float:
        """Inside the top margin, and never so high that a printer clips it."""
        return self.page_height - max(self.margins[0] * 0.55, EDGE_CLEARANCE + self.size)

    @property
    def rule_height(self) -> float:
        """The header's rule: below the header's descenders (the options keep it
        clear of the text: ``HEADER_DEPTH``)."""
        return self.header_baseline - self.size * (HEADER_DEPTH - 1)

    @property
    def footer_baseline(self) -> float:
        return max(self.margins[2] * 0.45, EDGE_CLEARANCE + self.size * 0.3)

    def draw_header(self, canvas: Canvas, title: str) -> None:
        top, right, _, left = self.margins
        width = self.page_width - left - right
        canvas.saveState()
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, self.header_baseline, fit_width(title, width, self.font, self.size))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(left, self.rule_height, self.page_width - right, self.rule_height)
        canvas.restoreState()

    def draw_footer(self, canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(self.footer_font, self.size)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(self.page_width / 2, self.footer_baseline, f"Page {number} of {total}")
        canvas.restoreState()


class FurnishedCanvas(Canvas):
    """A canvas that adds the header and the ``Page N of M`` footer to each page.

    ``running_title`` and ``header_hidden`` are set while a page is drawn;
    pages before ``first_furnished`` (a book's cover) get neither.
    """

    def __init__(self, *args, furniture: PageFurniture, first_furnished: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.furniture = furniture
        self.first_furnished = first_furnished
        self.running_title: str | None = None
        self.header_hidden = False

    def showPage(self):
        number = self.getPageNumber()
        if number >= self.first_furnished:
            if self.running_title and not self.header_hidden:
                self.furniture.draw_header(self, self.running_title)
            self.doForm(f"wikipressFooter{number}")
        self.header_hidden = False
        super().showPage()

    def save(self):
        total = self.getPageNumber() - 1
        for number in range(self.first_furnished, total + 1):
            self.beginForm(f"wikipressFooter{number}")
            self.furniture.draw_footer(self, number, total)
            self.endForm()
        super().save()


class ArticleDocTemplate(BaseDocTemplate):
    """One frame per page inside the margins; headings feed the contents."""

    def __init__(self, stream, options: PdfOptions, styles: Styles, *, metadata: dict[str, str],
                 first_furnished: int = 1):
        top, right, bottom, left = options.margin_points
        width, height = options.page_dimensions
        super().__init__(stream, pagesize=(width, height), leftMargin=left, rightMargin=right,
                         topMargin=top, bottomMargin=bottom, invariant=1, pageCompression=1,
                         initialFontName=styles.family.regular.name,
                         initialFontSize=styles.body_size, author="", lang=options.language_tag,
                         keepTogetherClass=HeadingGroup, **metadata)
        frame = Frame(left, bottom, width - left - right, height - top - bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("body", [frame])])
        furniture = PageFurniture(width, height, (top, right, bottom, left),
                                  styles.family.italic.name, styles.family.regular.name,
                                  round(styles.body_size * FURNITURE_SCALE, 2))
        self.canvasmaker = functools.partial(FurnishedCanvas, furniture=furniture,
                                             first_furnished=first_furnished)

    @property
    def text_width(self) -> float:
        return self.width

    def build(self, flowables, filename=None, canvasmaker=None):
        super().build(flowables, filename, canvasmaker or self.canvasmaker)

    def multiBuild(self, story, maxPasses=10, **build_kwds):
        build_kwds.setdefault("canvasmaker", self.canvasmaker)
        return super().multiBuild(story, maxPasses, **build_kwds)

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading) and flowable.toc_level is not None:
            self.notify("TOCEntry", (flowable.toc_level, flowable.markup, self.page, flowable.key))
