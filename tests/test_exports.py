"""exports/ is what scripts/update-exports makes from samples/, and stays so."""

from __future__ import annotations

import shutil
import subprocess
import sys

from _support import EXPORTS, ROOT, SAMPLE_FILES

SCRIPT = ROOT / "scripts" / "update-exports"


def update_exports(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                          text=True, timeout=300)


def test_exports_are_up_to_date():
    """Regenerates every sample in every format into a temporary folder and compares."""
    result = update_exports("--check")
    assert result.returncode == 0, result.stderr


def test_every_sample_is_exported_to_every_builtin_format():
    for sample in SAMPLE_FILES:
        for extension in ("yaml", "json", "txt", "wiki"):
            assert (EXPORTS / f"{sample.stem}.{extension}").is_file(), (sample.name, extension)


def test_a_stale_folder_is_reported_with_the_update_command(tmp_path):
    copy = tmp_path / "exports"
    shutil.copytree(EXPORTS, copy)
    (copy / "ada-lovelace.yaml").write_text("title: edited by hand\n", encoding="utf-8")
    (copy / "thessaloniki.txt").unlink()
    (copy / "left-over.json").write_text("{}\n", encoding="utf-8")
    result = update_exports("--check", "--exports", str(copy))
    assert result.returncode == 1
    assert "changed: exports/ada-lovelace.yaml" in result.stderr
    assert "missing: exports/thessaloniki.txt" in result.stderr
    assert "extra: exports/left-over.json" in result.stderr
    assert ".venv/bin/python scripts/update-exports" in result.stderr
    assert (copy / "left-over.json").exists()  # --check changes nothing

    fixed = update_exports("--exports", str(copy))
    assert fixed.returncode == 0, fixed.stderr
    assert "3 files updated" in fixed.stdout
    assert update_exports("--check", "--exports", str(copy)).returncode == 0
    assert not (copy / "left-over.json").exists()
