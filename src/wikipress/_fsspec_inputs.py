"""What :func:`wikipress.dask.read_articles` reads: its paths expanded into article files.

The command line's :mod:`._inputs` walks folders with ``os.scandir``; the Dask
reader must also walk folders on any fsspec file system (``s3://``...), so it
walks them here with ``fs.find``, to the same rules: a folder's ``*.txt`` and
``*.wiki`` files by name, then its sub-folders; hidden ones passed over; each
file once, where it is first named or reached through a link. Only regular
files are read: a FIFO, socket or device is never opened (a task reading a
FIFO would wait forever, and a task may run on another machine, or twice),
whether named, matched by a glob (fsspec's glob matches them) or found in a
folder: it becomes the error :mod:`._inputs` reports for one in a folder, a
:class:`~.Diagnostic` in its place. Local paths, and the entries of a local
folder that are not plain files (fsspec lists a link as type ``"other"``),
are examined with ``os.stat``, links followed: a link to a file counts as that
file, a link to a folder is not followed, and a link that leads nowhere is the
"cannot read" error ``convert`` reports for it. Remote paths are taken as
fsspec lists them.

It is a module of its own, apart from :mod:`.dask` (which builds the bag from
this list), because it is one concern, finding the inputs, and needs fsspec
only, not Dask.
"""

from __future__ import annotations

import os
import stat
from typing import Any

import fsspec

from ._files import RealPaths
from ._inputs import ARTICLE_SUFFIXES, cannot_read, not_read, special_kind
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
    """*files* (fsspec ``OpenFile``), each folder among them replaced by the
    article files below it, and each file once, where it first comes. Only
    regular files are read: a FIFO, socket or device (or a link to one), named,
    matched by a glob or found below a folder, is an error :class:`~.Diagnostic`
    in its place, each time it comes, as ``convert`` reports one in a folder."""
    found, seen, real_paths = [], set(), RealPaths()  # RealPaths: each folder resolved once
    for file in files:
        for key, item in _expanded(file, real_paths):
            if key is None or key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _expanded(file: Any, real_paths: RealPaths) -> list[tuple[str | None, Any]]:
    """*file*, or the article files below it when it is a folder, each with what
    makes two of them the same (a local file's real path; None: never)."""
    if not is_local(file):
        if file.path.endswith(ARTICLE_SUFFIXES) or not file.fs.isdir(file.path):
            return [(file.path, file)]  # named like an article: taken for one, unexamined
        return _folder_articles(file, real_paths)
    what = _what(file.path)
    if isinstance(what, OSError) and not os.path.lexists(file.path):
        raise what  # nothing there, not even a link: as open() says
    if what == "folder":
        return _folder_articles(file, real_paths)
    return [_found(file, what, real_paths)]


def _what(path: str) -> str | OSError:
    """What the local *path* is, every link followed: ``"folder"``, ``"file"``
    (a regular one), ``"a FIFO"``... (:func:`~._inputs.special_kind`), or the
    error that keeps it from being known."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return error
    return "folder" if stat.S_ISDIR(mode) else special_kind(mode) or "file"


def _found(file: Any, what: str | OSError, real_paths: RealPaths) -> tuple[str | None, Any]:
    """A local *file* that is not a folder, as :func:`_expanded` gives it: a
    link that leads nowhere (dangling, looping) is reported as ``convert``
    reports it when reading it fails, once however it is reached."""
    if what == "file":
        return real_paths(file.path), file
    if isinstance(what, OSError):
        return real_paths(file.path), _problem(file, cannot_read(what))
    return None, _problem(file, not_read(what))


def _problem(file: Any, message: str) -> Diagnostic:
    return Diagnostic(Severity.ERROR, message, source=source_name(file))


def _folder_articles(folder: Any, real_paths: RealPaths) -> list[tuple[str | None, Any]]:
    local = is_local(folder)
    root = folder.path.rstrip("/") + "/"
    below: dict[tuple[str, ...], Any] = {}
    for path, info in folder.fs.find(root, detail=True).items():
        parts = tuple(path[len(root):].split("/"))
        if (not path.startswith(root) or not path.endswith(ARTICLE_SUFFIXES)
                or any(part.startswith(".") for part in parts)):
            continue
        file = fsspec.core.OpenFile(folder.fs, path, mode="rb")
        if info.get("type") == "file":  # a regular file (a local link is "other")
            below[parts] = (real_paths(path) if local else path), file
        elif local:  # a link, a FIFO...: what it is, the link followed
            what = _what(path)
            if what != "folder":  # a link to a folder is not followed, as by convert
                below[parts] = _found(file, what, real_paths)
        elif kind := _special_kind(folder.fs, path, info):
            below[parts] = None, _problem(file, not_read(kind))
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
