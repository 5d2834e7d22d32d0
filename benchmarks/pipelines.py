"""Pipelines: --jobs on one machine, streaming a big corpus, and Dask.

* ``--jobs 2`` against ``--jobs 1``: ``wikipress convert FOLDER --to yaml`` (or
  the formats of ``--jobs-formats``) on the generated articles, one file each
  (goal: at least 1.7x on two cores),
  and two independent ``--jobs 1`` processes on half the articles each, the
  ideal division of the work, as the ceiling this machine allows.
* Streaming: one corpus file of 10 MB, 100 MB and 1 GB (the generated articles
  repeated; written under /tmp and deleted afterwards) converted to ``jsonl``
  with the default ``--jobs``; wall time and peak resident memory of the whole
  process tree (the main process plus its workers, sampled from /proc every
  20 ms, so Linux only), and of its largest process. Goal: under 150 MB, and
  time and memory linear in the corpus size.
* Dask: the same files read into a bag and written to JSON Lines on a
  ``distributed.LocalCluster`` of two worker processes, against the same work
  in one process (``parse_articles`` and ``export_stream``); and
  ``convert --split --scheduler`` against ``convert --split --jobs 1``.
"""

from __future__ import annotations

import itertools
import os
import resource
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Sequence

from measure import Contender, Result, children_cpu, compare, table
from processes import wikipress_command


def _quiet(command: Sequence[str]) -> None:
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _children_system_cpu() -> float:
    """CPU seconds finished child processes spent in the kernel (files, pipes, forks)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime


def _halves(folder: Path, into: Path) -> tuple[Path, Path]:
    """The articles of *folder* dealt alternately into two folders (hard links)."""
    halves = (into / "first-half", into / "second-half")
    for half in halves:
        half.mkdir()
    for index, article in enumerate(sorted(folder.glob("*.txt"))):
        try:
            os.link(article, halves[index % 2] / article.name)
        except OSError:  # another file system: copy instead
            (halves[index % 2] / article.name).write_bytes(article.read_bytes())
    return halves


class _Runs:
    """``convert SOURCE --jobs N`` commands run together, each into a new output
    folder under *scratch*; the CPU time (and kernel time) of each run's
    processes is kept by key."""

    def __init__(self, scratch: Path, format: str):
        self.scratch, self.format = scratch, format
        self.command = wikipress_command()
        self.outputs = itertools.count()
        self.cpu: dict[str, list[float]] = {}
        self.kernel: dict[str, list[float]] = {}

    def together(self, key: str, *runs: tuple[Path, int]):
        """A contender's function: every ``(source, jobs)`` run started at once."""
        def run() -> None:
            commands = [self.command + ["convert", str(source), "--to", self.format, "-q",
                                        "-o", str(self.scratch / f"out-{next(self.outputs)}"),
                                        "--jobs", str(jobs)] for source, jobs in runs]
            before, kernel = children_cpu(), _children_system_cpu()
            running = [subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL) for command in commands]
            for process in running:
                process.wait()
            self.cpu.setdefault(key, []).append(children_cpu() - before)
            self.kernel.setdefault(key, []).append(_children_system_cpu() - kernel)
        return run


def jobs(folder: Path, repeats: int, format: str = "yaml") -> tuple[list[Result], str]:
    """``--jobs 2`` against ``--jobs 1``, and against the best two cores can do.

    Every run writes into a new, empty output folder, and nothing is deleted
    until the end: replacing the previous run's outputs would delete a thousand
    files per run, and on a file system that slows the creation of files after
    many deletions (ext4 without a journal checks recently deleted inodes) that
    cost grows with every repeat. The peer "two --jobs 1 at once" converts the
    two halves of the articles in two independent processes started together:
    a perfect division of the work, each process with its own start-up, which
    shows what two cores give on this machine when nothing is shared. Wall
    time, and the CPU time of all the processes (which load inflates less).
    """
    count = len(list(folder.glob("*.txt")))
    with tempfile.TemporaryDirectory() as scratch:
        halves = _halves(folder, Path(scratch))
        runs = _Runs(Path(scratch), format)
        contenders = [
            Contender("convert --jobs 1", runs.together("1", (folder, 1))),
            Contender("convert --jobs 2", runs.together("2", (folder, 2))),
            Contender("two --jobs 1 at once, half the articles each",
                      runs.together("halves", (halves[0], 1), (halves[1], 1))),
        ]
        results = compare(contenders, contenders[0].name, repeats)
    return results, _jobs_table(results, runs, count)


def _jobs_table(results: list[Result], runs: _Runs, count: int) -> str:
    rows = []
    for key, result in zip(("1", "2", "halves"), results):
        cpu_seconds = statistics.median(runs.cpu[key])
        bound = min(2.0, 2 * statistics.median(runs.cpu["1"]) / cpu_seconds)
        rows.append((result.name, f"{result.median:.2f}", f"{count / result.median:,.0f}",
                     f"{result.ratio:.2f}x", result.spread,
                     f"{cpu_seconds:.2f} ({statistics.median(runs.kernel[key]):.2f})",
                     "" if key == "1" else f"{bound:.2f}x"))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (table(("command", "median s", "articles/s", "speed vs --jobs 1 (median)",
                   "ratio min-max", "CPU s, all processes (of which kernel)",
                   "speed-up on 2 idle cores (2 x CPU ratio)"), rows)
            + f"\n\nEach run writes into a new output folder. "
              f"Load average during the run: {load}.")


class _TreeMemory:
    """Peak resident memory of a process and its descendants, sampled from /proc."""

    def __init__(self, pid: int):
        self.pid, self.peak_total, self.peak_single = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            sizes = [_rss(pid) for pid in _tree(self.pid)]
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_single = max([self.peak_single, *sizes])
            self._stop.wait(0.02)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _write_corpus(path: Path, megabytes: int, texts: Sequence[str]) -> int:
    block = "".join(texts).encode("utf-8")
    target = megabytes * 1_000_000
    written = 0
    with open(path, "wb") as stream:
        while written < target:
            stream.write(block)
            written += len(block)
    return written


def streaming(texts: Sequence[str], sizes: Sequence[int]) -> str:
    wikipress = wikipress_command()
    articles_per_block = len(texts)
    rows = []
    with tempfile.TemporaryDirectory(dir="/tmp") as work:
        for megabytes in sizes:
            corpus = Path(work) / f"corpus-{megabytes}mb.txt"
            size = _write_corpus(corpus, megabytes, texts)
            start = time.perf_counter()
            process = subprocess.Popen(wikipress + ["convert", str(corpus), "--to", "jsonl",
                                                    "-o", work, "-q"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            memory = _TreeMemory(process.pid)
            _, errors = process.communicate()
            seconds = time.perf_counter() - start
            memory.stop()
            output = corpus.with_suffix(".jsonl")
            lines = sum(1 for _ in open(output, "rb")) if output.exists() else 0
            corpus.unlink()
            output.unlink(missing_ok=True)
            expected = articles_per_block * round(size / len("".join(texts).encode("utf-8")))
            status = "ok" if process.returncode == 0 and lines == expected else \
                f"exit {process.returncode}, {lines} lines: {errors[-200:]!r}"
            rows.append((f"{size / 1e6:,.0f} MB", f"{lines:,}", f"{seconds:.1f}",
                         f"{size / 1e6 / seconds:.2f}", f"{seconds / (size / 1e8):.2f}",
                         f"{memory.peak_total / 2**20:.0f}", f"{memory.peak_single / 2**20:.0f}",
                         status))
    return table(("corpus", "articles", "wall s", "MB/s", "s per 100 MB",
                  "peak RSS, all processes (MiB)", "peak RSS, largest process (MiB)", "check"),
                 rows)


def dask_path(folder: Path, repeats: int) -> tuple[list[Result], str]:
    import distributed

    import wikipress
    from wikipress.dask import read_articles, write_partitions

    files = sorted(folder.glob("*.txt"))
    wikipress_cli = wikipress_command()

    def single_process(out: str) -> None:
        with open(Path(out) / "all.jsonl", "w", encoding="utf-8") as stream:
            for path in files:
                stream.writelines(wikipress.exporters.export_stream(
                    wikipress.parse_articles(path), "jsonl"))

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=":0") as cluster, \
            distributed.Client(cluster), tempfile.TemporaryDirectory() as out:
        address = cluster.scheduler_address
        contenders = [
            Contender("one process: parse_articles + export_stream",
                      lambda: single_process(out)),
            Contender("Dask bag on LocalCluster(2): read_articles + write_partitions",
                      lambda: write_partitions(read_articles([str(p) for p in files]),
                                               Path(out) / "parts", "jsonl")),
            Contender("convert --split --jobs 1", lambda: _quiet(
                wikipress_cli + ["convert", str(folder), "--split", "-o", f"{out}/a", "-q",
                                 "--jobs", "1"])),
            Contender("convert --split --scheduler (LocalCluster(2))", lambda: _quiet(
                wikipress_cli + ["convert", str(folder), "--split", "-o", f"{out}/b", "-q",
                                 "--scheduler", address])),
        ]
        results = compare(contenders, contenders[0].name, repeats)
    by_name = {r.name: r for r in results}
    split_base = by_name["convert --split --jobs 1"]
    rows = []
    for r in results:
        base = split_base if r.name.startswith("convert") else by_name[contenders[0].name]
        ratios = [b / t for b, t in zip(base.times, r.times)]
        rows.append((r.name, f"{r.median:.2f}", f"{len(files) / r.median:,.0f}",
                     f"{sorted(ratios)[len(ratios) // 2]:.2f}x",
                     f"{min(ratios):.2f}-{max(ratios):.2f}"))
    return results, table(("contender", "median s", "articles/s",
                           "speed vs its one-process peer (median)", "ratio min-max"), rows)
