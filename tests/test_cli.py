"""The real ``wikipress`` command line, run in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from wikipress import __version__
from wikipress._cli import _parser
from _support import SAMPLES, run_cli

GOOD = "= Good =\n\nInfobox\n- Key: value\n\nText.\n"
WARNS = "Lead first.\n\n= Warned =\n\n==== Deep ====\n"


def out(result) -> str:
    return result.stdout.decode("utf-8")


def err(result) -> str:
    return result.stderr.decode("utf-8")


@pytest.fixture
def articles(tmp_path_factory):
    """Two articles in a folder of their own (tmp_path stays free for outputs)."""
    folder = tmp_path_factory.mktemp("in")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "warns.txt").write_text(WARNS, encoding="utf-8")
    return folder


def command_names() -> list[str]:
    return list(_parser()._subparsers._group_actions[0].choices)


@pytest.mark.parametrize("command", [[]] + [[name] for name in command_names()],
                         ids=lambda c: " ".join(c) or "wikipress")
def test_help_and_version_on_every_command(command):
    helped = run_cli(*command, "--help")
    assert helped.returncode == 0 and out(helped).startswith("usage: wikipress")
    versioned = run_cli(*command, "--version")
    assert versioned.returncode == 0 and out(versioned).strip() == f"wikipress {__version__}"


def test_main_commands_exist():
    assert {"convert", "check", "formats"} <= set(command_names())


def test_convert_defaults_to_yaml_in_the_current_folder(articles, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    result = run_cli("convert", str(articles / "good.txt"), cwd=work)
    assert result.returncode == 0, err(result)
    assert err(result) == "" and out(result) == ""
    assert [p.name for p in work.iterdir()] == ["good.yaml"]
    assert yaml.safe_load((work / "good.yaml").read_text("utf-8"))["title"] == "Good"


def test_convert_to_several_formats_and_all(articles, tmp_path):
    result = run_cli("convert", str(articles / "good.txt"), "-t", "json,text", "-o", str(tmp_path / "o"))
    assert result.returncode == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["good.json", "good.txt"]
    everything = run_cli("convert", str(articles / "good.txt"), "--to", "all", "-o", str(tmp_path / "a"))
    assert everything.returncode == 0
    names = {p.name for p in (tmp_path / "a").iterdir()}
    assert {"good.yaml", "good.json", "good.txt", "good.wiki"} <= names


def test_stdin_to_stdout(tmp_path):
    result = run_cli("convert", "-", "-t", "json", input=GOOD.encode(), cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(out(result))["infobox"] == {"Key": "value"}
    assert list(tmp_path.iterdir()) == []


def test_stdin_with_an_output_folder_is_named_stdin(tmp_path):
    result = run_cli("convert", "-", "-o", str(tmp_path), input=GOOD.encode())
    assert result.returncode == 0 and (tmp_path / "stdin.yaml").is_file()


def test_file_to_stdout(articles, tmp_path):
    result = run_cli("convert", str(articles / "good.txt"), "-t", "text", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0 and out(result).startswith("Good\n\nKey  value\n")
    assert list(tmp_path.iterdir()) == []


def test_several_articles_on_standard_output_follow_one_another_as_the_format_allows(tmp_path):
    inputs = [str(SAMPLES / "ada-lovelace.txt"), str(SAMPLES / "lake-baikal.txt")]
    result = run_cli("convert", *inputs, "-o", "-", cwd=tmp_path)  # YAML: a stream of documents
    assert result.returncode == 0
    assert [d["title"] for d in yaml.safe_load_all(out(result))] == ["Ada Lovelace", "Lake Baikal"]
    result = run_cli("convert", *inputs, "-t", "markup", "-o", "-", cwd=tmp_path)  # a corpus
    again = run_cli("convert", "-", "--split", "-t", "markup", "-o", str(tmp_path / "split"),
                    input=result.stdout)
    assert again.returncode == 0, err(again)
    assert sorted(p.name for p in (tmp_path / "split").iterdir()) == ["ada-lovelace.wiki", "lake-baikal.wiki"]
    result = run_cli("convert", *inputs, "-t", "text", "-o", "-", cwd=tmp_path)
    assert "designs.\n\nLake Baikal\n" in out(result)  # a blank line between two articles
    result = run_cli("convert", *inputs, "-t", "jsonl", "-o", "-", cwd=tmp_path)
    assert [json.loads(line)["title"] for line in out(result).splitlines()] == ["Ada Lovelace", "Lake Baikal"]


def test_standard_output_refuses_what_it_cannot_hold(tmp_path):
    inputs = [str(SAMPLES / "ada-lovelace.txt"), str(SAMPLES / "lake-baikal.txt")]
    for args, message in ((["-t", "json"], "the json format holds one article per file, so 2 articles"),
                          (["-t", "pdf"], "the pdf format holds one article per file"),
                          (["-t", "yaml,text"], "standard output takes one format at a time"),
                          (["-t", "all"], "standard output takes one format at a time")):
        result = run_cli("convert", *inputs, *args, "-o", "-", cwd=tmp_path)
        assert result.returncode == 2 and result.stdout == b"", args
        assert err(result).startswith(f"wikipress: error: -o -: {message}"), err(result)
    one = run_cli("convert", inputs[0], "-t", "json", "-o", "-", cwd=tmp_path)
    assert one.returncode == 0 and json.loads(out(one))["title"] == "Ada Lovelace"
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_is_not_printed_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "wikipress", "convert",
                                 str(SAMPLES / "ada-lovelace.txt"), "-t", "pdf", "-o", "-"],
                                stdout=follower, stderr=subprocess.PIPE, timeout=120, cwd=tmp_path)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2 and b"standard output is a terminal" in result.stderr


def test_diagnostics_are_printed_as_path_line_column(articles, tmp_path):
    path = str(articles / "warns.txt")
    result = run_cli("convert", path, "-o", str(tmp_path))
    assert result.returncode == 0
    assert err(result).splitlines() == [
        f"{path}:1:1: warning: text before the title (the first '= Title =' line); kept in the lead",
        f"{path}:5:1: warning: heading level jumps from 1 to 4; nested in the level-1 article",
    ]
    assert (tmp_path / "warns.yaml").is_file()


def test_stdin_diagnostics_name_stdin():
    result = run_cli("check", "-", input=b"no title\n")
    assert result.returncode == 0
    assert err(result) == "<stdin>:1:1: warning: no title: the article has no '= Title =' line\n"


def test_strict_turns_warnings_into_errors_and_writes_nothing(articles, tmp_path):
    result = run_cli("convert", str(articles), "--strict", "-o", str(tmp_path))
    assert result.returncode == 1
    assert ":1:1: error: text before the title" in err(result)
    assert [p.name for p in tmp_path.iterdir()] == ["good.yaml"]
    errors = [line for line in err(result).splitlines() if ": error: " in line]
    assert errors and all(line.endswith(" [--strict]") for line in errors)  # why a warning fails
    checked = run_cli("check", str(articles), "--strict")
    book = run_cli("book", str(articles), "--strict", "-o", str(tmp_path / "b.pdf"))
    assert err(checked) == err(result) and err(book).startswith(err(result))


def test_a_word_a_command_does_not_know_is_told_with_that_commands_usage(tmp_path):
    result = run_cli("book", str(SAMPLES / "ada-lovelace.txt"), "-o", str(tmp_path / "b.pdf"),
                     "-t", "pdf")
    assert result.returncode == 2 and err(result).startswith("usage: wikipress book ")
    assert err(result).endswith("wikipress book: error: unrecognized arguments: -t pdf\n")
    assert list(tmp_path.iterdir()) == []


def test_quiet_prints_errors_only(articles, tmp_path):
    (articles / "empty.txt").write_bytes(b"")
    result = run_cli("convert", str(articles), "-q", "-o", str(tmp_path))
    assert result.returncode == 1
    assert err(result) == f"{articles / 'empty.txt'}: error: the input is empty\n"


def test_a_bad_input_fails_alone_and_leaves_no_output(articles, tmp_path):
    (articles / "binary.txt").write_bytes(b"= T =\n\x00\x01")
    (articles / "latin1.txt").write_bytes(b"= T =\n\ncaf\xe9\n")
    result = run_cli("convert", str(articles), "-t", "yaml,text", "-o", str(tmp_path))
    assert result.returncode == 1
    lines = err(result).splitlines()
    assert f"{articles / 'binary.txt'}:2:1: error: binary input: NUL byte at byte offset 6; " \
           f"articles are UTF-8 text" in lines
    assert any(line.startswith(f"{articles / 'latin1.txt'}:3:4: error: invalid UTF-8") for line in lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "good.txt", "good.yaml", "warns.txt", "warns.yaml"]


def test_missing_input_is_reported_and_the_rest_converted(articles, tmp_path):
    result = run_cli("convert", str(articles / "nope.txt"), str(articles / "good.txt"),
                     "-o", str(tmp_path))
    assert result.returncode == 1
    assert f"{articles / 'nope.txt'}: error: no such file or folder" in err(result)
    assert (tmp_path / "good.yaml").is_file()


def test_folders_are_searched_recursively_and_mirrored(tmp_path):
    source = tmp_path / "src"
    (source / "a" / "b").mkdir(parents=True)
    (source / "top.txt").write_text(GOOD, encoding="utf-8")
    (source / "a" / "mid.wiki").write_text(GOOD, encoding="utf-8")
    (source / "a" / "b" / "deep.txt").write_text(GOOD, encoding="utf-8")
    (source / "a" / "notes.md").write_text(GOOD, encoding="utf-8")
    (source / "a" / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("convert", str(source), "-t", "json", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, err(result)
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*")
                     if p.is_file())
    assert written == ["a/b/deep.json", "a/mid.json", "top.json"]


def test_hidden_folders_are_not_searched(tmp_path):
    (tmp_path / "src" / ".git").mkdir(parents=True)
    (tmp_path / "src" / ".git" / "notes.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "src" / "a.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("convert", str(tmp_path / "src"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0 and [p.name for p in (tmp_path / "out").rglob("*")] == ["a.yaml"]


def test_an_output_folder_inside_an_input_folder_is_not_read_as_input(tmp_path):
    """Once, the second run read the first run's outputs and refused the real inputs."""
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    (source / "a.txt").write_text(GOOD, encoding="utf-8")
    (source / "sub" / "b.txt").write_text(GOOD, encoding="utf-8")
    for _ in range(2):
        result = run_cli("convert", str(source), "-t", "text", "-o", str(source / "out"))
        assert result.returncode == 0 and err(result) == ""
    written = sorted(str(p.relative_to(source / "out")) for p in (source / "out").rglob("*"))
    assert written == ["a.txt", "sub", "sub/b.txt"]


def test_a_folder_that_cannot_be_read_is_reported(tmp_path):
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "locked" / "c.txt").write_text(GOOD, encoding="utf-8")
    prefix = []
    if os.geteuid() == 0:  # root reads anything: run without the capabilities that allow it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to drop the file-reading capabilities")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    (tmp_path / "in" / "locked").chmod(0)
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "wikipress", "convert",
                                 str(tmp_path / "in"), "-o", str(tmp_path / "out")],
                                capture_output=True, text=True, timeout=120)
    finally:
        (tmp_path / "in" / "locked").chmod(0o755)
    assert result.returncode == 1
    assert f"{tmp_path / 'in' / 'locked'}: error: cannot read folder: Permission denied" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.yaml"]


def test_an_empty_folder_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("convert", str(tmp_path / "empty"), "-o", str(tmp_path))
    assert result.returncode == 1 and "folder holds no *.txt or *.wiki files" in err(result)


def test_never_overwrite_an_input(tmp_path):
    shutil.copy(SAMPLES / "mangaize-attack.txt", tmp_path / "article.txt")
    before = (tmp_path / "article.txt").read_bytes()
    result = run_cli("convert", str(tmp_path), "-t", "text", "-o", str(tmp_path))
    assert result.returncode == 1
    assert "would overwrite an input" in err(result)
    assert (tmp_path / "article.txt").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["article.txt"]


def test_two_inputs_for_one_output_are_both_refused(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "other.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("convert", str(tmp_path / "a" / "same.txt"), str(tmp_path / "b" / "same.txt"),
                     str(tmp_path / "other.txt"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert err(result).count("would both be written to") == 2
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["other.yaml"]


def test_an_existing_output_is_replaced_whole_and_no_temporary_file_is_left(articles, tmp_path):
    (tmp_path / "good.yaml").write_text("old content that is much longer than the new one\n" * 100)
    result = run_cli("convert", str(articles / "good.txt"), "-o", str(tmp_path))
    assert result.returncode == 0
    assert (tmp_path / "good.yaml").read_text().startswith("title: Good\n")
    assert [p.name for p in tmp_path.iterdir()] == ["good.yaml"]


@pytest.mark.parametrize("arguments, message", [
    (["convert", "X", "-t", "docx"], "unknown format 'docx'"),
    (["convert", "X", "-t", "text", "-O", "colour=red"], "unknown option colour for text"),
    (["convert", "X", "-t", "yaml", "-O", "width=40"], "unknown option width for yaml"),
    (["convert", "X", "-t", "text", "-O", "width=wide"], "text: option width: 'wide' is not a whole number"),
    (["convert", "X", "-t", "text", "-O", "width=3"], "width must be 0 (no wrapping) or 20 to 10000"),
    (["convert", "X", "-t", "text", "-O", "numbered=maybe"], "is not a yes/no value"),
    (["convert", "X", "-O", "novalue"], "option 'novalue' is not KEY=VALUE"),
    (["convert", "X", "-t", ","], "no output format given"),
])
def test_usage_errors_exit_2_before_anything_is_written(articles, tmp_path, arguments, message):
    arguments = [str(articles / "good.txt") if a == "X" else a for a in arguments]
    result = run_cli(*arguments, "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert err(result).startswith("wikipress: error: ") and message in err(result)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("arguments", [["convert"], ["check"], [], ["nonsense"], ["convert", "--bogus", "x"]])
def test_argument_errors_exit_2(arguments):
    result = run_cli(*arguments)
    assert result.returncode == 2 and "usage: wikipress" in err(result)


def test_options_apply_to_every_format_that_declares_them(articles, tmp_path):
    result = run_cli("convert", str(articles / "good.txt"), "-t", "text,json", "-o", str(tmp_path),
                     "-O", "width=0", "-O", "indent=0", "-O", "numbered=no")
    assert result.returncode == 0, err(result)
    assert (tmp_path / "good.txt").read_text(encoding="utf-8").startswith("Good\n\nKey  value")
    data = (tmp_path / "good.json").read_text(encoding="utf-8")
    assert json.loads(data)["title"] == "Good" and data.count("\n") == 1  # indent=0: one line


def test_check_prints_diagnostics_and_writes_nothing(articles, tmp_path):
    fine = run_cli("check", str(articles / "good.txt"), cwd=tmp_path)
    assert (fine.returncode, out(fine), err(fine)) == (0, "", "")
    warned = run_cli("check", str(articles), cwd=tmp_path)
    assert warned.returncode == 0 and err(warned).count(": warning: ") == 2
    strict = run_cli("check", "--strict", str(articles), cwd=tmp_path)
    assert strict.returncode == 1 and err(strict).count(": error: ") == 2
    quiet = run_cli("check", "-q", str(articles), cwd=tmp_path)
    assert (quiet.returncode, err(quiet)) == (0, "")
    (articles / "twice.txt").write_text("= A =\n= B =\n", encoding="utf-8")
    failed = run_cli("check", str(articles), cwd=tmp_path)
    assert failed.returncode == 1
    assert f"{articles / 'twice.txt'}:2:1: error: a second title 'B'" in err(failed)
    assert list(tmp_path.iterdir()) == []


def test_formats_lists_formats_extensions_and_options():
    result = run_cli("formats")
    assert result.returncode == 0
    lines = out(result).splitlines()
    rows = {line.split()[0]: line.split()[1] for line in lines if not line.startswith(" ")}
    assert {"yaml": ".yaml", "json": ".json", "text": ".txt", "markup": ".wiki"}.items() <= rows.items()
    assert any(line.split()[:2] == ["-O", "width=80"] and "0 = no wrapping" in line for line in lines)
    assert any(line.split()[:2] == ["-O", "indent=2"] for line in lines)


def test_the_samples_convert_from_the_command_line(tmp_path):
    result = run_cli("convert", str(SAMPLES), "--to", "all", "-o", str(tmp_path))
    assert result.returncode == 0
    assert err(result).count("field-notes-draft.txt:") == 9 and "error" not in err(result)


def test_a_reader_that_goes_away_is_no_error(tmp_path):
    """``wikipress convert ... -o - | head -1``: no traceback, exit 0."""
    import subprocess
    import sys

    for copy in "abcd":  # four copies of the samples: far more than a pipe holds
        shutil.copytree(SAMPLES, tmp_path / copy)
    process = subprocess.Popen(
        [sys.executable, "-m", "wikipress", "convert", str(tmp_path), "-t", "text",
         "-o", "-", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, stderr
    assert first and stderr == ""


def test_a_file_named_twice_is_converted_once(articles, tmp_path):
    good = str(articles / "good.txt")
    result = run_cli("convert", good, str(articles), good, "-t", "json", "-o", str(tmp_path))
    assert result.returncode == 0, err(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.json", "warns.json"]


def test_an_output_that_is_a_file_is_a_usage_error(articles, tmp_path):
    (tmp_path / "file").write_text("keep me")
    result = run_cli("convert", str(articles / "good.txt"), "-o", str(tmp_path / "file"))
    assert result.returncode == 2 and "not a folder" in err(result)
    assert (tmp_path / "file").read_text() == "keep me"
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    dangling = run_cli("convert", str(articles / "good.txt"), "-o", str(tmp_path / "dangling"))
    assert dangling.returncode == 2 and "not a folder" in err(dangling)
    below = run_cli("convert", str(articles / "good.txt"), "-o", str(tmp_path / "file" / "sub"))
    assert below.returncode == 2 and err(below).count("\n") == 1
    assert f"{tmp_path / 'file'} is a file, not a folder" in err(below)


def test_a_missing_font_file_is_a_usage_error_once(articles, tmp_path):
    result = run_cli("convert", str(articles), "-t", "yaml,pdf", "-O", "font=/nowhere/x.ttf",
                     "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and err(result).count("cannot read font /nowhere/x.ttf") == 1
    assert not (tmp_path / "out").exists()
    notes = tmp_path / "notes.txt"  # a file, but no font: also refused once, before any input
    notes.write_text("not a font")
    result = run_cli("convert", str(articles), "-t", "yaml,pdf", "-O", f"font={notes}",
                     "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and err(result).count("\n") == 1
    assert f"cannot use font {notes}: not a TrueType font file" in err(result)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_problems_found_while_finding_and_planning_are_reported_in_input_order(tmp_path, jobs):
    """A FIFO, a clash and a missing file were reported before every conversion."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("= A =\n\n==== jump ====\ntext\n", encoding="utf-8")
    (source / "b.txt").write_text(GOOD, encoding="utf-8")
    (source / "b.wiki").write_text(GOOD, encoding="utf-8")
    os.mkfifo(source / "c.txt")
    (source / "d.txt").write_text("", encoding="utf-8")
    result = run_cli("convert", str(source), str(tmp_path / "missing.txt"), "-o",
                     str(tmp_path / "out"), "-j", jobs)
    names = [line.split(":")[0].rsplit("/", 1)[-1] for line in err(result).splitlines()]
    assert result.returncode == 1
    assert names == ["a.txt", "b.txt", "b.wiki", "c.txt", "d.txt", "missing.txt"]
