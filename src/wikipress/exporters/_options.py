"""Exporter options: frozen dataclasses, checked and converted in one place.

Each exporter declares ``Options``, a frozen dataclass whose fields carry a
``help`` text in their metadata and whose ``__post_init__`` validates values.
This module turns ``-O key=value`` strings into those fields' types, rejects
unknown keys with the list of valid ones, and describes options for
``wikipress formats``.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass
from typing import Any

__all__ = ["OptionInfo", "describe_options", "make_options", "parse_option_values"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
# The classes a value of each declared type may be, and how to name that type.
_PLAIN_TYPES = {bool: ((bool,), "true or false"), int: ((int,), "a whole number"),
                float: ((int, float), "a number"), str: ((str,), "a string")}


@dataclass(frozen=True)
class OptionInfo:
    name: str
    type: str
    default: Any
    help: str


@functools.cache  # make_options runs for every export with options: evaluate the hints once
def _types(options_class: type) -> dict[str, Any]:
    return typing.get_type_hints(options_class)


def describe_options(options_class: type) -> list[OptionInfo]:
    """The options of an exporter, for help texts."""
    types = _types(options_class)
    return [
        OptionInfo(spec.name, _type_name(types[spec.name]), spec.default,
                   spec.metadata.get("help", ""))
        for spec in dataclasses.fields(options_class)
    ]


def _type_name(kind: Any) -> str:
    if typing.get_origin(kind) is typing.Literal:
        return "|".join(str(choice) for choice in typing.get_args(kind))
    return getattr(kind, "__name__", str(kind))


def make_options(options_class: type, values: dict[str, Any]) -> Any:
    """Build the options dataclass; unknown keys and bad values raise ``ExportError``."""
    from . import ExportError

    known = {spec.name for spec in dataclasses.fields(options_class)}
    unknown = sorted(set(values) - known)
    if unknown:
        valid = ", ".join(sorted(known)) or "none"
        raise ExportError(f"unknown option {', '.join(unknown)} (valid options: {valid})")
    types = _types(options_class) if values else {}
    for key, value in values.items():
        expected = _expected(types[key], value)
        if expected:
            raise ExportError(f"option {key}: expected {expected}, not {value!r}")
    try:
        return options_class(**values)
    except (TypeError, ValueError) as error:
        raise ExportError(f"bad option value: {error}") from None


def _expected(kind: Any, value: Any) -> str:
    """What *kind* of value is wanted, if *value* is not one ("" when it is, or
    when the declared type is not one this module knows: a plugin's own)."""
    if typing.get_origin(kind) is typing.Literal:
        choices = typing.get_args(kind)
        return "" if value in choices else f"one of {', '.join(map(repr, choices))}"
    inner = _optional_args(kind)
    if inner is not None:
        return "" if value is None or len(inner) != 1 else _expected(inner[0], value)
    accepted = _PLAIN_TYPES.get(kind)
    if accepted is None:
        return ""
    classes, wanted = accepted
    if isinstance(value, bool) and kind is not bool:
        return wanted
    return "" if isinstance(value, classes) else wanted


def parse_option_values(options_class: type, raw: dict[str, str]) -> dict[str, Any]:
    """Convert ``-O`` strings to the declared field types (keys must be known)."""
    from . import ExportError

    types = _types(options_class)
    converted = {}
    for key, text in raw.items():
        if key not in types:
            continue
        try:
            converted[key] = _convert(types[key], text)
        except ValueError as error:
            raise ExportError(f"option {key}: {error}") from None
    return converted


def _convert(kind: Any, text: str) -> Any:
    if typing.get_origin(kind) is typing.Literal:
        choices = typing.get_args(kind)
        if text not in choices:
            raise ValueError(f"{text!r} is not one of {', '.join(map(str, choices))}")
        return text
    if kind is bool:
        lowered = text.lower()
        if lowered in _TRUE | _FALSE:
            return lowered in _TRUE
        raise ValueError(f"{text!r} is not a yes/no value (true, false, yes, no, 1, 0)")
    if kind is int:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number") from None
    if kind is float:
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
    inner = _optional_args(kind)
    if inner is not None:
        return None if text == "" else _convert(inner[0], text)
    return text


def _optional_args(kind: Any) -> list[Any] | None:
    """The types besides None of an optional type (``int | None``); None if it is not one."""
    if typing.get_origin(kind) in (typing.Union, type(int | None)) and type(None) in typing.get_args(kind):
        return [arg for arg in typing.get_args(kind) if arg is not type(None)]
    return None
