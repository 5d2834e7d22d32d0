"""What :func:`wikipress.dask.read_articles` reads: its paths expanded into article files.

Local paths (globs expanded by fsspec, as the shell does for ``convert``) are
walked by the command line's own :mod:`._inputs`, so they are read as
``convert`` reads them, and what it reports (a FIFO in a folder, a folder it
cannot list, a dangling link) is an error :class:`~.Diagnostic` in its place,
in its words. The Dask reader's own rules: a FIFO, socket or device is never
opened (a task may run elsewhere, or twice: it cannot read a stream), named or
matched by a glob (fsspec's glob matches them) it is reported as in a folder;
a named path with nothing there, or a folder without articles, raises
FileNotFoundError; a local file is named by its absolute path. Remote folders
(``s3://``...) are walked with ``fs.find`` in the same order, hidden entries
passed over, their files taken as fsspec lists them.

A module apart from :mod:`.dask` (which builds the bag from this list): one
concern, finding the inputs, which needs fsspec only, not Dask.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import fsspec

from ._files import RealPaths
from ._inputs import (ARTICLE_SUFFIXES, Input, InputProblem, articles_in, cannot_read, not_read,
                      once_each, special_kind)
from .diagnostics import Diagnostic, Severity

__all__ = ["article_files", "is_local", "source_name"]


def is_local(file: Any) -> bool:
    """Whether the fsspec ``OpenFile`` *file* is on this machine's file system."""
    return file.fs.protocol in ("file", ("file", "local"))


def source_name(file: Any) -> str:
    """How sources and diagnostics name *file*: its absolute path when local (the
    workers may not share this process's folder), else its URL."""
    return file.path if is_local(file) else file.full_name


def article_files(files: list[Any]) -> list[Any]:
    """*files* (fsspec ``OpenFile``), each folder replaced by the article files
    below it, each file once, where it first comes, and what is not read (see
    above) an error :class:`~.Diagnostic` in its place."""
    if files and all(is_local(file) for file in files):
        return _local_articles(files)
    found, seen = [], set()
    for file in files:
        for key, item in _expanded(file):
            if key is None:
                found.append(item)
                continue
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _local_articles(files: list[Any]) -> list[Any]:
    """Local *files* walked by :mod:`._inputs`: ``OpenFile`` and Diagnostic."""
    fs = files[0].fs
    named = [entry for file in files for entry in _named(file.path)]
    return [_opened(fs, entry) for entry in once_each(named, RealPaths())]


def _named(path: str) -> list[Input | InputProblem]:
    """What a local *path* stands for, as ``convert`` finds it, but for the
    Dask reader's own rules (see the module's docstring)."""
    named = Path(path)
    try:
        mode = os.stat(path).st_mode
    except OSError:
        if not os.path.lexists(path):
            raise  # nothing there, not even a link: as open() says
        mode = 0  # a dangling or looping link: reported by _opened
    if stat.S_ISDIR(mode):
        found = articles_in(named, lambda folder: False)
        if not found:
            raise FileNotFoundError(f"folder {path} holds no *.txt or *.wiki files")
        return found
    kind = special_kind(mode)
    return [InputProblem(path, not_read(kind)) if kind else Input(named, path, Path(named.stem))]


def _opened(fs: Any, entry: Input | InputProblem) -> Any:
    """An :mod:`._inputs` entry as :func:`article_files` gives it: a problem, or
    a file that cannot be examined (``convert`` fails to read it), as a
    Diagnostic; a file to read as an ``OpenFile``."""
    if isinstance(entry, Input):
        try:
            os.stat(entry.name)
            return fsspec.core.OpenFile(fs, entry.name, mode="rb")
        except OSError as error:
            entry = InputProblem(entry.name, cannot_read(error))
    return Diagnostic(Severity.ERROR, entry.message, source=entry.name)


def _expanded(file: Any) -> list[tuple[str | None, Any]]:
    """A remote *file*, or the article files below it when it is a folder, each
    with what makes two of them the same (its path; None: never)."""
    if file.path.endswith(ARTICLE_SUFFIXES) or not file.fs.isdir(file.path):
        return [(file.path, file)]  # named like an article: taken for one, unexamined
    return _folder_articles(file)


def _folder_articles(folder: Any) -> list[tuple[str | None, Any]]:
    root = folder.path.rstrip("/") + "/"
    below: dict[tuple[str, ...], Any] = {}
    for path, info in folder.fs.find(root, detail=True).items():
        parts = tuple(path[len(root):].split("/"))
        if (not path.startswith(root) or not path.endswith(ARTICLE_SUFFIXES)
                or any(part.startswith(".") for part in parts)):
            continue
        file = fsspec.core.OpenFile(folder.fs, path, mode="rb")
        if info.get("type") == "file":
            below[parts] = path, file
        elif kind := _special_kind(folder.fs, path, info):
            below[parts] = None, Diagnostic(Severity.ERROR, not_read(kind),
                                            source=source_name(file))
    if not below:
        raise FileNotFoundError(f"folder {folder.path} holds no *.txt or *.wiki files")
    order = sorted(below, key=lambda parts: [(1, part) for part in parts[:-1]] + [(0, parts[-1])])
    return [below[parts] for parts in order]


def _special_kind(fs: Any, path: str, info: dict[str, Any]) -> str | None:
    """On a remote file system, ``"a FIFO"``... for a FIFO, socket or device, or
    a link to one; None for anything else, and where it gives no mode (passed over)."""
    mode = info.get("mode")
    if info.get("islink"):
        try:
            mode = fs.info(path).get("mode")  # where info follows the link
        except OSError:  # a dangling link
            return None
    return special_kind(mode) if isinstance(mode, int) else None
