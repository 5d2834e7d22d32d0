"""Planning outputs: one path per format, and the inputs that must not be converted."""

from __future__ import annotations

import os
from pathlib import Path

from wikipress._files import RealPaths
from wikipress._inputs import find_inputs
from wikipress._planning import plan_outputs


def _plan(arguments: list[str], folder: Path, extensions=("yaml", "txt")):
    inputs, problems = find_inputs(arguments)
    assert not problems
    plans, refusals = plan_outputs(inputs, folder, list(extensions), RealPaths())
    return {item.name: paths for item, paths in plans.items()}, refusals


def test_every_input_gets_one_path_per_format_under_its_stem(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    for name in ("in/a.txt", "in/sub/b.wiki"):
        (tmp_path / name).write_text("= T =\n")
    plans, refusals = _plan([str(tmp_path / "in")], tmp_path / "out")
    assert refusals == []
    assert sorted(plans.values()) == [
        [tmp_path / "out/a.yaml", tmp_path / "out/a.txt"],
        [tmp_path / "out/sub/b.yaml", tmp_path / "out/sub/b.txt"],
    ]


def test_two_inputs_with_one_output_are_both_refused_and_others_kept(tmp_path):
    for name in ("x.txt", "x.wiki", "y.txt"):
        (tmp_path / name).write_text("= T =\n")
    names = [str(tmp_path / name) for name in ("x.txt", "x.wiki", "y.txt")]
    plans, refusals = _plan(names, tmp_path / "out", extensions=("yaml",))
    assert plans[names[0]] is None and plans[names[1]] is None
    assert plans[names[2]] == [tmp_path / "out/y.yaml"]
    assert [name for name, _ in refusals] == [names[1], names[0]]
    assert all("would both be written to" in message and "neither is converted" in message
               for _, message in refusals)


def test_a_third_input_for_the_same_output_is_refused_too(tmp_path):
    names = []
    for folder in ("x", "y", "z"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("= T =\n")
        names.append(str(tmp_path / folder / "a.txt"))
    plans, refusals = _plan(names, tmp_path / "out", extensions=("yaml",))
    assert all(plans[name] is None for name in names)
    assert sorted(name for name, _ in refusals) == names


def test_the_progress_bar_counts_each_input_once(tmp_path):
    """Problems found with the inputs are reported in their place but not counted."""
    from wikipress._batch import Batch, Target
    from wikipress._inputs import find_inputs

    for name in ("x.txt", "x.wiki", "y.txt"):
        (tmp_path / name).write_text("= T =\n")
    counted = []
    batch = Batch((Target("yaml"),), tmp_path / "out", progress=lambda size, failed: counted.append(failed))
    inputs, problems = find_inputs([str(tmp_path), str(tmp_path / "missing.txt")], batch.real_paths)
    batch.run(inputs, problems=problems)
    assert len(inputs) == 3 and counted == [True, True, False]  # x.txt and x.wiki clash
    assert batch.failures == 3  # the clash twice, the missing file once


def test_an_output_that_would_overwrite_an_input_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("= T =\n")
    plans, refusals = _plan([str(tmp_path / "notes.txt")], tmp_path)  # -o the input's folder
    assert plans == {str(tmp_path / "notes.txt"): None}
    assert refusals == [(str(tmp_path / "notes.txt"),
                         f"output {tmp_path / 'notes.txt'} would overwrite an input; "
                         f"choose another output folder with -o")]


def test_an_output_whose_link_leads_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("= T =\n")
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "elsewhere.yaml", tmp_path / "out" / "a.yaml")
    plans, refusals = _plan([str(tmp_path / "a.txt")], tmp_path / "out", extensions=("yaml",))
    assert plans == {str(tmp_path / "a.txt"): None}
    assert "would be outside the output folder" in refusals[0][1]
