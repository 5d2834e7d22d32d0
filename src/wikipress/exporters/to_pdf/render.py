"""Making the PDF: one article, or a book of many, to bytes.

This is the only place that starts a ReportLab build, and it is imported only
when a PDF is made, so ``import wikipress`` never loads ReportLab. Builds use
the document's ``invariant`` setting (no ReportLab global configuration), so
the same input and options give byte-identical files.
"""

from __future__ import annotations

import io
import re
from typing import Iterable, Sequence

from reportlab.platypus import PageBreak

from ... import __version__
from ...nodes import Document, Paragraph as ParagraphNode, plain_text
from .contents import contents, cover
from .fonts import load_family
from .glyphs import TextGuard
from .hyphens import Hyphenator
from .options import PdfOptions
from .pages import ArticleDocTemplate
from .shortening import shorten
from .story import StoryBuilder, display_title
from .styles import make_styles

__all__ = ["render_article", "render_book"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_SUBJECT_MAX = 200
_BOOK_TOC_DEPTH = 1  # a book's contents: articles and their top-level sections
_ARTICLE_TOC_DEPTH = 3  # an article's contents: three levels of sections


def render_article(document: Document, options: PdfOptions) -> bytes:
    styles = make_styles(options, load_family(options))
    guard = TextGuard(styles.family, document.source)
    stream = io.BytesIO()
    template = ArticleDocTemplate(stream, options, styles, metadata=_article_metadata(document))
    builder = StoryBuilder(styles, guard, template.text_width,
                           toc_depth=_ARTICLE_TOC_DEPTH if options.toc else 0,
                           hyphenate=_hyphenator(options))
    story = builder.visit(document)
    if options.toc and document.sections:
        story[2:2] = contents(styles, guard)  # after the marker and the title
        template.multiBuild(story)
    else:
        template.build(story)
    guard.report()
    return stream.getvalue()


def render_book(documents: Sequence[Document], title: str, options: PdfOptions) -> bytes:
    styles = make_styles(options, load_family(options))
    title_guard = TextGuard(styles.family, None)
    stream = io.BytesIO()
    template = ArticleDocTemplate(stream, options, styles, metadata=_book_metadata(documents, title),
                                  first_furnished=2)
    story = cover(title, len(documents), styles, title_guard, (template.text_width, template.height))
    story += contents(styles, title_guard)
    hyphenate = _hyphenator(options)
    guards = [title_guard]
    for number, document in enumerate(documents, 1):
        story.append(PageBreak())
        guards.append(TextGuard(styles.family, document.source))
        builder = StoryBuilder(styles, guards[-1], template.text_width, outline_base=0,
                               toc_depth=_BOOK_TOC_DEPTH, key=f"a{number}", hyphenate=hyphenate)
        story += builder.visit(document)
    template.multiBuild(story)
    for guard in guards:
        guard.report()
    return stream.getvalue()


def _hyphenator(options: PdfOptions) -> Hyphenator | None:
    return Hyphenator(options.hyphenate) if options.hyphenate else None


def _creator() -> str:
    return f"wikipress {__version__}"


def _article_metadata(document: Document) -> dict[str, object]:
    return {
        "title": display_title(document),
        "creator": _creator(),
        "subject": _first_sentence(document),
        "keywords": _keywords(section.heading_text for section in document.sections),
    }


def _book_metadata(documents: Sequence[Document], title: str) -> dict[str, object]:
    count = len(documents)
    return {
        "title": title,
        "creator": _creator(),
        "subject": f"A book of {count} article{'' if count == 1 else 's'}",
        "keywords": _keywords(display_title(document) for document in documents),
    }


def _keywords(phrases: Iterable[str]) -> str:
    """One string, the phrases separated by semicolons: ReportLab joins a list
    with commas, which headings hold ("Paris, Texas")."""
    return "; ".join(phrases)


def _first_sentence(document: Document) -> str:
    """The lead's first sentence (what the article is about), shortened."""
    for block in document.content:
        if isinstance(block, ParagraphNode):
            text = " ".join(plain_text(block.content).split())
            sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
            return shorten(sentence, _SUBJECT_MAX)
    return ""
