"""PDF export speed: articles and pages per second on one core.

    python benchmarks/bench_pdf.py                  # samples/ and 100 generated articles
    python benchmarks/bench_pdf.py --articles 300 --repeats 7

One single-threaded process, so one core. Contenders, measured round robin in the same
run (see measure.py), on documents parsed beforehand (parsing is not timed):

* ``wikipress pdf``: ``wikipress.export(document, "pdf")`` for each article;
* ``ReportLab floor``: a bare platypus document with the same title, headings,
  paragraphs and list items in the built-in Helvetica, no infobox table, TTF
  font, outline or page furniture: what ReportLab itself needs to lay out and
  write those words, so the ratio shows what wikipress's typography costs.

A profile of one pass then says where the time goes. Not part of the test
suite; the results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import measure  # noqa: E402

SAMPLES = HERE.parent / "samples"
BASELINE = "wikipress pdf"
PHASES = {  # profile entry -> what it is
    "story.py:": "building the story (Visitor, glyph checks, Paragraph markup parsing)",
    "doctemplate.py:898(handle_flowable)": "layout and drawing (ReportLab platypus)",
    "canvas.py:1297(save)": "writing the PDF (objects, compression, font subsets)",
    "ttfonts.py:1303(addObjects)": "  of which embedding font subsets",
}


def _floor(document) -> bytes:
    """The same words through a bare ReportLab document."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from xml.sax.saxutils import escape

    from wikipress.nodes import BulletList, ListItem, Paragraph as Para, Section, walk

    sheet = getSampleStyleSheet()
    story = [Paragraph(escape(document.title_text or ""), sheet["Title"])]
    for node in walk(document):
        if isinstance(node, Section):
            story.append(Paragraph(escape(node.heading_text), sheet["Heading2"]))
        elif isinstance(node, Para):
            story.append(Paragraph(escape("".join(t.value for t in node.content)), sheet["BodyText"]))
        elif isinstance(node, ListItem):
            story.append(Paragraph(escape("".join(t.value for t in node.content)), sheet["Bullet"]))
    stream = io.BytesIO()
    SimpleDocTemplate(stream, invariant=1).build(story)
    return stream.getvalue()


def _pages(data: bytes) -> int:
    return data.count(b"/Type /Page\n")


def _documents(articles: int):
    import wikipress

    samples = [wikipress.parse_file(path) for path in sorted(SAMPLES.glob("*.txt"))]
    generated = [wikipress.parse(text) for text in corpus.articles(articles)]
    return {"samples/": samples, f"{articles} generated articles": generated}


def _measure(name: str, documents, repeats: int) -> str:
    import wikipress

    pages = sum(_pages(wikipress.export(document, "pdf")) for document in documents)
    floor_pages = sum(_pages(_floor(document)) for document in documents)
    results = measure.compare([
        measure.Contender(BASELINE, lambda: [wikipress.export(d, "pdf") for d in documents]),
        measure.Contender("ReportLab floor", lambda: [_floor(d) for d in documents]),
    ], BASELINE, repeats)
    rows = []
    for result, page_count in zip(results, (pages, floor_pages)):
        rows.append((result.name, f"{len(documents) / result.median:.1f}",
                     f"{page_count / result.median:.0f}", f"{page_count / len(documents):.2f}",
                     f"{result.ratio:.2f}x", result.spread))
    header = ("contender", "articles/s", "pages/s", "pages/article", "speed vs wikipress pdf",
              "ratio min-max")
    cpu = _cpu_seconds(lambda: [wikipress.export(d, "pdf") for d in documents], repeats)
    return (f"#### {name} ({len(documents)} articles)\n\n{measure.table(header, rows)}\n\n"
            f"wikipress pdf per CPU-second (best of {repeats}, less sensitive to other "
            f"processes): {len(documents) / cpu:.1f} articles/s, {pages / cpu:.0f} pages/s.\n")


def _cpu_seconds(run, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _profile(documents) -> str:
    import wikipress

    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        wikipress.export(document, "pdf")
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = max(entry[3] for entry in stats.stats.values())
    rows = []
    for needle, meaning in PHASES.items():
        cumulative = 0.0
        for (filename, line, function), entry in stats.stats.items():
            label = f"{os.path.basename(filename)}:{line}({function})"
            if needle == "story.py:" and filename.endswith("to_pdf/story.py") \
                    and function == "visit_document":
                cumulative += entry[3]
            elif needle != "story.py:" and label == needle:
                cumulative += entry[3]
        rows.append((meaning, f"{100 * cumulative / total:.0f}%"))
    return measure.table(("phase (under cProfile)", "share of export time"), rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="generated articles (default: 100)")
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats (default: 5)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # the generated corpus has scripts Fira Sans lacks
    import reportlab

    print(f"Machine: {measure.machine()}; one process, one thread")
    print(f"ReportLab {reportlab.Version}; {args.repeats} repeats, medians.\n")
    documents = _documents(args.articles)
    for name, found in documents.items():
        print(_measure(name, found, args.repeats))
    print(_profile(documents["samples/"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
