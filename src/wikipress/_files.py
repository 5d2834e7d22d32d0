"""Inputs and outputs on disk: what to read, where to write, and writing safely.

The command line's promises live here: folders are searched for ``*.txt`` and
``*.wiki`` files (sorted, sub-folders mirrored in the output folder; FIFOs,
sockets and devices found there are reported, never opened, since reading one
could block forever), an output never overwrites an input, never lands outside
the output folder, never clashes with another input's output, and is written
to a temporary file beside its target and renamed into place, so no reader ever
sees half a file.

The temporary file has no name while it is written: on Linux it is opened with
``O_TMPFILE`` and linked under a hidden name (``.NAME.RANDOM.wikipress-tmp``)
only once complete, right before the rename. A process killed at any moment
(SIGKILL, power aside: nothing is fsynced) so leaves no partial file, at most a
complete hidden one if it died between link and rename; an interrupted one
(Ctrl-C) leaves nothing. Where ``O_TMPFILE`` is not supported (other systems,
some file systems), the hidden file is named from the start. Either way
:func:`remove_stale_temporaries` deletes such files older than a minute from
the output folders at the start of the next run.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Input", "InputProblem", "find_inputs", "output_path", "write_atomic", "AtomicFile",
           "remove_stale_temporaries", "real_path", "ARTICLE_SUFFIXES", "STDIN", "TEMPORARY_SUFFIX"]

ARTICLE_SUFFIXES = (".txt", ".wiki")
STDIN = "-"
TEMPORARY_SUFFIX = ".wikipress-tmp"
STALE_AFTER = 60.0  # seconds: an older temporary file is left from a killed run


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
            found = list(_articles_in(path, problems))
            if not found and not problems:
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
        key = None if item.path is None else real_path(item.path)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


_SPECIAL = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _articles_in(folder: Path, problems: list[InputProblem]):
    """Article files below *folder*, sorted; symbolic links to folders are not followed.

    A FIFO, socket or device named like an article is reported in *problems*
    and not yielded; a file that cannot be examined (a dangling link) is
    yielded, so that reading it reports why.
    """
    for directory, subfolders, files in sorted(os.walk(folder)):
        subfolders.sort()
        base = Path(directory)
        for name in sorted(files):
            if name.endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                path = base / name
                kind = _special_kind(path)
                if kind:
                    problems.append(InputProblem(str(path), f"{kind}, not a file; not read"))
                    continue
                yield Input(path, str(path), path.relative_to(folder).with_suffix(""))


def _special_kind(path: Path) -> str | None:
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return next((kind for test, kind in _SPECIAL if test(mode)), None)


def output_path(folder: Path, stem: Path, extension: str) -> Path:
    """``folder/stem.extension``; raises ``ValueError`` if it would leave *folder*."""
    target = folder / stem.parent / f"{stem.name}.{extension}"
    root = real_path(folder)
    resolved = real_path(target)
    if resolved != root and root not in resolved.parents:
        raise ValueError(f"output {target} would be outside the output folder {folder}")
    return target


def real_path(path: Path) -> Path:
    """*path* with every symbolic link followed; a link loop stays as far as it got
    (``Path.resolve`` raises ``RuntimeError`` on one)."""
    return Path(os.path.realpath(path))


def write_atomic(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder.

    Either the complete new file is in place, or the old state is untouched and
    no temporary file is left (also on ``KeyboardInterrupt``).
    """
    file = AtomicFile(path)
    try:
        file.write(data)
    except BaseException:
        file.discard()
        raise
    file.commit()


def _open_unnamed(folder: Path) -> int | None:
    """A new file in *folder* without a name (Linux ``O_TMPFILE``), or None if unsupported."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY | os.O_CLOEXEC, 0o666)  # the umask applies
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None  # the file system (or kernel) cannot: name it from the start
        raise


def _link_unnamed(handle: int, name: Path) -> Path:
    """Give the unnamed file open as *handle* the name *name*.

    ``linkat`` must follow the ``/proc/self/fd`` link (``AT_SYMLINK_FOLLOW``);
    Python asks for that only when a folder descriptor is given, so one is.
    """
    folder = os.open(name.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.link(f"/proc/self/fd/{handle}", name.name, src_dir_fd=folder, dst_dir_fd=folder,
                follow_symlinks=True)
    finally:
        os.close(folder)
    return name


def _hidden_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"


class AtomicFile:
    """A file written piece by piece (a corpus streamed to JSON Lines), atomically.

    Pieces go to a temporary file beside *path* (unnamed where the system
    allows); :meth:`commit` gives it its name in one rename, :meth:`discard`
    (also right for an interruption) drops it.
    """

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.temporary: Path | None = None  # its name, while it has one
        handle = _open_unnamed(path.parent)
        if handle is None:
            self.temporary = _hidden_name(path)
            handle = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                             0o666)
        self.stream = os.fdopen(handle, "wb")

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        try:
            self.stream.flush()
            if self.temporary is None:  # complete: now it may have a name
                self.temporary = _link_unnamed(self.stream.fileno(), _hidden_name(self.path))
            self.stream.close()
            os.replace(self.temporary, self.path)
            self.temporary = None
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass  # what could not be flushed is dropped anyway
        if self.temporary is not None:
            try:
                os.unlink(self.temporary)
            except FileNotFoundError:
                pass
            self.temporary = None


def remove_stale_temporaries(folders) -> None:
    """Delete temporary files left in *folders* by killed runs (older than a minute).

    Only this module's hidden ``*.wikipress-tmp`` files are touched, and only
    directly in each folder; a folder that does not exist is skipped.
    """
    limit = time.time() - STALE_AFTER
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not (entry.name.startswith(".") and entry.name.endswith(TEMPORARY_SUFFIX)):
                continue
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                pass
