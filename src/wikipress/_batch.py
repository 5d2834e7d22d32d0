"""Converting a batch of inputs: plan the outputs, convert, write, report.

:mod:`._convert` converts one work item (an input's bytes, or one article of
a corpus) as a pure function, so it runs in worker processes (:mod:`._jobs`);
:class:`Batch` plans where outputs go before
anything is written (:mod:`._planning`), writes each finished input
atomically and reports in input order. An input
(with ``split``, an article) that fails leaves no output file at all. The three
ways an input is read:

* whole: one article per input, one output per format (the default);
* split: every input is a corpus, one output per article and format, named by
  a slug of the article's title (:mod:`._slugs`);
* stream: every format is ``multi_document`` (``jsonl``) and there is no
  ``split``: each input is a corpus written to one output per format, article
  after article, in constant memory (:mod:`._streaming`); a bad article is
  reported and left out.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence, TextIO

from ._convert import Outcome, Target, Work, convert_input, convert_work, write_problem
from ._files import RealPaths, output_path, remove_stale_temporaries, write_all_atomic
from ._inputs import Input, InputProblem, cannot_read, in_order, total_size
from ._jobs import ordered_results
from ._planning import overwrites_input, plan_outputs
from ._slugs import SlugAllocator
from ._streaming import Stream, StreamWriter
from .diagnostics import Diagnostic, Severity
from .exporters import get_exporter, is_multi_document, stream_separator

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .corpus import Chunk

__all__ = ["Target", "Outcome", "Work", "convert_input", "convert_work", "Batch"]


@dataclass(frozen=True)
class _Files:
    """Where one work item's outputs go (one path per format; none for stdout)."""

    paths: list[Path]
    label: str  # how -v names the input: "a.txt", or "corpus.txt:12 (Title)"
    line: int = 0  # an article's title line in its corpus


@dataclass(frozen=True)
class _Failure:
    """A problem found while reading ahead, reported when its turn comes."""

    name: str
    message: str
    line: int = 0


@dataclass
class Batch:
    """A conversion run: inputs, targets, and where the outputs go.

    ``folder`` is None to write everything to *stdout*. ``split`` reads every
    input as a corpus and writes each article on its own. ``executor`` (with
    its number of ``workers``) converts in other processes, which also read
    the inputs and write the outputs unless ``workers_write`` is false (a
    cluster's workers may not share this file system); diagnostics are still
    reported here, in input order. ``progress`` is told of each finished work
    item, ``announce`` of each file written.
    """

    targets: tuple[Target, ...]
    folder: Path | None
    strict: bool = False
    report: Callable[[Diagnostic], None] = lambda diagnostic: None
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    failures: int = 0
    split: bool = False
    executor: Executor | None = None
    workers: int = 1
    progress: Callable[[int, bool], None] = lambda size, failed: None
    announce: Callable[[str], None] = lambda message: None
    workers_write: bool = True  # False when workers do not share this file system (reads too)
    real_paths: RealPaths = field(default_factory=RealPaths)
    _streams: StreamWriter = field(init=False)
    _refused: dict[str, list[str]] = field(default_factory=dict)  # by input name, from plan()
    _printed: bool = False  # a document was written to standard output

    def __post_init__(self) -> None:
        self._streams = StreamWriter(self.stdout, self.fail, self.announce)

    @property
    def streams(self) -> bool:
        """Whether inputs are corpora written whole into one file per format."""
        return (not self.split and bool(self.targets)
                and all(is_multi_document(get_exporter(t.format)) for t in self.targets))

    @property
    def corpora(self) -> bool:
        return self.split or self.streams

    def plan(self, inputs: list[Input]) -> dict[Input, list[Path] | None]:
        """Output paths per input; None for an input that must not be converted
        (why is reported in its turn, see :mod:`._planning`)."""
        if self.folder is None or self.split:
            return {item: [] for item in inputs}
        extensions = [get_exporter(t.format).extension for t in self.targets]
        plans, refusals = plan_outputs(inputs, self.folder, extensions, self.real_paths)
        for name, message in refusals:  # reported when each input's turn comes
            self._refused.setdefault(name, []).append(message)
        return plans

    def fail(self, name: str, message: str, line: int = 0) -> None:
        self.failures += 1
        self.report(Diagnostic(Severity.ERROR, message, line, 0 if not line else 1, name))

    def _reported_ok(self, outcome: Outcome) -> bool:
        """Print an outcome's diagnostics; count it and say False if it failed."""
        for diagnostic in outcome.diagnostics:
            self.report(diagnostic)
        if outcome.failed:
            self.failures += 1
        return not outcome.failed

    def finish(self, outcome: Outcome, paths: list[Path], label: str | None = None,
               line: int = 0) -> None:
        """Report one converted input and write its outputs."""
        if not self._reported_ok(outcome):
            return
        try:
            if self.folder is None:  # standard output (nothing at all for `check`)
                if not outcome.exports:
                    return
                if self._printed and self.targets:  # one format: see _commands.convert
                    separator = stream_separator(get_exporter(self.targets[0].format))
                    self.stdout.buffer.write((separator or "").encode("utf-8"))
                for data in outcome.exports:
                    self.stdout.buffer.write(data)
                self.stdout.flush()
                self._printed = True
                return
            if not outcome.written:
                write_all_atomic(list(zip(paths, outcome.exports)))  # all formats, or none
            for path in paths:
                self.announce(f"{label or outcome.name} -> {path}")
        except BrokenPipeError:
            raise  # standard output's reader went away: the command line ends quietly
        except OSError as error:
            self.fail(outcome.name, write_problem(error), line)

    def prepare(self, inputs: list[Input]) -> dict[Input, list[Path] | None]:
        """Plan every output (see :meth:`plan`) and clear what killed runs left in
        the output folders (see ``_files``).

        The command line calls it while its workers load the conversion, and
        hands the plans to :meth:`run`.
        """
        plans = self.plan(inputs)
        if self.folder is not None:
            below = {item.stem.parent for item in inputs}
            remove_stale_temporaries({self.folder / folder for folder in below})
        return plans

    def run(self, inputs: list[Input], plans: dict[Input, list[Path] | None] | None = None,
            problems: Sequence[InputProblem] = ()) -> None:
        """Convert every input, in order (on the executor's workers if there is one),
        and report each of *problems* in its place among them.

        *plans* is what :meth:`prepare` gave for these inputs, if it was called.
        """
        if plans is None:
            plans = self.prepare(inputs)
        convert = functools.partial(convert_work, targets=self.targets, strict=self.strict)
        entries = list(in_order(inputs, list(problems)))
        work = self._corpus_work(entries, plans) if self.corpora else self._whole_work(entries, plans)
        try:
            # A corpus's articles are found as they come; its bytes are known.
            total, total_bytes = (None, total_size(inputs)) if self.corpora else (len(inputs), None)
            for (destination, size), outcome in ordered_results(convert, work, self.executor,
                                                                 self.workers, total, total_bytes):
                self._deliver(destination, outcome)
                if size is not None:  # None: a problem that is not one of the inputs counted
                    self.progress(size, outcome is None or outcome.failed)
            self._streams.close()
        except BaseException:
            self._streams.discard()
            raise

    def _skipped(self, item: Input | InputProblem, plans, size: int) -> list[tuple[Any, None]]:
        """Work entries that report why *item* is not converted (a problem found
        with the inputs, or its planning's refusals); none if it is converted."""
        if isinstance(item, InputProblem):  # not one of the inputs the progress bar counts
            return [((_Failure(item.name, item.message), None), None)]
        if plans[item] is not None:
            return []
        failures = [_Failure(item.name, message) for message in self._refused.pop(item.name, [])]
        return [((failure, size if number == 0 else None), None)  # the input counts once
                for number, failure in enumerate(failures)] or [((None, size), None)]

    def _whole_work(self, inputs, plans) -> Iterator[tuple[tuple[Any, int], Work | None]]:
        for item in inputs:
            skipped = self._skipped(item, plans, 1)
            if skipped:
                yield from skipped
                continue
            paths = plans[item]
            if item.path is not None and self.workers_write:  # the worker reads it
                data: bytes | Path = item.path
            else:
                try:
                    data = item.read()
                except OSError as error:
                    yield (_Failure(item.name, cannot_read(error)), 1), None
                    continue
            yield (_Files(paths, item.name), 1), Work(item.name, data, self._worker_paths(paths))

    def _corpus_work(self, inputs, plans) -> Iterator[tuple[tuple[Any, int], Work | None]]:
        from .corpus import split_articles

        allocators: dict[str, SlugAllocator] = {}
        reading = {item.real for item in inputs if isinstance(item, Input) and item.real is not None}
        for item in inputs:
            skipped = self._skipped(item, plans, item.size() if isinstance(item, Input) else 0)
            if skipped:
                yield from skipped
                continue
            stream = None if self.split else Stream(None if self.folder is None else plans[item])
            source = item.path if item.path is not None else sys.stdin.buffer
            try:
                for chunk in split_articles(source, name=item.name):
                    work = Work(item.name, chunk)
                    if stream is not None:
                        yield (stream, work.size), work
                        continue
                    if self.folder is None:  # `check --split`: nothing is written
                        yield (_Files([], item.name), work.size), work
                        continue
                    folder = self.folder / item.stem.parent
                    files = self._article_files(folder, allocators, chunk, reading, item.name)
                    if isinstance(files, _Failure):
                        yield (files, work.size), None
                        continue
                    work = Work(item.name, chunk, self._worker_paths(files.paths))
                    yield (files, work.size), work
            except OSError as error:
                if stream is not None:  # what was written of it is not kept
                    stream.broken = True
                    yield (stream, 0), None
                yield (_Failure(item.name, cannot_read(error)), 0), None

    def _worker_paths(self, paths: list[Path]) -> tuple[Path, ...] | None:
        return tuple(paths) if self.workers_write and self.folder is not None else None

    def _article_files(self, folder: Path, allocators: dict[str, SlugAllocator], chunk: Chunk,
                       reading: set[str], name: str) -> _Files | _Failure:
        stem = allocators.setdefault(self.real_paths(folder), SlugAllocator()).claim(chunk.title)
        try:  # a slug is one safe name, but the folder itself may be a link out of -o
            placed = [output_path(self.folder, Path(folder.relative_to(self.folder), stem),
                                  get_exporter(t.format).extension, self.real_paths)
                      for t in self.targets]
        except ValueError as error:
            return _Failure(name, str(error), chunk.line)
        for path, resolved in placed:
            if resolved in reading:
                return _Failure(name, overwrites_input(path), chunk.line)
        return _Files([path for path, _ in placed],
                      f"{name}:{chunk.line} ({chunk.title or 'untitled'})", chunk.line)

    def _deliver(self, destination: Any, outcome: Outcome | None) -> None:
        if isinstance(destination, Stream):
            self._streams.select(destination)
            if outcome is not None and self._reported_ok(outcome):
                self._streams.append(outcome)
            return
        self._streams.close()
        if destination is None:
            return
        if isinstance(destination, _Failure):
            self.fail(destination.name, destination.message, destination.line)
        elif outcome is not None:
            self.finish(outcome, destination.paths, destination.label, destination.line)
