"""The ``jsonl`` format: JSON Lines, one article per line, for data tools.

Each line is the ``json`` format's object on one line, so a corpus becomes one
file that pandas, DuckDB, Spark or ``jq`` read line by line. The exporter is
``multi_document``: the exports of several articles, concatenated in order, are
one valid file; the command line and :func:`wikipress.exporters.export_stream`
use that to write a whole corpus to one file, streaming. Line separators that
some readers also split on (U+0085, U+2028, U+2029) are written escaped, so a
line is exactly one article whatever splits it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..nodes import Document, to_dict
from ._options import make_options

__all__ = ["JsonlExporter"]

_ESCAPES = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class JsonlOptions:
    """The ``jsonl`` format has no options."""


class JsonlExporter:
    name = "jsonl"
    extension = "jsonl"
    binary = False
    multi_document = True
    Options = JsonlOptions

    def export(self, document: Document, **options) -> str:
        make_options(self.Options, options)
        line = json.dumps(to_dict(document), ensure_ascii=False, separators=(",", ":"))
        for character, escape in _ESCAPES.items():
            if character in line:
                line = line.replace(character, escape)
        return line + "\n"
