"""``wikipress book``: many article files into one PDF book.

Inputs are read in the order given (folders sorted, as for ``convert``). An
input that cannot be read or parsed is reported and left out; the book holds
the rest, and the command still ends with status 1. The PDF is built in
memory and written atomically, so a failed run never leaves half a book or
replaces a good one.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ._convert import strict_error
from ._files import write_atomic
from ._inputs import Input, cannot_read
from .diagnostics import Diagnostic, ParseError, Severity
from .exporters import ExportError, ExportWarning, get_exporter
from .nodes import Document
from .reading import parse

__all__ = ["BookRun", "default_title"]


def default_title(output: Path) -> str:
    """``history-of-niger.pdf`` -> ``History of niger``."""
    words = output.stem.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or "Articles"
    return text[0].upper() + text[1:]


@dataclass
class BookRun:
    """One book: read the inputs, keep what parses, build, write."""

    output: Path
    title: str
    options: dict[str, Any]
    strict: bool = False
    report: Callable[[Diagnostic], None] = lambda diagnostic: None
    failures: int = 0
    documents: list[Document] = field(default_factory=list)

    def fail(self, name: str | None, message: str) -> None:
        self.failures += 1
        self.report(Diagnostic(Severity.ERROR, message, source=name or str(self.output)))

    def add(self, item: Input) -> None:
        """Parse one input and keep it for the book, or report why not."""
        try:
            data = item.read()
        except OSError as error:
            self.fail(item.name, cannot_read(error))
            return
        try:
            document = parse(data, source=item.name)
        except ParseError as error:
            for diagnostic in (*error.warnings, error.diagnostic.with_source(item.name)):
                self.report(diagnostic)
            self.failures += 1
            return
        for diagnostic in document.diagnostics:
            self.report(strict_error(diagnostic) if self.strict else diagnostic)
        if self.strict and document.diagnostics:
            self.failures += 1
            return
        self.documents.append(document)

    def write(self) -> None:
        """Build the book from the kept articles and write it."""
        if not self.documents:
            self.fail(None, "no article could be read; no book written")
            return
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ExportWarning)
                data = get_exporter("pdf").export_book(self.documents, title=self.title, **self.options)
        except ExportError as error:
            self.fail(None, f"pdf: {error}")
            return
        for warning in caught:
            if issubclass(warning.category, ExportWarning):
                source = getattr(warning.message, "source", None) or str(self.output)
                self.report(Diagnostic(Severity.WARNING, str(warning.message), source=source))
        try:
            write_atomic(self.output, data)
        except OSError as error:
            self.fail(None, f"cannot write the book: {error.strerror or error}")
