"""Article text never becomes ReportLab markup: tags, entities, images, links
and font changes in any field print literally."""

from __future__ import annotations

import pytest

import wikipress
from wikipress import parse

from pdf_support import annotations, body_text, contains, fonts, images, outline_tree, reader

DANGEROUS = [
    "<b>bold</b>",
    "&amp;",
    '<img src="/etc/passwd"/>',
    '<a href="https://example.org/x">link</a>',
    '<font name="Courier" size="30" color="red">big</font>',
    "&nbsp;&lt;&#65;&entity;",
    "<br/><para>",
    '<onDraw name="x"/>',
]


def _key(payload: str) -> str:
    return payload.replace(":", "")  # a key ends at the first colon


def _article(payload: str) -> str:
    return (f"= Title {payload} =\n\n"
            f"Infobox\n- Key {_key(payload)}: Value {payload}\n\n"
            f"Lead {payload}\n\n"
            f"== Heading {payload} ==\n"
            f"Paragraph {payload}\n\n"
            f"- Item {payload}\n\n"
            f"=== Sub {payload} ===\n"
            f"Infobox\n- Inner {_key(payload)}: Embedded {payload}\n")


def _assert_literal(pdf, payload):
    text = body_text(pdf)
    for field in ("Title", "Value", "Lead", "Heading", "Paragraph", "Item", "Sub", "Embedded"):
        assert contains(text, f"{field} {payload}"), field
    for field in ("Key", "Inner"):
        assert contains(text, f"{field} {_key(payload)}"), field
    assert images(pdf) == 0
    assert {name.split("+", 1)[1] for name in fonts(pdf)} <= {
        "FiraSans-Regular", "FiraSans-Bold", "FiraSans-Italic", "FiraSans-BoldItalic"}
    for annotation in annotations(pdf):  # only the contents' internal links
        assert "/URI" not in str(annotation.get("/A", {}))
        assert "/Dest" in annotation


@pytest.mark.parametrize("payload", DANGEROUS)
def test_markup_in_every_field_prints_literally(payload):
    document = parse(_article(payload))
    title = document.title_text
    pdf = reader(wikipress.export(document, "pdf", toc=True))
    _assert_literal(pdf, payload)
    assert outline_tree(pdf) == [(f"Heading {payload}", [(f"Sub {payload}", [])])]
    assert pdf.metadata.title == title


def test_markup_in_a_book_prints_literally_in_cover_contents_and_articles():
    payload = " ".join(DANGEROUS)
    documents = [parse(_article(payload)), parse(_article(payload))]
    pdf = reader(wikipress.export_book(documents, title=f"Book {payload}"))
    _assert_literal(pdf, payload)
    first_pages = "".join(page.extract_text() for page in pdf.pages[:2])
    assert contains(first_pages, f"Book {payload}")
    assert contains(first_pages, f"Heading {payload}"[:90])  # the contents (long: shortened at a word)
