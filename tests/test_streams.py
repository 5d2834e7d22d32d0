"""Standard streams the shell closed or whose reader went away (real CLI, subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from _support import SAMPLES

CLI = [sys.executable, "-m", "wikipress"]


@pytest.fixture
def mixed(tmp_path):
    """40 good and 40 failing inputs, so that diagnostics keep coming."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = (SAMPLES / "ada-lovelace.txt").read_bytes()
    for number in range(40):
        (folder / f"a{number:02}.txt").write_bytes(good)
        (folder / f"b{number:02}.txt").write_bytes(b"= One =\n= Two =\n")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_when_the_diagnostics_reader_goes_away_every_input_is_still_converted(tmp_path, mixed, jobs):
    """``2>&1 >/dev/null | head -1``: once stopped early and said success."""
    out = tmp_path / "out"
    process = subprocess.Popen([*CLI, "convert", mixed, "-o", out, "-j", jobs],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first = process.stderr.readline()
    process.stderr.close()
    assert process.wait(timeout=120) == 1 and b"error" in first
    assert sorted(p.name for p in out.iterdir()) == [f"a{n:02}.yaml" for n in range(40)]


def test_closed_standard_error_keeps_diagnostics_out_of_the_data():
    """``2>&-``: print() fell back to standard output, into the JSON."""
    done = subprocess.run([*CLI, "convert", SAMPLES / "field-notes-draft.txt", "-o", "-", "-t", "json"],
                          capture_output=False, stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2),
                          timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout)["title"] == "Field notes: the old mill"


@pytest.mark.parametrize("closed, arguments, message", [
    (0, ["convert", "-", "-o", "-"], b"standard input is closed"),
    (0, ["check", "-"], b"standard input is closed"),
    (0, ["book", "-", "-o", "never.pdf"], b"standard input is closed"),
    (1, ["convert", str(SAMPLES / "ada-lovelace.txt"), "-o", "-"], b"standard output is closed"),
])
def test_a_closed_standard_stream_is_a_usage_error(closed, arguments, message):
    done = subprocess.run([*CLI, *arguments], stdin=None if closed else subprocess.DEVNULL,
                          capture_output=False, stderr=subprocess.PIPE,
                          preexec_fn=lambda: os.close(closed), timeout=120)
    assert done.returncode == 2 and message in done.stderr and b"Traceback" not in done.stderr


def test_formats_with_standard_output_closed_is_no_traceback():
    done = subprocess.run([*CLI, "formats"], stderr=subprocess.PIPE,
                          preexec_fn=lambda: os.close(1), timeout=120)
    assert done.returncode == 0 and done.stderr == b""


def test_a_file_name_that_is_not_utf8_is_shown_with_its_byte(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.txt"), "wb") as article:
        article.write(b"= A =\n= B =\n")
    done = subprocess.run([*CLI, "convert", folder, "-o", tmp_path / "out"], capture_output=True,
                          timeout=120)
    assert done.returncode == 1
    assert b"bad\\xffname.txt:2:1: error: a second title" in done.stderr, done.stderr
