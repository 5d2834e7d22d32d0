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

from ._contract import schema
from .corpus import Chunk, parse_articles, split_articles
from .diagnostics import Diagnostic, ParseError, Severity
from .exporters import (
    ExportError, Exporter, ExportWarning, export, export_book, formats, get_exporter,
)
from .nodes import (
    BulletList, Document, Field, Infobox, ListItem, Node, Paragraph, Section, Text,
    from_dict, plain_text, to_dict, walk,
)
from .reading import ArticleReader, Reader, load, parse, parse_file

__version__ = "0.1.0"

__all__ = [
    "__version__",
    # reading
    "parse", "parse_file", "load", "Reader", "ArticleReader",
    # corpora
    "parse_articles", "split_articles", "Chunk",
    # diagnostics
    "ParseError", "Diagnostic", "Severity",
    # the AST
    "Node", "Document", "Section", "Paragraph", "BulletList", "ListItem", "Infobox",
    "Field", "Text", "walk", "plain_text", "to_dict", "from_dict", "schema",
    # exporting
    "export", "export_book", "formats", "get_exporter", "Exporter", "ExportError",
    "ExportWarning",
]
