"""The text exporter: readable plain text, wrapped at ``width``, no markup left."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wikipress
from wikipress import ExportError
from wikipress.exporters.to_text import _PIECE, _wrap_in_pieces
from _support import SAMPLE_FILES, SAMPLES

ARTICLE = """\
= A title =

Infobox
- Short: one
- A longer key: two
- Empty:

A lead paragraph that is long enough to be wrapped more than once when the width is small, so that wrapping shows.

== First ==
- an item that is also long enough to be wrapped when the width is only about thirty
- short

=== Inner ===
See https://example.org/a-very-long-address-that-cannot-be-broken-anywhere-at-all for more.

== Second ==
Done.
"""


def text(source: str = ARTICLE, **options) -> str:
    return wikipress.export(wikipress.parse(source), "text", **options)


def test_layout_title_infobox_numbered_headings_bullets():
    out = text(width=0)
    assert out.split("\n\n") == [
        "A title",
        "Short         one\nA longer key  two\nEmpty",
        "A lead paragraph that is long enough to be wrapped more than once when the width "
        "is small, so that wrapping shows.",
        "1 First",
        "  • an item that is also long enough to be wrapped when the width is only about "
        "thirty\n  • short",
        "1.1 Inner",
        "See https://example.org/a-very-long-address-that-cannot-be-broken-anywhere-at-all "
        "for more.",
        "2 Second",
        "Done.\n",
    ]


def test_default_width_is_80():
    assert text() == text(width=80)
    assert max(len(line) for line in text().splitlines()) <= 80


@pytest.mark.parametrize("width", [20, 30, 45, 100])
def test_lines_fit_the_width_except_unbreakable_words(width):
    for line in text(width=width).splitlines():
        assert len(line) <= width or " " not in line.strip() or "https://" in line, line


def test_wrapped_items_and_values_hang_under_their_text():
    lines = text(width=30).splitlines()
    item = lines.index("  • an item that is also long")
    assert lines[item + 1].startswith("    ") and not lines[item + 1].startswith("     ")


def test_long_words_are_never_broken():
    out = text(width=20)
    assert "https://example.org/a-very-long-address-that-cannot-be-broken-anywhere-at-all" in out


def test_width_zero_does_not_wrap():
    lead = [line for line in text(width=0).splitlines() if line.startswith("A lead")]
    assert lead == ["A lead paragraph that is long enough to be wrapped more than once when the "
                    "width is small, so that wrapping shows."]


def test_numbering_and_bullet_options():
    out = text(numbered=False, bullet="-")
    assert "\nFirst\n" in out and "\nInner\n" in out and "1 First" not in out
    assert "  - short" in out


def test_numbers_follow_the_tree_even_across_level_jumps():
    out = text("= T =\n\n== A ==\n\n==== Deep ====\n\n=== Mid ===\n\n== B ==\n\n====== Six ======\n")
    headings = [line for line in out.splitlines() if line[:1].isdigit()]
    assert headings == ["1 A", "1.1 Deep", "1.2 Mid", "2 B", "2.1 Six"]


def test_a_key_longer_than_the_column_gets_its_own_line():
    out = text("= T =\n\nInfobox\n- K: v\n- " + "k" * 40 + ": value\n", width=80)
    assert "\n" + "k" * 40 + "\n   value" in out


@pytest.mark.parametrize("options, message", [
    ({"width": 5}, "width must be 0"), ({"width": -1}, "width must be 0"),
    ({"bullet": "a\nb"}, "bullet"), ({"colour": "red"}, "unknown option colour"),
])
def test_bad_options(options, message):
    with pytest.raises(ExportError, match=message):
        text(**options)


def test_no_title_starts_with_the_content():
    assert text("Only a paragraph.\n") == "Only a paragraph.\n"


@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if p.name not in
                                  {"markup-lookalikes.txt", "field-notes-draft.txt"}],
                         ids=lambda p: p.name)
def test_no_markup_symbols_are_left(path):
    document = wikipress.parse_file(path)
    out = wikipress.export(document, "text")
    assert out.splitlines()[0] == document.title_text
    for line in out.splitlines():
        assert not line.startswith(("=", "- ", "* ")) and line != "Infobox", line
        assert not line.rstrip().endswith("="), line


def test_markup_in_the_text_itself_is_kept_literally():
    out = wikipress.export(wikipress.parse_file(SAMPLES / "markup-lookalikes.txt"), "text")
    assert '<img src="/etc/passwd"/>' in out and "&amp;amp;" in out


# A paragraph of megabytes is wrapped piece by piece (textwrap would first
# split all of it into words); the lines must be those of one textwrap call.

_WRAP = dict(break_long_words=False, break_on_hyphens=False)


@settings(max_examples=300)
@given(text=st.text(alphabet=st.sampled_from("ab cdé\t\n-x"), max_size=300)
       .filter(lambda t: not t[:1].isspace()),
       width=st.integers(3, 30), piece=st.integers(1, 40),
       indent=st.sampled_from(["", "  • ", "Key   "]), hanging=st.sampled_from(["", "    "]))
def test_wrapping_in_pieces_gives_the_lines_of_one_call(text, width, piece, indent, hanging):
    expected = textwrap.wrap(text, width, initial_indent=indent,
                             subsequent_indent=hanging or indent, **_WRAP)
    assert _wrap_in_pieces(text, width, indent, hanging or indent, piece=piece) == expected


def test_a_paragraph_longer_than_a_piece_is_wrapped_as_a_short_one_would_be():
    words = ("alpha", "be", "gamma\tdelta", "epsilon", "https://example.org/" + "x" * 90, "z")
    paragraph = " ".join(words[i % len(words)] + ("  " if i % 17 == 0 else "")
                         for i in range(40_000))
    assert len(paragraph) > 4 * _PIECE
    out = text(f"= Long =\n\n{paragraph}\n", width=72)
    body = out.split("\n\n", 1)[1].rstrip("\n")
    assert body == textwrap.fill(paragraph, 72, **_WRAP)
