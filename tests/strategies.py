"""Hypothesis strategies: random *valid* documents, and random article-like text.

:func:`documents` builds ASTs that the article markup can express, so that
``parse(export(doc, "markup")) == doc`` must hold for each of them. What the AST
can hold but no markup can say is left out on purpose (docs/design.md,
"What the markup cannot express"):

* Text is one ``Text`` node per run (markup has no way to split a run), trimmed
  (surrounding whitespace is not content), without ``\\n`` or ``\\r`` (line ends),
  NUL or lone surrogates (errors on input).
* A title or heading holds a character other than ``=`` and whitespace (else
  the line is no heading). A paragraph is non-empty and its one line must read
  as text: not an item (``-``/``*`` then whitespace or the end), not the marker
  ``Infobox``, and not heading-shaped (``=`` at both ends around other text).
* An infobox key holds no ``:`` (the first ``:`` splits key from value); keys
  are unique within an infobox. A list has at least one item.
* An infobox in the lead (``content``) only when the document has its own
  infobox: the first infobox before the first section heading is the article's.
* Section levels run from 2 to 6; children are deeper than their parent and a
  section is never deeper than the sibling before it (a deeper heading would
  nest in that sibling). This allows level jumps (a level-4 child of a level-2
  section), which the reader accepts with a warning.
* A document holds something (an empty file is an error).

:func:`article_texts` builds text from the markup's own pieces (markers,
headings, items, line ends, odd whitespace, control characters), which reaches
the reader's corners far more often than arbitrary text does.
"""

from __future__ import annotations

from hypothesis import strategies as st

from wikipress import BulletList, Document, Field, Infobox, ListItem, Paragraph, Section, Text

# Words that arbitrary characters rarely produce: right-to-left scripts,
# combining marks, wide characters, whitespace that does not end a line.
SPECIAL_WORDS = [
    "שלום", "עִבְרִית", "مرحبا", "السَّلَامُ", "e\u0301", "a\u0308\u0323", "Mangaïzé",
    "日本語", "\U0001f600", "\u202eRTL-override", "zero\u200bwidth", "a\u00a0b",
    "tab\tin", "v\x0bt", "f\x0cf", "nl\x85x", "ls\u2028x", "\x07bell", "=", "==", "-", "*",
    ":", "Infobox", "a:b", "=x=",
]
_CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x00")
_WORD = st.one_of(st.text(_CHARACTERS, min_size=1, max_size=8), st.sampled_from(SPECIAL_WORDS))
_SPACE = st.sampled_from([" ", " ", " ", "  ", "\t", "\u00a0", "\u3000"])


@st.composite
def trimmed_text(draw, max_words: int = 6) -> str:
    """Words joined by whitespace, then trimmed: possibly empty."""
    words = draw(st.lists(_WORD, max_size=max_words))
    pieces = []
    for word in words:
        pieces.extend([word, draw(_SPACE)])
    return "".join(pieces).strip()


def _is_solid(char: str) -> bool:
    return char != "=" and not char.isspace()


def reads_as_text(line: str) -> bool:
    """Whether a trimmed, non-empty line reads back as a text line."""
    if line == "Infobox":
        return False
    if line[0] in "-*" and (len(line) == 1 or line[1].isspace()):
        return False
    return not (line[0] == "=" and line[-1] == "=" and any(map(_is_solid, line)))


heading_texts = trimmed_text().filter(lambda text: any(map(_is_solid, text)))
paragraph_texts = trimmed_text().filter(lambda text: bool(text) and reads_as_text(text))
keys = trimmed_text(max_words=3).map(lambda text: text.replace(":", "").strip())


def inline(text: str) -> tuple[Text, ...]:
    return (Text(text),)


paragraphs = paragraph_texts.map(lambda text: Paragraph(inline(text)))
bullet_lists = st.lists(trimmed_text().map(lambda t: ListItem(inline(t))),
                        min_size=1, max_size=5).map(lambda items: BulletList(tuple(items)))


@st.composite
def infoboxes(draw) -> Infobox:
    names = draw(st.lists(keys, max_size=6, unique=True))
    return Infobox(tuple(Field(name, inline(draw(trimmed_text()))) for name in names))


def blocks(infobox_allowed: bool) -> st.SearchStrategy:
    kinds = [paragraphs, bullet_lists] + ([infoboxes()] if infobox_allowed else [])
    return st.lists(st.one_of(kinds), max_size=4).map(tuple)


@st.composite
def sections(draw, parent: int, depth: int = 3) -> tuple[Section, ...]:
    """Sibling sections under a *parent* level: each at most as deep as the one before."""
    if parent >= 6 or depth == 0:
        return ()
    result: list[Section] = []
    ceiling = 6
    for _ in range(draw(st.integers(0, 3))):
        # Mostly one level down; sometimes a jump.
        level = draw(st.one_of(st.just(parent + 1), st.integers(parent + 1, ceiling)))
        level = min(level, ceiling)
        result.append(Section(inline(draw(heading_texts)), level, draw(blocks(True)),
                              draw(sections(level, depth - 1))))
        ceiling = level
    return tuple(result)


@st.composite
def documents(draw) -> Document:
    title = draw(st.one_of(st.none(), heading_texts.map(inline), heading_texts.map(inline)))
    infobox = draw(st.one_of(st.none(), infoboxes()))
    document = Document(title, infobox, draw(blocks(infobox is not None)), draw(sections(1)))
    if title is None and infobox is None and not document.content and not document.sections:
        return Document(inline("Untitled"))  # an empty file is an error, not a document
    return document


# --- article-like text -------------------------------------------------------
ARTICLE_PIECES = [
    "= ", " =", "== ", " ==", "=== ", " ===", "======= ", "=", "Infobox", "- ", "* ", "-", ":",
    "Key", "value", "word", "שלום", "e\u0301", " ", "\t", "\u00a0", "\x0b", "\x0c", "\x85",
    "\u2028", "\x01", "\x1b", "\ufeff", "\n", "\n", "\n", "\n\n", "\r\n", "\r",
]
article_texts = st.lists(st.one_of(st.sampled_from(ARTICLE_PIECES), _WORD),
                         max_size=60).map("".join)
