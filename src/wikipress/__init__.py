"""wikipress: parse wiki-style article files into an AST and export them.

The public API is what this module exports; everything else is internal.

>>> import wikipress
>>> doc = wikipress.parse("= Example =\\n\\nA paragraph.\\n")
>>> doc.title_text
'Example'
>>> print(wikipress.export(doc, "text"), end="")
Example
<BLANKLINE>
A paragraph.
"""

from __future__ import annotations

# Not even ``typing`` is imported here: on a busy machine it alone costs tens of
# milliseconds of ``wikipress --version``. Type checkers treat any name
# TYPE_CHECKING as true.
TYPE_CHECKING = False

__version__ = "0.1.0"

# Public names and the module each comes from. They are imported on first use
# (PEP 562), so that ``import wikipress`` and ``wikipress --version`` load
# neither Lark nor PyYAML nor ReportLab; see docs/benchmarks.md, start-up.
_PUBLIC = {
    # reading
    "parse": "reading", "parse_file": "reading", "load": "reading",
    "Reader": "reading", "ArticleReader": "reading",
    # corpora
    "parse_articles": "corpus", "split_articles": "corpus", "Chunk": "corpus",
    # diagnostics
    "ParseError": "diagnostics", "Diagnostic": "diagnostics", "Severity": "diagnostics",
    # the AST
    "Node": "nodes", "Document": "nodes", "Section": "nodes", "Paragraph": "nodes",
    "BulletList": "nodes", "ListItem": "nodes", "Infobox": "nodes", "Field": "nodes",
    "Text": "nodes", "walk": "nodes", "plain_text": "nodes", "to_dict": "nodes",
    "from_dict": "nodes", "schema": "_contract",
    # exporting
    "export": "exporters", "export_stream": "exporters", "export_book": "exporters",
    "formats": "exporters",
    "get_exporter": "exporters", "Exporter": "exporters", "ExportError": "exporters",
    "ExportWarning": "exporters",
}
# Submodules reachable as attributes (``wikipress.nodes``) without an import.
_SUBMODULES = frozenset({"corpus", "diagnostics", "exporters", "nodes", "reading"})

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    import importlib

    if name in _PUBLIC:
        value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # what type checkers and editors see: the same names, eagerly
    from typing import Any

    from ._contract import schema
    from .corpus import Chunk, parse_articles, split_articles
    from .diagnostics import Diagnostic, ParseError, Severity
    from .exporters import (
        ExportError, Exporter, ExportWarning, export, export_book, export_stream, formats,
        get_exporter,
    )
    from .nodes import (
        BulletList, Document, Field, Infobox, ListItem, Node, Paragraph, Section, Text,
        from_dict, plain_text, to_dict, walk,
    )
    from .reading import ArticleReader, Reader, load, parse, parse_file
