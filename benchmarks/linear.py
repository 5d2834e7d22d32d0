"""Parsing time grows linearly with line length, for the shapes regexes find hard.

Every grammar terminal is a regular expression; one that nests repetitions over
the same characters can backtrack quadratically (or worse) on a long line. Each
shape below is parsed at growing sizes, best of three runs in CPU time; linear
means the time per megabyte stays flat (a quadratic pattern would multiply it
by the size ratio, 16 from 1 MB to 16 MB).
"""

from __future__ import annotations

import time

from measure import table

SHAPES = {  # name: (head, unit repeated to the size, tail); every text is one article
    "one long text line": ("= T =\n\n", "word ", "\n"),
    "one long heading": ("= T =\n\n== ", "word ", "==\n"),
    "a heading never closed": ("= T =\n\n== ", "word ", "\n"),
    "'=' and spaces, alternating": ("= T =\n\n=", " =", " x\n"),
    "a run of '='": ("= T =\n\n", "=", "\n"),
    "spaces, then text": ("= T =\n\n", " ", "x\n"),
    "a line of spaces": ("= T =\n\ntext\n", " ", "\n"),
    "one long list item": ("= T =\n\n- ", "word ", "\n"),
    "one long infobox value": ("= T =\n\nInfobox\n- Key: ", "word ", "\n"),
    "many short lines": ("= T =\n\n", "a\n", ""),
}


def _seconds(text: str, runs: int) -> float:
    import wikipress

    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        wikipress.parse(text)
        best = min(best, time.process_time() - start)
    return best


def run(sizes_mb: tuple[int, ...], runs: int = 3) -> str:
    rows = []
    for name, (head, unit, tail) in SHAPES.items():
        per_mb = []
        for size in sizes_mb:
            text = head + unit * (size * 1_000_000 // len(unit)) + tail
            per_mb.append(_seconds(text, runs) / size)
        growth = per_mb[-1] / per_mb[0]
        rows.append((name, *(f"{seconds * 1000:.0f}" for seconds in per_mb), f"{growth:.2f}"))
    header = ("shape", *(f"ms/MB at {size} MB" for size in sizes_mb),
              f"growth {sizes_mb[0]}->{sizes_mb[-1]} MB (1 = linear)")
    return table(header, rows)
