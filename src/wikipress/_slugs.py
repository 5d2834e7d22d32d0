"""File names from article titles, safe on every platform.

``convert --split`` names each article's output after its title, and titles
come from the input, so they are treated as hostile: a slug holds only
lower-case letters, digits and ``-`` (ASCII-folded where Unicode allows it:
``Mangaïzé`` gives ``mangaize``; letters with no ASCII form are kept), so it
has no path separator, no ``..``, no NUL, no leading dot. It is never empty
(``untitled``), never a name Windows reserves for a device (``CON``,
``NUL``, ``COM1``...; those get a leading ``_``), and at most
:data:`MAX_BYTES` bytes of UTF-8, so that a suffix and an extension still fit
the usual 255-byte limit. :class:`SlugAllocator` makes them unique per folder,
case-insensitively (``-2``, ``-3``...), in input order, so a run is
deterministic.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify", "SlugAllocator", "MAX_BYTES"]

MAX_BYTES = 120
_SEPARATORS = re.compile(r"[\W_]+")
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "conin", "conout", "clock"]
    + [f"{device}{n}" for device in ("com", "lpt") for n in range(10)])


def slugify(title: str | None) -> str:
    """A safe, non-empty file name stem for *title* (no extension)."""
    folded = unicodedata.normalize("NFKD", (title or "").casefold())
    kept = "".join(char for char in folded if not unicodedata.combining(char))
    words = [word for word in _SEPARATORS.split(kept) if word]  # letters and digits, any script
    slug = _bounded("-".join(words)) or "untitled"
    return f"_{slug}" if slug in _RESERVED else slug


def _bounded(slug: str) -> str:
    encoded = slug.encode("utf-8")
    if len(encoded) <= MAX_BYTES:
        return slug
    return encoded[:MAX_BYTES].decode("utf-8", errors="ignore").rstrip("-")


class SlugAllocator:
    """Hands out unique names, in the order asked; the first keeps the plain slug."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, title: str | None) -> str:
        base = slugify(title)
        name, number = base, 1
        while name.casefold() in self._taken:
            number += 1
            name = f"{base}-{number}"
        self._taken.add(name.casefold())
        return name
