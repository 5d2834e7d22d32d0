"""Shared measuring tools: interleaved repeats, medians, the machine's description.

These machines are shared and noisy, so every comparison is made inside one
run: the contenders take turns (round robin) for several repeats, each repeat
gives one time per contender, and what is reported is the median time and the
median of the per-repeat ratios, with the spread (min-max) of the ratios so the
noise is visible.
"""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import subprocess
import time
from dataclasses import dataclass
from typing import Callable, Sequence


@dataclass(frozen=True)
class Contender:
    """Something timed: *run* does the whole job once."""

    name: str
    run: Callable[[], object]


@dataclass(frozen=True)
class Result:
    name: str
    times: tuple[float, ...]  # seconds, one per repeat
    ratios: tuple[float, ...]  # baseline time / this time, one per repeat

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def spread(self) -> str:
        return f"{min(self.ratios):.2f}-{max(self.ratios):.2f}"


def children_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def compare(contenders: Sequence[Contender], baseline: str, repeats: int,
            clock: Callable[[], float] = time.perf_counter) -> list[Result]:
    """Time every contender *repeats* times, round robin; ratios against *baseline*.

    ``ratio = time(baseline) / time(contender)`` in the same repeat: the
    contender's speed as a multiple of the baseline's (above 1 is faster).
    *clock* is wall time by default; ``time.process_time`` (this process's CPU
    time) or :func:`children_cpu` leave out the time other programs on a busy
    machine take from a single-threaded contender.
    """
    times: dict[str, list[float]] = {c.name: [] for c in contenders}
    for contender in contenders:  # warm up: imports, caches, compiled grammars
        contender.run()
    for _ in range(repeats):
        for contender in contenders:
            start = clock()
            contender.run()
            times[contender.name].append(clock() - start)
    base = times[baseline]
    return [Result(name, tuple(ts), tuple(b / t for b, t in zip(base, ts)))
            for name, ts in times.items()]


def machine() -> str:
    """One line: date, CPU, cores, Python, OS."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"{date}; {model}, nproc {os.cpu_count()}; Python {platform.python_version()} "
            f"({platform.python_implementation()}); {platform.system()} {platform.release()}")


def tool_version(command: Sequence[str]) -> str:
    """First line of ``command --version``-like output, or 'not installed'."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "not installed"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
