"""The ``pdf`` format's options: one frozen dataclass, checked on construction.

Nothing here imports ReportLab, so ``wikipress formats`` can describe the
options (and a bad ``-O`` value can be refused) without loading it. Lengths are
written the way people measure paper: ``20mm``, ``2cm``, ``0.75in`` or
``54pt``; sizes are kept in PostScript points (1/72 inch).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["PdfOptions", "PAGE_SIZES", "parse_length", "parse_margins", "FURNITURE_SCALE",
           "EDGE_CLEARANCE", "HEADER_DEPTH"]

_MM = 72 / 25.4
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "a4": (210 * _MM, 297 * _MM),
    "a5": (148 * _MM, 210 * _MM),
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
}
_UNITS = {"mm": _MM, "cm": 10 * _MM, "in": 72.0, "pt": 1.0}
_LENGTH = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(mm|cm|in|pt)\s*")
_MIN_TEXT_WIDTH = 144.0  # two inches: narrower frames cannot set a table
FURNITURE_SCALE = 0.82  # the running header's and page number's size, a share of font_size
EDGE_CLEARANCE = 4 * _MM  # what many printers cannot print on, next to the paper's edge
HEADER_DEPTH = 1.6  # from a printer's clear edge to the header's rule, in header sizes
_TEXT_CLEARANCE = 3 * _MM  # between the header's rule and the text
_FURNITURE_ROOM = 2.2  # the bottom margin holds the page numbers: this many sizes
_MIN_FURNITURE_MARGIN = 10 * _MM


def parse_length(text: str) -> float:
    """``"20mm"`` -> points; raises ``ValueError`` naming the accepted units."""
    match = _LENGTH.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a length such as 20mm, 2cm, 0.75in or 54pt")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_margins(text: str) -> tuple[float, float, float, float]:
    """One length for all sides, or four (top right bottom left), in points."""
    parts = text.replace(",", " ").split()
    if len(parts) == 1:
        return (parse_length(parts[0]),) * 4
    if len(parts) == 4:
        top, right, bottom, left = (parse_length(part) for part in parts)
        return top, right, bottom, left
    raise ValueError(f"margins {text!r}: give one length, or four (top right bottom left)")


def _font_help(style: str) -> str:
    return (f"TrueType (.ttf) file for {style} text; empty = the regular `font` "
            f"(Fira Sans {style} when `font` is empty too)")


@dataclass(frozen=True)
class PdfOptions:
    page_size: Literal["a4", "letter", "a5", "legal"] = field(
        default="a4", metadata={"help": "paper size"})
    margins: str = field(
        default="20mm", metadata={"help": "page margins: one length, or four (top right bottom left), "
                                          "in mm, cm, in or pt"})
    justify: bool = field(default=True, metadata={"help": "justify body text (false = ragged right)"})
    toc: bool = field(default=False, metadata={"help": "add a table of contents after the title "
                                                       "(books always have one)"})
    font_size: float = field(default=10.5, metadata={"help": "body text size in points, 6 to 24"})
    hyphenate: str = field(default="", metadata={
        "help": "hyphenate text in this language: a code such as en_US, de or fr (patterns from "
                "pyphen, part of wikipress[pdf]), which is also the PDF's declared language; "
                "empty = break lines only at spaces and soft hyphens"})
    font: str = field(default="", metadata={"help": "TrueType (.ttf) file for regular text; "
                                                    "empty = Fira Sans (from wikipress[pdf])"})
    font_bold: str = field(default="", metadata={"help": _font_help("bold")})
    font_italic: str = field(default="", metadata={"help": _font_help("italic")})
    font_bold_italic: str = field(default="", metadata={
        "help": "TrueType (.ttf) file for bold italic text; empty = the first of font_bold, "
                "font_italic, font given (Fira Sans bold italic when `font` is empty)"})

    def __post_init__(self):
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"page_size must be one of {', '.join(PAGE_SIZES)}, not {self.page_size!r}")
        if not isinstance(self.justify, bool) or not isinstance(self.toc, bool):
            raise ValueError("justify and toc are true or false")
        if isinstance(self.font_size, bool) or not isinstance(self.font_size, (int, float)) \
                or not 6 <= self.font_size <= 24:
            raise ValueError(f"font_size must be a number from 6 to 24, not {self.font_size!r}")
        top, right, bottom, left = parse_margins(self.margins)
        width, height = self.page_dimensions
        if width - left - right < _MIN_TEXT_WIDTH or height - top - bottom < 2 * _MIN_TEXT_WIDTH:
            raise ValueError(f"margins {self.margins!r} leave too little room on the "
                             f"{self.page_size} page")
        furniture = FURNITURE_SCALE * self.font_size
        for side, margin, holds, needed in (
                ("top", top, "the running header", EDGE_CLEARANCE + furniture * HEADER_DEPTH + _TEXT_CLEARANCE),
                ("bottom", bottom, "the page numbers", _FURNITURE_ROOM * furniture)):
            room = max(_MIN_FURNITURE_MARGIN, needed)
            if margin < room - 0.01:
                raise ValueError(f"margins {self.margins!r}: the {side} margin holds {holds}, so it "
                                 f"needs at least {room / _MM:.1f}mm at font_size {self.font_size}")
        if self.hyphenate:
            _check_hyphenation(self.hyphenate)
        user_fonts = (self.font_bold, self.font_italic, self.font_bold_italic)
        for path in (self.font, *user_fonts):  # here, so that a typo fails once, not per input
            if path:
                _check_font_file(path)
        if any(user_fonts) and not self.font:
            raise ValueError("font_bold, font_italic and font_bold_italic need `font` (the regular file) too")

    @property
    def page_dimensions(self) -> tuple[float, float]:
        return PAGE_SIZES[self.page_size]

    @property
    def language_tag(self) -> str | None:
        """The language the PDF declares (``/Lang``, for screen readers), as a
        BCP 47 tag: the ``hyphenate`` language, the only one an article has."""
        return self.hyphenate.replace("_", "-") if self.hyphenate else None

    @property
    def margin_points(self) -> tuple[float, float, float, float]:
        """(top, right, bottom, left) in points."""
        return parse_margins(self.margins)


def _check_hyphenation(language: str) -> None:
    try:
        import pyphen
    except ImportError:
        raise ValueError("hyphenate needs the pyphen package: pip install 'wikipress[pdf]'") from None
    if pyphen.language_fallback(language) is None:
        raise ValueError(f"hyphenate: no hyphenation patterns for {language!r} "
                         f"(codes look like en_US, de or fr)")


_TRUETYPE_TAGS = (b"\x00\x01\x00\x00", b"true")  # how a TrueType font starts


def _check_font_file(path: str) -> None:
    """Raise ValueError unless *path* is a file that starts as a TrueType font
    does: a wrong file fails here, once, rather than once per input."""
    if not os.path.isfile(path):
        problem = "a folder, not a .ttf file" if os.path.isdir(path) else "no such file"
        raise ValueError(f"cannot read font {path}: {problem}")
    try:
        with open(path, "rb") as file:
            tag = file.read(4)
            if tag == b"ttcf":  # a collection: what matters is its first font's outlines
                file.seek(12)
                file.seek(int.from_bytes(file.read(4), "big"))
                tag = file.read(4)
    except OSError as error:
        raise ValueError(f"cannot read font {path}: {error.strerror or error}") from None
    if tag == b"OTTO":
        raise ValueError(f"cannot use font {path}: its outlines are PostScript (CFF); "
                         f"a TrueType .ttf file is needed")
    if tag not in _TRUETYPE_TAGS:
        raise ValueError(f"cannot use font {path}: not a TrueType font file (.ttf)")
