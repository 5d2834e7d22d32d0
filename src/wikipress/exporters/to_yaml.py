"""The ``yaml`` format: the documented data shape, block style, UTF-8 unescaped.

Written with PyYAML's safe dumper (the C one when PyYAML has it), so the output
loads with ``yaml.safe_load`` and holds nothing but strings, mappings, lists,
integers and null.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..nodes import Document, to_dict
from ._options import make_options

__all__ = ["YamlExporter"]

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class YamlOptions:
    """The ``yaml`` format has no options."""


class YamlExporter:
    name = "yaml"
    extension = "yaml"
    binary = False
    Options = YamlOptions

    def export(self, document: Document, **options) -> str:
        make_options(self.Options, options)
        return yaml.dump(to_dict(document), Dumper=_DUMPER, allow_unicode=True,
                         sort_keys=False, default_flow_style=False, width=2**31 - 1)
