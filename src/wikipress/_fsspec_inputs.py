"""What :func:`wikipress.dask.read_articles` reads: its paths expanded into article files.

The command line's :mod:`._inputs` walks folders with ``os.scandir``; the Dask
reader must also walk folders on any fsspec file system (``s3://``...), so it
walks them here with ``fs.find``, to the same rules: a folder's ``*.txt`` and
``*.wiki`` files by name, then its sub-folders; hidden ones passed over; each
file once, where it is first named; only regular files are taken.

It is a module of its own, apart from :mod:`.dask` (which builds the bag from
this list), because it is one concern, finding the inputs, and needs fsspec
only, not Dask.
"""

from __future__ import annotations

from typing import Any

import fsspec

from ._files import RealPaths
from ._inputs import ARTICLE_SUFFIXES

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
    article files below it (regular files only), and each file once, where it
    first comes."""
    found, seen, real_paths = [], set(), RealPaths()  # RealPaths: each folder resolved once
    for file in files:
        local = is_local(file)
        if (not local and file.path.endswith(ARTICLE_SUFFIXES)) or not file.fs.isdir(file.path):
            below = [file]  # a remote file named like an article is taken for one, unexamined
        else:
            below = _folder_articles(file)
        for item in below:
            key = real_paths(item.path) if local else item.path
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _folder_articles(folder: Any) -> list[Any]:
    root = folder.path.rstrip("/") + "/"
    listing = folder.fs.find(root, detail=True)
    below = [path[len(root):].split("/") for path, info in listing.items()
             if info.get("type") == "file" and path.startswith(root) and path.endswith(ARTICLE_SUFFIXES)]
    below = [parts for parts in below if not any(part.startswith(".") for part in parts)]
    if not below:
        raise FileNotFoundError(f"folder {folder.path} holds no *.txt or *.wiki files")
    below.sort(key=lambda parts: [(1, part) for part in parts[:-1]] + [(0, parts[-1])])
    return [fsspec.core.OpenFile(folder.fs, root + "/".join(parts), mode="rb") for parts in below]
