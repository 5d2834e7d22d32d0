"""Where wikipress.parse spends its time: CPU time per stage, and cProfile by area.

    python benchmarks/profile_parse.py [--articles 300] [--sample]

Stages are timed without a profiler, in CPU time, best of several runs:
preparing the text, lexing and LALR-parsing it into block tokens, building the
AST from them. Under cProfile, each function's own time goes to the area of the
file it is in (Lark, the lexer, the builder, text preparation, ...); a
built-in function's time (a regex match, a str method) goes to the area that
called it. The profiler slows Python calls down more than C calls, so its
shares are indicative; the stage times and the benchmark tables are the speed.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

SAMPLE = HERE.parent / "samples" / "mangaize-attack.txt"

AREAS = (  # (path fragment, area); the first that matches wins
    ("/lark/", "Lark (LALR parser loop, its lexer and tokens, tree callbacks)"),
    ("wikipress/_parser.py", "wikipress lexer and transformer (_parser.py)"),
    ("wikipress/_builder.py", "builder (_builder.py)"),
    ("wikipress/_construct.py", "builder (_builder.py)"),
    ("wikipress/nodes.py", "builder (_builder.py)"),
    ("wikipress/_text.py", "text preparation (_text.py)"),
    ("wikipress/", "reading entry points (reading.py)"),
    ("<string>", "node construction (generated __init__ and constructors)"),
)


def _area(filename: str) -> str | None:
    for fragment, area in AREAS:
        if fragment in filename:
            return area
    return None


def profile(texts: list[str]) -> dict[str, float]:
    import wikipress

    for text in texts[:20]:  # warm up: grammar loaded, caches filled
        wikipress.parse(text)
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        wikipress.parse(text)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
    areas: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, own, _, callers) in stats.items():
        area = _area(filename)
        if area is not None:
            areas[area] += own
            continue
        for (caller_file, _, _), caller_times in callers.items():  # built-ins: to their callers
            areas[_area(caller_file) or "other"] += caller_times[2]
    return dict(areas)


def stages(texts: list[str], runs: int = 7) -> dict[str, float]:
    """Best-of-*runs* CPU time per article of each stage, in microseconds."""
    from wikipress import _builder, _parser, _text, parse

    prepared = [_text.prepare(text)[0] for text in texts]
    tokens = [_parser.block_tokens(text) for text in prepared]
    steps = {
        "prepare (_text.prepare)": lambda: [_text.prepare(text) for text in texts],
        "lex + LALR parse (_parser.block_tokens)": lambda: [
            _parser.block_tokens(text) for text in prepared],
        "build the AST (_builder.build)": lambda: [_builder.build(found) for found in tokens],
        "whole wikipress.parse": lambda: [parse(text) for text in texts],
    }
    best = {}
    for name, step in steps.items():
        times = []
        for _ in range(runs):
            start = time.process_time()
            step()
            times.append(time.process_time() - start)
        best[name] = min(times) / len(texts) * 1e6
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sample", action="store_true",
                        help="profile the reference article (x2000) instead of the corpus")
    args = parser.parse_args()
    if args.sample:
        texts, what = [SAMPLE.read_text(encoding="utf-8")] * 2000, "reference article x2000"
    else:
        texts, what = list(corpus.articles(args.articles)), f"{args.articles} generated articles"
    print(f"{what}: CPU time per article, best of 7\n")
    print("| stage | us per article |\n|---|---|")
    for name, micros in stages(texts).items():
        print(f"| {name} | {micros:.0f} |")
    areas = profile(texts)
    total = sum(areas.values())
    print(f"\n{what}: {total:.2f} s under cProfile\n")
    print("| area | share |\n|---|---|")
    for area, seconds in sorted(areas.items(), key=lambda item: -item[1]):
        print(f"| {area} | {100 * seconds / total:.0f}% |")


if __name__ == "__main__":
    main()
