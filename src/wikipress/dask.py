"""Articles on Dask: read files and corpora into a bag, write a bag out.

For pipelines bigger than one machine. :func:`read_articles` turns paths,
globs or corpus files (local, or any fsspec URL the workers can open) into a
``dask.bag.Bag`` of :class:`~wikipress.Document` (or of plain dicts in the
YAML/JSON shape), small files grouped into partitions and big corpus files
cut into blocks at title lines (:mod:`wikipress._ranges`); :func:`write_articles` writes a bag
in any format, one file per article (named like ``convert --split`` names
them) or one file per partition for ``multi_document`` formats such as
``jsonl``. The same code runs on the default local scheduler and on a cluster:
create a ``distributed.Client("tcp://scheduler:8786")`` first and Dask uses it.
:func:`cluster_executor` is what ``wikipress convert --scheduler`` runs on.

This module imports the ``dask`` and ``distributed`` libraries (absolute
imports, the ``wikipress[dask]`` extra); nothing else in wikipress needs them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator, Sequence

import dask
import dask.bag
import dask.utils
import fsspec

from wikipress import _ranges
from wikipress._cluster import SchedulerUnreachable, cluster_executor
from wikipress._collector import collector_paused
from wikipress._files import write_atomic
from wikipress._fsspec_inputs import article_files, source_name
from wikipress._inputs import cannot_read
from wikipress._slugs import SlugAllocator
from wikipress._text import _BOMS
from wikipress.corpus import parse_chunk, split_articles
from wikipress.diagnostics import Diagnostic, ParseError, Severity
from wikipress.exporters import ExportError, get_exporter, is_multi_document
from wikipress.nodes import Document, from_dict, to_dict

__all__ = ["read_articles", "write_articles", "write_partitions", "cluster_executor",
           "SchedulerUnreachable"]


def read_articles(urlpath: str | os.PathLike | Sequence[str | os.PathLike], *,
                  as_dicts: bool = False, keep_errors: bool = False,
                  blocksize: int | str | None = "64MiB",
                  files_per_partition: int = 64) -> dask.bag.Bag:
    """A bag of the articles in files, globs, folders or corpus files, in order.

    A folder stands for the ``*.txt`` and ``*.wiki`` files below it, in the
    order the command line reads them (a folder's files by name, then its
    sub-folders; hidden ones passed over; locally, a link to a file counts as
    that file, a link to a folder is not followed), and a file named twice, or
    reached twice through links, is read once, where it first comes. Every
    file is read as a corpus (a single article is a corpus of one), with
    diagnostics naming the file and its lines. Small files are grouped, in
    order, up to *files_per_partition* files and *blocksize* bytes per
    partition (a task per tiny file would cost more than its parsing); a UTF-8
    file bigger than *blocksize* is cut into partitions of about *blocksize*
    bytes, each starting at a title line, read by different workers with line
    numbers still the whole file's. ``blocksize=None`` never cuts a file.
    Local files are named by absolute path in ``source`` and diagnostics (the
    workers may not share this process's folder). A bad article fails the
    computation with its :class:`~wikipress.ParseError`, unless *keep_errors*:
    then its :class:`~wikipress.Diagnostic` takes its place in the bag.
    *as_dicts* gives plain dicts in the YAML/JSON shape instead of documents.

    Only regular files are read: an input not read (a FIFO..., a dangling link,
    a file that cannot be opened) is an error in ``convert``'s words, handled as
    a bad article is, and an OSError while reading an opened file fails its task
    as it is (Dask may retry it). Remote paths are examined only as fsspec lists
    them: a file named like an article is taken unexamined, and a folder's
    entries listed neither as files nor with a FIFO... mode (links) are passed
    over. The README's Dask section lists the cases; a path, glob or folder
    that gives no file raises FileNotFoundError.
    """
    several = isinstance(urlpath, (list, tuple))
    paths = [os.fspath(path) for path in urlpath] if several else os.fspath(urlpath)
    files = article_files(fsspec.open_files(paths, mode="rb"))
    if not files:
        raise FileNotFoundError(f"no file matches {urlpath!r}")
    problem = next((item for item in files if isinstance(item, Diagnostic)), None)
    if problem is not None and not keep_errors:
        raise ParseError(problem)
    limit = None if blocksize is None else dask.utils.parse_bytes(blocksize)
    options = (as_dicts, keep_errors)
    read = dask.delayed(_read_files, pure=True)
    partitions, group, grouped = [], [], 0
    for file in files:
        size = 0 if isinstance(file, Diagnostic) else file.fs.size(file.path)
        if limit is not None and size > limit:
            partitions += [read(group, *options)] if group else []
            partitions += _partitions(file, size, limit, options)
            group, grouped = [], 0
            continue
        if group and (len(group) >= files_per_partition
                      or (limit is not None and grouped + size > limit)):
            partitions.append(read(group, *options))
            group, grouped = [], 0
        group.append(file)
        grouped += size
    if group:
        partitions.append(read(group, *options))
    return dask.bag.from_delayed(partitions)


@collector_paused()  # a task holds a partition's documents: see _collector
def _read_files(files: list[Any], as_dicts: bool, keep_errors: bool) -> list[Any]:
    """The articles of *files*; a Diagnostic among them (an input not read) stays."""
    return [item for file in files for item in
            ([file] if isinstance(file, Diagnostic)
             else _read_range(file, None, None, (), as_dicts, keep_errors))]


def _partitions(file, size: int, blocksize: int, options: tuple[bool, bool]) -> list[Any]:
    """Delayed partitions of one big file: ranges cut at titles (or the whole file)."""
    read = dask.delayed(_read_range, pure=True)
    try:
        with file.fs.open(file.path, "rb") as stream:
            head = stream.read(4)  # UTF-16/32 (a BOM): read whole
            utf8 = not any(head.startswith(bom) for bom, _, _ in _BOMS)
            first_title = _ranges.next_title(stream, 0, size).offset if utf8 else None
    except OSError:  # unreadable here: the task reading it whole reports it
        first_title = None
    offsets = [] if first_title is None else _ranges.nominal_offsets(size, blocksize, first_title)
    if not offsets:
        return [read(file, None, None, (), *options)]
    count = dask.delayed(_count_line_ends, pure=True)
    find = dask.delayed(_next_title, pure=True)
    counts = [count(file, a, b) for a, b in zip([0] + offsets, offsets)]
    cuts = [find(file, offset, size) for offset in offsets]
    return ([read(file, None, cuts[0], (), *options)]
            + [read(file, cut, end, counts[:index + 1], *options)
               for index, (cut, end) in enumerate(zip(cuts, cuts[1:] + [None]))])


def _count_line_ends(file, start: int, end: int) -> int:
    with file.fs.open(file.path, "rb") as stream:
        return _ranges.count_line_ends(stream, start, end)


def _next_title(file, start: int, size: int) -> _ranges.Cut:
    with file.fs.open(file.path, "rb") as stream:
        return _ranges.next_title(stream, start, size)


@collector_paused()  # a task holds a partition's documents: see _collector
def _read_range(file, start: _ranges.Cut | None, end: _ranges.Cut | None,
                line_ends_before: Sequence[int], as_dicts: bool, keep_errors: bool) -> list[Any]:
    """The articles of the file's bytes [start, end) (None: its start, its end); a
    file that cannot be opened is an error in ``convert``'s words. An OSError while
    reading it (a timeout, a reset connection) is raised as it is: Dask may retry."""
    articles: list[Any] = []
    on_error = (lambda error: articles.append(error.diagnostic)) if keep_errors else None
    name = source_name(file)
    first_byte = 0 if start is None else start.offset
    first_line = 1 + sum(line_ends_before) + (0 if start is None else start.line_ends)
    try:
        opened = file.fs.open(file.path, "rb")
    except OSError as error:  # permission denied...: see read_articles
        unreadable = ParseError(Diagnostic(Severity.ERROR, cannot_read(error), source=name))
        if on_error is None:
            raise unreadable from error
        on_error(unreadable)
        return articles
    with opened as stream:
        last_byte = file.fs.size(file.path) if end is None else end.offset
        if first_byte >= last_byte and start is not None:
            return articles
        source = stream if start is None and end is None else \
            _ranges.open_range(stream, first_byte, last_byte)
        for chunk in split_articles(source, name=name, first_line=first_line,
                                    first_byte=first_byte):
            try:
                document = parse_chunk(chunk, source=name)
            except ParseError as error:
                if on_error is None:
                    raise
                on_error(error)
                continue
            articles.append(to_dict(document) if as_dicts else document)
    return articles


def _document(item: Document | dict) -> Document:
    return item if isinstance(item, Document) else from_dict(item)


def write_articles(bag: dask.bag.Bag, folder: str | os.PathLike, format: str = "yaml",
                   **options: Any) -> list[str]:
    """Write each article of *bag* to its own file in *folder*; return the paths.

    Files are named like ``convert --split`` names them: a safe slug of the
    title, made unique in bag order (``-2``, ``-3``). The titles are computed
    first, so an unpersisted bag is computed twice (``bag.persist()`` avoids
    it). Diagnostics in the bag are skipped and claim no name (``--split``
    names each article before parsing it, so there a failed article's name is
    taken). On a cluster, *folder* must be on a file system every worker shares.
    """
    folder = _checked_target(folder, format, options)
    parts = bag.to_delayed()
    titles = dask.compute(*[dask.delayed(_titles)(part) for part in parts])
    allocator = SlugAllocator()
    names = [[allocator.claim(title) for title in part_titles] for part_titles in titles]
    write = dask.delayed(_write_each, pure=False)
    written = dask.compute(*[write(part, stems, folder, format, options)
                             for part, stems in zip(parts, names)])
    return [path for part in written for path in part]


def _titles(items: list[Any]) -> list[str | None]:
    return [_document(item).title_text for item in items if not isinstance(item, Diagnostic)]


@collector_paused()  # a task holds a partition's documents: see _collector
def _write_each(items: list[Any], stems: list[str], folder: str, format: str,
                options: dict[str, Any]) -> list[str]:
    exporter = get_exporter(format)
    documents = [_document(item) for item in items if not isinstance(item, Diagnostic)]
    paths = []
    for document, stem in zip(documents, stems):
        path = Path(folder) / f"{stem}.{exporter.extension}"
        write_atomic(path, _encoded(exporter.export(document, **options)))
        paths.append(str(path))
    return paths


def write_partitions(bag: dask.bag.Bag, folder: str | os.PathLike, format: str = "jsonl",
                     **options: Any) -> list[str]:
    """Write each partition of *bag* to one file (``part-00000.jsonl``...); return the paths.

    Needs a ``multi_document`` format such as ``jsonl``. Diagnostics in the bag
    are skipped. On a cluster, *folder* must be on a shared file system.
    """
    folder = _checked_target(folder, format, options)
    if not is_multi_document(get_exporter(format)):
        raise ExportError(f"format {format!r} holds one document per file; use "
                          f"write_articles(), or a multi-document format such as jsonl")
    write = dask.delayed(_write_partition, pure=False)
    parts = bag.to_delayed()
    width = max(5, len(str(len(parts) - 1)))
    return list(dask.compute(*[write(part, f"part-{index:0{width}d}", folder, format, options)
                               for index, part in enumerate(parts)]))


@collector_paused()  # a task holds a partition's documents: see _collector
def _write_partition(items: list[Any], stem: str, folder: str, format: str,
                     options: dict[str, Any]) -> str:
    exporter = get_exporter(format)
    path = Path(folder) / f"{stem}.{exporter.extension}"
    pieces = (_encoded(exporter.export(_document(item), **options))
              for item in items if not isinstance(item, Diagnostic))
    write_atomic(path, b"".join(pieces))
    return str(path)


def _checked_target(folder: str | os.PathLike, format: str, options: dict[str, Any]) -> str:
    """*folder* as a path, once checked here, before any task runs, with the
    format and its options: the writers write files into a folder, not to a URL."""
    from wikipress.exporters import make_options

    make_options(get_exporter(format).Options, options)
    path = os.fspath(folder)
    if "://" in path:
        raise ValueError(f"{path!r} is a URL; the writers write to a folder of this machine "
                         f"(on a cluster, one every worker shares), not to a URL")
    return path


def _encoded(data: str | bytes) -> bytes:
    return data if isinstance(data, bytes) else data.encode("utf-8")

