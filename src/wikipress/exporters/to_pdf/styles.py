"""The look of the page: paragraph and table styles derived from the options.

Every size follows from the body size, so ``font_size`` scales the whole
page: headings step down by nesting depth (the section tree, not the number of
``=``), leading is 1.4 times the size, widows and orphans are not allowed, and
headings keep with the text that follows them. List items are set ragged
right even when the body is justified: their lines are short, and stretched
word spaces show most there. So is a body paragraph that holds a long word
(an address), for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from .fonts import FontFamily
from .options import PdfOptions

__all__ = ["Styles", "make_styles", "INK", "MUTED", "RULE", "ACCENT", "SHADE", "CAPTION_SHADE"]

INK = HexColor("#1b1b1b")
ACCENT = HexColor("#1d3557")
MUTED = HexColor("#5c6670")
RULE = HexColor("#9aa4ae")
SHADE = HexColor("#f3f5f7")
CAPTION_SHADE = HexColor("#dde4ec")

_HEADING_SCALES = (1.45, 1.22, 1.08, 1.0, 1.0)  # depth 0 (==) to 4 (======)
_LEADING = 1.4
_TOC_STEP = 1.6  # contents: indent per level, in font sizes
_TOC_TURNOVER = 2.4  # contents: turnover lines, in font sizes beyond their first line


@dataclass(frozen=True)
class Styles:
    family: FontFamily
    body_size: float
    title: ParagraphStyle
    untitled: ParagraphStyle
    headings: tuple[ParagraphStyle, ...]
    body: ParagraphStyle
    body_piece: ParagraphStyle  # a very long paragraph's pieces but the last: no space after
    body_ragged: ParagraphStyle  # body text holding a long word (see StoryBuilder.visit_paragraph)
    body_piece_ragged: ParagraphStyle
    bullet: ParagraphStyle
    last_bullet: ParagraphStyle  # a list's last item: the space after the list
    caption: ParagraphStyle
    key: ParagraphStyle
    value: ParagraphStyle
    toc_heading: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]
    cover_title: ParagraphStyle
    cover_note: ParagraphStyle

    def heading(self, depth: int) -> ParagraphStyle:
        return self.headings[min(depth, len(self.headings) - 1)]

    def ragged(self, style: ParagraphStyle) -> ParagraphStyle:
        """*style* (the body's, or a piece's) set ragged right."""
        return self.body_ragged if style is self.body else self.body_piece_ragged


def _style(name: str, font: str, size: float, *, color: Color = INK, **extra) -> ParagraphStyle:
    settings = dict(fontName=font, fontSize=size, leading=round(size * _LEADING, 2),
                    textColor=color, allowWidows=0, allowOrphans=0, splitLongWords=1,
                    spaceShrinkage=0.05)
    settings.update(extra)
    return ParagraphStyle(name, **settings)


def _toc_indents(level: int, size: float) -> dict[str, float]:
    """A contents entry's first line starts a step in per level, and its turnover
    lines further in than the next level's entries, so they cannot be taken for one."""
    first = level * _TOC_STEP * size
    return {"leftIndent": first + _TOC_TURNOVER * size, "firstLineIndent": -_TOC_TURNOVER * size,
            "rightIndent": size * 2.4}


def make_styles(options: PdfOptions, family: FontFamily) -> Styles:
    size = float(options.font_size)
    regular, bold = family.regular.name, family.bold.name
    italic, bold_italic = family.italic.name, family.bold_italic.name
    body_alignment = TA_JUSTIFY if options.justify else TA_LEFT
    faces = (bold, bold, bold_italic, bold, italic)  # by depth; the two deepest differ in face
    headings = tuple(
        _style(f"heading{depth}", face, size * scale,
               color=ACCENT, spaceBefore=size * (1.5 if depth == 0 else 1.15),
               spaceAfter=size * 0.45, keepWithNext=1, leading=round(size * scale * 1.25, 2))
        for depth, (scale, face) in enumerate(zip(_HEADING_SCALES, faces)))
    small = size * 0.86
    body = _style("body", regular, size, alignment=body_alignment, spaceAfter=size * 0.6)
    bullet = _style("bullet", regular, size, alignment=TA_LEFT, leftIndent=size * 1.6,
                    bulletIndent=size * 0.5, bulletFontName=regular, bulletFontSize=size,
                    spaceAfter=size * 0.2)
    return Styles(
        family=family,
        body_size=size,
        title=_style("title", bold, size * 2.3, color=ACCENT, leading=round(size * 2.75, 2),
                     spaceAfter=size * 0.9, keepWithNext=1),
        untitled=_style("untitled", italic, size * 2.0, color=MUTED, leading=round(size * 2.45, 2),
                        spaceAfter=size * 0.9, keepWithNext=1),
        headings=headings,
        body=body,
        body_piece=ParagraphStyle("body-piece", parent=body, spaceAfter=0),
        body_ragged=ParagraphStyle("body-ragged", parent=body, alignment=TA_LEFT),
        body_piece_ragged=ParagraphStyle("body-piece-ragged", parent=body, alignment=TA_LEFT,
                                         spaceAfter=0),
        bullet=bullet,
        last_bullet=ParagraphStyle("last-bullet", parent=bullet, spaceAfter=size * 0.56),
        caption=_style("caption", bold, size * 0.95, alignment=TA_CENTER, color=ACCENT),
        key=_style("key", bold, small, alignment=TA_LEFT),
        value=_style("value", regular, small, alignment=TA_LEFT),
        toc_heading=_style("toc-heading", bold, size * 1.45, color=ACCENT,  # nearer its entries
                           spaceBefore=size * 1.5, spaceAfter=size * 0.7),  # than the title above
        toc_levels=(  # levels step in by _TOC_STEP; an entry's turnover lines, deeper still
            _style("toc0", bold, size, spaceBefore=size * 0.5, **_toc_indents(0, size)),
            _style("toc1", regular, size * 0.95, **_toc_indents(1, size)),
            _style("toc2", regular, size * 0.9, textColor=MUTED, **_toc_indents(2, size)),
        ),
        cover_title=_style("cover-title", bold, size * 3.0, color=ACCENT, alignment=TA_CENTER,
                           leading=round(size * 3.6, 2), spaceAfter=size * 1.5),
        cover_note=_style("cover-note", italic, size * 1.15, color=MUTED, alignment=TA_CENTER),
    )
