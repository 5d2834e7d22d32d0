"""The ``json`` format: the same data as ``yaml``, as one JSON object."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..nodes import Document, to_dict
from ._options import make_options

__all__ = ["JsonExporter"]


@dataclass(frozen=True)
class JsonOptions:
    indent: int = field(default=2, metadata={"help": "spaces per indent level; 0 = one line"})

    def __post_init__(self):
        if not 0 <= self.indent <= 16:
            raise ValueError(f"indent must be 0 to 16, not {self.indent}")


class JsonExporter:
    name = "json"
    extension = "json"
    binary = False
    Options = JsonOptions

    def export(self, document: Document, **options) -> str:
        settings = make_options(self.Options, options)
        indent = settings.indent or None
        separators = None if indent else (",", ":")
        return json.dumps(to_dict(document), ensure_ascii=False, indent=indent,
                          separators=separators) + "\n"
