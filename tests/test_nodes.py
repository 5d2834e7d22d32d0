"""The AST: immutable nodes, walking, equality without positions, the dict shape."""

from __future__ import annotations

import dataclasses
import re

import pytest

import wikipress
from wikipress import (
    BulletList, Document, Field, Infobox, ListItem, Paragraph, Section, Text,
    from_dict, plain_text, to_dict, walk,
)
from wikipress.nodes import NODE_CLASSES, ShapeError

ARTICLE = """\
= Title =

Infobox
- Key: value

Lead.

== A ==
- one
- two

=== A.1 ===
Infobox
- Inner: yes

== B ==
Text.
"""


def test_nodes_are_frozen_and_slotted():
    document = wikipress.parse(ARTICLE)
    for node in walk(document):
        with pytest.raises(dataclasses.FrozenInstanceError):
            node.line = 99
        assert not hasattr(node, "__dict__")
    assert isinstance(document.sections, tuple) and isinstance(document.content, tuple)


def test_walk_visits_every_node_depth_first_in_document_order():
    def label(node):
        if isinstance(node, Field):
            return node.key
        return node.value if isinstance(node, Text) else ""

    names = [(type(node).__name__, label(node)) for node in walk(wikipress.parse(ARTICLE))]
    assert names == [
        ("Document", ""), ("Text", "Title"), ("Infobox", ""), ("Field", "Key"),
        ("Text", "value"), ("Paragraph", ""), ("Text", "Lead."),
        ("Section", ""), ("Text", "A"), ("BulletList", ""), ("ListItem", ""), ("Text", "one"),
        ("ListItem", ""), ("Text", "two"),
        ("Section", ""), ("Text", "A.1"), ("Infobox", ""), ("Field", "Inner"), ("Text", "yes"),
        ("Section", ""), ("Text", "B"), ("Paragraph", ""), ("Text", "Text."),
    ]


def test_walk_reaches_every_node_class():
    assert {type(node) for node in walk(wikipress.parse(ARTICLE))} == set(NODE_CLASSES)


def test_every_node_carries_its_source_position():
    document = wikipress.parse(ARTICLE)
    positions = {(type(n).__name__, n.line) for n in walk(document) if not isinstance(n, Text)}
    assert ("Infobox", 3) in positions and ("Field", 4) in positions
    assert ("Paragraph", 6) in positions and ("Section", 8) in positions
    assert ("BulletList", 9) in positions and ("ListItem", 10) in positions
    assert ("Infobox", 13) in positions and ("Section", 16) in positions
    assert all(node.line >= 1 and node.column >= 1 for node in walk(document))


def test_equality_ignores_positions_diagnostics_and_source():
    a = Paragraph((Text("x", line=1, column=1),), line=1, column=1)
    b = Paragraph((Text("x", line=7, column=3),), line=7, column=3)
    assert a == b and hash(a) == hash(b)
    assert Paragraph((Text("y"),)) != a
    plain = wikipress.parse("= T =\n\ntext\n")
    moved = wikipress.parse("\n\n  text\n\n= T =\n", source="elsewhere.txt")
    assert moved.diagnostics and not plain.diagnostics
    assert plain == moved


def test_level_is_part_of_equality():
    assert Section((Text("H"),), 2) != Section((Text("H"),), 3)


def test_to_dict_and_from_dict_round_trip():
    document = wikipress.parse(ARTICLE)
    data = to_dict(document)
    assert data["infobox"] == {"Key": "value"}
    assert data["sections"][0]["content"] == [{"list": ["one", "two"]}]
    assert data["sections"][0]["sections"][0]["content"] == [{"infobox": {"Inner": "yes"}}]
    assert from_dict(data) == document
    assert to_dict(from_dict(data)) == data


def test_from_dict_of_a_hand_built_document():
    document = Document(
        title=None,
        infobox=Infobox((Field("a", (Text("1"),)),)),
        content=(BulletList((ListItem((Text(""),)),)),),
        sections=(Section((Text("S"),), 6),),
    )
    assert from_dict(to_dict(document)) == document


@pytest.mark.parametrize("data, message", [
    ([], "exactly the keys"),
    ({"title": None, "infobox": None, "content": []}, "exactly the keys"),
    ({"title": 3, "infobox": None, "content": [], "sections": []}, "expected a string"),
    ({"title": None, "infobox": [], "content": [], "sections": []}, "mapping"),
    ({"title": None, "infobox": None, "content": [{"table": "x"}], "sections": []}, "unknown block"),
    ({"title": None, "infobox": None, "content": [{"paragraph": "x", "list": []}],
      "sections": []}, "one key"),
    ({"title": None, "infobox": None, "content": [], "sections": [
        {"heading": "H", "level": 7, "content": [], "sections": []}]}, "from 2 to 6"),
    ({"title": None, "infobox": None, "content": [], "sections": [
        {"heading": "H", "level": True, "content": [], "sections": []}]}, "from 2 to 6"),
    ({"title": None, "infobox": None, "content": [], "sections": [{"heading": "H"}]},
     "exactly the keys"),
])
def test_from_dict_refuses_other_shapes(data, message):
    with pytest.raises(ValueError, match=message):
        from_dict(data)


def _doc(content=(), sections=(), infobox=None):
    return {"title": "T", "infobox": infobox, "content": content, "sections": sections}


def _sec(level, sections=(), content=()):
    return {"heading": "H", "level": level, "content": list(content), "sections": list(sections)}


@pytest.mark.parametrize("data, where, problem", [
    (_doc(content=[{"list": "abc"}]), "content[0].list", "expected a list, got str"),
    (_doc(content=[{"list": {"a": "1"}}]), "content[0].list", "expected a list, got dict"),
    (_doc(content=[{"list": ["ok", 3]}]), "content[0].list[1]", "expected a string, got int"),
    (_doc(content="abc"), "content", "expected a list, got str"),
    (_doc(infobox={False: "x"}), "infobox", "an infobox key is a string, not False"),
    (_doc(infobox={"a": None}), "infobox['a']", "expected a string, got NoneType"),
    (_doc(sections=[_sec(3, [_sec(2)])]), "sections[0].sections[0].level",
     "a subsection is deeper than its section (level 3), not level 2"),
    (_doc(sections=[_sec(2, [_sec(4, [_sec(4)])])]), "sections[0].sections[0].sections[0].level",
     "a subsection is deeper than its section (level 4), not level 4"),
    (_doc(sections=[_sec(2), _sec(2, content=[{"paragraph": 1}])]),
     "sections[1].content[0].paragraph", "expected a string, got int"),
    (_doc(content=[{"paragraph": "a \ud800 b"}]), "content[0].paragraph",
     "lone surrogate U+D800: not valid Unicode"),
    (_doc(infobox={"k\udfff": "v"}), "infobox", "lone surrogate U+DFFF: not valid Unicode"),
])
def test_from_dict_says_where_the_data_is_wrong(data, where, problem):
    with pytest.raises(ShapeError, match=re.escape(f"not a wikipress document: {where}: {problem}")):
        from_dict(data)


def test_a_shape_error_keeps_its_message_across_processes():
    import pickle

    error = pickle.loads(pickle.dumps(ShapeError("top level: a document needs exactly the keys")))
    assert str(error) == "not a wikipress document: top level: a document needs exactly the keys"
    assert error.detail == "top level: a document needs exactly the keys"


def test_deeply_nested_data_is_refused_without_recursing_far():
    data = _doc(sections=[_sec(2)])
    inner = data["sections"][0]
    for _ in range(3000):  # the levels stop deepening after 6: refused at the fifth nesting
        inner["sections"] = [_sec(6)]
        inner = inner["sections"][0]
    with pytest.raises(ShapeError, match="not level 6"):
        from_dict(data)


def test_load_names_the_place_in_the_export():
    text = "title: T\ninfobox: null\ncontent:\n- list: abc\nsections: []\n"
    with pytest.raises(wikipress.ParseError, match=re.escape(
            "x.yaml: error: not a wikipress YAML/JSON export: content[0].list: expected a list")):
        wikipress.load(text, source="x.yaml")
    with pytest.raises(wikipress.ParseError, match="not a wikipress YAML/JSON export: .*utf-8"):
        wikipress.load(b"\xff")
    with pytest.raises(TypeError, match="str or bytes"):
        wikipress.load(None)
    with pytest.raises(wikipress.ParseError, match="not a wikipress YAML/JSON export"):
        wikipress.load('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}")


def test_infobox_get_and_plain_text():
    infobox = Infobox((Field("a", (Text("1"),)), Field("b", (Text("x"), Text("y")))))
    assert infobox.get("a") == "1" and infobox.get("b") == "xy"
    assert infobox.get("missing") is None and infobox.get("missing", "-") == "-"
    assert plain_text(()) == ""
    document = wikipress.parse(ARTICLE)
    assert document.title_text == "Title" and document.sections[0].heading_text == "A"
    assert Document(None).title_text is None
