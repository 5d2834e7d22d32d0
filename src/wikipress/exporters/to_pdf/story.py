"""The AST as a ReportLab story: a Visitor that returns lists of flowables.

One article becomes: its title, its infobox as a boxed two-column table with
the title as caption, the lead, then the sections, nested by depth. All text
goes through :class:`~.glyphs.TextGuard` (checked against the font, then
escaped), so nothing in an article is ever read as Paragraph markup.
"""

from __future__ import annotations

from typing import Callable

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, TableStyle

from ...nodes import (
    Block, BulletList, Document, Field, Infobox, Inlines, ListItem, Paragraph as ParagraphNode,
    Section, Text, plain_text,
)
from .._visitor import Visitor
from .breaks import RunBreaker
from .flowables import ArticleStart, Heading, InfoboxTable, Passage
from .glyphs import TextGuard
from .shortening import shorten
from .styles import CAPTION_SHADE, RULE, SHADE, Styles

__all__ = ["StoryBuilder", "display_title"]

_KEY_SHARE = (0.2, 0.4)  # the key column's width: a share of the table's, at least and at most
_CELL_PADDING = 10.0  # left + right
_SHORT = 160  # characters: a longer title or heading is shortened in captions and the contents
_PIECE = 50_000  # characters, about 12 A4 pages: a longer paragraph is set as pieces
_LEAD_IN = 400  # characters: a paragraph ending with ':' up to this long keeps with its list
_LONG_WORD = (0.25, 12.0)  # of the line, and em: a paragraph with a word longer than both
                          # (12 em is about 24 letters: more than common words) is set ragged right


def _leads_in(block: Block) -> bool:
    if not isinstance(block, ParagraphNode):
        return False
    text = plain_text(block.content).rstrip()
    return text.endswith(":") and len(text) <= _LEAD_IN


def pieces(text: str, size: int = _PIECE) -> list[str]:
    """*text* cut into pieces of about *size* characters, after a sentence's end
    where there is one (else at a space), for paragraphs of many pages.

    ReportLab lays out the rest of a paragraph again at every page break, so one
    paragraph of N pages cost N times its own length: a 100,000-word paragraph
    took minutes. Pieces follow each other with no space between; each ends
    with a line set flush left, as a paragraph's last line is, which shows as a
    short line once every dozen pages or so, in paragraphs no article has.
    """
    found = []
    while len(text) > size:
        cut = max(text.rfind(". ", size // 2, size), text.rfind("? ", size // 2, size),
                  text.rfind("! ", size // 2, size))
        cut = cut + 1 if cut >= 0 else text.rfind(" ", size // 2, size)
        if cut <= 0:
            cut = size  # no space at all: a cut inside a word, which breaks there anyway
        found.append(text[:cut])
        text = text[cut:].lstrip(" ")
    return [*found, text]


def display_title(document: Document) -> str:
    """The title, or the source file's name for an article without one."""
    if document.title is not None:
        return document.title_text
    if document.source:
        return document.source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return "Untitled article"


class StoryBuilder(Visitor):
    """Flowables for one document.

    *outline_base* is the outline level of the article's title: -1 for a lone
    article (its sections are the top of the outline), 0 in a book. *key*
    prefixes the document's bookmark names, unique within one PDF.
    *hyphenate* (a :class:`~.hyphens.Hyphenator`) marks where running text may
    break inside words; titles, headings and keys are never hyphenated.
    """

    def __init__(self, styles: Styles, guard: TextGuard, width: float, *,
                 outline_base: int = -1, toc_depth: int = 0, key: str = "a",
                 hyphenate: Callable[[str], str] | None = None):
        self.styles = styles
        self.hyphenate = hyphenate
        self.guard = guard
        self.width = width
        self.outline_base = outline_base
        self.toc_depth = toc_depth  # section levels listed in the contents (0 = none)
        self.key = key
        self.depth = 0
        self.count = 0
        self.columns = (0.0, width)  # the infobox being built: its key and value columns' widths

    # -- helpers ------------------------------------------------------------
    def text(self, content: Inlines) -> str:
        """The text of a run of inline nodes, as their visits give it."""
        return "".join(map(self.visit, content))

    def markup(self, text: str, style: ParagraphStyle, width: float | None = None, *,
               running: bool = False) -> str:
        """Paragraph markup of article *text* set *width* points wide (the page's
        by default): checked against the font (:meth:`plain`), escaped, and a
        run of text wider than the line cut into lines of its own (:mod:`.breaks`)."""
        return self.cut(self.plain(text, style.fontName, running=running), style, width)

    def plain(self, text: str, font: str, *, running: bool = False, ends: bool = True) -> str:
        """*text* as the font can draw it; *running* text with soft hyphens where
        ``hyphenate`` asks for them (titles, headings and keys have none), but
        in its last word if it *ends* a paragraph."""
        plain = self.guard.plain(text, font)
        if self.hyphenate is None or not running:
            return plain
        return self.hyphenate(plain, last_whole=ends)

    def cut(self, plain: str, style: ParagraphStyle, width: float | None = None) -> str:
        """Markup of text that :meth:`plain` gave (see :meth:`markup`)."""
        return RunBreaker(width or self.width, style.fontName, style.fontSize).markup(plain)

    def heading_markup(self, text: str, style: ParagraphStyle) -> str:
        """Markup of a title or heading (see :meth:`markup`), its last words kept
        on one line (:meth:`.RunBreaker.tied_end`)."""
        breaker = RunBreaker(self.width, style.fontName, style.fontSize)
        return breaker.markup(breaker.tied_end(self.plain(text, style.fontName)))

    def has_long_word(self, plain: str, style: ParagraphStyle) -> bool:
        """Whether *plain* holds a run that cannot break (between spaces and soft
        hyphens) wider than :data:`_LONG_WORD` (a share of the line, and ems): an
        address, a long compound without ``hyphenate``. The ems keep ordinary
        words from counting on a narrow page in large type."""
        share, ems = _LONG_WORD
        width = max(share * self.width, ems * style.fontSize)
        return any(RunBreaker(width, style.fontName, style.fontSize).too_wide(plain))

    def next_key(self) -> str:
        self.count += 1
        return f"{self.key}-{self.count}"

    def outline_level(self, depth: int) -> int:
        return self.outline_base + 1 + depth

    def contents_markup(self, label: str, level: int | None) -> str:
        """A heading's line in the contents: escaped, shortened when very long."""
        if level is None:
            return ""
        style = self.styles.toc_levels[min(level, 2)]
        return self.markup(shorten(label, _SHORT), style, self.width - style.leftIndent - style.rightIndent)

    # -- blocks -------------------------------------------------------------
    def visit_document(self, node: Document) -> list[Flowable]:
        title = display_title(node)
        style = self.styles.title if node.title is not None else self.styles.untitled
        in_book = self.outline_base >= 0
        story: list[Flowable] = [ArticleStart(self.guard.plain(title, self.styles.family.italic.name))]
        toc_level = 0 if in_book else None
        story.append(Heading(self.heading_markup(title, style), style,
                             key=f"{self.key}-0",
                             label=title, outline_level=self.outline_base if in_book else None,
                             toc_level=toc_level, toc_markup=self.contents_markup(title, toc_level)))
        if node.infobox is not None:
            story.extend(self.infobox(node.infobox, caption=title))
        story += self.blocks(node.content)
        for section in node.sections:
            story.extend(self.visit(section))
        return story

    def visit_section(self, node: Section) -> list[Flowable]:
        style = self.styles.heading(self.depth)
        toc_level = None
        if self.depth < self.toc_depth:
            toc_level = self.depth + (1 if self.outline_base >= 0 else 0)
        story: list[Flowable] = [Heading(
            self.heading_markup(self.text(node.heading), style),
            style, key=self.next_key(),
            label=node.heading_text, outline_level=self.outline_level(self.depth),
            toc_level=toc_level, toc_markup=self.contents_markup(node.heading_text, toc_level))]
        story += self.blocks(node.content)
        self.depth += 1
        try:
            for section in node.sections:
                story.extend(self.visit(section))
        finally:
            self.depth -= 1
        return story

    def blocks(self, content: tuple[Block, ...]) -> list[Flowable]:
        """A run of blocks; a short paragraph that leads into a list (it ends with
        ':') stays on the page of the list's first item."""
        story: list[Flowable] = []
        for block, following in zip(content, (*content[1:], None)):
            flowables = self.visit(block)
            if isinstance(following, BulletList) and following.items and _leads_in(block):
                flowables[-1].keepWithNext = 1
            story += flowables
        return story

    def visit_paragraph(self, node: ParagraphNode) -> list[Flowable]:
        """One Paragraph; a very long one as several (see :func:`pieces`).

        Justified text is set ragged right where it holds a long word: a line
        that such a word does not fit at the end of would be spread over the
        whole width, with gaps of several spaces between its words.
        """
        styles = self.styles
        *firsts, last = pieces(self.text(node.content))
        flowables = []
        for piece, style in [(piece, styles.body_piece) for piece in firsts] + [(last, styles.body)]:
            plain = self.plain(piece, style.fontName, running=True, ends=style is styles.body)
            if style.alignment == TA_JUSTIFY and self.has_long_word(plain, style):
                style = styles.ragged(style)
            flowables.append(Passage(self.cut(plain, style), style))
        return flowables

    def visit_bullet_list(self, node: BulletList) -> list[Flowable]:
        """The items; the last one's own space after it ends the list (a spacer
        there would be carried to the top of the next page). No item is alone
        on a page: the first stays with the second, the last with the one before."""
        if not node.items:
            return []
        *items, last = node.items
        flowables = [self.visit(item) for item in items] + [self.list_item(last, self.styles.last_bullet)]
        if len(flowables) >= 2:
            flowables[0].keepWithNext = flowables[-2].keepWithNext = 1
        return flowables

    def visit_list_item(self, node: ListItem) -> Flowable:
        return self.list_item(node, self.styles.bullet)

    def list_item(self, node: ListItem, style: ParagraphStyle) -> Flowable:
        text = self.markup(self.text(node.content), style,
                           self.width - style.leftIndent - style.rightIndent, running=True)
        return Passage(text if text.strip() else "\u00a0", style, bulletText="•")  # keep the bullet

    def visit_infobox(self, node: Infobox) -> list[Flowable]:
        return self.infobox(node, caption=None)

    def infobox(self, node: Infobox, caption: str | None) -> list[Flowable]:
        if not node.fields:
            return []
        key_width = self.key_width(node)
        self.columns = (key_width, self.width - key_width)
        rows = [self.visit(field) for field in node.fields]
        commands = [
            ("BOX", (0, 0), (-1, -1), 0.8, RULE),
            ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.8, RULE),  # close a page's part
            ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("FONTNAME", (0, 0), (-1, -1), self.styles.value.fontName),
        ]
        repeat = 0
        if caption is not None:
            style = self.styles.caption
            caption = shorten(caption, _SHORT)  # repeated on each page the table spans: keep it short
            rows.insert(0, [Passage(self.markup(caption, style, self.width - _CELL_PADDING), style), ""])
            commands += [("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (1, 0), CAPTION_SHADE),
                         ("TOPPADDING", (0, 0), (1, 0), 5), ("BOTTOMPADDING", (0, 0), (1, 0), 6)]
            repeat = 1
        table = InfoboxTable(rows, colWidths=self.columns, repeatRows=repeat,
                      splitInRow=1, hAlign="LEFT", spaceBefore=2,
                      spaceAfter=self.styles.body_size * 1.1)
        table.setStyle(TableStyle(commands))
        return [table]

    def key_width(self, node: Infobox) -> float:
        """Wide enough for the longest key on one line, within :data:`_KEY_SHARE`."""
        style = self.styles.key
        longest = max(stringWidth(self.guard.plain(field.key, style.fontName), style.fontName,
                                  style.fontSize) for field in node.fields)  # as printed
        low, high = (share * self.width for share in _KEY_SHARE)
        return min(max(longest + _CELL_PADDING + 2, low), high)

    def visit_field(self, node: Field) -> list[Flowable]:
        key, value = self.styles.key, self.styles.value
        key_width, value_width = (width - _CELL_PADDING for width in self.columns)
        return [Passage(self.markup(node.key, key, key_width), key),
                Passage(self.markup(self.text(node.value), value, value_width, running=True), value)]

    def visit_text(self, node: Text) -> str:
        return node.value
