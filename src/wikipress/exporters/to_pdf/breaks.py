"""Breaking a run of text too wide for a whole line where a reader expects it.

ReportLab breaks lines only at spaces (and at soft hyphens, where it prints a
hyphen). A run without a space that is wider than the line, such as a long
address or a row of ``[U+XXXX]`` placeholders, it cuts wherever the line is
full: ``printing-pres|ses``, ``[U+4E|2D]``. Here such a run is cut first, into
pieces that each fit on a line, and each piece is set on a line of its own
(``<br/>``), the first starting a new line. An address is cut as printed
style guides advise, so that the break cannot be taken for part of it: after
``//`` or a colon, before a single ``/``, ``.``, ``,``, ``?``, ``#``, ``%``,
``~``, ``-`` or ``_``, before or after ``=`` and ``&``; placeholders are kept
whole. A run with none of these places (a very long word) is still cut where
the line is full.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Iterator
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

__all__ = ["LongRuns"]

_RUN = re.compile("(?:[^\\s\u00ad]|\u00a0)+")  # what ReportLab does not break: no space, no soft hyphen
_WIDEST = 2.0  # em: no glyph is wider, so a run of n characters is at most 2n em wide
_BEFORE = frozenset("/.,?#%~-_=&[")  # a line may start with one of these
_AFTER = frozenset(":=&")  # or follow one of these
_LEAST_FILL = 0.4  # a piece fills at least this share of its line, or it is cut where the line is full


class LongRuns:
    """Markup of plain text in which every run wider than *width* points, in
    the font *font_name* at *font_size*, is cut into lines of its own."""

    def __init__(self, width: float, font_name: str, font_size: float):
        self.width = width
        self.font = (font_name, font_size)
        self.unmeasured = int(width / (_WIDEST * font_size))  # so many characters always fit

    def measure(self, text: str) -> float:
        return stringWidth(text, *self.font)

    def wide(self, plain: str) -> Iterator[re.Match[str]]:
        """The runs of *plain* wider than the line (nearly always none)."""
        for found in _RUN.finditer(plain):
            run = found.group()
            if len(run) > self.unmeasured and self.measure(run) > self.width:
                yield found

    def __call__(self, plain: str) -> str:
        parts = []
        position = 0
        for found in self.wide(plain):
            parts.append(escape(plain[position:found.start()]))
            if found.start() > 0:
                parts.append("<br/>")
            parts.append("<br/>".join(escape(piece) for piece in self.pieces(found.group())))
            position = found.end()
        parts.append(escape(plain[position:]))
        return "".join(parts)

    def pieces(self, run: str) -> list[str]:
        """*run* cut into pieces no wider than the line (but for a single character)."""
        ends = list(accumulate(self.measure(char) for char in run))  # ends[i]: width of run[:i + 1]
        pieces = []
        start, offset = 0, 0.0
        while ends[-1] - offset > self.width:
            fits = start + 1
            while fits < len(run) and ends[fits] - offset <= self.width:
                fits += 1  # run[start:fits] fits on a line
            cut = _last_break(run, start, fits, least=offset + _LEAST_FILL * self.width, ends=ends)
            pieces.append(run[start:cut])
            start, offset = cut, ends[cut - 1]
        return [*pieces, run[start:]]


def _last_break(run: str, start: int, fits: int, least: float, ends: list[float]) -> int:
    """The last place in ``run[start + 1:fits + 1]`` where a line may end, if it
    leaves a line at least *least* wide; else *fits* (where the line is full)."""
    for cut in range(fits, start, -1):
        if ends[cut - 1] < least:
            break
        if _may_break(run, cut):
            return cut
    return fits


def _may_break(run: str, cut: int) -> bool:
    """Whether a line may end between ``run[cut - 1]`` and ``run[cut]``."""
    before, after = run[cut - 1], run[cut] if cut < len(run) else ""
    if before == "]" and after == "[":
        return True  # between two placeholders
    if after == "/":
        return before != "/" and before != ":"  # never inside "//", nor between ":" and "//"
    if before == "/":
        return cut >= 2 and run[cut - 2] == "/"  # after "//"
    if before == "[" or after == "]":
        return False
    return after in _BEFORE or before in _AFTER
