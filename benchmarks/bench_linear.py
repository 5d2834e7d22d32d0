"""Extreme inputs cost time and memory in proportion to their size.

Each shape (the bad-input cases of tests/test_bad_input.py) is converted by
the command line (its ``main``, in a fresh process) to yaml, json, text and
markup at a size and at ten times that size. Reported: CPU time (user +
system, steadier than wall time on a shared machine) and peak resident memory
(VmHWM), each above that of a tiny article, as the 10x run divided by the 1x
run. Linear means about 10; quadratic would be about 100. Linux only (VmHWM).

    python benchmarks/bench_linear.py            # all shapes, best of 3
    python benchmarks/bench_linear.py --repeats 1 --only headings

Prints a Markdown table (pasted into docs/benchmarks.md, "Linear time: whole
conversions").
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import machine, table

ROOT = Path(__file__).resolve().parents[1]


def _headings(n: int) -> str:
    return "= T =\n\n" + "".join(f"{'=' * (2 + i % 5)} H{i} {'=' * (2 + i % 5)}\ntext {i}\n"
                                 for i in range(n))


SHAPES = {  # name: (builder of the text for a size, size at 1x, unit of the size)
    "one long line (MB)": (lambda n: "= T =\n\n" + "word " * (n * 200_000) + "\n", 5, "MB"),
    "headings, levels 2-6": (_headings, 10_000, "headings"),
    "infobox fields": (lambda n: "= T =\n\nInfobox\n" + "".join(
        f"- Key {i}: value {i}\n" for i in range(n)), 10_000, "fields"),
    "duplicate infobox keys": (lambda n: "= T =\n\nInfobox\n" + "".join(
        f"- Key: value {i}\n" for i in range(n)), 10_000, "fields"),
    "heading-shaped paragraph (MB)": (lambda n: "= T =\n\n= " + "a " * (n * 500_000) + "\n=\n",
                                      1, "MB"),
    "mixed line ends, right-to-left": (lambda n: "= שלום =\r\n\r\n" + "".join(
        f"פסקה {i} مرحبا\r\n\n- פריט {i}\r\r" for i in range(n)), 10_000, "blocks"),
    "control characters": (lambda n: "= T =\n\n" + "".join(
        f"line {i}\x07 with bell\n" for i in range(n)), 100_000, "lines"),
}
FORMATS = "yaml,json,text,markup"


# The command line in this process, then its own peak memory: VmHWM of the
# process's memory map, which exec starts afresh (ru_maxrss would also count
# the memory of the parent that forked it).
_CHILD = """
import sys
from wikipress._cli import main
status = main(sys.argv[1:])
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
sys.stderr.write("peak " + peak.split()[1] + "\\n")
sys.exit(status)
"""


def _convert(text: str, folder: Path) -> tuple[float, int]:
    """CPU seconds and peak RSS (KiB) of one conversion in a fresh process."""
    source = folder / "in.txt"
    source.write_text(text, encoding="utf-8", newline="")
    process = subprocess.Popen(
        [sys.executable, "-c", _CHILD, "convert", str(source), "-t", FORMATS, "-j", "1",
         "-q", "-o", str(folder / "out")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"conversion failed with status {process.returncode}: {stderr[-300:]}")
    return usage.ru_utime + usage.ru_stime, int(stderr.rsplit("peak ", 1)[1])


def _best(text: str, folder: Path, repeats: int) -> tuple[float, int]:
    runs = [_convert(text, folder) for _ in range(repeats)]
    return min(seconds for seconds, _ in runs), min(rss for _, rss in runs)


def run(repeats: int, only: str | None) -> str:
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base_seconds, base_rss = _best("= T =\n\nText.\n", folder, repeats)
        for shape, (build, size, unit) in SHAPES.items():
            if only and only not in shape:
                continue
            small_text, large_text = build(size), build(size * 10)
            small = _best(small_text, folder, repeats)
            large = _best(large_text, folder, repeats)
            time_ratio = (large[0] - base_seconds) / max(small[0] - base_seconds, 1e-3)
            memory_ratio = (large[1] - base_rss) / max(small[1] - base_rss, 1)
            rows.append((f"{shape}: {size:,} / {size * 10:,} {unit}",
                         f"{len(small_text.encode()) / 1e6:.1f} / {len(large_text.encode()) / 1e6:.1f}",
                         f"{small[0]:.2f} / {large[0]:.2f}", f"{time_ratio:.1f}",
                         f"{small[1] / 1024:.0f} / {large[1] / 1024:.0f}", f"{memory_ratio:.1f}"))
    header = ("input", "MB", "CPU s (1x / 10x)", "time ratio", "peak RSS MB (1x / 10x)",
              "memory ratio")
    note = (f"Conversion to {FORMATS} with -j 1; ratios after subtracting a tiny article's "
            f"{base_seconds:.2f} s and {base_rss / 1024:.0f} MB (interpreter start-up).")
    return f"{machine()}\n\n{note}\n\n{table(header, rows)}"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--repeats", type=int, default=3)
    options.add_argument("--only", help="shapes whose name contains this")
    arguments = options.parse_args()
    print(run(arguments.repeats, arguments.only))


if __name__ == "__main__":
    main()
