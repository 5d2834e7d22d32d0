"""Fonts: which TrueType files print the article, and what they can draw.

The default family is Fira Sans from the ``fontpkg-fira-sans`` package (a pip
dependency of ``wikipress[pdf]``; see docs/design.md for why): static regular,
bold, italic and bold-italic files covering Latin, Latin Extended, Greek,
Cyrillic and Vietnamese. A user can point the ``font*`` options at another
TrueType family.

ReportLab finds fonts by name in its own registry, so each file is registered
once per process under a name derived from its path and modification time; a
changed file gets a new name. The set of characters each file has a glyph for
is read once with it, for :mod:`.glyphs`.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass

from .. import ExportError
from .options import PdfOptions

__all__ = ["FontFamily", "LoadedFont", "load_family", "DEFAULT_FAMILY"]

DEFAULT_FAMILY = "Fira Sans"
_WHITESPACE = frozenset(code for code in range(0x3001) if chr(code).isspace())
_STYLES = (("regular", 400, "normal"), ("bold", 700, "normal"),
           ("italic", 400, "italic"), ("bold_italic", 700, "italic"))


@dataclass(frozen=True)
class LoadedFont:
    """A TrueType file registered with ReportLab."""

    name: str  # the ReportLab font name
    path: str
    glyphs: frozenset[int]  # code points the file can draw, and whitespace (never drawn)


@dataclass(frozen=True)
class FontFamily:
    label: str  # how warnings name the family
    regular: LoadedFont
    bold: LoadedFont
    italic: LoadedFont
    bold_italic: LoadedFont

    def by_name(self, name: str) -> LoadedFont:
        for font in (self.regular, self.bold, self.italic, self.bold_italic):
            if font.name == name:
                return font
        raise KeyError(name)


def load_family(options: PdfOptions) -> FontFamily:
    """The four faces the options ask for, registered; raises :class:`ExportError`."""
    if options.font:
        paths = _user_paths(options)
        label = os.path.basename(options.font)
    else:
        paths = _default_paths()
        label = DEFAULT_FAMILY
    return FontFamily(label, *(_register_file(path) for path in paths))


def _user_paths(options: PdfOptions) -> tuple[str, str, str, str]:
    regular = options.font
    return (regular, options.font_bold or regular, options.font_italic or regular,
            options.font_bold_italic or options.font_bold or options.font_italic or regular)


def _default_paths() -> tuple[str, ...]:
    try:
        import fontpkg

        return tuple(str(fontpkg.path(DEFAULT_FAMILY, weight=weight, style=style))
                     for _, weight, style in _STYLES)
    except Exception as error:  # not installed, or a family without a face
        raise ExportError(
            f"the pdf format's font ({DEFAULT_FAMILY}, package fontpkg-fira-sans) is not "
            f"available: {error}; install it with: pip install 'wikipress[pdf]'") from None


def _register_file(path: str) -> LoadedFont:
    try:
        stat = os.stat(path)
    except OSError as error:
        raise ExportError(f"cannot read font {path}: {error.strerror or error}") from None
    return _register(os.path.abspath(path), stat.st_mtime_ns, stat.st_size)


@functools.cache
def _register(path: str, mtime_ns: int, size: int) -> LoadedFont:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    digest = hashlib.sha1(f"{path}\0{mtime_ns}\0{size}".encode()).hexdigest()[:12]
    name = f"wikipress-{digest}"
    try:
        font = TTFont(name, path)
    except (TTFError, OSError, ValueError, KeyError) as error:
        raise ExportError(f"cannot use font {path}: {error} (a TrueType .ttf file "
                          f"with TrueType outlines is needed)") from None
    pdfmetrics.registerFont(font)
    return LoadedFont(name, path, frozenset(font.face.charToGlyph).union(_WHITESPACE))
