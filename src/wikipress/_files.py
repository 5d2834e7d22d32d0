"""Inputs and outputs on disk: what to read, where to write, and writing safely.

The command line's promises live here: folders are searched for ``*.txt`` and
``*.wiki`` files (sorted, sub-folders mirrored in the output folder), an output
never overwrites an input, never lands outside the output folder, never clashes
with another input's output, and is written to a temporary file beside its
target and renamed into place, so no reader ever sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Input", "InputProblem", "find_inputs", "output_path", "write_atomic", "AtomicFile",
           "ARTICLE_SUFFIXES", "STDIN"]

ARTICLE_SUFFIXES = (".txt", ".wiki")
STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One article file to read (``path`` is None for standard input).

    ``name`` is how diagnostics call it; ``stem`` is where its outputs go,
    relative to the output folder and without extension.
    """

    path: Path | None
    name: str
    stem: Path

    def read(self) -> bytes:
        if self.path is None:
            import sys

            return sys.stdin.buffer.read()
        return self.path.read_bytes()


@dataclass(frozen=True)
class InputProblem:
    """An input argument that names nothing readable."""

    name: str
    message: str


def find_inputs(arguments: list[str]) -> tuple[list[Input], list[InputProblem]]:
    """Expand arguments (files, folders, ``-``) into inputs, in the order given."""
    inputs: list[Input] = []
    problems: list[InputProblem] = []
    for argument in arguments:
        if argument == STDIN:
            inputs.append(Input(None, "<stdin>", Path("stdin")))
            continue
        path = Path(argument)
        if path.is_dir():
            found = list(_articles_in(path))
            if not found:
                problems.append(InputProblem(argument, "folder holds no *.txt or *.wiki files"))
            inputs.extend(found)
        elif path.exists() or path.is_symlink():
            inputs.append(Input(path, argument, Path(path.stem)))
        else:
            problems.append(InputProblem(argument, "no such file or folder"))
    return _once_each(inputs), problems


def _once_each(inputs: list[Input]) -> list[Input]:
    """Each file once, where it is first named (``convert a.txt a.txt``, or a
    file given alone and inside a folder, converts it once)."""
    seen: set[Path | None] = set()
    unique = []
    for item in inputs:
        key = None if item.path is None else item.path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _articles_in(folder: Path):
    """Article files below *folder*, sorted; symbolic links to folders are not followed."""
    for directory, subfolders, files in sorted(os.walk(folder)):
        subfolders.sort()
        base = Path(directory)
        for name in sorted(files):
            if name.endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                path = base / name
                yield Input(path, str(path), path.relative_to(folder).with_suffix(""))


def output_path(folder: Path, stem: Path, extension: str) -> Path:
    """``folder/stem.extension``; raises ``ValueError`` if it would leave *folder*."""
    target = folder / stem.parent / f"{stem.name}.{extension}"
    root = folder.resolve()
    resolved = target.resolve()
    if resolved != root and root not in resolved.parents:
        raise ValueError(f"output {target} would be outside the output folder {folder}")
    return target


def write_atomic(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder.

    Either the complete new file is in place, or the old state is untouched and
    the temporary file is gone (also on ``KeyboardInterrupt``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), 0o666 & ~_umask())  # mkstemp made it 0600
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it; it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class AtomicFile:
    """A file written piece by piece (a corpus streamed to JSON Lines), atomically.

    Pieces go to a temporary file beside *path*; :meth:`commit` renames it into
    place, :meth:`discard` (also right for an interruption) removes it.
    """

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        self.path, self.temporary = path, Path(name)
        self.stream = os.fdopen(handle, "wb")

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        try:
            os.fchmod(self.stream.fileno(), 0o666 & ~_umask())  # mkstemp made it 0600
            self.stream.close()
            os.replace(self.temporary, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.stream.close()
        try:
            os.unlink(self.temporary)
        except FileNotFoundError:
            pass
