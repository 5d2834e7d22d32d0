"""Properties that hold for every document and every input (hypothesis).

Valid documents come from ``strategies.documents`` (what the markup can
express; see that module), inputs from arbitrary text and bytes and from
``strategies.article_texts``. The checks themselves live in ``invariants.py``,
shared with the fuzzer in ``fuzz/``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import invariants
import wikipress
from strategies import article_texts, documents
from wikipress import Document, ParseError
from wikipress.exporters import format_names, get_exporter
from wikipress.exporters.to_markup import reads_as_text, text_lines


@given(documents())
def test_markup_round_trip(document):
    markup = wikipress.export(document, "markup")
    assert wikipress.parse(markup) == document
    assert wikipress.export(wikipress.parse(markup), "markup") == markup


_LINE_PIECES = st.sampled_from(["=", "==", "a", "b=", "=c", "-", "*", "Infobox", "x:y", "é"])
_TEXT_LINES = st.lists(st.lists(_LINE_PIECES, min_size=1, max_size=4).map(" ".join)
                       .filter(reads_as_text), min_size=1, max_size=6)


@given(_TEXT_LINES)
def test_a_paragraph_joined_from_text_lines_is_cut_into_text_lines(lines):
    """What the reader joins, the markup exporter can always cut again."""
    joined = " ".join(lines)
    cut = text_lines(joined)
    assert " ".join(cut) == joined
    assert all(reads_as_text(line) for line in cut)


@given(documents())
def test_yaml_and_json_load_back_equal(document):
    for name in ("yaml", "json"):
        assert wikipress.load(wikipress.export(document, name)) == document


@pytest.mark.parametrize("name", format_names())
@pytest.mark.filterwarnings("ignore::wikipress.exporters.ExportWarning")  # missing glyphs
def test_every_exporter_succeeds(name):
    exporter = get_exporter(name)

    # Binary formats (pdf) cost far more per document: a smaller sample.
    @settings(max_examples=10 if exporter.binary else 40)
    @given(documents())
    def check(document):
        result = exporter.export(document)
        assert isinstance(result, bytes if exporter.binary else str)
        assert result

    check()


# Surrogates included: the str API must refuse them with a ParseError.
any_characters = st.text(st.characters(blacklist_categories=()))


@given(st.one_of(any_characters, article_texts))
def test_any_text_parses_or_raises_parse_error(text):
    try:
        assert isinstance(wikipress.parse(text), Document)
    except ParseError as error:
        assert error.line >= 0 and error.message


@given(st.one_of(st.binary(), article_texts.map(lambda t: t.encode("utf-8"))))
def test_any_bytes_parse_or_raise_parse_error(data):
    try:
        assert isinstance(wikipress.parse(data), Document)
    except ParseError as error:
        assert error.message


@given(article_texts)
def test_nothing_lost_and_round_trips_on_article_like_text(text):
    """Every word kept (or named by a diagnostic), and every parsed document
    round-trips through markup, YAML and JSON and exports to every text format."""
    text_formats = [name for name in format_names() if not get_exporter(name).binary]
    invariants.check_input(text, text_formats)


@given(any_characters)
def test_nothing_lost_on_arbitrary_text(text):
    document = invariants.parse_or_none(text)
    if document is not None:
        invariants.check_nothing_lost(text, document)


def test_nothing_lost_names_a_replaced_duplicate_value():
    """The one place a word leaves the export: a duplicate key's earlier value,
    which the warning quotes."""
    text = "= T =\n\nInfobox\n- Key: first\u200bvalue\n- Key: second\n"
    document = wikipress.parse(text)
    assert document.infobox.get("Key") == "second"
    invariants.check_nothing_lost(text, document)
    with pytest.raises(AssertionError, match="the word 'lost'"):
        invariants.check_nothing_lost("= T =\n\nlost\n", wikipress.parse("= T =\n"))


_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                     *(f"lpt{i}" for i in range(10)), "conin$", "conout$"}


@given(st.lists(st.one_of(any_characters,
                          st.sampled_from(["..", ".", "/", "\\", "CON", "nul", "COM1", "", " ",
                                           "a/../b", "C:\\x", "\x00", "\u202e"])),
                min_size=1, max_size=8))
def test_split_file_names_are_one_safe_name_inside_the_folder(titles):
    """Whatever the titles, each slug is one path component that stays in the
    output folder, is no reserved device name, fits in MAX_BYTES, and the slugs
    of one folder are distinct even on a case-insensitive file system."""
    from pathlib import PurePosixPath, PureWindowsPath

    from wikipress._slugs import MAX_BYTES, SlugAllocator

    allocator = SlugAllocator()
    names = [allocator.claim(title) for title in titles]
    for name in names:
        assert name and name not in (".", "..") and not name.startswith(".")
        assert not set(name) & set("/\\\x00:*?\"<>|")
        assert len(name.encode("utf-8")) <= MAX_BYTES
        assert PurePosixPath(name).name == name and PureWindowsPath(name).name == name
        assert name.lower().split(".")[0] not in _WINDOWS_RESERVED
        name.encode("utf-8")  # no lone surrogate survives
    assert len({name.casefold() for name in names}) == len(names)
