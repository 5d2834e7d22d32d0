"""File names from article titles, safe on every platform.

``convert --split`` names each article's output after its title, and titles
come from the input, so they are treated as hostile: a slug holds only
lower-case letters, digits and ``-`` (ASCII-folded where Unicode allows it:
``Mangaïzé`` gives ``mangaize``; letters with no ASCII form are kept, with
their combining marks: ``हिन्दी``, ``ガス`` and ``Київ`` stay whole), so it
has no path separator, no ``..``, no NUL, no leading dot. It is never empty
(``untitled``), never a name Windows reserves for a device (``CON``,
``NUL``, ``COM1``...; those get a leading ``_``), and at most
:data:`MAX_BYTES` bytes of UTF-8, so that a suffix and an extension still fit
the usual 255-byte limit. :class:`SlugAllocator` makes them unique per folder,
case-insensitively (``-2``, ``-3``...), in input order, so a run is
deterministic.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["slugify", "SlugAllocator", "MAX_BYTES"]

MAX_BYTES = 120
_SEPARATORS = re.compile(r"[\W_]+")
# Marks that draw nothing: the combining grapheme joiner, variation selectors.
_IGNORABLE = re.compile("[\u034f\u180b-\u180d\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "conin", "conout", "clock"]
    + [f"{device}{n}" for device in ("com", "lpt") for n in range(10)])


def slugify(title: str | None) -> str:
    """A safe, non-empty file name stem for *title* (no extension)."""
    text = (title or "").casefold()
    words = _SEPARATORS.split(text) if text.isascii() else _words(text)
    slug = _bounded("-".join(word for word in words if word)) or "untitled"
    return f"_{slug}" if slug in _RESERVED else slug


def _words(text: str) -> list[str]:
    """The words of a title with letters beyond ASCII: each letter ASCII-folded
    if it has an ASCII form (``é`` is ``e``, ``ﬁ`` is ``fi``), else kept whole,
    with its combining marks (an Indic vowel sign, a Japanese voicing mark):
    dropping those would change the word, or make two words one name."""
    words: list[str] = []
    word: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if unicodedata.category(char).startswith("M"):
            # a mark on an ASCII letter is left out, and so is one that draws nothing
            if word and not word[-1].isascii() and not _IGNORABLE.fullmatch(char):
                word.append(char)
            continue
        for piece in _folded(char):
            if piece.isalnum():
                word.append(piece)
            elif word:
                words.append("".join(word))
                word = []
    return [*words, "".join(word)]


@functools.lru_cache(maxsize=4096)
def _folded(char: str) -> str:
    """*char*'s ASCII form if Unicode gives it one (``½`` is ``1⁄2``: its
    letters and digits are ASCII), else *char*."""
    base = "".join(part for part in unicodedata.normalize("NFKD", char)
                   if not unicodedata.combining(part))
    ascii_form = base and all(part.isascii() or not part.isalnum() for part in base)
    return base.casefold() if ascii_form else char  # ™ is TM, then tm


def _bounded(slug: str) -> str:
    """At most :data:`MAX_BYTES`, cut where a letter starts (not between a
    letter and its marks) and not after a ``-``."""
    encoded = slug.encode("utf-8")
    if len(encoded) <= MAX_BYTES:
        return slug
    end = len(encoded[:MAX_BYTES].decode("utf-8", errors="ignore"))
    while end > 0 and unicodedata.category(slug[end]).startswith("M"):
        end -= 1  # slug[end] is a mark of the letter before: both go
    return slug[:end].rstrip("-")


class SlugAllocator:
    """Hands out unique names, in the order asked; the first keeps the plain slug."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}  # per slug: the number its next copy tries first

    def claim(self, title: str | None) -> str:
        """The slug of *title*, or the first of ``slug-2``, ``slug-3``... not yet
        taken. Names are never given back, so the search for a slug's next copy
        starts after its last one: a dump of 100,000 articles titled alike
        takes linear time, not quadratic."""
        base = slugify(title)
        number = self._next.get(base.casefold(), 1)
        name = base if number == 1 else f"{base}-{number}"
        while name.casefold() in self._taken:
            number += 1
            name = f"{base}-{number}"
        self._taken.add(name.casefold())
        self._next[base.casefold()] = number + 1
        return name
