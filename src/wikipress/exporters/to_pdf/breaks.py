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
whole; a sentence's closing punctuation stays with the address. A run with
none of these places (a very long word) is still cut where the line is full,
leaving a few characters at least for its last line; where that cut falls
inside a word of a script that marks such a break (Latin, Greek, Cyrillic and
the like, not in an address), a hyphen shows it.

Titles and headings also keep their last words together
(:meth:`RunBreaker.tied_end`), so that one does not end on a line of a single
short word ("year").
"""

from __future__ import annotations

import re
import unicodedata
from itertools import accumulate
from typing import Iterator
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from .hyphens import ADDRESS

__all__ = ["RunBreaker"]

_RUN = re.compile("(?:[^\\s\u00ad]|\u00a0)+")  # what ReportLab does not break: no space, no soft hyphen
_WIDEST = 2.0  # em: wider glyphs than this (none in Fira Sans or DejaVu) could hide a wide run
_BEFORE = frozenset("/.,?#%~-_=&[")  # a line may start with one of these ("[": a placeholder)
_AFTER = frozenset(":=&")  # or follow one of these
_LEAST_FILL = 0.25  # a piece fills at least this share of its line, or it is cut where the line is full
_LEAST_TAIL = 3  # characters: the last piece is not shorter (no "s" alone on a line)
_SOFT_HYPHEN = "\u00ad"
_HYPHENATING = ("LATIN ", "GREEK ", "CYRILLIC ", "ARMENIAN ", "GEORGIAN ")  # scripts that do
_WORD_GAP = re.compile("[^ ]+")  # the words of a title, between runs of spaces
_LEAST_LAST_LINE = 10  # characters a title's or heading's last line holds at least (when it wraps)
_MOST_TIED = 1 / 3  # share of the line the words tied for that may fill at most


class RunBreaker:
    """Finds the runs of text wider than *width* points (in the font
    *font_name* at *font_size*) and cuts them into lines of their own."""

    def __init__(self, width: float, font_name: str, font_size: float):
        self.width = width
        self.font = (font_name, font_size)
        self.unmeasured = int(width / (_WIDEST * font_size))  # so many characters always fit

    def measure(self, text: str) -> float:
        return stringWidth(text, *self.font)

    def too_wide(self, plain: str) -> Iterator[re.Match[str]]:
        """The runs of *plain* wider than the line (nearly always none)."""
        for found in _RUN.finditer(plain):
            run = found.group()
            if len(run) > self.unmeasured and self.measure(run) > self.width:
                yield found

    def markup(self, plain: str) -> str:
        """Paragraph markup of *plain* text: escaped, each run wider than the
        line cut into pieces on lines of their own."""
        parts = []
        position, printed = 0, False
        for found in self.too_wide(plain):
            before = plain[position:found.start()]
            if before.endswith(_SOFT_HYPHEN):  # a word broken here: ReportLab would not show it
                before = before[:-1] + "-"
            parts.append(escape(before))
            if printed or before.strip():  # a new line, unless nothing is printed before it
                parts.append("<br/>")
            parts.append(self.lines(found.group()))
            position, printed = found.end(), True
        parts.append(escape(plain[position:]))
        return "".join(parts)

    def tied_end(self, plain: str) -> str:
        """*plain* with its last words joined by no-break spaces, as many as make
        :data:`_LEAST_LAST_LINE` characters, so that if it wraps its last line is
        not one short word; fewer if they would fill more than
        :data:`_MOST_TIED` of a line, and none if it is one word that long.
        Spaces after the last word are dropped, and several between two tied
        words become one (ReportLab shows every no-break space, but only one
        of several spaces)."""
        words = list(_WORD_GAP.finditer(plain))
        count = 1  # words at the end kept on one line
        while count < len(words) and _letters(words[-count:]) < _LEAST_LAST_LINE:
            count += 1
        while count > 1 and self.measure(" ".join(w.group() for w in words[-count:])) > \
                _MOST_TIED * self.width:
            count -= 1
        if count == 1:
            return plain
        return plain[:words[-count].start()] + "\u00a0".join(w.group() for w in words[-count:])

    def lines(self, run: str) -> str:
        """Markup of a run too wide for a line: its :meth:`pieces`, each on a
        line of its own, with a hyphen where one ends inside a word."""
        word = _word_like(run)
        lines, cut = [], 0
        for piece in self.pieces(run):
            cut += len(piece)
            lines.append(escape(piece) + ("-" if word and _inside_word(run, cut) else ""))
        return "<br/>".join(lines)

    def pieces(self, run: str) -> list[str]:
        """*run* cut into pieces no wider than the line (but for a single character)."""
        ends = list(accumulate(self.measure(char) for char in run))  # ends[i]: width of run[:i + 1]
        words_end = 1 + max((i for i, char in enumerate(run) if char.isalnum()), default=0)
        hyphen = self.measure("-")
        word = _word_like(run)  # cut after its hyphens, and marked with one where cut inside
        pieces = []
        start, offset = 0, 0.0
        while start < len(run) - 1 and ends[-1] - offset > self.width:
            fits = start + 1
            while fits < len(run) and ends[fits] - offset <= self.width:
                fits += 1  # run[start:fits] fits on a line
            fits = max(start + 1, min(fits, len(run) - _LEAST_TAIL))
            least = offset + _LEAST_FILL * self.width
            cuts = range(min(fits, words_end - 1), start, -1)
            cut = _last_break(run, cuts, least, ends, word)
            if cut is None:  # where the line is full, leaving room for a hyphen there
                cut = fits
                while (word and cut > start + 1 and _inside_word(run, cut)
                       and ends[cut - 1] - offset + hyphen > self.width):
                    cut -= 1
            pieces.append(run[start:cut])
            start, offset = cut, ends[cut - 1]
        return [*pieces, run[start:]]


def _last_break(run: str, cuts: range, least: float, ends: list[float],
                word: bool) -> int | None:
    """The first of *cuts* (going back) where a line may end and which leaves
    a line at least *least* wide, if there is one."""
    for cut in cuts:
        if ends[cut - 1] < least:
            return None
        if run[cut - 1] == "-" if word else _may_break(run, cut):  # a word: after its hyphens
            return cut
    return None


def _word_like(run: str) -> bool:
    """Whether *run* reads as a word (or words joined by hyphens) of a script
    that marks a word broken across lines with a hyphen (:data:`_HYPHENATING`):
    not an address, nor a code or identifier (a digit, a lower-case letter
    followed by a capital: ``getElementById``, base64), where a hyphen would
    read as part of it. Names joined by hyphens (``Schleswig-Holstein``) are
    words: their capitals follow a hyphen, not a lower-case letter."""
    letters = [char for char in run if char.isalnum()]
    return (bool(letters) and all(map(_hyphenating, letters)) and not ADDRESS.search(run)
            and not any(a.islower() and b.isupper() for a, b in zip(run, run[1:])))


def _inside_word(run: str, cut: int) -> bool:
    """Whether cutting *run* before ``run[cut]`` parts two letters."""
    return 0 < cut < len(run) and run[cut - 1].isalpha() and run[cut].isalpha()


def _hyphenating(char: str) -> bool:
    return char.isalpha() and unicodedata.name(char, "").startswith(_HYPHENATING)


def _letters(words: list[re.Match[str]]) -> int:
    """The characters of *words* set on one line (one space between two; soft hyphens are not)."""
    return sum(len(word.group().replace(_SOFT_HYPHEN, "")) for word in words) + len(words) - 1


def _may_break(run: str, cut: int) -> bool:
    """Whether a line may end between ``run[cut - 1]`` and ``run[cut]`` in a run
    that is not :func:`_word_like` (an address, a code)."""
    before, after = run[cut - 1], run[cut]
    if after == "/":
        return before != "/" and before != ":"  # never inside "//", nor between ":" and "//"
    if before == "/":
        return cut >= 2 and run[cut - 2] == "/"  # after "//"
    return after in _BEFORE or before in _AFTER
