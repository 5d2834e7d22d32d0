"""Hyphenation: soft hyphens where a language's patterns allow a break.

ReportLab breaks lines at soft hyphens (U+00AD) in its plain line breaking,
and prints one as a hyphen only where it breaks. Its own hyphenation modes are
not used: with any of them on, ReportLab 5.1 split a long URL once and set
the rest past the margin. So the patterns (pyphen's, a well-kept package in the
``pdf`` extra) are applied here, to the text, before it becomes markup. Words
in a token with ``/`` or ``@``, or with a dot between two letters or digits
(addresses, paths, URLs, domain and file names), are left whole: a hyphen
there would read as part of the name. As in careful typesetting, a break
leaves at least two letters on the line and three for the next (no "wom-/an"),
and the last word of a text is never broken, so that a paragraph does not end
on a line holding only the end of a word ("Oual-/lam.").
"""

from __future__ import annotations

import re

__all__ = ["Hyphenator", "SOFT_HYPHEN", "ADDRESS"]

SOFT_HYPHEN = "\u00ad"
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]{5,}")  # a run of letters long enough to break
ADDRESS = re.compile(r"[/@]|\w\.\w")  # in a token: a path, an e-mail, a domain or file name
_LEAST_BEFORE, _LEAST_AFTER = 2, 3  # letters a break leaves on the line, and for the next one


class Hyphenator:
    """Calls with a text return it with soft hyphens inside its words."""

    def __init__(self, language: str):
        import pyphen

        self._patterns = pyphen.Pyphen(lang=language, left=_LEAST_BEFORE, right=_LEAST_AFTER)

    def __call__(self, text: str, *, last_whole: bool = True) -> str:
        """*text* with soft hyphens; its last word left whole unless *last_whole*
        is false (a piece of a paragraph that goes on)."""
        end = len(text)
        if last_whole:
            words = [token for token in _TOKEN.finditer(text) if _WORD.search(token.group())]
            end = words[-1].start() if words else end
        return _TOKEN.sub(self._token, text[:end]) + text[end:]

    def _token(self, match: re.Match[str]) -> str:
        token = match.group()
        if ADDRESS.search(token):
            return token
        return _WORD.sub(self._word, token)

    def _word(self, match: re.Match[str]) -> str:
        return self._patterns.inserted(match.group(), hyphen=SOFT_HYPHEN)
