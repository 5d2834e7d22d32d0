"""Converting a batch of inputs: plan the outputs, convert, write, report.

:func:`convert_input` is a pure function of one input's bytes (parse, then
every export in memory), so it can run in a worker process; :class:`Batch`
plans where outputs go before anything is written, refuses the plans that
would overwrite an input or clash, and writes each finished input atomically.
An input that fails leaves no output file at all.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TextIO

from ._files import Input, output_path, write_atomic
from .diagnostics import Diagnostic, ParseError, Severity
from .exporters import ExportError, ExportWarning, get_exporter
from .reading import parse

__all__ = ["Target", "Outcome", "convert_input", "Batch"]


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

    def error(self, message: str, line: int = 0, column: int = 0) -> Outcome:
        self.diagnostics.append(Diagnostic(Severity.ERROR, message, line, column, self.name))
        self.failed = True
        return self


def convert_input(name: str, data: bytes, targets: tuple[Target, ...], strict: bool) -> Outcome:
    """Parse *data* and export it to every target, all in memory."""
    outcome = Outcome(name)
    try:
        document = parse(data, source=name)
    except ParseError as error:
        outcome.diagnostics.extend(error.warnings)
        outcome.diagnostics.append(error.diagnostic.with_source(name))
        outcome.failed = True
        return outcome
    outcome.diagnostics.extend(document.diagnostics)
    if strict and document.diagnostics:
        outcome.failed = True
        outcome.diagnostics = [
            Diagnostic(Severity.ERROR, d.message, d.line, d.column, d.source)
            for d in outcome.diagnostics]
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
        outcome.exports.append(result if isinstance(result, bytes) else result.encode("utf-8"))
    return outcome


def _record_export_warnings(outcome: Outcome, caught: list[warnings.WarningMessage],
                            strict: bool) -> bool:
    """Report an exporter's ``ExportWarning``s as the input's diagnostics; True if fatal."""
    severity = Severity.ERROR if strict else Severity.WARNING
    for warning in caught:
        if issubclass(warning.category, ExportWarning):
            outcome.diagnostics.append(Diagnostic(severity, str(warning.message), source=outcome.name))
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    found = any(issubclass(warning.category, ExportWarning) for warning in caught)
    outcome.failed = outcome.failed or (strict and found)
    return strict and found


@dataclass
class Batch:
    """A conversion run: inputs, targets, and where the outputs go.

    ``folder`` is None to write everything to *stdout*.
    """

    targets: tuple[Target, ...]
    folder: Path | None
    strict: bool = False
    report: Callable[[Diagnostic], None] = lambda diagnostic: None
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    failures: int = 0

    def plan(self, inputs: list[Input]) -> dict[Input, list[Path] | None]:
        """Output paths per input; None for an input that must not be converted."""
        if self.folder is None:
            return {item: [] for item in inputs}
        extensions = [get_exporter(t.format).extension for t in self.targets]
        reading = {item.path.resolve() for item in inputs if item.path is not None}
        plans: dict[Input, list[Path] | None] = {}
        claimed: dict[Path, Input] = {}
        for item in inputs:
            try:
                paths = [output_path(self.folder, item.stem, ext) for ext in extensions]
            except ValueError as error:
                self.fail(item.name, str(error))
                plans[item] = None
                continue
            plans[item] = paths
            for path in paths:
                resolved = path.resolve()
                if resolved in reading:
                    self.fail(item.name, f"output {path} would overwrite an input; "
                                         f"choose another output folder with -o")
                    plans[item] = None
                elif resolved in claimed and plans.get(claimed[resolved]) is not None:
                    other = claimed[resolved]
                    self.fail(item.name, f"{other.name} and {item.name} would both be written "
                                         f"to {path}; neither is converted")
                    self.fail(other.name, f"{other.name} and {item.name} would both be "
                                          f"written to {path}; neither is converted")
                    plans[item] = plans[other] = None
                claimed.setdefault(resolved, item)
        return plans

    def fail(self, name: str, message: str) -> None:
        self.failures += 1
        self.report(Diagnostic(Severity.ERROR, message, source=name))

    def finish(self, outcome: Outcome, paths: list[Path]) -> None:
        """Report one converted input and write its outputs."""
        for diagnostic in outcome.diagnostics:
            self.report(diagnostic)
        if outcome.failed:
            self.failures += 1
            return
        try:
            if self.folder is None:  # standard output (nothing at all for `check`)
                if not outcome.exports:
                    return
                for data in outcome.exports:
                    self.stdout.buffer.write(data)
                self.stdout.flush()
                return
            for path, data in zip(paths, outcome.exports):
                write_atomic(path, data)
        except OSError as error:
            self.fail(outcome.name, f"cannot write output: {error.strerror or error}"
                                    f"{f' ({error.filename})' if error.filename else ''}")

    def run(self, inputs: list[Input]) -> None:
        """Convert every input in order, one after another."""
        plans = self.plan(inputs)
        for item in inputs:
            paths = plans[item]
            if paths is None:
                continue
            try:
                data = item.read()
            except OSError as error:
                self.fail(item.name, f"cannot read: {error.strerror or error}")
                continue
            self.finish(convert_input(item.name, data, self.targets, self.strict), paths)
