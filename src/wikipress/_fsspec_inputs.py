"""What :func:`wikipress.dask.read_articles` reads: its paths expanded into article files.

The command line's :mod:`._inputs` walks folders with ``os.scandir``; the Dask
reader must also walk folders on any fsspec file system (``s3://``...), so it
walks them here with ``fs.find``, to the same rules: a folder's ``*.txt`` and
``*.wiki`` files by name, then its sub-folders; hidden ones passed over; each
file once, where it is first named. A FIFO, socket or device named like an
article is never opened (a task reading a FIFO would wait forever): it becomes
the error :mod:`._inputs` reports for it, a :class:`~.Diagnostic` in its place.

It is a module of its own, apart from :mod:`.dask` (which builds the bag from
this list), because it is one concern, finding the inputs, and needs fsspec
only, not Dask.
"""

from __future__ import annotations

from typing import Any

import fsspec

from ._files import RealPaths
from ._inputs import ARTICLE_SUFFIXES, not_read, special_kind
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
    article files below it, and each file once, where it first comes. A FIFO,
    socket or device below a folder is an error :class:`~.Diagnostic` in its
    place, each time it is found (as ``convert`` reports it)."""
    found, seen, real_paths = [], set(), RealPaths()  # RealPaths: each folder resolved once
    for file in files:
        local = is_local(file)
        if (not local and file.path.endswith(ARTICLE_SUFFIXES)) or not file.fs.isdir(file.path):
            below = [file]  # a remote file named like an article is taken for one, unexamined
        else:
            below = _folder_articles(file)
        for item in below:
            if isinstance(item, Diagnostic):
                found.append(item)
                continue
            key = real_paths(item.path) if local else item.path
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _folder_articles(folder: Any) -> list[Any]:
    root = folder.path.rstrip("/") + "/"
    below: dict[tuple[str, ...], Any] = {}
    for path, info in folder.fs.find(root, detail=True).items():
        parts = tuple(path[len(root):].split("/"))
        if (not path.startswith(root) or not path.endswith(ARTICLE_SUFFIXES)
                or any(part.startswith(".") for part in parts)):
            continue
        file = fsspec.core.OpenFile(folder.fs, path, mode="rb")
        if info.get("type") == "file":
            below[parts] = file
        elif kind := _special_kind(folder.fs, path, info):
            below[parts] = Diagnostic(Severity.ERROR, not_read(kind), source=source_name(file))
    if not below:
        raise FileNotFoundError(f"folder {folder.path} holds no *.txt or *.wiki files")
    order = sorted(below, key=lambda parts: [(1, part) for part in parts[:-1]] + [(0, parts[-1])])
    return [below[parts] for parts in order]


def _special_kind(fs: Any, path: str, info: dict[str, Any]) -> str | None:
    """``"a FIFO"``... for a FIFO, socket or device, or a link to one; None for
    anything else, and where the file system gives no mode (passed over)."""
    mode = info.get("mode")
    if info.get("islink"):
        try:
            mode = fs.info(path).get("mode")  # the local file system follows the link
        except OSError:  # a dangling link
            return None
    return special_kind(mode) if isinstance(mode, int) else None
