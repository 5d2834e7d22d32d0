"""The builder's fast node constructors make the same nodes as the classes."""

from __future__ import annotations

import dataclasses

import pytest

from wikipress import nodes
from wikipress._construct import constructor
from wikipress.diagnostics import Diagnostic, Severity

TEXT = (nodes.Text("v", line=3, column=4),)
EXAMPLES = {
    nodes.Text: (("v",), {}),
    nodes.Paragraph: ((TEXT,), {}),
    nodes.ListItem: ((TEXT,), {}),
    nodes.BulletList: (((nodes.ListItem(TEXT),),), {}),
    nodes.Field: (("k", TEXT), {}),
    nodes.Infobox: (((nodes.Field("k", TEXT),),), {}),
    nodes.Section: ((TEXT, 3, (nodes.Paragraph(TEXT),), ()), {}),
    nodes.Document: ((TEXT, None, (), ()), {
        "diagnostics": (Diagnostic(Severity.WARNING, "w", 1, 1),), "source": "a.txt"}),
}


def test_every_node_class_has_an_example():
    assert set(EXAMPLES) == set(nodes.NODE_CLASSES)


@pytest.mark.parametrize("cls", nodes.NODE_CLASSES, ids=lambda cls: cls.__name__)
def test_constructor_makes_the_same_node(cls):
    args, extra = EXAMPLES[cls]
    by_class = cls(*args, **extra, line=7, column=9)
    names = [f.name for f in dataclasses.fields(cls) if not f.kw_only] + ["line", "column"]
    values = {**dict(zip(names, args)), **extra, "line": 7, "column": 9}
    made = constructor(cls)(*(values.get(name, getattr(by_class, name)) for name in names))
    assert type(made) is cls
    for spec in dataclasses.fields(cls):
        assert getattr(made, spec.name) == getattr(by_class, spec.name), spec.name
    assert made == by_class and repr(made) == repr(by_class)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 1


def test_constructor_refuses_what_it_cannot_build_faithfully():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self):
            raise ValueError

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        value: int

    with pytest.raises(TypeError, match="__post_init__"):
        constructor(Checked)
    with pytest.raises(TypeError, match="slotted"):
        constructor(Unslotted)
