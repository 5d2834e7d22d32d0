"""Whole processes, as a user runs them: start-up and converting files.

* Start-up: ``wikipress --version`` (targets: under 100 ms) and converting one
  article to YAML (under 200 ms), wall time of the real command, with
  ``python -c pass`` (the interpreter alone) measured alongside as the floor.
* ``wikipress convert FOLDER --to text`` against Debian's
  ``pandoc -f mediawiki -t plain`` on the same articles. Pandoc converts one
  document per process; it is given all the files at once (it concatenates
  them), which is its fastest way through a corpus, while wikipress writes one
  output per input. Wikipress runs with ``--jobs 1``, so both use one core, and
  both are timed in CPU seconds of the process (user + system), which a busy
  machine inflates far less than wall time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from measure import Contender, Result, children_cpu, compare, table, tool_version


def wikipress_command() -> list[str]:
    script = Path(sys.executable).with_name("wikipress")
    if script.exists():
        return [str(script)]
    found = shutil.which("wikipress")
    if found is None:
        raise SystemExit("the wikipress command is not installed: pip install -e '.[bench]'")
    return [found]


def _quiet(command: Sequence[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def _single_job_flags(wikipress: list[str]) -> list[str]:
    helptext = subprocess.run(wikipress + ["convert", "--help"], capture_output=True,
                              text=True).stdout
    return ["--jobs", "1"] if "--jobs" in helptext else []


def startup(sample: Path, repeats: int) -> tuple[list[Result], str]:
    wikipress = wikipress_command()
    with tempfile.TemporaryDirectory() as out:
        contenders = [
            Contender("python -c pass (floor)", lambda: _quiet([sys.executable, "-c", "pass"])),
            Contender("wikipress --version", lambda: _quiet(wikipress + ["--version"])),
            Contender("wikipress convert ARTICLE --to yaml", lambda: _quiet(
                wikipress + ["convert", str(sample), "--to", "yaml", "-o", out, "-q"])),
        ]
        results = compare(contenders, contenders[0].name, repeats)
        cpu = {r.name: r for r in compare(contenders, contenders[0].name, repeats,
                                          clock=children_cpu)}
    limits = {"wikipress --version": 0.100, "wikipress convert ARTICLE --to yaml": 0.200}
    rows = []
    for result in results:
        limit = limits.get(result.name)
        verdict = "" if limit is None else ("yes" if result.median < limit else "**no**")
        rows.append((result.name, f"{result.median * 1000:.0f}",
                     f"{min(result.times) * 1000:.0f}-{max(result.times) * 1000:.0f}",
                     f"{cpu[result.name].median * 1000:.0f}",
                     "" if limit is None else f"< {limit * 1000:.0f} ms: {verdict}"))
    header = ("command", "median wall ms", "min-max wall ms", "median CPU ms", "target (wall)")
    return results, table(header, rows)


def versus_pandoc(folder: Path, repeats: int) -> tuple[list[Result], str]:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return [], "pandoc is not installed (Debian: `apt-get install -y pandoc`); skipped."
    wikipress = wikipress_command()
    files = sorted(str(path) for path in folder.glob("*.txt"))
    size = sum(Path(name).stat().st_size for name in files) / 1e6
    with tempfile.TemporaryDirectory() as out:
        contenders = [
            Contender("pandoc -f mediawiki -t plain", lambda: _quiet(
                [pandoc, "-f", "mediawiki", "-t", "plain", "-o", f"{out}/all.txt", *files])),
            Contender("wikipress convert --to text", lambda: _quiet(
                wikipress + ["convert", str(folder), "--to", "text", "-o", out, "-q",
                             *_single_job_flags(wikipress)])),
        ]
        results = compare(contenders, contenders[0].name, repeats, clock=children_cpu)
    rows = [(r.name, f"{r.median:.2f}", f"{size / r.median:.2f}", f"{len(files) / r.median:,.0f}",
             f"{r.ratio:.2f}x", r.spread) for r in results]
    header = ("command", "median CPU s", "MB/s", "articles/s", "speed vs pandoc (median)",
              "ratio min-max")
    note = f"{len(files)} articles, {size:.1f} MB; {tool_version([pandoc, '--version'])}"
    return results, note + "\n\n" + table(header, rows)
