"""Regression tests: each input here once broke an invariant (found by the fuzzer
in fuzz/ or by the property tests). The checks are those of ``invariants.py``.
"""

from __future__ import annotations

import codecs

import pytest

import invariants
import wikipress


@pytest.mark.parametrize("data", [
    # Two text lines join into one paragraph that looks like a heading:
    # the markup exporter must not write it as one line.
    b"=  =\nMangai\xcc\x88ze\xcc\x81 attack =\n",
    b"= T =\n\n= a\nb =\n",
    b"= T =\n\n= Infobox\nx= y =\n",
    # A U+FEFF inside a line is text; one starting a line is a joined file's mark.
    b"w\xef\xbb\xbf\n\xef\xbb\xbf",
    # Two marks: the file's, and one starting its first line: both are dropped.
    b"\xef\xbb\xbf\xef\xbb\xbfword\n",
    codecs.BOM_UTF16_LE + "\ufeffword\n".encode("utf-16-le"),
    # A replaced value holding both quote marks: its warning escapes the ' of a word.
    b"Infobox\n- Key: Va\x1a-  Agai'ample.com), JSON such as {\"aanfobox\n- Key:No\n",
])
def test_fuzz_finding(data):
    assert invariants.check_input(data) is not None


def test_heading_shaped_paragraph_is_written_on_lines_that_read_as_text():
    document = wikipress.parse("= T =\n\n= a\nb =\n")
    assert document.content[0].content[0].value == "= a b ="
    markup = wikipress.export(document, "markup")
    assert markup == "= T =\n\n=\na b =\n"
    assert wikipress.parse(markup) == document


def test_a_paragraph_no_lines_can_express_is_an_export_error():
    document = wikipress.Document((wikipress.Text("T"),),
                                  content=(wikipress.Paragraph((wikipress.Text("=a= =b="),)),))
    with pytest.raises(wikipress.ExportError, match="no markup form that reads back the same"):
        wikipress.export(document, "markup")


def test_a_long_second_title_is_quoted_short():
    with pytest.raises(wikipress.ParseError) as caught:
        wikipress.parse("= T =\n= " + "word " * 100_000 + "=\n")
    assert len(caught.value.message) < 300
    assert "(499999 characters)" in caught.value.message


@pytest.mark.parametrize("text", [
    "== Early ==\ntext\n\n= Title =\n\n=== Later ===\nmore\n",
    "Infobox\n- Key: value\n\n== Early ==\n= Title =\nLead.\n\n==== Later ====\n",
    "== Early ==\n= Title =\nInfobox\n- Not: the article's\n\n=== Later ===\n",
])
def test_a_title_between_top_level_sections_of_rising_level(text):
    """The title ends every open section, so the section after it is no child of
    the one before: the markup puts the title between them again."""
    document = wikipress.parse(text)
    levels = [section.level for section in document.sections]
    assert levels[1] > levels[0]
    invariants.check_round_trips(document)


def test_two_rises_have_no_markup_form():
    sections = tuple(wikipress.Section((wikipress.Text(f"S{level}"),), level)
                     for level in (2, 3, 2, 3))
    document = wikipress.Document((wikipress.Text("T"),), sections=sections)
    with pytest.raises(wikipress.ExportError, match="would nest in it"):
        wikipress.export(document, "markup")
