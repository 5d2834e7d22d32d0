"""The command line on corpora: --split, jsonl streams, --jobs, the progress bar."""

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

SAMPLE = (Path(__file__).resolve().parents[1] / "samples" / "mangaize-attack.txt").read_text("utf-8")
CLI = [sys.executable, "-c", "from wikipress._cli import run; run()"]

HOSTILE = [
    "../../escape", "/etc/passwd", "..\\..\\windows", "nul\x01byte", "CON", "aux",
    "x" * 400, "Same", "same", "SAME", "Mangaïzé attack",
]


def run(*args, cwd, stdin=None, env=None):
    return subprocess.run(CLI + [str(a) for a in args], cwd=cwd, input=stdin,
                          capture_output=True, env=env, timeout=120)


def corpus(titles, extra=""):
    return "".join(f"= {t} =\n\nA paragraph about {t!r}.\n{extra}\n" for t in titles)


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text("Lead text.\n\n" + corpus(HOSTILE) + "= =\n", encoding="utf-8")
    return path


def files_below(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_split_names_every_article_safely_inside_the_output_folder(tmp_path, hostile):
    out = tmp_path / "deep" / "out"
    result = run("convert", hostile, "--split", "--to", "json", "-o", out, "-v", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = files_below(out)
    assert names == sorted([
        "escape.json", "etc-passwd.json", "windows.json", "nul-byte.json", "_con.json",
        "_aux.json", "x" * 120 + ".json", "same.json", "same-2.json", "same-3.json",
        "mangaize-attack.json"])
    assert files_below(tmp_path) == [f"deep/out/{n}" for n in names] + ["dump.txt"]
    stderr = result.stderr.decode()
    assert "dump.txt:1 (../../escape) -> " in stderr and "escape.json" in stderr
    assert len([line for line in stderr.splitlines() if " -> " in line]) == 11
    data = json.loads((out / "same-2.json").read_text("utf-8"))
    assert data["title"] == "same"
    lead = json.loads((out / "escape.json").read_text("utf-8"))
    assert lead["content"][0] == {"paragraph": "Lead text."}
    assert "text before the title" in stderr


def test_split_is_deterministic_and_reruns_overwrite_the_same_names(tmp_path, hostile):
    first = run("convert", hostile, "--split", "-o", tmp_path / "a", cwd=tmp_path)
    second = run("convert", hostile, "--split", "-o", tmp_path / "a", cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stderr == second.stderr
    assert len(files_below(tmp_path / "a")) == 11


def test_untitled_and_empty_titles(tmp_path):
    (tmp_path / "c.txt").write_text("Only text, no title.\n", encoding="utf-8")
    result = run("convert", "c.txt", "--split", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0
    assert files_below(tmp_path / "out") == ["untitled.yaml"]


def test_without_split_a_corpus_fails_and_suggests_split(tmp_path, hostile):
    result = run("convert", hostile, "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "--split" in result.stderr.decode()
    assert not (tmp_path / "out").exists()


def test_split_needs_an_output_folder(tmp_path, hostile):
    result = run("convert", hostile, "--split", "-o", "-", cwd=tmp_path)
    assert result.returncode == 2 and b"-o DIR" in result.stderr


def test_a_bad_article_in_split_mode_is_reported_and_the_others_written(tmp_path):
    data = corpus(["One", "Two"]).encode() + b"= Bad =\n\xff\n" + corpus(["Four"]).encode()
    (tmp_path / "c.txt").write_bytes(data)
    result = run("convert", "c.txt", "--split", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    offset = data.index(b"\xff")
    assert result.stderr.decode().strip() == (
        f"c.txt:10:1: error: invalid UTF-8: byte 0xFF at byte offset {offset} cannot be decoded")
    assert files_below(tmp_path / "out") == ["four.yaml", "one.yaml", "two.yaml"]


def test_jsonl_writes_a_corpus_to_one_file_or_to_standard_output(tmp_path, hostile):
    result = run("convert", hostile, "--to", "jsonl", "-o", "out", "-v", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "out" / "dump.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines] == HOSTILE
    assert b"11 articles -> out" in result.stderr
    piped = run("convert", "-", "--to", "jsonl", cwd=tmp_path, stdin=hostile.read_bytes())
    assert piped.stdout.decode().splitlines() == lines
    assert files_below(tmp_path / "out") == ["dump.jsonl"]


def test_jsonl_leaves_out_a_bad_article_and_says_where_it_is(tmp_path):
    data = corpus(["One"]).encode() + b"= Bad =\nnul \x00\n" + corpus(["Three"]).encode()
    (tmp_path / "c.txt").write_bytes(data)
    result = run("convert", "c.txt", "--to", "jsonl", "-o", "-", cwd=tmp_path)
    assert result.returncode == 1
    assert [json.loads(l)["title"] for l in result.stdout.decode().splitlines()] == ["One", "Three"]
    assert result.stderr.decode().startswith("c.txt:6:5: error: binary input: NUL")


def test_jsonl_with_a_single_document_format_reads_inputs_as_single_articles(tmp_path, hostile):
    result = run("convert", hostile, "--to", "jsonl,yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1 and b"--split" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(40):
        text = SAMPLE.replace("Mangaïzé attack", f"Mangaïzé attack {number}", 1)
        if number % 9 == 4:
            text += "= A second title =\n"
        if number % 7 == 2:
            text += "==== A jump ====\n"
        (folder / f"a{number:03}.txt").write_text(text, encoding="utf-8")
    (folder / "z.txt").write_bytes(b"= Binary =\n\x00\x01")
    return folder


@pytest.mark.parametrize("split", [[], ["--split"]])
def test_jobs_give_the_same_files_and_diagnostics_in_input_order(tmp_path, batch, split):
    results = {}
    for jobs in (1, 2, 3):
        out = tmp_path / f"out{jobs}"
        result = run("convert", batch, "-o", out, "--to", "yaml,jsonl", "-j", jobs, "-v",
                     *split, cwd=tmp_path)
        assert result.returncode == 1
        files = {name: (out / name).read_bytes() for name in files_below(out)}
        results[jobs] = (files, result.stderr.decode().replace(str(out), "OUT"))
    assert results[1] == results[2] == results[3]
    files, stderr = results[1]
    assert len(files) == (2 * 36 if not split else 2 * 44)
    names = [line.split(":")[0] for line in stderr.splitlines() if ": error: " in line
             or ": warning: " in line]
    assert len(names) == (11 if not split else 7)
    assert names == sorted(names)  # diagnostics in input order
    assert stderr.count(": error: ") == (5 if not split else 1)


def test_more_jobs_than_four_per_cpu_are_cut_with_a_warning(tmp_path, batch):
    """Workers are CPU-bound: a mistyped -j 100000 must not fork thousands of processes."""
    from wikipress._jobs import cpu_count

    most = 4 * cpu_count()
    loud = run("convert", batch, "-o", "a", "-j", most + 1, cwd=tmp_path)
    assert f"warning: --jobs {most + 1} is more than 4 per CPU; using at most {most}" in loud.stderr.decode()
    quiet = run("convert", batch, "-o", "b", "-j", most + 1, "-q", cwd=tmp_path)
    assert loud.returncode == quiet.returncode == 1 and b"per CPU" not in quiet.stderr
    assert files_below(tmp_path / "a") == files_below(tmp_path / "b")
    fine = run("convert", batch, "-o", "c", "-j", most, cwd=tmp_path)
    assert b"per CPU" not in fine.stderr


def test_workers_report_unreadable_inputs_as_one_process_does(tmp_path, batch):
    """Workers read their own inputs: a dangling link and a link loop fail there."""
    (batch / "m-dangling.txt").symlink_to(batch / "nowhere.txt")
    (batch / "m-loop.txt").symlink_to(batch / "m-loop.txt")
    results = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        result = run("convert", batch, "-o", out, "--to", "yaml", "-j", jobs, cwd=tmp_path)
        files = {name: (out / name).read_bytes() for name in files_below(out)}
        results[jobs] = (result.returncode, files, result.stderr.decode())
    assert results[1] == results[2]
    status, files, stderr = results[1]
    assert status == 1 and len(files) == 36
    assert "m-dangling.txt: error: cannot read: No such file or directory" in stderr
    assert "m-loop.txt: error: cannot read: Too many levels of symbolic links" in stderr


def test_no_progress_bar_when_standard_error_is_not_a_terminal(tmp_path, batch):
    result = run("convert", batch, "-o", "out", "-j", "2", cwd=tmp_path)
    assert b"\r" not in result.stderr and b"converting" not in result.stderr
    assert all(b": error: " in line or b": warning: " in line
               for line in result.stderr.splitlines())


def run_on_terminal(args, cwd):
    """Run the CLI with standard error on a pseudo-terminal; return what it drew."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # rows, columns
    env = dict(os.environ)
    process = subprocess.Popen(CLI + [str(a) for a in args], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=side, env=env)
    os.close(side)
    drawn = b""
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(main, 65536)
        except OSError:  # the other side closed
            break
        if not data:
            break
        drawn += data
    os.close(main)
    return process.wait(60), drawn.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_shows_counts_rate_eta_and_failures(tmp_path, batch):
    status, drawn = run_on_terminal(["convert", batch, "-o", "out", "-j", "2"], tmp_path)
    assert status == 1
    assert "converting" in drawn and "41/41" in drawn
    assert "file/s" in drawn and "<" in drawn  # rate and time left
    assert "failed=5" in drawn
    assert "z.txt:2:1: error" in drawn  # diagnostics still printed, between bar redraws


def test_quiet_draws_no_bar_on_a_terminal(tmp_path, batch):
    status, drawn = run_on_terminal(["convert", batch, "-o", "out", "-q"], tmp_path)
    assert status == 1 and "converting" not in drawn and "failed=" not in drawn


def test_few_inputs_draw_no_bar(tmp_path, batch):
    status, drawn = run_on_terminal(["convert", batch / "a000.txt", "-o", "out"], tmp_path)
    assert status == 0 and drawn == ""


def test_check_split_reads_corpora(tmp_path):
    data = corpus(["One"]).encode() + b"= Bad =\n\xff\n" + corpus(["Three"], "==== Jump ====\n").encode()
    (tmp_path / "c.txt").write_bytes(data)
    result = run("check", "--split", "c.txt", cwd=tmp_path)
    assert result.returncode == 1
    offset = data.index(b"\xff")
    assert result.stderr.decode().splitlines() == [
        f"c.txt:6:1: error: invalid UTF-8: byte 0xFF at byte offset {offset} cannot be decoded",
        "c.txt:10:1: warning: heading level jumps from 1 to 4; nested in the level-1 article"]
    assert run("check", "c.txt", cwd=tmp_path).returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.txt"]


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.02)


def largest_file_written(pid, folder):
    """The size of the largest file *pid* has open in *folder*: outputs are written
    without a name (O_TMPFILE) where the system allows, so look at its descriptors."""
    sizes = [0]
    for descriptor in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            if os.readlink(descriptor).startswith(str(folder.resolve())):
                sizes.append(descriptor.stat().st_size)
        except OSError:
            pass
    return max(sizes)


def test_interrupting_parallel_split_leaves_no_temporary_files(tmp_path):
    (tmp_path / "big.txt").write_text(corpus([f"T{n}" for n in range(30000)]), encoding="utf-8")
    process = subprocess.Popen(CLI + ["convert", "big.txt", "--split", "-o", "out", "-j", "2"],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(lambda: len(list((tmp_path / "out").glob("*.yaml"))) >= 50)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr
    leftovers = [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert 50 <= len(list((tmp_path / "out").iterdir())) < 30000


def test_interrupting_a_jsonl_stream_leaves_neither_output_nor_temporary_file(tmp_path):
    (tmp_path / "big.txt").write_text(corpus([f"T{n}" for n in range(60000)]), encoding="utf-8")
    process = subprocess.Popen(CLI + ["convert", "big.txt", "--to", "jsonl", "-o", "out"],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(lambda: largest_file_written(process.pid, tmp_path / "out") > 10_000)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert list((tmp_path / "out").iterdir()) == []


def test_split_never_overwrites_an_input(tmp_path):
    (tmp_path / "a.wiki").write_text("= A =\n\nText.\n= B =\n\nMore.\n", encoding="utf-8")
    result = run("convert", "a.wiki", "--split", "--to", "markup", "-o", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "a.wiki:1:1: error: output a.wiki would overwrite an input; choose another output "
        "folder with -o"]
    assert (tmp_path / "a.wiki").read_text("utf-8").startswith("= A =\n\nText.\n= B =")
    assert (tmp_path / "b.wiki").read_text("utf-8") == "= B =\n\nMore.\n"


def test_workers_are_no_more_than_the_inputs_can_need(tmp_path, batch):
    from wikipress._commands import _most_inputs

    assert _most_inputs([str(batch / "a000.txt"), str(batch / "a001.txt")], corpora=False) == 2
    assert _most_inputs([str(batch / "a000.txt"), str(batch)], corpora=False) is None
    assert _most_inputs([str(batch / "a000.txt")], corpora=True) is None
