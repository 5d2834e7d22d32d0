"""The wheel: built from the checkout, installed into a fresh venv outside the
repository, it carries its grammar and schema and converts a sample from another folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile

import pytest

from _support import EXPORTS, ROOT, SAMPLES, env_without_pythonpath


def run(*command, cwd=None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                            cwd=cwd, env=env_without_pythonpath(), timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, ROOT)
    (built,) = dist.glob("wikipress-*.whl")
    return built


def test_the_wheel_holds_the_grammar_schema_and_type_marker(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"wikipress/article.lark", "wikipress/article.schema.json", "wikipress/py.typed",
            "wikipress/__init__.py", "wikipress/exporters/to_yaml.py"} <= names
    assert not any(name.startswith(("tests/", "samples/", "exports/")) for name in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[wikipress.exporters]" in text and "wikipress = wikipress._cli:run" in text
    grammar = zipfile.ZipFile(wheel).read("wikipress/article.lark")
    assert grammar == (ROOT / "grammar" / "article.lark").read_bytes()


def test_installed_wheel_converts_a_sample_from_another_folder(wheel, tmp_path):
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SAMPLES / "thessaloniki.txt", elsewhere / "article.txt")

    where = run(python, "-c", "import wikipress; print(wikipress.__file__)", cwd=elsewhere)
    assert str(environment) in where.stdout and str(ROOT) not in where.stdout

    run(environment / "bin" / "wikipress", "convert", "article.txt", "-t", "yaml,json,text,markup",
        "-o", "out", cwd=elsewhere)
    for extension in ("yaml", "json", "txt", "wiki"):
        produced = (elsewhere / "out" / f"article.{extension}").read_bytes()
        assert produced == (EXPORTS / f"thessaloniki.{extension}").read_bytes(), extension
    schema = run(python, "-c", "import wikipress; print(wikipress.schema()['title'])", cwd=elsewhere)
    assert schema.stdout.strip() == "wikipress article"
