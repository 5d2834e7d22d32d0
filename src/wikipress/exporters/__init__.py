"""Exporters: the protocol, and the registry that finds them.

An exporter is a class with ``name``, ``extension`` (no dot), ``binary``, an
``Options`` frozen dataclass and ``export(document, **options)``, a pure
function of the AST that does no file I/O. Built-in and third-party exporters
are found the same way, as entry points in the ``wikipress.exporters`` group
(entry-point name = format name, value = the class), loaded only when asked
for. A plugin that fails to import is reported by name and never hides the
others. A built-in format's name is never taken over, so asking for one needs
no search of the installed packages (:data:`_BUILTIN`): that search, and
importing :mod:`importlib.metadata` for it, would add some 20 ms to the
start-up of every conversion.

A format that can hold many documents in one file declares
``multi_document = True``: the exports of several documents, concatenated in
order, must then be one valid file of the format (JSON Lines is). Nothing else
is asked of it, so each document can still be exported on its own, in a worker
process, and the pieces joined in input order; the command line then writes a
whole corpus to one file, and :func:`export_stream` does the same for a
program. A format without the attribute writes one document per file.

A format may also say how several documents follow one another on one
stream (standard output) with ``separator``, a string written between two of
them: YAML's document marker ``---``, a blank line for text. Without it (JSON,
PDF), standard output takes one document only (:func:`stream_separator`).
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Protocol, runtime_checkable

from .._collector import collector_paused
from ..nodes import Document
from ._options import OptionInfo, describe_options, make_options, parse_option_values
from ._visitor import Visitor, missing_methods

__all__ = [
    "GROUP", "Exporter", "ExportError", "ExportWarning", "FormatInfo", "formats", "format_names",
    "get_exporter", "export", "export_stream", "export_book", "is_multi_document",
    "stream_separator", "OptionInfo",
    "describe_options", "make_options",
    "parse_option_values", "Visitor", "missing_methods",
]

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "wikipress.exporters"
# The entry points wikipress itself declares in pyproject.toml (a test checks
# that they agree): a format asked for by one of these names loads from here.
_BUILTIN = {
    "yaml": "wikipress.exporters.to_yaml:YamlExporter",
    "json": "wikipress.exporters.to_json:JsonExporter",
    "jsonl": "wikipress.exporters.to_jsonl:JsonlExporter",
    "text": "wikipress.exporters.to_text:TextExporter",
    "markup": "wikipress.exporters.to_markup:MarkupExporter",
    "pdf": "wikipress.exporters.to_pdf:PdfExporter",
}
ALL = "all"  # `--to all`: no format may have this name
_EXTENSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,15}")  # no separators: stays in -o


class ExportError(ValueError):
    """An unknown format or option, a plugin that does not load, a failed export."""


class ExportWarning(UserWarning):
    """Something an exporter could not render exactly; the output is still made.

    Exporters are pure functions, so they report through :mod:`warnings`;
    ``source`` names the document's input (``Document.source``) when known.
    The command line prints these as ``PATH: warning: MESSAGE``.
    """

    def __init__(self, message: str, source: str | None = None):
        super().__init__(message)
        self.source = source


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
    """One entry point per name; a built-in format's name is never taken over."""
    return _registered()[0]


def _registered() -> tuple[dict[str, EntryPoint], list[EntryPoint]]:
    """The entry points by name, and those left out because the name was taken
    (by a built-in format, or by a plugin found earlier on the path)."""
    from importlib.metadata import entry_points

    found: dict[str, EntryPoint] = {}
    shadowed: list[EntryPoint] = []
    for point in sorted(entry_points(group=GROUP), key=lambda p: not _is_builtin(p)):
        if point.name in found:
            shadowed.append(point)
        else:
            found[point.name] = point
    return found, shadowed


def _is_builtin(point: EntryPoint) -> bool:
    """Registered by wikipress's own distribution (not just named like its modules)."""
    dist = getattr(point, "dist", None)
    return dist is not None and dist.name.lower() == "wikipress"


def format_names() -> list[str]:
    """Names of all registered formats, sorted (nothing is imported)."""
    return sorted(_entry_points())


@functools.cache
def _load(name: str) -> type:
    if name in _BUILTIN:
        value = _BUILTIN[name]
        load = functools.partial(_import, value)
    else:
        point = _entry_points().get(name)
        if point is None:
            raise ExportError(f"unknown format {name!r}; available: {', '.join(format_names())}")
        if name == ALL:
            raise ExportError(f"format {name!r} ({point.value}) cannot be used: "
                              f"'--to {ALL}' means every format")
        value, load = point.value, point.load
    try:
        exporter = load()
    except Exception as error:  # a plugin's import can fail in any way
        raise ExportError(f"format {name!r} ({value}) failed to load: "
                          f"{type(error).__name__}: {error}") from None
    problem = _shape_problem(exporter)
    if problem:
        raise ExportError(f"format {name!r} ({value}) is not a valid exporter: {problem}")
    return exporter


def _import(value: str) -> Any:
    """What an entry point's value (``module:attribute``) names."""
    module, _, attribute = value.partition(":")
    return getattr(importlib.import_module(module), attribute)


def _shape_problem(exporter: Any) -> str | None:
    for attribute in ("name", "extension", "binary", "Options", "export"):
        if not hasattr(exporter, attribute):
            return f"it has no {attribute!r}"
    extension = exporter.extension
    if not isinstance(extension, str) or not _EXTENSION.fullmatch(extension) or ".." in extension:
        return f"its extension {extension!r} is not a plain file extension such as 'yaml'"
    return None


def get_exporter(name: str) -> Exporter:
    """An instance of the exporter for format *name*; raises :class:`ExportError`."""
    return _load(name)()


def formats() -> list[FormatInfo]:
    """Every registered format, loaded; broken plugins carry their error."""
    found, shadowed = _registered()
    result = []
    for name, point in sorted(found.items()):
        try:
            result.append(FormatInfo(name, point.value, exporter=_load(name)))
        except ExportError as error:
            result.append(FormatInfo(name, point.value, error=str(error)))
    for point in shadowed:
        result.append(FormatInfo(point.name, point.value, error=(
            f"format {point.name!r} ({point.value}) is ignored: "
            f"{found[point.name].value} already has that name")))
    return result


@collector_paused()
def export(document: Document, format: str, **options: Any) -> str | bytes:
    """Export *document* to *format* (``str`` for text formats, ``bytes`` for binary).

    Options are the exporter's documented ``Options`` fields; an unknown one,
    or a bad value, raises :class:`ExportError`.
    """
    return get_exporter(format).export(_checked(document), **options)


def _checked(document: Any) -> Document:
    """*document*, if it is one: exporters read a Document's attributes, and a
    dict (the YAML/JSON shape) or None failed deep inside them."""
    if not isinstance(document, Document):
        hint = " (wikipress.from_dict() makes one from a dict)" if isinstance(document, dict) else ""
        raise TypeError(f"expected a wikipress Document, not {type(document).__name__}{hint}")
    return document


def is_multi_document(exporter: Any) -> bool:
    """Whether the exporter (class or instance) writes many documents into one file."""
    return getattr(exporter, "multi_document", False) is True


def stream_separator(exporter: Any) -> str | None:
    """What goes between two documents written one after another on one stream:
    nothing for a ``multi_document`` format, the exporter's ``separator`` if it
    has one, or None if the format holds one document per stream."""
    if is_multi_document(exporter):
        return ""
    separator = getattr(exporter, "separator", None)
    return separator if isinstance(separator, str) else None


def export_stream(documents: Iterable[Document], format: str,
                  **options: Any) -> Iterator[str | bytes]:
    """Export documents one after another into one file of a ``multi_document`` format.

    Yields one piece per document, in order; writing them all gives the file.
    Raises :class:`ExportError` at once (not at the first piece) for an unknown
    format or option, or a format that holds one document per file.
    """
    exporter = get_exporter(format)
    if not is_multi_document(exporter):
        raise ExportError(f"format {format!r} holds one document per file; "
                          f"export each document on its own")
    make_options(exporter.Options, options)
    return (exporter.export(_checked(document), **options) for document in documents)


def export_book(documents: Iterable[Document], *, title: str = "Articles", **options: Any) -> bytes:
    """Many documents as one PDF book: a cover with *title*, a table of contents
    with page numbers, each article on a new page, a two-level outline.

    Options are the ``pdf`` format's; characters the font cannot draw are
    reported as :class:`ExportWarning` (with the document's ``source``).
    """
    return get_exporter("pdf").export_book([_checked(document) for document in documents],
                                           title=title, **options)
