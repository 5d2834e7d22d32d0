"""What a command reads: its arguments expanded into article files.

Folders are searched for ``*.txt`` and ``*.wiki`` files (in ``ls -R`` order:
a folder's files by name, then its sub-folders by name; hidden files skipped,
symbolic links to folders not followed; sub-folders are mirrored in the output
folder through each input's ``stem``). FIFOs, sockets and devices
found there are reported, never opened, since reading one could block
forever. Each file is converted once, where it is first named, even when it is
named twice or through a link.

A batch of a million files is planned here before anything is converted, so
this walks folders with ``os.scandir`` (the entry's type comes with the name,
no ``stat`` per file) and resolves links with :class:`~._files.RealPaths`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ._files import RealPaths

__all__ = ["Input", "InputProblem", "find_inputs", "articles_in", "once_each", "in_order", "total_size",
           "special_kind", "not_read", "cannot_read", "ARTICLE_SUFFIXES", "STDIN"]

ARTICLE_SUFFIXES = (".txt", ".wiki")
STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One article file to read (``path`` is None for standard input).

    ``name`` is how diagnostics call it; ``stem`` is where its outputs go,
    relative to the output folder and without extension; ``real`` is its path
    with every link followed (None for standard input).
    """

    path: Path | None
    name: str
    stem: Path
    real: str | None = field(default=None, compare=False)

    def read(self) -> bytes:
        if self.path is None:
            import sys

            return sys.stdin.buffer.read()
        return self.path.read_bytes()

    def size(self) -> int:
        """Its size in bytes (0 when unknown, as for standard input)."""
        return self.known_size() or 0

    def known_size(self) -> int | None:
        """Its size in bytes if it is a regular file; None for standard input,
        a pipe such as ``<(...)`` or anything else whose size says nothing."""
        try:
            status = os.stat(self.path) if self.path is not None else None
        except OSError:
            return None
        return status.st_size if status is not None and stat.S_ISREG(status.st_mode) else None


def total_size(inputs: Sequence[Input]) -> int | None:
    """The inputs' bytes, as a progress bar and a corpus's batches count them
    (None if one is standard input, a pipe such as ``<(...)`` or anything else
    but a regular file, whose size is not known)."""
    sizes = [item.known_size() for item in inputs]
    return None if None in sizes else sum(sizes)


@dataclass(frozen=True)
class InputProblem:
    """An argument, or a file in a folder, that names nothing readable.

    ``before`` is how many inputs come before it, so that it is reported in its
    place among them (:func:`in_order`).
    """

    name: str
    message: str
    before: int = 0


def in_order(inputs: list[Input], problems: list[InputProblem]) -> Iterator[Input | InputProblem]:
    """Inputs and problems, each in its place."""
    pending = iter(problems)
    problem = next(pending, None)
    for count, item in enumerate(inputs):
        while problem is not None and problem.before <= count:
            yield problem
            problem = next(pending, None)
        yield item
    if problem is not None:
        yield problem
        yield from pending


def find_inputs(arguments: list[str], real_paths: RealPaths | None = None,
                skip: Path | None = None) -> tuple[list[Input], list[InputProblem]]:
    """Expand arguments (files, folders, ``-``) into inputs, in the order given.

    A folder found inside a folder argument is not searched when it is *skip*
    (the output folder: a run must not read what an earlier one wrote).
    """
    real_paths = real_paths or RealPaths()
    skipped = real_paths(skip) if skip is not None and skip.is_dir() else None
    found: list[Input | InputProblem] = []
    for argument in arguments:
        if argument == STDIN:
            found.append(Input(None, "<stdin>", Path("stdin")))
            continue
        path = Path(argument)
        if path.is_dir():
            below = articles_in(path, lambda folder: real_paths(folder) == skipped)
            found += below or [InputProblem(argument, "folder holds no *.txt or *.wiki files")]
        elif path.exists() or path.is_symlink():
            found.append(Input(path, argument, Path(path.stem)))
        else:
            found.append(InputProblem(argument, "no such file or folder"))
    inputs: list[Input] = []
    problems: list[InputProblem] = []
    for entry in once_each(found, real_paths):
        if isinstance(entry, Input):
            inputs.append(entry)
        else:
            problems.append(InputProblem(entry.name, entry.message, before=len(inputs)))
    return inputs, problems


def once_each(found: list[Input | InputProblem],
               real_paths: RealPaths) -> list[Input | InputProblem]:
    """Each file once, where it is first named (``convert a.txt a.txt``, or a
    file given alone and inside a folder, converts it once)."""
    seen: set[str | None] = set()
    unique: list[Input | InputProblem] = []
    for item in found:
        if isinstance(item, InputProblem):
            unique.append(item)
            continue
        real = None if item.path is None else real_paths(item.path)
        if real not in seen:
            seen.add(real)
            unique.append(Input(item.path, item.name, item.stem, real))
    return unique


_SPECIAL = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def special_kind(mode: int) -> str | None:
    """What a file of *mode* (``st_mode``) is when it is a FIFO, socket or
    device (``"a FIFO"``...), or None for anything else."""
    return next((kind for test, kind in _SPECIAL if test(mode)), None)


def not_read(kind: str) -> str:
    """The problem reported for a FIFO, socket or device found in a folder
    (*kind* as :func:`special_kind` says it); ``wikipress.dask`` says the same."""
    return f"{kind}, not a file; not read"


def cannot_read(error: OSError) -> str:
    """The problem reported for an input that fails to open or read (a dangling
    link, a file without read permission...); ``wikipress.dask`` says the same."""
    return f"cannot read: {error.strerror or error}"


def articles_in(folder: Path, skipped: Callable[[Path], bool]) -> list[Input | InputProblem]:
    """The article files below *folder*, as ``ls -R`` lists them: a folder's
    files by name, then each of its sub-folders, by name, the same way.

    Hidden files and folders (``.git``) are passed over, and so are the
    sub-folders *skipped* says. A FIFO, socket or device named like an article
    is an :class:`InputProblem` in its place, and so is a folder that cannot be
    listed; a file that cannot be examined (a dangling link) is kept, so that
    reading it reports why.
    """
    found: list[Input | InputProblem] = []
    pending = [(folder, Path())]
    while pending:
        current, below = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            found.append(InputProblem(str(current), f"cannot read folder: "
                                                    f"{error.strerror or error}"))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                if not entry.is_symlink() and not skipped(current / entry.name):
                    subfolders.append((current / entry.name, below / entry.name))
            elif entry.name.endswith(ARTICLE_SUFFIXES):
                path = Path(entry.path)
                kind = _special_kind(entry)
                if kind:
                    found.append(InputProblem(entry.path, not_read(kind)))
                else:
                    found.append(Input(path, entry.path, below / path.stem))
        pending.extend(reversed(subfolders))
    return found


def _is_folder(entry: os.DirEntry) -> bool:
    """What ``os.walk`` takes for a folder (links to folders too)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _special_kind(entry: os.DirEntry) -> str | None:
    try:
        if entry.is_file():  # the common case, answered without a system call
            return None
        mode = entry.stat().st_mode
    except OSError:
        return None
    return special_kind(mode)
