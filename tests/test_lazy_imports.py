"""Start-up stays light: what ``import wikipress`` and the CLI load, and when.

Timing is measured by benchmarks/run.py, not here; these tests check the cause
instead: which heavy libraries a fresh interpreter has imported after each step.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import wikipress

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "mangaize-attack.txt"
HEAVY = ("lark", "yaml", "reportlab", "tqdm", "dask", "distributed", "importlib.metadata")

_PROBE = """
import atexit, sys
HEAVY = {heavy!r}
def report():
    loaded = sorted(name for name in HEAVY if name in sys.modules)
    print("LOADED:" + ",".join(loaded), file=sys.stderr)
atexit.register(report)
{body}
"""


def _loaded_after(body: str, *args: str) -> set[str]:
    code = _PROBE.format(heavy=HEAVY, body=body)
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    line = [text for text in done.stderr.splitlines() if text.startswith("LOADED:")]
    assert line, done.stderr
    return set(filter(None, line[-1][len("LOADED:"):].split(",")))


def test_import_wikipress_loads_no_heavy_library():
    assert _loaded_after("import wikipress") == set()


def test_version_loads_no_heavy_library():
    body = "sys.argv = ['wikipress', '--version']\nfrom wikipress._cli import run\nrun()"
    assert _loaded_after(body) == set()


def test_converting_to_yaml_loads_no_pdf_or_cluster_library(tmp_path):
    body = ("sys.argv = ['wikipress', 'convert', sys.argv[1], '--to', 'yaml', '-o', sys.argv[2], "
            "'-q', '--jobs', '1']\nfrom wikipress._cli import run\nrun()")
    loaded = _loaded_after(body, str(SAMPLE), str(tmp_path))
    assert (tmp_path / "mangaize-attack.yaml").exists()
    assert {"lark", "yaml"} <= loaded
    # a built-in format needs no search of the installed packages' entry points
    assert not loaded & {"reportlab", "dask", "distributed", "importlib.metadata"}


def test_every_public_name_resolves_lazily():
    for name in wikipress.__all__:
        assert getattr(wikipress, name) is not None, name
    assert set(wikipress.__all__) <= set(dir(wikipress))
    assert wikipress.nodes.Text is wikipress.Text
    from wikipress import parse_articles  # from-imports go through the same path
    assert callable(parse_articles)


def test_unknown_attribute_is_an_attribute_error():
    try:
        wikipress.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("no AttributeError")


def test_a_single_process_run_starts_no_process_pool(tmp_path):
    body = ("sys.argv = ['wikipress', 'convert', sys.argv[1], '--to', 'yaml', '-o', sys.argv[2], "
            "'-q', '--jobs', '1']\nfrom wikipress._cli import run\nrun()")
    code = _PROBE.format(heavy=("concurrent.futures", "multiprocessing"), body=body)
    # without subprocess coverage, whose multiprocessing support imports the module
    env = {key: value for key, value in os.environ.items() if not key.startswith("COV")}
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(tmp_path)],
                          capture_output=True, text=True, env=env)
    assert "LOADED:\n" in done.stderr + "\n", done.stderr


def test_with_workers_the_main_process_loads_no_parser_and_no_format_library(tmp_path):
    """The workers load the parser and the formats' libraries themselves, while
    the main process finds and plans the inputs, which needs neither."""
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(4):
        (folder / f"a{index}.txt").write_bytes(SAMPLE.read_bytes())
    body = ("sys.argv = ['wikipress', 'convert', sys.argv[1], '--to', 'yaml', '-o', "
            "sys.argv[2], '-q', '--jobs', '2']\nfrom wikipress._cli import run\nrun()")
    loaded = _loaded_after(body, str(folder), str(tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"a{i}.yaml" for i in range(4)]
    assert not loaded & {"lark", "yaml", "reportlab", "dask", "distributed", "tqdm",
                         "importlib.metadata"}
