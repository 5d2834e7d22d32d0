"""Text on its way to ReportLab: normalised, checked against the font, escaped.

ReportLab draws a character its font has no glyph for as an empty box (or not
at all), and it reads Paragraph text as XML-like markup. So every piece of
article text passes through :class:`TextGuard` before it reaches a flowable:

* it is put in Unicode NFC form, so a letter written as base + combining accent
  (common in Vietnamese) uses the font's precomposed glyph;
* a character the font cannot draw is replaced by a visible ``[U+XXXX]`` (an
  invisible format or control character is left out) and reported once per
  character and document as an :class:`~wikipress.exporters.ExportWarning`;
* spaces that must not break become ones ReportLab does not break at: it
  breaks lines at the narrow no-break and figure spaces (French puts the first
  before ``!``), and turns a zero-width space into a full one when the text
  also has a no-break space, so those become no-break spaces and nothing;
* for Paragraph markup, ``&``, ``<`` and ``>`` are escaped, so nothing in an
  article can become a tag, an entity, an image or a link.
"""

from __future__ import annotations

import unicodedata
import warnings
from xml.sax.saxutils import escape

from .. import ExportWarning
from .fonts import FontFamily

__all__ = ["TextGuard"]

_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}
_UNBREAKABLE = str.maketrans({"\u202f": "\u00a0", "\u2007": "\u00a0", "\u200b": None})


class TextGuard:
    """Checks one document's text against one font family."""

    def __init__(self, family: FontFamily, source: str | None):
        self.family = family
        self.source = source
        self.warned: set[str] = set()

    def plain(self, text: str, font_name: str) -> str:
        """*text* as the font can draw it (for canvas strings and outline titles)."""
        text = unicodedata.normalize("NFC", text).translate(_UNBREAKABLE)
        glyphs = self.family.by_name(font_name).glyphs
        if glyphs.issuperset(map(ord, text)):
            return text
        return "".join(self._substitute(char, glyphs) for char in text)

    def markup(self, text: str, font_name: str) -> str:
        """*text* as Paragraph markup that prints literally."""
        return escape(self.plain(text, font_name))

    def _substitute(self, char: str, glyphs: frozenset[int]) -> str:
        if ord(char) in glyphs:
            return char
        invisible = unicodedata.category(char) in _INVISIBLE
        replacement = "" if invisible else f"[U+{ord(char):04X}]"
        if char not in self.warned:
            self.warned.add(char)
            name = unicodedata.name(char, "unnamed character")
            shown = "" if invisible else f" {char!r}"
            outcome = "left out" if invisible else f"printed as {replacement}"
            warnings.warn(ExportWarning(
                f"pdf: the font {self.family.label} has no glyph for U+{ord(char):04X}{shown} "
                f"({name}); {outcome}", self.source), stacklevel=2)
        return replacement
