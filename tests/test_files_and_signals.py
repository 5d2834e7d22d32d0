"""Files and processes: bad inputs in a batch, output paths, SIGKILL, Ctrl-C, a full disk.

Everything runs the real command line in a subprocess. Tests often run as
root, for whom ``chmod 000`` hides nothing (and dropping to another user fails
when the interpreter lives in root's home), so the unreadable inputs are ones
that nobody can read: a symbolic link to itself (ELOOP), a link to
``/proc/self/mem`` (EIO at offset 0), a dangling link; ``chmod 000`` is added
when not running as root.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import wikipress
from _support import SAMPLES, run_cli
from wikipress import _files

ARTICLE = "= {title} =\n\nInfobox\n- Key: {title}\n\n{body}\n\n== Section ==\n- item\n"


def article(title: str, words: int = 20) -> bytes:
    return ARTICLE.format(title=title, body=" ".join(["word"] * words)).encode()


def cli_env() -> dict[str, str]:
    """The environment without subprocess coverage (its data files need a writable folder)."""
    return {key: value for key, value in os.environ.items() if not key.startswith("COV")}


def errors_by_name(stderr: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in stderr.splitlines():
        if ": error: " in line:
            name = line.split(": error: ")[0].split(":")[0]
            counts[name] = counts.get(name, 0) + 1
    return counts


def test_a_batch_converts_every_good_input_and_reports_each_bad_one_once(tmp_path):
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    (source / "good.txt").write_bytes(article("Good"))
    (source / "also-good.wiki").write_bytes(article("Also good"))
    (source / "sub" / "deeper.txt").write_bytes(article("Deeper"))
    (source / "not-utf8.txt").write_bytes(b"= T =\n\n\xff\n")
    (source / "empty.txt").write_bytes(b"")
    (source / "dangling.txt").symlink_to(source / "nowhere.txt")
    (source / "loop.txt").symlink_to(source / "loop.txt")  # unreadable, even for root
    os.mkfifo(source / "fifo.txt")  # reading it would wait forever
    (source / "folder.txt").mkdir()  # a folder named like an article is searched, not read
    (source / "folder.txt" / "inside.txt").write_bytes(article("Inside"))
    unreadable = ["dangling.txt", "empty.txt", "fifo.txt", "loop.txt", "not-utf8.txt"]
    if os.geteuid() != 0:  # chmod hides nothing from root
        (source / "locked.txt").write_bytes(article("Locked"))
        (source / "locked.txt").chmod(0o000)
        unreadable.append("locked.txt")
    if Path("/proc/self/mem").exists():  # a file that even root cannot read (EIO)
        (source / "mem.txt").symlink_to("/proc/self/mem")
        unreadable.append("mem.txt")
    out = tmp_path / "out"
    result = run_cli("convert", str(source), str(tmp_path / "missing.txt"),
                     str(source / "folder.txt" / "inside.txt"), "-o", str(out), "-t", "yaml,text")
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert errors_by_name(stderr) == {str(source / name): 1 for name in unreadable} | {
        str(tmp_path / "missing.txt"): 1}
    assert f"{source / 'loop.txt'}: error: cannot read: Too many levels of symbolic links" in stderr
    assert f"{source / 'fifo.txt'}: error: a FIFO, not a file; not read" in stderr
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    # inside.txt, named twice (in its folder and alone), is converted once, where first named
    assert written == ["also-good.txt", "also-good.yaml", "folder.txt/inside.txt",
                       "folder.txt/inside.yaml", "good.txt", "good.yaml",
                       "sub/deeper.txt", "sub/deeper.yaml"]


def test_a_folder_of_inputs_is_never_its_own_output(tmp_path):
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run_cli("convert", str(folder), "-o", str(folder), "-t", "text")
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert stderr.count("would overwrite an input") == len(before)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_links_out_of_the_output_folder_are_not_followed(tmp_path):
    source, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "a.txt").write_bytes(article("A"))
    (source / "b.txt").write_bytes(article("B"))
    elsewhere.mkdir()
    (elsewhere / "b.yaml").write_text("precious\n")
    out.mkdir()
    (out / "sub").symlink_to(elsewhere)             # a folder link leading out
    (out / "b.yaml").symlink_to(elsewhere / "b.yaml")  # a file link leading out
    result = run_cli("convert", str(source), "-o", str(out))
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert stderr.count("would be outside the output folder") == 2
    assert sorted(p.name for p in elsewhere.iterdir()) == ["b.yaml"]
    assert (elsewhere / "b.yaml").read_text() == "precious\n"


def test_split_does_not_follow_a_link_out_of_the_output_folder(tmp_path):
    source, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "corpus.txt").write_bytes(article("One") + b"\n" + article("Two"))
    elsewhere.mkdir()
    out.mkdir()
    (out / "sub").symlink_to(elsewhere)
    result = run_cli("convert", str(source), "--split", "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.decode().count("would be outside the output folder") == 2
    assert list(elsewhere.iterdir()) == []


def _many_inputs(folder: Path, count: int, words: int) -> dict[str, bytes]:
    """Inputs and the outputs a complete run gives (computed in this process)."""
    folder.mkdir()
    expected = {}
    for index in range(count):
        data = article(f"Article {index}", words + index * 37)
        (folder / f"a{index:03}.txt").write_bytes(data)
        document = wikipress.parse(data)
        for name in ("yaml", "json", "markup"):
            exporter = wikipress.get_exporter(name)
            expected[f"a{index:03}.{exporter.extension}"] = exporter.export(document).encode()
    return expected


def _check_only_complete_files(out: Path, expected: dict[str, bytes]) -> list[str]:
    """Every visible file is complete; returns the hidden temporary files left."""
    hidden = []
    for path in out.iterdir() if out.exists() else []:
        if path.name.startswith("."):
            assert path.name.endswith(_files.TEMPORARY_SUFFIX), path.name
            hidden.append(path.name)
            # a temporary file gets a name only once complete
            target = path.name[1:].rsplit(".", 2)[0]
            assert path.read_bytes() == expected[target]
            continue
        assert path.read_bytes() == expected[path.name], path.name
    return hidden


def test_sigkill_at_any_moment_leaves_only_complete_files(tmp_path):
    expected = _many_inputs(tmp_path / "in", 60, 20_000)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "wikipress", "convert", str(tmp_path / "in"), "-o", str(out),
               "-t", "yaml,json,markup"]
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, env=cli_env())
    duration = time.monotonic() - started
    shutil.rmtree(out)
    chance = random.Random(5)
    for attempt in range(8):
        # The whole process group, worker processes included (as the OOM killer or
        # a service manager would); every other attempt converts in one process.
        jobs = ["-j", "1"] if attempt % 2 else []
        process = subprocess.Popen(command + jobs, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env=cli_env(),
                                   start_new_session=True)
        time.sleep(chance.uniform(0.2, 1.0) * duration)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        time.sleep(0.2)  # the workers die with their group, a moment later
        _check_only_complete_files(out, expected)
    result = subprocess.run(command, capture_output=True, env=cli_env())
    assert result.returncode == 0
    _check_only_complete_files(out, expected)
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == set(expected)


def _children(pid: int) -> set[int]:
    found = set()
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat_file.parent.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_a_killed_main_process(tmp_path):
    expected = _many_inputs(tmp_path / "in", 40, 20_000)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "wikipress", "convert", str(tmp_path / "in"),
                                "-o", str(out), "-t", "yaml,json,markup", "-j", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env())
    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(process.pid)
        time.sleep(0.02)
    assert len(workers) >= 2
    process.send_signal(signal.SIGKILL)  # the main process only
    process.wait()
    deadline = time.monotonic() + 10
    while workers and time.monotonic() < deadline:
        workers = {pid for pid in workers if Path(f"/proc/{pid}").exists()
                   and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1][:3]}
        time.sleep(0.05)
    assert workers == set()
    _check_only_complete_files(out, expected)


def test_the_next_run_removes_temporary_files_a_killed_run_left(tmp_path):
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    (source / "a.txt").write_bytes(article("A"))
    out.mkdir()
    stale = out / f".a.yaml.0badc0de{_files.TEMPORARY_SUFFIX}"
    stale.write_bytes(b"half a fi")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = out / f".b.yaml.12345678{_files.TEMPORARY_SUFFIX}"  # maybe another run's, at work
    fresh.write_bytes(b"being written")
    mine = out / ".notes.tmp"  # not ours: never touched
    mine.write_bytes(b"keep")
    os.utime(mine, (old, old))
    assert run_cli("convert", str(source), "-o", str(out)).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([fresh.name, mine.name, "a.yaml"])


@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "named temporary"])
def test_atomic_writes_leave_nothing_on_failure_either_way(tmp_path, monkeypatch, unnamed):
    if not unnamed:
        monkeypatch.setattr(_files, "_open_unnamed", lambda folder: None)
    elif _files._open_unnamed(tmp_path) is None:
        pytest.skip("this system has no O_TMPFILE")
    target = tmp_path / "out" / "a.yaml"
    _files.write_atomic(target, b"first")
    stream = _files.AtomicFile(target)
    stream.write(b"second, half")
    if not unnamed:
        assert len(list(target.parent.glob(f".a.yaml.*{_files.TEMPORARY_SUFFIX}"))) == 1
    stream.discard()
    assert [p.name for p in target.parent.iterdir()] == ["a.yaml"]
    assert target.read_bytes() == b"first"
    old_mask = os.umask(0o027)
    try:
        _files.write_atomic(target, b"third")
    finally:
        os.umask(old_mask)
    assert target.read_bytes() == b"third" and target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["a.yaml"]


@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "named temporary"])
@pytest.mark.parametrize("name", ["a" * 250, "é" * 122 + "x", "a" * 231])
def test_a_name_near_the_limit_is_written_its_temporary_too(tmp_path, monkeypatch, unnamed, name):
    """The temporary's name is 24 bytes longer: past 231 bytes it could not be made."""
    if not unnamed:
        monkeypatch.setattr(_files, "_open_unnamed", lambda folder: None)
    target = tmp_path / f"{name}.yaml"[-255:]
    _files.write_atomic(target, b"data")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert target.read_bytes() == b"data"


def test_an_output_name_past_the_limit_is_reported_by_its_own_path(tmp_path):
    source = tmp_path / f"{'b' * 251}.txt"  # 255 bytes: its .yaml output is 256
    source.write_bytes(article("T"))
    result = run_cli("convert", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert f"File name too long ({tmp_path / 'out' / source.stem}.yaml)" in result.stderr.decode()


def test_ctrl_c_stops_a_batch_cleanly(tmp_path):
    # Enough inputs that a run outlasts the first delays even with two workers.
    expected = _many_inputs(tmp_path / "in", 600, 20_000)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "wikipress", "convert", str(tmp_path / "in"), "-o", str(out),
               "-t", "yaml,json,markup"]
    stopped = 0
    for delay in (0.5, 0.8, 1.2, 2.0):
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=cli_env())
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        # Before the command line runs (interpreter start-up) or after it is done
        # (shutdown), Python's own handling applies: killed by SIGINT, which a shell
        # shows as status 130 too. Either way no partial or temporary file is left.
        assert _check_only_complete_files(out, expected) == []
        if process.returncode == -signal.SIGINT:
            continue
        if process.returncode == 0:
            continue  # finished before the signal came
        assert process.returncode == 130, stderr.decode()
        assert stderr.decode().endswith("wikipress: interrupted\n")
        assert "Traceback" not in stderr.decode()
        stopped += 1
    assert stopped, "no run was interrupted while converting"


def _stems_with_some_formats(out: Path, formats: int) -> list[str]:
    """Inputs that have some of their outputs but not all."""
    stems: dict[str, int] = {}
    for path in out.iterdir() if out.exists() else []:
        stems[path.name.split(".")[0]] = stems.get(path.name.split(".")[0], 0) + 1
    return sorted(stem for stem, count in stems.items() if count != formats)


@pytest.mark.parametrize("number, status, message", [
    (signal.SIGINT, 130, "wikipress: interrupted"),
    (signal.SIGTERM, 143, "wikipress: terminated"),
])
def test_a_stopped_run_leaves_each_input_with_all_its_formats_or_none(tmp_path, number, status,
                                                                      message):
    """Ctrl-C could come between an article's formats (or between a temporary
    file's naming and its rename), and SIGTERM ended the run on the spot."""
    expected = _many_inputs(tmp_path / "in", 400, 2_000)
    chance = random.Random(number)
    stopped = 0
    for attempt in range(6):
        out = tmp_path / f"out{attempt}"
        jobs = ["-j", "1"] if attempt % 2 else ["-j", "2"]
        process = subprocess.Popen(
            [sys.executable, "-m", "wikipress", "convert", str(tmp_path / "in"), "-o", str(out),
             "-t", "yaml,json,markup", *jobs], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=cli_env(), start_new_session=True)
        time.sleep(chance.uniform(0.4, 1.2))
        os.killpg(process.pid, number)  # the whole group, as a terminal or a scheduler does
        _, stderr = process.communicate(timeout=60)
        assert _check_only_complete_files(out, expected) == []
        assert _stems_with_some_formats(out, 3) == []
        if process.returncode in (0, -number):
            continue  # finished first, or stopped before the command line ran
        assert (process.returncode, stderr.decode().splitlines()[-1]) == (status, message)
        assert "Traceback" not in stderr.decode()
        stopped += 1
    assert stopped, "no run was stopped while converting"


def test_standard_output_on_a_full_disk():
    with open("/dev/full", "wb") as full:
        for arguments in (["convert", str(SAMPLES / "mangaize-attack.txt"), "-o", "-"],
                          ["formats"]):
            result = subprocess.run([sys.executable, "-m", "wikipress", *arguments],
                                    stdout=full, stderr=subprocess.PIPE, env=cli_env())
            stderr = result.stderr.decode()
            assert result.returncode == 1, stderr
            assert "No space left on device" in stderr and "Traceback" not in stderr


@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KiB tmpfs mounted for the test (root only; skipped where mounting fails)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_fails_the_inputs_that_do_not_fit_and_leaves_no_partial_file(tmp_path, tiny_disk):
    source = tmp_path / "in"
    source.mkdir()
    (source / "big.txt").write_bytes(article("Big", 100_000))  # 500 KB of text: cannot fit
    (source / "small.txt").write_bytes(article("Small"))
    result = run_cli("convert", str(source), "-o", str(tiny_disk), "-t", "yaml,markup")
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert f"{source / 'big.txt'}: error: cannot write output: No space left on device" in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["small.wiki", "small.yaml"]
    assert wikipress.load((tiny_disk / "small.yaml").read_bytes()) == wikipress.parse(
        article("Small"))


def test_a_stream_that_cannot_be_written_is_reported_once(tmp_path):
    """Every later article of the stream was tried again and reported again."""
    corpus = tmp_path / "corpus.txt"
    corpus.write_bytes(b"".join(article(f"Number {n}") for n in range(50)))
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "wikipress", "convert", str(corpus),
                                 "-t", "jsonl", "-o", "-"],
                                stdout=full, stderr=subprocess.PIPE, env=cli_env())
    stderr = result.stderr.decode()
    assert result.returncode == 1 and stderr.count("No space left on device") == 1, stderr


def test_with_split_a_full_disk_names_each_article_by_its_line(tmp_path, tiny_disk):
    corpus = tmp_path / "corpus.txt"
    corpus.write_bytes(article("Small") + article("Big", 100_000))
    result = run_cli("convert", str(corpus), "--split", "-o", str(tiny_disk))
    first_big_line = article("Small").count(b"\n") + 1
    assert result.returncode == 1
    assert (f"{corpus}:{first_big_line}:1: error: cannot write output: No space left on device"
            in result.stderr.decode())
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["small.yaml"]


@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "named temporary"])
def test_ctrl_c_while_an_inputs_formats_are_written_waits_until_all_are_in_place(
        tmp_path, monkeypatch, unnamed):
    """Deterministic: the signal comes while the first format is put in place."""
    if not unnamed:
        monkeypatch.setattr(_files, "_open_unnamed", lambda folder: None)
    real_replace = os.replace
    calls = []

    def replace_then_interrupt(source, target):
        real_replace(source, target)
        calls.append(target)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # Python runs the handler at once, here

    monkeypatch.setattr(_files.os, "replace", replace_then_interrupt)
    outputs = [(tmp_path / "a.yaml", b"yaml"), (tmp_path / "a.json", b"json")]
    with pytest.raises(KeyboardInterrupt):
        _files.write_all_atomic(outputs)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "a.yaml"]
    assert (tmp_path / "a.json").read_bytes() == b"json"


def test_held_leaves_an_applications_own_handler_alone():
    from wikipress._signals import held

    caught = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(frame))
    try:
        with held():
            os.kill(os.getpid(), signal.SIGINT)
            assert caught and caught[0] is not None  # called at once, with its frame
    finally:
        signal.signal(signal.SIGINT, previous)
