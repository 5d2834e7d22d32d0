"""Converting one work item: parse, export every format, maybe write the files.

A work item is a whole input (its bytes, or the path of a file to read) or
one article of a corpus (:class:`Work`); :func:`convert_work` is a pure
function of it (apart from reading its file and writing its own outputs,
atomically, when told where), so it runs the same in the main process, in a
worker process (:mod:`._jobs`) or on a Dask worker. Workers that read their
own files leave the main process little to do but hand out names.
What it returns, an :class:`Outcome`, is plain data: diagnostics, and the
exported bytes when nothing was written.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._collector import collector_paused
from ._files import write_all_atomic
from ._inputs import cannot_read
from .diagnostics import Diagnostic, ParseError, Severity
from .exporters import ExportError, ExportWarning, get_exporter

if TYPE_CHECKING:
    from .corpus import Chunk

__all__ = ["Target", "Outcome", "Work", "convert_input", "convert_work", "strict_error",
           "write_problem"]


@dataclass(frozen=True)
class Target:
    """One output format with its options."""

    format: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    """What converting one input gave: the exported data per format, or failure."""

    name: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exports: list[bytes] = field(default_factory=list)  # one per target, in order
    failed: bool = False
    written: bool = False  # the exports are already in their files (see Work.paths)

    def error(self, message: str, line: int = 0) -> Outcome:
        """Fail with *message*, at the start of *line* if one is given (as ``Batch.fail``)."""
        self.diagnostics.append(Diagnostic(Severity.ERROR, message, line, 1 if line else 0, self.name))
        self.failed = True
        return self


@dataclass(frozen=True)
class Work:
    """What a worker converts: a whole input (its bytes, or the file to read them
    from), or one article of a corpus."""

    name: str
    data: bytes | Path | Chunk
    paths: tuple[Path, ...] | None = None  # where to write the exports, if the worker writes

    @property
    def size(self) -> int:
        data = self.data
        if isinstance(data, Path):
            return 0  # unknown until read
        return len(data) if isinstance(data, bytes) else data.size or len(data.text)


def convert_work(work: Work, targets: tuple[Target, ...], strict: bool) -> Outcome:
    """Convert one work item; with ``work.paths``, also write its outputs (atomically).

    Writing in the worker keeps the main process free for the next items; the
    outputs are the same bytes either way.
    """
    data = work.data
    if isinstance(data, Path):
        try:
            data = data.read_bytes()
        except OSError as error:
            return Outcome(work.name).error(cannot_read(error))
    outcome = convert_input(work.name, data, targets, strict)
    if work.paths is None or outcome.failed:
        return outcome
    try:
        write_all_atomic(list(zip(work.paths, outcome.exports)))  # all formats, or none
    except OSError as error:  # an article of a corpus is named by its title's line
        line = getattr(work.data, "line", 0)
        return outcome.error(write_problem(error), line)
    outcome.exports, outcome.written = [], True
    return outcome


@collector_paused()
def convert_input(name: str, data: bytes | Chunk, targets: tuple[Target, ...],
                  strict: bool) -> Outcome:
    """Parse *data* and export it to every target, all in memory."""
    # Imported at the first conversion, not with this module: finding and
    # planning a batch need no parser.
    from .corpus import parse_chunk
    from .reading import parse

    outcome = Outcome(name)
    try:
        if isinstance(data, bytes):
            document = parse(data, source=name)
        else:
            document = parse_chunk(data, source=name)
    except ParseError as error:
        outcome.diagnostics.extend(error.warnings)
        outcome.diagnostics.append(error.diagnostic.with_source(name))
        outcome.failed = True
        return outcome
    outcome.diagnostics.extend(document.diagnostics)
    if strict and document.diagnostics:
        outcome.failed = True
        outcome.diagnostics = [strict_error(d) for d in outcome.diagnostics]
        return outcome
    for target in targets:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ExportWarning)
                result = get_exporter(target.format).export(document, **target.options)
        except ExportError as error:
            return outcome.error(f"{target.format}: {error}")
        except Exception as error:  # an exporter's bug must not end the batch
            return outcome.error(f"the {target.format} exporter failed: "
                                 f"{type(error).__name__}: {error}")
        if _record_export_warnings(outcome, caught, strict):
            return outcome
        if not isinstance(result, (str, bytes)):  # a plugin's bug: reported, never a traceback
            return outcome.error(f"the {target.format} exporter returned "
                                 f"{type(result).__name__}, not text or bytes")
        outcome.exports.append(result if isinstance(result, bytes) else result.encode("utf-8"))
    return outcome


def _record_export_warnings(outcome: Outcome, caught: list[warnings.WarningMessage],
                            strict: bool) -> bool:
    """Report an exporter's ``ExportWarning``s as the input's diagnostics; True if fatal."""
    for warning in caught:
        if issubclass(warning.category, ExportWarning):
            found = Diagnostic(Severity.WARNING, str(warning.message), source=outcome.name)
            outcome.diagnostics.append(strict_error(found) if strict else found)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    found = any(issubclass(warning.category, ExportWarning) for warning in caught)
    outcome.failed = outcome.failed or (strict and found)
    return strict and found


def strict_error(diagnostic: Diagnostic) -> Diagnostic:
    """A warning as ``--strict`` reports it: an error, marked as made one by the
    option (as compilers mark ``-Werror``), since its words say what was kept."""
    return Diagnostic(Severity.ERROR, f"{diagnostic.message} [--strict]", diagnostic.line,
                      diagnostic.column, diagnostic.source)


def write_problem(error: OSError) -> str:
    return (f"cannot write output: {error.strerror or error}"
            f"{f' ({error.filename})' if error.filename else ''}")
