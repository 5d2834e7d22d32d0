"""Paths and helpers shared by the tests (imported as ``_support``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXPORTS = ROOT / "exports"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
# Samples written in the canonical layout: the markup export gives back their bytes.
NON_CANONICAL = {"field-notes-draft.txt", "sourdough-starter.txt", "tidal-power-crlf.txt"}


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real command line, in a subprocess (``python -m wikipress``)."""
    return subprocess.run([sys.executable, "-m", "wikipress", *args], input=input,
                          capture_output=True, cwd=cwd, env=env, timeout=120)


def env_without_pythonpath() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
