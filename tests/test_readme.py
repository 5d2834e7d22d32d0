"""The README's commands and code examples work as written."""

from __future__ import annotations

import os
import re

import pytest

from _support import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)


def block(marker: str) -> str:
    """The one Python example of the README that contains *marker*."""
    (found,) = [code for code in PYTHON_BLOCKS if marker in code]
    return found

SETUP = "python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'"
TESTS = ".venv/bin/python -m pytest -q"


def test_ci_runs_the_readme_set_up_and_test_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert SETUP in README and TESTS in README
    assert "python3 -m venv .venv" in ci and ".venv/bin/pip install --quiet -e '.[dev]'" in ci
    assert ci.rstrip().endswith(TESTS)


def test_the_api_example_runs():
    exec(compile(block("doc = wikipress.parse("), "README.md", "exec"), {})


def test_the_pipeline_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(block("rows = []"), "README.md", "exec"), namespace)
    rows = {row["file"]: row for row in namespace["rows"]}
    assert rows["ada-lovelace.txt"]["title"] == "Ada Lovelace"
    assert rows["sourdough-starter.txt"]["fields"] == 0


def test_the_pdf_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(block("export_book("), "README.md", "exec"), namespace)
    assert namespace["pdf"].startswith(b"%PDF-") and namespace["book"].startswith(b"%PDF-")


def test_the_exporter_example_installs_and_converts(tmp_path):
    (tmp_path / "wikipress_outline.py").write_text(block("class OutlineExporter"), encoding="utf-8")
    info = tmp_path / "wikipress_outline-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: wikipress-outline\nVersion: 1.0\n",
                                   encoding="utf-8")
    entry_point = re.search(r'\[project\.entry-points\."wikipress\.exporters"\]\n(.*?)\n', README)
    (info / "entry_points.txt").write_text(
        "[wikipress.exporters]\n" + entry_point.group(1).replace('"', "") + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = run_cli("convert", str(ROOT / "samples" / "ada-lovelace.txt"), "--to", "outline",
                     "-O", "indent=4", "-o", "-", env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().startswith("Ada Lovelace\n    Early life\n        Education\n")
    bad = run_cli("convert", str(ROOT / "samples" / "ada-lovelace.txt"), "--to", "outline",
                  "-O", "indent=9", "-o", "-", env=env)
    assert bad.returncode == 2 and "indent must be 0 to 8" in bad.stderr.decode()


@pytest.mark.parametrize("command", ["convert", "check", "book", "formats"])
def test_every_command_is_documented(command):
    assert f"### `wikipress {command}`" in README
    assert command in run_cli("--help").stdout.decode()
