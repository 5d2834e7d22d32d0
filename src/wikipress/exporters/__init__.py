"""Exporters: the protocol, and the registry that finds them.

An exporter is a class with ``name``, ``extension`` (no dot), ``binary``, an
``Options`` frozen dataclass and ``export(document, **options)``, a pure
function of the AST that does no file I/O. Built-in and third-party exporters
are found the same way, as entry points in the ``wikipress.exporters`` group
(entry-point name = format name, value = the class), loaded only when asked
for. A plugin that fails to import is reported by name and never hides the
others.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any, ClassVar, Protocol, runtime_checkable

from ..nodes import Document
from ._options import OptionInfo, describe_options, make_options, parse_option_values

__all__ = [
    "GROUP", "Exporter", "ExportError", "FormatInfo", "formats", "format_names",
    "get_exporter", "export", "OptionInfo", "describe_options", "make_options",
    "parse_option_values",
]

GROUP = "wikipress.exporters"


class ExportError(ValueError):
    """An unknown format or option, a plugin that does not load, a failed export."""


@runtime_checkable
class Exporter(Protocol):
    name: ClassVar[str]
    extension: ClassVar[str]
    binary: ClassVar[bool]
    Options: ClassVar[type]

    def export(self, document: Document, **options: Any) -> str | bytes:
        ...


@dataclass(frozen=True)
class FormatInfo:
    """What ``wikipress formats`` lists: a loaded format, or why it did not load."""

    name: str
    origin: str
    exporter: type | None = None
    error: str | None = None


def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=GROUP):
        found.setdefault(point.name, point)
    return found


def format_names() -> list[str]:
    """Names of all registered formats, sorted (nothing is imported)."""
    return sorted(_entry_points())


@functools.cache
def _load(name: str) -> type:
    point = _entry_points().get(name)
    if point is None:
        raise ExportError(f"unknown format {name!r}; available: {', '.join(format_names())}")
    try:
        exporter = point.load()
    except Exception as error:  # a plugin's import can fail in any way
        raise ExportError(f"format {name!r} ({point.value}) failed to load: "
                          f"{type(error).__name__}: {error}") from None
    problem = _shape_problem(exporter)
    if problem:
        raise ExportError(f"format {name!r} ({point.value}) is not a valid exporter: {problem}")
    return exporter


def _shape_problem(exporter: Any) -> str | None:
    for attribute in ("name", "extension", "binary", "Options", "export"):
        if not hasattr(exporter, attribute):
            return f"it has no {attribute!r}"
    return None


def get_exporter(name: str) -> Exporter:
    """An instance of the exporter for format *name*; raises :class:`ExportError`."""
    return _load(name)()


def formats() -> list[FormatInfo]:
    """Every registered format, loaded; broken plugins carry their error."""
    result = []
    for name, point in sorted(_entry_points().items()):
        try:
            result.append(FormatInfo(name, point.value, exporter=_load(name)))
        except ExportError as error:
            result.append(FormatInfo(name, point.value, error=str(error)))
    return result


def export(document: Document, format: str, **options: Any) -> str | bytes:
    """Export *document* to *format* (``str`` for text formats, ``bytes`` for binary).

    Options are the exporter's documented ``Options`` fields; an unknown one,
    or a bad value, raises :class:`ExportError`.
    """
    return get_exporter(format).export(document, **options)
