"""The ``yaml`` format: the documented data shape, block style, UTF-8 unescaped.

Written with PyYAML's safe dumper (the C one when PyYAML has it), so the output
loads with ``yaml.safe_load`` and holds nothing but strings, mappings, lists,
integers and null.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..nodes import Document, to_dict
from ._options import make_options

__all__ = ["YamlExporter"]


@dataclass(frozen=True)
class YamlOptions:
    """The ``yaml`` format has no options."""


class YamlExporter:
    name = "yaml"
    extension = "yaml"
    binary = False
    separator = "---\n"  # on one stream: a YAML stream of documents
    Options = YamlOptions

    def export(self, document: Document, **options) -> str:
        import yaml  # here, not above: a command line that only plans work needs no PyYAML

        make_options(self.Options, options)
        return yaml.dump(to_dict(document), Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                         allow_unicode=True, sort_keys=False, default_flow_style=False,
                         width=2**31 - 1)
