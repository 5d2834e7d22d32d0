"""Runs of text wider than a line: where they are cut (to_pdf/breaks.py), and
what a printed page shows of it."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("reportlab")

import wikipress  # noqa: E402
from wikipress import parse  # noqa: E402
from wikipress.exporters.to_pdf.breaks import LongRuns  # noqa: E402

from pdf_support import reader  # noqa: E402

FONT = ("Helvetica", 10)  # one of PDF's own fonts: measured without registering anything
URL = "https://www.example.org/archive/2019/collections/printing-presses/facsimile-edition?lang=en&page=42"
STARTS = tuple("/.,?#%~-_=&[")  # what a piece of an address may start with


def pieces_of(run: str, width: float = 150) -> list[str]:
    return LongRuns(width, *FONT).pieces(run)


def test_an_address_is_cut_where_a_reader_expects_it_to_go_on():
    pieces = pieces_of(URL)
    assert "".join(pieces) == URL and len(pieces) >= 3
    assert all(piece.startswith(STARTS) for piece in pieces[1:])
    assert all(LongRuns(150, *FONT).measure(piece) <= 150 for piece in pieces)
    assert not any(piece.startswith("//") or piece.endswith(":") for piece in pieces)


def test_a_double_slash_is_never_cut_but_a_line_may_end_after_it():
    assert pieces_of("ftp://" + "a" * 60, width=40)[0] == "ftp://"
    pieces = pieces_of("http://example.org/" + "segment//" * 20, width=100)
    assert pieces[0].startswith("http://example.org")
    for before, after in zip(pieces, pieces[1:]):
        assert not (before.endswith("/") and after.startswith("/"))
        assert not (before.endswith(":") and after.startswith("/"))


def test_placeholders_are_kept_whole():
    run = "[U+4E2D][U+6587]" * 15
    pieces = pieces_of(run)
    assert "".join(pieces) == run and len(pieces) > 1
    assert all(re.fullmatch(r"(\[U\+[0-9A-F]{4}\])+", piece) for piece in pieces)


def test_a_run_without_a_place_to_cut_is_cut_where_the_line_is_full():
    run = "x" * 200
    pieces = pieces_of(run)
    measure = LongRuns(150, *FONT).measure
    assert "".join(pieces) == run
    assert all(150 - measure("x") < measure(piece) <= 150 for piece in pieces[:-1])


def test_a_cut_too_early_in_the_line_is_not_taken():
    run = "a/" + "b" * 100  # cutting before the slash would leave a nearly empty line
    assert pieces_of(run)[0] != "a"


def test_markup_escapes_and_sets_each_piece_on_its_own_line():
    runs = LongRuns(150, *FONT)
    assert runs("a <b> & c") == "a &lt;b&gt; &amp; c"  # nothing wide: only escaped
    markup = runs(f"See {URL}&x=<y> here.")
    assert markup.startswith("See <br/>https://") and markup.endswith(" here.")
    assert markup.count("<br/>") == len(runs.pieces(URL + "&x=<y>"))
    assert "&amp;x=&lt;y&gt;" in markup and "<y>" not in markup
    assert runs(URL).startswith("https://")  # a run at the start needs no line of its own


@given(st.text(alphabet="ab/:.-=&[]U+4E", min_size=1, max_size=300),
       st.floats(min_value=20, max_value=400))
def test_pieces_put_together_give_the_run_and_each_fits(run, width):
    runs = LongRuns(width, *FONT)
    pieces = runs.pieces(run)
    assert "".join(pieces) == run and all(pieces)
    assert all(runs.measure(piece) <= width or len(piece) == 1 for piece in pieces)


def drawn_lines(data: bytes) -> list[str]:
    lines = []
    for page in reader(data).pages:
        lines += [line.strip() for line in (page.extract_text() or "").splitlines()]
    return lines


def test_a_long_address_in_a_value_and_in_text_breaks_only_at_its_punctuation():
    document = parse(f"= Links =\n\nInfobox\n- Website: {URL}\n\nThe archive is at {URL} today.\n")
    lines = drawn_lines(wikipress.export(document, "pdf", page_size="a5"))
    starts = [number for number, line in enumerate(lines) if "https://www.example.org" in line]
    assert len(starts) == 2  # in the table and in the text, each going on on the next line
    assert all(lines[number + 1].startswith(STARTS) for number in starts)
    assert lines[starts[1] - 1] == "The archive is at"  # the address starts a line of its own
    assert any(line.endswith("page=42 today.") for line in lines)


def test_a_row_of_placeholders_breaks_between_them():
    document = parse("= Text =\n\n" + "中文" * 60 + " and more.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lines = drawn_lines(wikipress.export(document, "pdf"))
    rows = [line for line in lines if line.startswith("[U+")]
    assert len(rows) >= 2
    assert all(re.fullmatch(r"(\[U\+[0-9A-F]{4}\])+( and more\.)?", line) for line in rows)
