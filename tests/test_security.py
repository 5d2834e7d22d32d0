"""Security: YAML only through safe dumpers and loaders, article text never evaluated.

The source scan reads every module of the package (and the benchmarks and
scripts that ship with it) as a syntax tree, so a new unsafe call cannot slip
in unnoticed. The behaviour tests feed YAML and markup built to run code if
anything evaluated them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

import wikipress
from _support import ROOT, run_cli
from wikipress import ParseError

SOURCES = sorted([*(ROOT / "src").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py"),
                  *(ROOT / "scripts").rglob("*.py"), *(ROOT / "fuzz").rglob("*.py")])
UNSAFE_YAML = {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all",
               "Loader", "FullLoader", "UnsafeLoader", "Dumper", "CLoader", "CFullLoader",
               "CUnsafeLoader", "CDumper", "UnsafeConstructor", "FullConstructor"}
EVALUATING = {"eval", "exec", "compile", "__import__"}
UNSAFE_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle"}
# Reviewed exceptions: where, what, and why no article text can reach it.
ALLOWED = {
    ("src/wikipress/_construct.py", "exec()"):
        "compiles constructors from the AST classes' own field names (as dataclasses does)",
}


def problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id == "yaml" and node.attr in UNSAFE_YAML:
            found.append(f"{where}: yaml.{node.attr}")
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name) and function.id in EVALUATING:
                found.append(f"{where}: {function.id}()")
            if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name) \
                    and function.value.id == "yaml" and function.attr in {"load", "load_all", "dump",
                                                                         "dump_all"}:
                wanted = "Loader" if "load" in function.attr else "Dumper"
                given = {keyword.arg: ast.unparse(keyword.value) for keyword in node.keywords}
                if wanted not in given or not _is_safe(given[wanted], tree):
                    found.append(f"{where}: yaml.{function.attr} without a safe {wanted}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
            if any(name.split(".")[0] in UNSAFE_MODULES for name in names):
                found.append(f"{where}: imports {', '.join(names)}")
    return found


def _is_safe(expression: str, tree: ast.Module) -> bool:
    """A Safe* class, or a module-level name bound to an expression that only names Safe* ones."""
    if "Safe" in expression and not any(name in expression for name in UNSAFE_YAML - {"Loader", "Dumper"}):
        return True
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == expression
                                                for t in node.targets):
            value = ast.unparse(node.value)
            return "Safe" in value and not any(f"yaml.{name}" in value for name in UNSAFE_YAML)
    return False


def test_the_scan_finds_what_it_looks_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import yaml, pickle\nyaml.load(s)\nyaml.load(s, Loader=yaml.Loader)\n"
                   "yaml.dump(d)\nyaml.unsafe_load(s)\neval(text)\n", encoding="utf-8")
    original = ROOT
    try:
        globals()["ROOT"] = tmp_path
        found = problems(bad)
    finally:
        globals()["ROOT"] = original
    assert len(found) == 7, found


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_unsafe_yaml_and_no_evaluation_in_the_source(path):
    relative = str(path.relative_to(ROOT))
    left = [problem for problem in problems(path)
            if (relative, problem.rsplit(": ", 1)[1]) not in ALLOWED]
    assert left == []


@pytest.mark.parametrize("payload", [
    "!!python/object/apply:os.system ['echo owned > owned.txt']",
    "!!python/name:os.system",
    "!!python/object/new:subprocess.Popen [['touch', 'owned.txt']]",
])
def test_load_refuses_python_tags(payload, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = f"title: {payload}\ninfobox: null\ncontent: []\nsections: []\n"
    with pytest.raises(ParseError, match="not a wikipress YAML/JSON export"):
        wikipress.load(text)
    assert list(tmp_path.iterdir()) == []


ACTIVE_TEXT = [
    "!!python/object/apply:os.system ['touch owned.txt']",
    "{{ __import__('os').system('touch owned.txt') }}",
    "${touch owned.txt}", "$(touch owned.txt)", "`touch owned.txt`",
    "__import__('os').system('touch owned.txt')", "&amp; <script>alert(1)</script>",
    "*anchor &anchor ? : - | > %YAML 1.1 --- ...", "'\"\\N\\x00\\u2028",
]


@pytest.mark.parametrize("text", ACTIVE_TEXT)
def test_article_text_that_looks_like_code_is_only_text(text, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text(f"= {text} =\n\nInfobox\n- {text.replace(':', ' ')}: {text}\n\n"
                      f"x {text}\n\n== {text} ==\n- {text}\n", encoding="utf-8")
    result = run_cli("convert", str(source), "-t", "yaml,json,markup,text", "-o", str(tmp_path / "out"),
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert not (tmp_path / "owned.txt").exists()
    exported = yaml.safe_load((tmp_path / "out" / "in.yaml").read_text("utf-8"))
    assert exported["title"] == text
    assert exported["content"][0] == {"paragraph": f"x {text}"}
    assert exported["sections"][0]["content"][0] == {"list": [text]}
    document = wikipress.parse_file(source)
    for name in ("yaml", "json"):
        assert wikipress.load((tmp_path / "out" / f"in.{name}").read_bytes()) == document
