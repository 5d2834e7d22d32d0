"""Diagnostics: what a reader says about its input, and the error it raises.

A :class:`Diagnostic` is plain data with a 1-based line and column, so that the
command line, a pipeline's log and a test can all print or compare it the same
way: ``PATH:LINE:COL: warning: MESSAGE`` (``PATH: error: MESSAGE`` when no
position applies, for example for an empty file).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

__all__ = ["Severity", "Diagnostic", "ParseError"]


class Severity(str, Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One message about the input. ``line``/``column`` are 0 when unknown."""

    severity: Severity
    message: str
    line: int = 0
    column: int = 0
    source: str | None = None

    def format(self, source: str | None = None) -> str:
        """``PATH:LINE:COL: severity: message``; *source* overrides ``self.source``."""
        path = source or self.source or "<input>"
        where = f"{path}:{self.line}:{self.column}" if self.line else path
        return f"{where}: {self.severity.value}: {self.message}"

    def with_source(self, source: str | None) -> Diagnostic:
        return self if source == self.source else replace(self, source=source)

    def shifted(self, lines: int) -> Diagnostic:
        """The same diagnostic *lines* further down (for articles inside a corpus)."""
        return replace(self, line=self.line + lines) if lines and self.line else self

    def __str__(self) -> str:
        return self.format()


class ParseError(ValueError):
    """The input cannot be read as an article. Carries its :class:`Diagnostic`.

    ``warnings`` holds what was found before the error, so a caller can still
    show it.
    """

    def __init__(self, diagnostic: Diagnostic, warnings: tuple[Diagnostic, ...] = ()):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic
        self.warnings = warnings

    def __reduce__(self):
        # Rebuilt from its parts, not from the formatted message in ``args``
        # (the default), so it crosses process boundaries intact.
        return type(self), (self.diagnostic, self.warnings)

    @property
    def message(self) -> str:
        return self.diagnostic.message

    @property
    def line(self) -> int:
        return self.diagnostic.line

    @property
    def column(self) -> int:
        return self.diagnostic.column

    @property
    def source(self) -> str | None:
        return self.diagnostic.source

    @classmethod
    def at(cls, message: str, line: int = 0, column: int = 0, source: str | None = None) -> ParseError:
        return cls(Diagnostic(Severity.ERROR, message, line, column, source))
