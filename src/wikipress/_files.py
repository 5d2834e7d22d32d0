"""Outputs on disk: where to write, and writing safely.

The command line's promises about what it writes live here (what it reads is
found by :mod:`._inputs`): an output never overwrites an input and never lands
outside the output folder (both checked on real paths, every link followed;
:class:`RealPaths`), and it is written to a temporary file beside its target
and renamed into place, so no reader ever sees half a file.

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
import functools
import os
import stat
import time
from pathlib import Path

from ._signals import held

__all__ = ["output_path", "write_atomic", "write_all_atomic", "commit_all", "AtomicFile",
           "remove_stale_temporaries", "RealPaths", "TEMPORARY_SUFFIX"]

TEMPORARY_SUFFIX = ".wikipress-tmp"
_NAME_MAX = 255  # bytes in a file name, on the usual file systems
STALE_AFTER = 60.0  # seconds: an older temporary file is left from a killed run


def output_path(folder: Path, stem: Path, extension: str,
                real_paths: RealPaths) -> tuple[Path, str]:
    """``folder/stem.extension`` and its real path (see :class:`RealPaths`).

    Raises ``ValueError`` if the real path would leave *folder*.
    """
    target = folder / f"{stem}.{extension}"
    root = real_paths.folder(folder)
    resolved = real_paths(target)
    if not resolved.startswith(root.rstrip(os.sep) + os.sep):
        raise ValueError(f"output {target} would be outside the output folder {folder}")
    return target, resolved


class RealPaths:
    """Real paths (every symbolic link followed, as ``os.path.realpath`` does: a
    link loop stays as far as it got) for the many files of one run.

    ``os.path.realpath`` examines every component of a path; a batch resolves
    thousands of paths in a few folders. Here a path's folder is resolved once
    and remembered, and only its last component is examined (one ``lstat``),
    which gives the same answer as long as the folders do not change within
    the run (past a link loop, through which no file can be reached,
    ``os.path.realpath`` stops resolving and this goes on). Answers are
    strings, quick to hash and compare.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def folder(self, path: Path | str) -> str:
        """The real path of a folder (or of what is not there yet), remembered."""
        key = os.fspath(path)
        found = self._folders.get(key)
        if found is None:
            found = self._folders[key] = os.path.realpath(key)
        return found

    def __call__(self, path: Path | str) -> str:
        head, name = os.path.split(os.fspath(path))
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        joined = os.path.join(self.folder(head or os.curdir), name)
        try:
            linked = stat.S_ISLNK(os.lstat(joined).st_mode)
        except OSError:
            return joined  # nothing there (yet): nothing to follow
        return os.path.realpath(joined) if linked else joined


def write_atomic(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder.

    Either the complete new file is in place, or the old state is untouched and
    no temporary file is left (also on ``KeyboardInterrupt``).
    """
    write_all_atomic([(path, data)])


def write_all_atomic(outputs: list[tuple[Path, bytes]]) -> None:
    """Write each ``(path, data)`` as :func:`write_atomic` does, and put them in
    place together (:func:`commit_all`): Ctrl-C or SIGTERM waits from the first
    write to the last rename (the formats of one article)."""
    files: list[AtomicFile] = []
    with held():
        try:
            for path, data in outputs:
                files.append(AtomicFile(path))
                files[-1].write(data)
        except BaseException:
            for file in files:
                file.discard()
            raise
        commit_all(files)


def commit_all(files: list[AtomicFile]) -> None:
    """Put every file in place, with Ctrl-C and SIGTERM held until all are. A
    failure discards the ones not in place yet; those before it stay (a full
    disk, rarely, while renaming)."""
    with held():
        try:
            for file in files:
                file.commit()
        except BaseException:
            for file in files:
                file.discard()  # nothing for one already in place
            raise


def _open_unnamed(folder: Path) -> int | None:
    """A new file in *folder* without a name (Linux ``O_TMPFILE``), or None if unsupported."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not _can_link_unnamed():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY | os.O_CLOEXEC, 0o666)  # the umask applies
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None  # the file system (or kernel) cannot: name it from the start
        raise


@functools.cache
def _can_link_unnamed() -> bool:
    """Whether ``/proc/self/fd`` is there to name an unnamed file by (asked once)."""
    return os.path.isdir("/proc/self/fd")


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
    """``.NAME.RANDOM.wikipress-tmp`` beside *path*, with NAME cut short if the
    whole would pass the usual 255-byte limit (a name of 240 bytes is valid,
    and its temporary must be too)."""
    tail = f".{os.urandom(4).hex()}{TEMPORARY_SUFFIX}"
    room = _NAME_MAX - 1 - len(tail)
    name = path.name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return path.parent / f".{name}{tail}"


class AtomicFile:
    """A file written piece by piece (a corpus streamed to JSON Lines), atomically.

    Pieces go to a temporary file beside *path* (unnamed where the system
    allows); :meth:`commit` gives it its name in one rename, :meth:`discard`
    (also right for an interruption) drops it.
    """

    def __init__(self, path: Path):
        self.path = path
        self.temporary: Path | None = None  # its name, while it has one
        try:
            handle = self._create()
        except FileNotFoundError:  # the folder is made only when it is missing
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = self._create()
        self.stream = os.fdopen(handle, "wb")

    def _create(self) -> int:
        handle = _open_unnamed(self.path.parent)
        if handle is None:
            self.temporary = _hidden_name(self.path)
            handle = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                             0o666)
        return handle

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        """Put the file in place; Ctrl-C waits until it is (see ``_signals``),
        so no named temporary file is left between its link and its rename."""
        with held():
            try:
                self.stream.flush()
                if self.temporary is None:  # complete: now it may have a name
                    self.temporary = _link_unnamed(self.stream.fileno(), _hidden_name(self.path))
                self.stream.close()
                os.replace(self.temporary, self.path)
                self.temporary = None
            except OSError as error:  # named by the output, not /proc/self/fd/N or a temporary
                self.discard()
                raise OSError(error.errno, error.strerror, os.fspath(self.path)) from None
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
