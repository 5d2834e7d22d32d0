"""Coverage-guided fuzzing of the reader and the exporters (atheris + libFuzzer).

Every input is checked against the invariants of ``tests/invariants.py``, the
same ones the property tests use: parsing gives a Document or a ParseError and
nothing else, no word is lost, the markup/YAML/JSON round trips give an equal
document, and every exporter succeeds. Any other exception or a failed check is
a finding: libFuzzer stops and writes the input to ``crash-<hash>``; turn it
into a regression test in ``tests/test_fuzz_findings.py``.

Run it outside the normal test run (see fuzz/README.md)::

    pip install atheris
    python fuzz/fuzz_article.py -max_total_time=1800

With no corpus folder given it uses ``fuzz/corpus/`` (not versioned), seeded
from ``samples/`` and ``fuzz/seeds/``. ``--formats`` chooses the exporters
(default: every registered text format; ``all`` adds binary ones such as
``pdf``, which cost far more per input). ``--keep-going`` records each distinct
finding (by exception and place) in ``fuzz/findings/`` and carries on instead of
stopping at the first one, for long unattended runs. Other arguments go to
libFuzzer.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import traceback
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

with atheris.instrument_imports(include=["wikipress", "invariants"]):
    import invariants
    from wikipress.exporters import format_names, get_exporter


def _formats(spec: str) -> list[str]:
    if spec == "all":
        return format_names()
    if spec == "text":
        return [name for name in format_names() if not get_exporter(name).binary]
    return [name.strip() for name in spec.split(",") if name.strip()]


def _seeded_corpus() -> Path:
    corpus = HERE / "corpus"
    corpus.mkdir(exist_ok=True)
    for seed in [*sorted((ROOT / "samples").glob("*.txt")), *sorted((HERE / "seeds").iterdir())]:
        target = corpus / f"seed-{seed.name}"
        if not target.exists():
            shutil.copyfile(seed, target)
    return corpus


class Findings:
    """Failures of a --keep-going run: input and traceback, a few per kind.

    A kind is the exception, its message without quoted text, and where it was
    raised; several inputs are kept per kind since one failed check (say the
    markup round trip) can have more than one cause.
    """

    PER_KIND = 8

    def __init__(self, folder: Path):
        self.folder = folder
        self.seen: dict[str, int] = {}

    def record(self, data: bytes, error: BaseException) -> None:
        frames = traceback.extract_tb(error.__traceback__)
        place = frames[-1] if frames else None
        message = re.sub(r"'[^']*'|\"[^\"]*\"", "…", str(error))[:80]
        kind = f"{type(error).__name__}: {message} at {place and place.filename}:" \
               f"{place and place.lineno}"
        count = self.seen[kind] = self.seen.get(kind, 0) + 1
        if count > self.PER_KIND:
            return
        self.folder.mkdir(exist_ok=True)
        name = hashlib.sha1(data).hexdigest()[:16]
        (self.folder / f"{name}.input").write_bytes(data)
        (self.folder / f"{name}.txt").write_text(
            kind + "\n\n" + "".join(traceback.format_exception(error)), encoding="utf-8")
        print(f"\nFINDING {len(self.seen)}.{count}: {kind} -> {self.folder / name}.input",
              file=sys.stderr, flush=True)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--formats", default="text",
                         help="'text' (default), 'all', or a comma-separated list of formats")
    options.add_argument("--keep-going", action="store_true",
                         help="record distinct findings in fuzz/findings/ and continue")
    ours, libfuzzer = options.parse_known_args()
    formats = _formats(ours.formats)
    findings = Findings(HERE / "findings") if ours.keep_going else None

    def test_one_input(data: bytes) -> None:
        if findings is None:
            check_both(data)
            return
        try:
            check_both(data)
        except Exception as error:
            findings.record(data, error)

    def check_both(data: bytes) -> None:
        invariants.check_input(data, formats)
        try:  # the str API, lone surrogates included
            text = data.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return
        invariants.check_input(text, formats)

    if not any(not arg.startswith("-") for arg in libfuzzer):
        libfuzzer.append(str(_seeded_corpus()))
    if not any(arg.startswith("-dict=") for arg in libfuzzer):
        libfuzzer.append(f"-dict={HERE / 'article.dict'}")
    atheris.Setup([sys.argv[0], *libfuzzer], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
