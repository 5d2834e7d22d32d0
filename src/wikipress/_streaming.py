"""Corpus inputs written whole: one output file per format, article by article.

With a ``multi_document`` format (``jsonl``) and no ``--split``, each corpus
input becomes one file per format (or goes to standard output). Articles
arrive in order from :class:`~._batch.Batch`; :class:`StreamWriter` appends each
to its input's open :class:`Stream` and commits the files when the next input
starts, or discards them whole if writing failed or no article was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TextIO

from ._convert import Outcome, write_problem
from ._files import AtomicFile, commit_all

__all__ = ["Stream", "StreamWriter"]


@dataclass
class Stream:
    """One corpus input's outputs (one per format), written article by article."""

    paths: list[Path] | None  # None: standard output
    files: list[AtomicFile] | None = None
    written: int = 0
    broken: bool = False


class StreamWriter:
    """Writes the open stream; *fail* reports a write error, *announce* each file done."""

    def __init__(self, stdout: TextIO, fail: Callable[..., None], announce: Callable[[str], None]):
        self._stdout = stdout
        self._fail = fail
        self._announce = announce
        self._open: Stream | None = None

    def select(self, stream: Stream) -> None:
        """Make *stream* the open one (finishing the one before)."""
        if stream is not self._open:
            self.close()
            self._open = stream

    def append(self, outcome: Outcome) -> None:
        """Write one article's exports to the open stream, unless it is broken
        (then it is discarded whole, and its first failure was reported)."""
        stream = self._open
        if stream is None or stream.broken:
            return
        try:
            if stream.paths is None:
                for data in outcome.exports:
                    self._stdout.buffer.write(data)
                self._stdout.flush()
            else:
                if stream.files is None:
                    stream.files = [AtomicFile(path) for path in stream.paths]
                for file, data in zip(stream.files, outcome.exports):
                    file.write(data)
            stream.written += 1
        except BrokenPipeError:
            raise  # standard output's reader went away: the command line ends quietly
        except OSError as error:
            stream.broken = True
            self._fail(outcome.name, write_problem(error))

    def close(self) -> None:
        """Commit the open stream's files (or discard them, broken or empty)."""
        stream, self._open = self._open, None
        if stream is None or stream.files is None:
            return
        if stream.broken or not stream.written:
            for file in stream.files:
                file.discard()
            return
        try:
            commit_all(stream.files)  # every format's file, Ctrl-C held until they are in place
        except OSError as error:
            self._fail(str(stream.paths[0]), write_problem(error))
            return
        for file in stream.files:
            self._announce(f"{stream.written} article{'s' * (stream.written != 1)} -> {file.path}")

    def discard(self) -> None:
        """Drop the open stream's files: the run is ending early."""
        if self._open is not None and self._open.files:
            for file in self._open.files:
                file.discard()
