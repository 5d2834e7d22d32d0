"""Finding inputs (``_inputs``) and resolving real paths (``_files.RealPaths``).

The command line's own behaviour with bad inputs is tested through the real
CLI in test_files_and_signals.py; these tests pin the order inputs come in and
check that the remembered-folder shortcut of ``RealPaths`` gives exactly what
``os.path.realpath`` gives, links and all.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikipress._files import RealPaths, output_path
from wikipress._inputs import find_inputs, total_size


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"= T =\n")


def test_a_folder_is_listed_as_ls_r_lists_it(tmp_path):
    root = tmp_path / "in"
    for name in ["z.txt", "b.wiki", "a/b/deep.txt", "a/one.txt", "a-x/two.txt", "a.txt",
                 ".hidden.txt", "notes.md", "a/.also-hidden.wiki"]:
        _touch(root / name)
    inputs, problems = find_inputs([str(root)])
    assert problems == []
    assert [str(item.path.relative_to(root)) for item in inputs] == [
        "a.txt", "b.wiki", "z.txt", "a/one.txt", "a/b/deep.txt", "a-x/two.txt"]
    assert [str(item.stem) for item in inputs] == ["a", "b", "z", "a/one", "a/b/deep", "a-x/two"]
    assert all(item.name == str(item.path) for item in inputs)


def test_links_to_folders_are_not_followed_and_a_file_is_read_once(tmp_path):
    root = tmp_path / "in"
    _touch(root / "real" / "x.txt")
    (root / "linked").symlink_to(root / "real")  # a folder link: not searched
    (root / "alias.txt").symlink_to(root / "real" / "x.txt")  # the same file again
    inputs, _ = find_inputs([str(root)])
    assert [str(item.path.relative_to(root)) for item in inputs] == ["alias.txt"]
    again, _ = find_inputs([str(root / "real" / "x.txt"), str(root)])
    assert [item.name for item in again] == [str(root / "real" / "x.txt")]
    assert again[0].real == os.path.realpath(root / "real" / "x.txt")


def test_standard_input_is_read_once(tmp_path):
    inputs, problems = find_inputs(["-", "-"])
    assert [item.name for item in inputs] == ["<stdin>"] and problems == []
    assert inputs[0].real is None and inputs[0].size() == 0


def _tree_with_links(root: Path) -> list[Path]:
    (root / "dir" / "sub").mkdir(parents=True)
    (root / "dir" / "file.txt").write_text("x")
    (root / "link-dir").symlink_to(root / "dir")
    (root / "dir" / "link-file").symlink_to(root / "dir" / "file.txt")
    (root / "dir" / "relative-link").symlink_to("sub")
    (root / "dangling").symlink_to(root / "nowhere")
    (root / "loop").symlink_to(root / "loop")
    return [root / "dir" / "file.txt", root / "link-dir" / "file.txt", root / "dir" / "link-file",
            root / "dir" / "relative-link", root / "dir" / "relative-link" / "new.yaml",
            root / "dangling", root / "loop", root / "missing" / "deeper" / "x.yaml",
            root / "link-dir" / ".." / "dir" / "file.txt", root / "dir" / "..", root / ".",
            root / "dir" / "sub" / "..", Path("relative.txt")]


def test_real_paths_agree_with_realpath(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    real_paths = RealPaths()
    for path in _tree_with_links(tmp_path) * 2:  # the second round from what was remembered
        assert real_paths(path) == os.path.realpath(path), path
        assert real_paths(str(path)) == os.path.realpath(path), path


_PARTS = ["dir", "sub", "link-dir", "relative-link", "file.txt", "link-file", "dangling",
          "loop", "missing", "..", ".", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PARTS), min_size=1, max_size=6), min_size=1,
                max_size=8))
def test_remembered_folders_give_what_realpath_gives(tmp_path_factory, paths):
    """Any path through links, ``..`` and missing parts, asked in any order.

    Past a link loop (which no file can be reached through) ``os.path.realpath``
    stops resolving and RealPaths goes on, so a loop is only asked for last.
    """
    root = tmp_path_factory.mktemp("tree")
    _tree_with_links(root)
    real_paths = RealPaths()
    for parts in paths:
        if "loop" in parts[:-1]:
            parts = parts[:parts.index("loop") + 1]
        path = os.path.join(root, *parts)
        assert real_paths(path) == os.path.realpath(path), path


def test_an_output_path_stays_inside_its_folder(tmp_path):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (out / "away").symlink_to(tmp_path / "elsewhere")
    real_paths = RealPaths()
    path, real = output_path(out, Path("sub/a"), "yaml", real_paths)
    assert path == out / "sub" / "a.yaml"
    assert real == os.path.realpath(out / "sub" / "a.yaml")
    with pytest.raises(ValueError, match="outside the output folder"):
        output_path(out, Path("away/b"), "yaml", real_paths)


def test_only_regular_files_have_a_total_size(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"= A =\n")
    (tmp_path / "b.txt").write_bytes(b"= Bee =\n")
    inputs, _ = find_inputs([str(tmp_path)])
    assert total_size(inputs) == 14
    os.mkfifo(tmp_path / "pipe.txt")  # like <(...): a size of 0 that means "unknown"
    piped, _ = find_inputs([str(tmp_path / "a.txt"), str(tmp_path / "pipe.txt")])
    assert len(piped) == 2 and total_size(piped) is None
    assert total_size(find_inputs(["-"])[0]) is None

