"""Run the benchmarks and print the results as Markdown for docs/benchmarks.md.

    pip install -e '.[bench]'          # mwparserfromhell, wikitextparser
    apt-get install -y pandoc          # Debian's pandoc, for the whole-process figures
    python benchmarks/run.py           # all suites, default sizes
    python benchmarks/run.py --articles 200 --repeats 5 --only parse

Every figure compares contenders measured in the same run (round robin,
medians of repeated runs; see measure.py). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import compileall
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import linear  # noqa: E402
import measure  # noqa: E402
import parse_speed  # noqa: E402
import pipelines  # noqa: E402
import processes  # noqa: E402

SAMPLE = HERE.parent / "samples" / "mangaize-attack.txt"
SUITES = ("parse", "startup", "pandoc", "linear", "jobs", "stream", "dask")


def _compile_bytecode() -> None:
    """Compile the package's bytecode first, as ``pip install`` does.

    An editable install run with ``PYTHONDONTWRITEBYTECODE`` set would compile
    every module in every process, which no installed copy does: start-up
    would look some 30 ms slower than a user's.
    """
    import wikipress

    compileall.compile_dir(Path(wikipress.__file__).parent, quiet=1)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000,
                        help="articles in the generated corpus (default: 1000)")
    parser.add_argument("--repeats", type=int, default=7,
                        help="timed repeats per contender (default: 7)")
    parser.add_argument("--only", choices=SUITES, action="append",
                        help="run only this suite (repeatable); default: all")
    parser.add_argument("--stream-sizes", default="10,100,1000", metavar="MB,MB,...",
                        help="corpus sizes for the streaming suite (default: 10,100,1000)")
    parser.add_argument("--line-mb", default="1,4,16", metavar="N,N,...",
                        help="line lengths in MB for the linear-time suite (default: 1,4,16)")
    parser.add_argument("--jobs-formats", default="yaml", metavar="FORMAT,...",
                        help="--to values the jobs suite measures, each on its own "
                             "(default: yaml; 'all' is every format)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    chosen = args.only or SUITES

    _compile_bytecode()
    texts = list(corpus.articles(args.articles))
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"Machine: {measure.machine()}")
    print(f"Corpus: {len(texts)} generated articles (seed {corpus.SEED}), {megabytes:.1f} MB; "
          f"{args.repeats} repeats, medians.\n")

    if "parse" in chosen:
        _, report = parse_speed.run(texts, args.repeats)
        print(f"### Parse throughput\n\n{parse_speed.versions()}\n\n{report}\n")
        _, report = parse_speed.run([SAMPLE.read_text(encoding="utf-8")] * 1000, args.repeats)
        print(f"### Parse throughput, the reference article (x1000)\n\n{report}\n")
    if "startup" in chosen:
        _, report = processes.startup(SAMPLE, args.repeats)
        print(f"### Start-up\n\n{report}\n")
    if "pandoc" in chosen:
        with tempfile.TemporaryDirectory() as folder:
            corpus.write_folder(Path(folder), args.articles)
            _, report = processes.versus_pandoc(Path(folder), args.repeats)
        print(f"### Whole process: convert to plain text\n\n{report}\n")
    if "jobs" in chosen or "dask" in chosen:
        with tempfile.TemporaryDirectory() as folder:
            corpus.write_folder(Path(folder), args.articles)
            for format in args.jobs_formats.split(",") if "jobs" in chosen else ():
                _, report = pipelines.jobs(Path(folder), args.repeats, format)
                print(f"### Parallel batches: --jobs 2 against --jobs 1, --to {format}\n\n"
                      f"{report}\n")
            if "dask" in chosen:
                _, report = pipelines.dask_path(Path(folder), args.repeats)
                print(f"### Dask: LocalCluster of two worker processes\n\n{report}\n")
    if "stream" in chosen:
        sizes = [int(size) for size in args.stream_sizes.split(",")]
        report = pipelines.streaming(texts, sizes)
        print(f"### Streaming a corpus file to jsonl\n\n{report}\n")
    if "linear" in chosen:
        sizes = tuple(int(size) for size in args.line_mb.split(","))
        print(f"### Parse time against line length\n\n{linear.run(sizes)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
