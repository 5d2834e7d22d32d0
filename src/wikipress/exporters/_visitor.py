"""Dispatch on node classes for exporters that walk the tree.

``Visitor.visit(node)`` calls ``visit_<snake_case class name>``; a node class
the exporter does not handle raises ``NotImplementedError`` instead of being
skipped, so a new node type can never vanish silently from an output.
"""

from __future__ import annotations

import re
from typing import Any

from ..nodes import NODE_CLASSES, Node

__all__ = ["Visitor", "method_name", "missing_methods"]


def method_name(node_class: type) -> str:
    return "visit_" + re.sub(r"(?<!^)(?=[A-Z])", "_", node_class.__name__).lower()


_METHOD_NAMES = {cls: method_name(cls) for cls in NODE_CLASSES}


class Visitor:
    """Base class of tree-walking exporters."""

    def visit(self, node: Node) -> Any:
        name = _METHOD_NAMES.get(type(node))
        method = getattr(self, name, None) if name else None
        if method is None:
            raise NotImplementedError(
                f"{type(self).__name__} cannot export {type(node).__name__} nodes")
        return method(node)


def missing_methods(visitor_class: type) -> list[str]:
    """The node classes a visitor class has no method for (for tests)."""
    return [cls.__name__ for cls in NODE_CLASSES if not hasattr(visitor_class, _METHOD_NAMES[cls])]
