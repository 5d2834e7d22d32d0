"""Shortening text that must fit a place: a caption, a contents line, a running
header, the document's subject.

Text is cut at the end of a word (or of a ``[U+XXXX]`` placeholder) when one
ends in the last part of what fits (otherwise mid-word: a single very long
word), and marked with an ellipsis.
Widths are measured with the font, by bisection: a long title is measured a
dozen times, not once per character.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

__all__ = ["shorten", "fit_width", "ELLIPSIS"]

ELLIPSIS = "…"
_WORD_CUT = 0.6  # a cut moves back to a word's end if that keeps this share of the text


def shorten(text: str, limit: int) -> str:
    """*text*, or its start and an ellipsis, *limit* characters at most."""
    return text if len(text) <= limit else _cut(text, limit - 1)


def fit_width(text: str, width: float, font: str, size: float) -> str:
    """*text*, or its start and an ellipsis, at most *width* points wide."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # the longest start that fits with the ellipsis: low
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return _cut(text, low)


def _cut(text: str, keep: int) -> str:
    start = text[:keep]
    end = max(start.rfind(" "), start.rfind("]") + 1)  # a word's end, or a placeholder's
    if end > keep * _WORD_CUT:
        start = start[:end]
    return start.rstrip() + ELLIPSIS
