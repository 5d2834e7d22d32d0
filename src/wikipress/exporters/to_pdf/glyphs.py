"""Text on its way to ReportLab: normalised, checked against the font, escaped.

ReportLab draws a character its font has no glyph for as an empty box (or not
at all), and it reads Paragraph text as XML-like markup. So every piece of
article text passes through :class:`TextGuard` before it reaches a flowable:

* it is put in Unicode NFC form, so a letter written as base + combining accent
  (common in Vietnamese) uses the font's precomposed glyph;
* a character the font cannot draw is replaced by a visible ``[U+XXXX]`` (an
  invisible format or control character is left out) and reported, once the
  document is laid out (:meth:`TextGuard.report`), as an
  :class:`~wikipress.exporters.ExportWarning`: one for the characters printed
  as codes, one for those left out, each naming the first few (an article in a
  script the font lacks would otherwise give hundreds of lines);
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
_NAMED = 3  # missing characters a warning names; the rest it counts
_UNBREAKABLE = str.maketrans({"\u202f": "\u00a0", "\u2007": "\u00a0", "\u200b": None})


class TextGuard:
    """Checks one document's text against one font family."""

    def __init__(self, family: FontFamily, source: str | None):
        self.family = family
        self.source = source
        self.missing: dict[str, None] = {}  # characters the font lacks, in the order met

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

    def report(self) -> None:
        """Warn of the characters the font lacked (see the module's docstring)."""
        dropped = [char for char in self.missing if _invisible(char)]
        printed = [char for char in self.missing if not _invisible(char)]
        for chars, outcome in ((printed, "printed as [U+XXXX]"), (dropped, "left out")):
            if not chars:
                continue
            if len(chars) == 1:
                outcome = outcome.replace("[U+XXXX]", f"[U+{ord(chars[0]):04X}]")
                what = _described(chars[0])
            else:
                what = f"{len(chars)} characters: " + ", ".join(map(_described, chars[:_NAMED]))
                what += f" and {len(chars) - _NAMED} more" if len(chars) > _NAMED else ""
            warnings.warn(ExportWarning(f"pdf: the font {self.family.label} has no glyph for "
                                        f"{what}; {outcome}", self.source), stacklevel=2)
        self.missing.clear()

    def _substitute(self, char: str, glyphs: frozenset[int]) -> str:
        if ord(char) in glyphs:
            return char
        self.missing[char] = None
        return "" if _invisible(char) else f"[U+{ord(char):04X}]"


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE


def _described(char: str) -> str:
    """``U+6771 '東' (CJK UNIFIED IDEOGRAPH-6771)``; an invisible one without its glyph."""
    shown = "" if _invisible(char) else f" {char!r}"
    return f"U+{ord(char):04X}{shown} ({unicodedata.name(char, 'unnamed character')})"
