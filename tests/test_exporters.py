"""The exporter registry, every exporter against every node class, and options."""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Literal, Optional

import pytest
import yaml

import wikipress
from wikipress import (
    BulletList, Document, ExportError, Field, Infobox, ListItem, Paragraph, Section, Text, walk,
)
from wikipress.exporters import (
    describe_options, format_names, formats, get_exporter, make_options, parse_option_values,
)
from wikipress.exporters._visitor import Visitor, missing_methods
from wikipress.nodes import NODE_CLASSES, Node

from _support import ROOT

BUILTIN = {"yaml": "yaml", "json": "json", "text": "txt", "markup": "wiki"}


def every_node_class() -> Document:
    """A hand-built document that holds one of each node class, and distinct words."""
    def t(value):
        return (Text(value),)

    return Document(
        title=t("Alphatitle"),
        infobox=Infobox((Field("Betakey", t("Gammavalue")), Field("Empty", t("")))),
        content=(Paragraph(t("Deltapara")), BulletList((ListItem(t("Epsilonitem")),))),
        sections=(Section(t("Zetaheading"), 2, (
            Infobox((Field("Etakey", t("Thetavalue")),)),
            Paragraph(t("Iotapara")),
        ), (Section(t("Kappadeep"), 4, (BulletList((ListItem(t("Lambdaitem")),
                                                   ListItem(t("")))),)),)),),
    )


def words_of(document: Document) -> set[str]:
    found = set()
    for node in walk(document):
        if isinstance(node, Text) and node.value:
            found.add(node.value)
        if isinstance(node, Field):
            found.add(node.key)
    return found


def test_the_sample_document_holds_every_node_class():
    assert {type(node) for node in walk(every_node_class())} == set(NODE_CLASSES)


@pytest.mark.parametrize("name", format_names())
def test_every_format_exports_every_node_class(name):
    document = every_node_class()
    exporter = get_exporter(name)
    result = exporter.export(document)
    assert isinstance(result, bytes if exporter.binary else str)
    assert len(result) > 0
    if not exporter.binary:
        missing = [word for word in words_of(document) if word not in result]
        assert missing == [], f"{name} lost {missing}"


def _visitor_classes():
    for info in formats():  # imports every exporter module
        assert info.error is None, info.error
    found, todo = [], [Visitor]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def test_every_visitor_has_a_method_for_every_node_class():
    classes = _visitor_classes()
    names = {cls.__name__ for cls in classes}
    assert {"MarkupExporter", "_TextWriter"} <= names
    for cls in classes:
        assert missing_methods(cls) == [], cls.__name__


def test_a_visitor_refuses_a_node_class_it_does_not_know():
    @dataclass(frozen=True, slots=True)
    class Table(Node):
        rows: tuple = ()

    class Partial(Visitor):
        def visit_text(self, node):
            return node.value

    assert Partial().visit(Text("ok")) == "ok"
    with pytest.raises(NotImplementedError, match="Partial cannot export Table"):
        Partial().visit(Table())
    with pytest.raises(NotImplementedError, match="cannot export Paragraph"):
        Partial().visit(Paragraph((Text("x"),)))
    assert "Section" in missing_methods(Partial) and "Text" not in missing_methods(Partial)


def test_builtin_formats_are_registered_with_their_extensions():
    assert set(BUILTIN) <= set(format_names())
    for name, extension in BUILTIN.items():
        exporter = get_exporter(name)
        assert (exporter.name, exporter.extension, exporter.binary) == (name, extension, False)
    infos = {info.name: info for info in formats()}
    assert infos["yaml"].origin == "wikipress.exporters.to_yaml:YamlExporter"


def test_the_built_in_names_load_what_the_package_declares():
    """Built-in names are loaded without searching the entry points, from a
    table that must say what pyproject.toml declares and the install records."""
    from importlib.metadata import distribution

    from wikipress.exporters import GROUP, _BUILTIN

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    installed = {point.name: point.value for point in distribution("wikipress").entry_points
                 if point.group == GROUP}
    assert declared["project"]["entry-points"][GROUP] == installed == _BUILTIN
    for info in formats():
        if info.name in _BUILTIN:
            assert get_exporter(info.name).__class__ is info.exporter


def test_every_exporter_has_the_protocol_and_a_frozen_options_dataclass():
    for info in formats():
        exporter = info.exporter
        assert exporter.name == info.name and "." not in exporter.extension
        assert isinstance(exporter.binary, bool)
        assert isinstance(get_exporter(info.name), wikipress.Exporter)
        assert dataclasses.is_dataclass(exporter.Options)
        assert exporter.Options.__dataclass_params__.frozen
        for spec in dataclasses.fields(exporter.Options):
            assert spec.metadata.get("help"), f"{info.name} option {spec.name} has no help"


def test_unknown_format():
    with pytest.raises(ExportError, match="unknown format 'docx'; available: .*yaml"):
        wikipress.export(every_node_class(), "docx")


def test_json_and_yaml_carry_the_same_data_and_json_indent():
    document = every_node_class()
    data = json.loads(wikipress.export(document, "json"))
    assert data == yaml.safe_load(wikipress.export(document, "yaml"))
    compact = wikipress.export(document, "json", indent=0)
    assert compact.count("\n") == 1 and json.loads(compact) == data
    assert '\n    "' in wikipress.export(document, "json", indent=4)
    with pytest.raises(ExportError, match="indent must be 0 to 16"):
        wikipress.export(document, "json", indent=17)


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_unknown_option_is_an_error_naming_the_valid_ones(name):
    with pytest.raises(ExportError, match="unknown option colour"):
        wikipress.export(every_node_class(), name, colour="red")


@dataclass(frozen=True)
class Sample:
    count: int = field(default=1, metadata={"help": "a whole number"})
    ratio: float = field(default=0.5, metadata={"help": "a number"})
    flag: bool = field(default=False, metadata={"help": "yes or no"})
    mode: Literal["fast", "slow"] = field(default="fast", metadata={"help": "a choice"})
    limit: Optional[int] = field(default=None, metadata={"help": "a number or nothing"})
    label: str = field(default="", metadata={"help": "any text"})


def test_option_strings_are_converted_to_the_declared_types():
    raw = {"count": "3", "ratio": "2.5", "flag": "Yes", "mode": "slow", "limit": "7",
           "label": "a=b", "other": "ignored here"}
    assert parse_option_values(Sample, raw) == {
        "count": 3, "ratio": 2.5, "flag": True, "mode": "slow", "limit": 7, "label": "a=b"}
    assert parse_option_values(Sample, {"flag": "off", "limit": ""}) == {"flag": False, "limit": None}
    for text in ("1", "true", "on", "YES"):
        assert parse_option_values(Sample, {"flag": text}) == {"flag": True}


@pytest.mark.parametrize("key, text, message", [
    ("count", "three", "option count: 'three' is not a whole number"),
    ("ratio", "half", "option ratio: 'half' is not a number"),
    ("flag", "maybe", "option flag: 'maybe' is not a yes/no value"),
    ("mode", "medium", "option mode: 'medium' is not one of fast, slow"),
    ("limit", "x", "option limit: 'x' is not a whole number"),
])
def test_bad_option_strings(key, text, message):
    with pytest.raises(ExportError, match=message):
        parse_option_values(Sample, {key: text})


@pytest.mark.parametrize("key, value, message", [
    ("count", "3", "option count: expected a whole number, not '3'"),
    ("count", 2.5, "option count: expected a whole number, not 2.5"),
    ("count", True, "option count: expected a whole number, not True"),
    ("ratio", "0.5", "option ratio: expected a number, not '0.5'"),
    ("ratio", False, "option ratio: expected a number, not False"),
    ("flag", "false", "option flag: expected true or false, not 'false'"),
    ("flag", 0, "option flag: expected true or false, not 0"),
    ("mode", "FAST", "option mode: expected one of 'fast', 'slow', not 'FAST'"),
    ("limit", "7", "option limit: expected a whole number, not '7'"),
    ("label", 3, "option label: expected a string, not 3"),
])
def test_option_values_from_python_are_checked_against_their_types(key, value, message):
    with pytest.raises(ExportError, match=re.escape(message)):
        make_options(Sample, {key: value})


def test_option_values_of_the_right_type_are_taken_as_they_are():
    options = make_options(Sample, {"count": 3, "ratio": 2, "flag": True, "mode": "slow",
                                    "limit": None, "label": "x"})
    assert (options.count, options.ratio, options.flag, options.limit) == (3, 2, True, None)
    with pytest.raises(ExportError, match="option numbered: expected true or false"):
        wikipress.export(every_node_class(), "text", numbered="false")  # once silently true


def test_make_options_and_describe_options():
    assert make_options(Sample, {"count": 2}).count == 2
    with pytest.raises(ExportError, match=r"unknown option nope \(valid options: count, flag"):
        make_options(Sample, {"nope": 1})
    described = {o.name: (o.type, o.default, o.help) for o in describe_options(Sample)}
    assert described["mode"] == ("fast|slow", "fast", "a choice")
    assert described["count"] == ("int", 1, "a whole number")
    text_options = {o.name: o.default for o in describe_options(get_exporter("text").Options)}
    assert text_options == {"width": 80, "numbered": True, "bullet": "•"}


@pytest.mark.parametrize("not_a_document", [{}, None, "= T =\n"])
def test_exporting_what_is_not_a_document_says_so(not_a_document):
    with pytest.raises(TypeError, match="expected a wikipress Document, not "):
        wikipress.export(not_a_document, "yaml")
    with pytest.raises(TypeError, match="expected a wikipress Document"):
        list(wikipress.export_stream([not_a_document], "jsonl"))
    with pytest.raises(TypeError, match="from_dict" if isinstance(not_a_document, dict) else "not"):
        wikipress.export(not_a_document, "text")
