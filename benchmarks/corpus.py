"""A deterministic corpus of articles shaped like samples/mangaize-attack.txt.

Benchmarks need the same input on every machine and every run, and it must
look like what users parse: a title, an infobox of several fields, a lead,
sections with nested subsections, multi-line paragraphs, bullet lists and
some non-Latin text. :func:`articles` yields such articles from a fixed seed;
the same (count, seed) always gives byte-identical text.

    python benchmarks/corpus.py --articles 1000 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Iterator

SEED = 20141030

_WORDS = (
    "the river valley town council report archive station bridge harvest market "
    "road northern southern eastern western district province village school "
    "hospital militia patrol convoy rainfall season drought flood survey census "
    "treaty border crossing camp refugees supply route governor minister office "
    "election committee assembly delegation museum library railway harbour "
    "island mountain plateau forest desert coast lagoon estuary canal dam "
    "reservoir bell tower chapel fortress garrison barracks courthouse mill "
    "quarry mine workshop foundry cooperative union strike protest agreement "
    "was were had been after before during while since until although because "
    "of in on at by with from into across under over between among near "
    "a an this that these those its their several many few some most "
    "early late later first second third final brief long heavy light "
    "reported described recorded built opened closed moved returned signed "
    "attacked defended rebuilt expanded restored renamed founded abandoned"
).split()
_NAMES = (
    "Ouallam", "Tillabéri", "Dosso", "Zinder", "Agadez", "Maradi", "Tahoua",
    "Niamey", "Gao", "Kidal", "Ségou", "Mopti", "Kayes", "Sikasso",
    "Москва", "Київ", "Αθήνα", "Θεσσαλονίκη", "القاهرة", "الرباط",
    "東京", "大阪", "서울", "부산", "ירושלים", "Tbilisi", "Ереван",
)
_FIELDS = (
    "Place", "Date", "Result", "Partof", "Combatant1", "Combatant2", "Commander1",
    "Commander2", "Strength1", "Strength2", "Casualties1", "Casualties2",
    "Coordinates", "Population", "Founded", "Area", "Elevation", "Website",
)
_HEADINGS = (
    "Background", "History", "Geography", "Events", "Aftermath", "Reactions",
    "Investigation", "Legacy", "Economy", "Demographics", "Culture", "Transport",
    "Governance", "Education", "Notable people", "See also",
)


class _Writer:
    """One article's text, built line by line from a shared random source."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.lines: list[str] = []

    def words(self, low: int, high: int) -> str:
        rng = self.rng
        picked = []
        for _ in range(rng.randint(low, high)):
            picked.append(rng.choice(_NAMES) if rng.random() < 0.08 else rng.choice(_WORDS))
        return " ".join(picked)

    def sentence(self) -> str:
        text = self.words(8, 24)
        if self.rng.random() < 0.3:
            text += f", {self.rng.randint(1, 9999):,} {self.words(2, 6)}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> None:
        rng = self.rng
        sentences = [self.sentence() for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.25:  # a paragraph written over two lines
            cut = rng.randint(1, len(sentences) - 1)
            self.lines += [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
        else:
            self.lines.append(" ".join(sentences))
        self.lines.append("")

    def bullet_list(self) -> None:
        marker = self.rng.choice("**-")
        for _ in range(self.rng.randint(3, 8)):
            self.lines.append(f"{marker} {self.words(2, 12)}")
        self.lines.append("")

    def infobox(self, title: str) -> None:
        rng = self.rng
        self.lines.append("Infobox")
        self.lines.append(f"- Name: {title}")
        for key in rng.sample(_FIELDS, rng.randint(5, 11)):
            self.lines.append(f"- {key}: {self.words(1, 8)}")
        self.lines.append("")

    def section(self, level: int, used: set[str]) -> None:
        rng = self.rng
        heading = rng.choice([h for h in _HEADINGS if h not in used] or _HEADINGS)
        used.add(heading)
        marks = "=" * level
        self.lines += [f"{marks} {heading} {marks}", ""]
        for _ in range(rng.randint(1, 2)):
            self.paragraph()
            if rng.random() < 0.25:
                self.bullet_list()
        if level < 4:
            for _ in range(rng.choice((0, 0, 0, 1, 2))):
                self.section(level + 1, used)

    def article(self) -> str:
        rng = self.rng
        title = f"{rng.choice(_NAMES)} {rng.choice(_WORDS)} {rng.randint(1800, 2024)}"
        self.lines += [f"= {title} =", ""]
        self.infobox(title)
        for _ in range(rng.randint(1, 2)):
            self.paragraph()
        used: set[str] = set()
        for _ in range(rng.randint(2, 4)):
            self.section(2, used)
        return "\n".join(self.lines).rstrip("\n") + "\n"


def articles(count: int, seed: int = SEED) -> Iterator[str]:
    """*count* articles; the same (count, seed) always gives the same text."""
    rng = random.Random(seed)
    for _ in range(count):
        yield _Writer(rng).article()


def write_folder(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """One ``NNNNNN.txt`` file per article in *folder*; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(articles(count, seed)):
        path = folder / f"{index:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True, help="folder for NNNNNN.txt files")
    args = parser.parse_args()
    paths = write_folder(args.out, args.articles, args.seed)
    size = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
