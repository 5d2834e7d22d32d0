"""The markup exporter: canonical layout, reading back equal, and refusing what cannot."""

from __future__ import annotations

import pytest

import wikipress
from wikipress import (
    BulletList, Document, ExportError, Field, Infobox, ListItem, Paragraph, Section, Text,
)
from wikipress.exporters.to_markup import reads_as_text, text_lines

TRICKY = [
    "= T =\n=x\ny=\n",
    "=a\n=b\nc=\n",
    "=a\nb=\nc=\n",
    "x\n\n== S ==\ny\n= T =\nInfobox\n- a: b\n\nz\n",
    "Infobox\n- a: 1\n\n= T =\n\nInfobox\n- b: 2\n",
    "= T =\n\n=== A ==\n== B ===\n======= C =======\n",
    "= T =\n\nInfobox\n- a\n- : b\n-\n- a: c\n",
    "= T =\n\n-\n*\n- -\n* *x\n",
    "= T =\n== A ==\n==== B ====\n=== C ===\n",
    "no title\n\n== S ==\n",
    "= T =\n\n  lots   of\tspace  \n",
    "= T =\n\n- item\nInfobox\n- a: b\n",
    " \ufeffword\n\n= T =\n\n  \ufeff\n\n-  \ufeff\n",  # U+FEFF opening a paragraph's line
]


@pytest.mark.parametrize("source", TRICKY)
def test_tricky_inputs_read_back_equal(source):
    document = wikipress.parse(source)
    markup = wikipress.export(document, "markup")
    assert wikipress.parse(markup) == document
    assert wikipress.export(wikipress.parse(markup), "markup") == markup  # a fixed point


def test_a_paragraph_line_starting_with_u_feff_is_indented_so_it_is_not_taken_for_a_mark():
    document = Document((Text("T"),), content=(Paragraph((Text("\ufeffa"),)),))
    assert wikipress.export(document, "markup") == "= T =\n\n \ufeffa\n"
    assert wikipress.parse(wikipress.export(document, "markup")) == document


def test_canonical_layout():
    source = "Infobox\n- k: v\n= T =\nlead\n==A==\n\n\n===B===\n- x\n"
    assert wikipress.export(wikipress.parse(source), "markup") == (
        "= T =\n\nInfobox\n- k: v\n\nlead\n\n== A ==\n\n=== B ===\n- x\n")


def test_reads_as_text():
    assert reads_as_text("plain") and reads_as_text("=") and reads_as_text("-x")
    assert reads_as_text("a =") and reads_as_text("= =") and reads_as_text("infobox")
    assert not reads_as_text("Infobox") and not reads_as_text("- x") and not reads_as_text("*")
    assert not reads_as_text("=a=") and not reads_as_text("== a = b ==")


def test_text_lines_cuts_only_where_needed():
    assert text_lines("one line") == ["one line"]
    assert text_lines("=a b=") == ["=a", "b="]
    assert text_lines("=a =b c=") == ["=a =b", "c="]
    for lines in (text_lines("=a b= =c d="), text_lines("=x y z= w=")):
        assert all(reads_as_text(line) for line in lines)
    with pytest.raises(ExportError, match="cannot be cut"):
        text_lines("=a  b=")  # only a double space: no cut reads back the same
    with pytest.raises(ExportError, match="cannot be cut"):
        text_lines("- a b")


def t(value: str):
    return (Text(value),)


@pytest.mark.parametrize("document, message", [
    (Document(t("a\nb")), "a heading with a line break"),
    (Document(t(" a")), "surrounding whitespace"),
    (Document(t("==")), "needs a character other than '='"),
    (Document(t("")), "empty"),
    (Document(None, content=(Paragraph(t("Infobox")),)), "cannot be cut"),
    (Document(None, content=(BulletList(()),)), "a list without items"),
    (Document(None, content=(BulletList((ListItem(t("x\ry")),)),)), "line break"),
    (Document(None, Infobox((Field("a", t("1")), Field("a", t("2"))))), "duplicate key"),
    (Document(None, Infobox((Field("a:b", t("1")),))), "holds ':'"),
    (Document(None, Infobox((Field("a", t("1 ")),))), "surrounding whitespace"),
    (Document(None, sections=(Section(t("S"), 7),)), "levels go from 2 to 6"),
    (Document(None, sections=(Section(t("S"), 3, sections=(Section(t("D"), 3),)),)),
     "under level 3"),
    (Document(None, sections=(Section(t("A"), 2), Section(t("B"), 3))),
     "after a level-2 sibling"),
    (Document(None, content=(Infobox(()),)), "needs a title and a section"),
])
def test_documents_no_markup_can_express_are_refused(document, message):
    with pytest.raises(ExportError, match=message):
        wikipress.export(document, "markup")


def test_markup_has_no_options():
    with pytest.raises(ExportError, match="unknown option width"):
        wikipress.export(wikipress.parse("= T =\n"), "markup", width=3)
