"""The YAML/JSON shape as a JSON Schema, shipped inside the package.

Pipelines depend on the shape that ``yaml`` and ``json`` write; the schema
(``article.schema.json``, next to this module) states it in a form that any
JSON Schema validator can check. The tests validate every sample's exports
against it, so it cannot drift from :func:`wikipress.nodes.to_dict`.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["schema"]


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the ``yaml``/``json`` export, as a new dict.

    >>> import wikipress
    >>> sorted(wikipress.schema()["required"])
    ['content', 'infobox', 'sections', 'title']
    """
    text = resources.files(__package__).joinpath("article.schema.json").read_text("utf-8")
    return json.loads(text)
