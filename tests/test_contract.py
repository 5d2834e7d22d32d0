"""The JSON Schema of the YAML/JSON shape: shipped, valid, and true of every export."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
import yaml

import wikipress
from wikipress.nodes import ShapeError
from _support import EXPORTS, SAMPLE_FILES

VALIDATOR = jsonschema.Draft202012Validator(wikipress.schema())
KEYS = ["title", "infobox", "content", "sections"]
SECTION_KEYS = ["heading", "level", "content", "sections"]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(wikipress.schema())
    assert wikipress.schema() is not wikipress.schema()  # callers may change their copy


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_every_sample_export_is_valid_and_ordered(path):
    for data in (yaml.safe_load((EXPORTS / f"{path.stem}.yaml").read_text("utf-8")),
                 json.loads((EXPORTS / f"{path.stem}.json").read_text("utf-8"))):
        VALIDATOR.validate(data)
        assert list(data) == KEYS
        for section in _sections(data["sections"]):
            assert list(section) == SECTION_KEYS


def test_yaml_and_json_carry_the_same_data():
    for path in SAMPLE_FILES:
        document = wikipress.parse_file(path)
        as_yaml = yaml.safe_load(wikipress.export(document, "yaml"))
        as_json = json.loads(wikipress.export(document, "json"))
        assert as_yaml == as_json == wikipress.to_dict(document)
        assert wikipress.load(wikipress.export(document, "yaml")) == document
        assert wikipress.load(wikipress.export(document, "json")) == document


def _sections(sections):
    for section in sections:
        yield section
        yield from _sections(section["sections"])


def _valid():
    return {"title": "T", "infobox": {"a": "b"},
            "content": [{"paragraph": "p"}, {"list": ["x", ""]}, {"infobox": {}}],
            "sections": [{"heading": "H", "level": 2, "content": [],
                          "sections": [{"heading": "D", "level": 6, "content": [],
                                        "sections": []}]}]}


@pytest.mark.parametrize("change", [
    lambda d: d.pop("sections"),
    lambda d: d.update(extra=1),
    lambda d: d["infobox"].update(a=1),
    lambda d: d["content"].append({"paragraph": "p", "list": []}),
    lambda d: d["content"].append({"table": "x"}),
    lambda d: d["sections"][0].update(level=1),
    lambda d: d["sections"][0]["sections"][0].update(level=7),
    lambda d: d["sections"][0].update(level="2"),
    lambda d: d["sections"][0].pop("content"),
    lambda d: d["sections"][0]["sections"][0].update(level=2),
    lambda d: d["sections"][0].update(level=6),
], ids=["missing-key", "extra-key", "number-value", "two-kinds", "unknown-block", "level-1",
        "level-7", "string-level", "no-content", "shallow-subsection", "subsection-of-level-6"])
def test_the_schema_and_from_dict_refuse_the_same_shapes(change):
    """Data the schema accepts loads, and data it refuses does not (they disagreed
    on a subsection no deeper than its section)."""
    data = _valid()
    VALIDATOR.validate(data)
    wikipress.from_dict(data)
    change(data)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(copy.deepcopy(data))
    with pytest.raises(ShapeError):
        wikipress.from_dict(data)


def test_the_schema_ships_inside_the_package():
    from importlib import resources

    assert resources.files("wikipress").joinpath("article.schema.json").is_file()


def test_docstring_examples_of_the_public_modules():
    import doctest

    import wikipress._contract

    for module in (wikipress, wikipress._contract):
        failed, tried = doctest.testmod(module, raise_on_error=False, verbose=False)
        assert tried > 0 and failed == 0, module.__name__


def test_a_document_built_with_empty_text_exports_valid_data_that_loads_back():
    """The parser never writes empty text or lists, but a program may build them:
    their exports are valid, and load back (the schema used to refuse them)."""
    document = wikipress.from_dict({
        "title": "", "infobox": None, "content": [{"paragraph": ""}, {"list": []}],
        "sections": [{"heading": "", "level": 2.0, "content": [], "sections": []}]})
    assert document.sections[0].level == 2
    for name in ("yaml", "json"):
        exported = wikipress.export(document, name)
        VALIDATOR.validate(yaml.safe_load(exported))
        assert wikipress.load(exported) == document
