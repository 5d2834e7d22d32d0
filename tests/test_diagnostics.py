"""Diagnostics: the right line and column for every warning and error, and their format."""

from __future__ import annotations

import pytest

import wikipress
from wikipress import Diagnostic, ParseError, Severity


def found(text: str | bytes) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.message) for d in wikipress.parse(text).diagnostics]


def error_of(text: str | bytes) -> ParseError:
    with pytest.raises(ParseError) as caught:
        wikipress.parse(text, source="in.txt")
    return caught.value


def test_every_warning_kind_at_its_line_and_column():
    text = (
        "  stray text\n"                     # 1: before the title
        "= Title =\n"                        # 2
        "\n"                                 # 3
        "Infobox\n"                          # 4
        "  - a: 1\n"                         # 5
        "\t- a: 2\n"                         # 6: duplicate, after a tab
        "   - no colon\n"                    # 7
        " - : empty key\n"                   # 8
        "    -\n"                            # 9: empty item
        "\n"                                 # 10
        "== A ==\n"                          # 11
        "    ==== Deep ====\n"               # 12: level jump
        "text\n"                             # 13
        "   = unclosed\n"                    # 14
    )
    assert found(text) == [
        (1, 3, "text before the title (the first '= Title =' line); kept in the lead"),
        (6, 2, "duplicate infobox key 'a': this value replaces '1' from line 5"),
        (7, 4, "infobox item without ':'; kept as the key 'no colon' with an empty value"),
        (8, 2, "infobox item with an empty key"),
        (9, 5, "empty infobox item; ignored"),
        (12, 5, "heading level jumps from 2 to 4; nested in the level-2 section"),
        (14, 4, "a line that starts with '=' but is no heading (unclosed '='?); kept as text"),
    ]


def test_positions_count_lines_the_same_for_every_line_end():
    for end in ("\n", "\r\n", "\r"):
        text = end.join(["= T =", "", "para", "=oops", "", "==== Deep ===="]) + end
        assert [(line, column) for line, column, _ in found(text)] == [(4, 1), (6, 1)], repr(end)


def test_a_byte_order_mark_takes_no_column():
    assert found("\ufeff=x\n= T =\n")[0][:2] == (1, 1)
    assert found(b"\xef\xbb\xbf  =x\n= T =\n")[0][:2] == (1, 3)


def test_columns_count_characters_not_bytes():
    assert found("= T =\n\nééé =x\n") == []  # '=' not at the start: plain text
    assert found("= T =\n\nαβγ\x07\n")[0][:2] == (3, 4)


def test_control_characters_warn_once_each_at_their_first_place():
    assert [(l, c) for l, c, _ in found("= T =\n\na\x01b\x01\n\x02\n")] == [(3, 2), (4, 1)]


def test_no_title_warns_at_line_one():
    assert found("\n\nJust text.\n") == [(1, 1, "no title: the article has no '= Title =' line")]


def test_invalid_utf8_names_byte_line_and_column():
    error = error_of("= T =\n\nnaïve caf".encode() + b"\xff" + b"\n")
    assert (error.line, error.column) == (3, 10)
    assert "byte 0xFF at byte offset 17" in error.message
    assert str(error) == f"in.txt:3:10: error: {error.message}"


def test_invalid_utf8_after_crlf_lines():
    error = error_of(b"= T =\r\n\r\nab\xc3(\r\n")
    assert (error.line, error.column) == (3, 3)


def test_nul_byte_is_binary_input():
    error = error_of(b"= T =\nabc\x00def\n")
    assert (error.line, error.column) == (2, 4)
    assert error.message.startswith("binary input: NUL byte")
    assert (error_of("= T =\nabc\x00\n").line, error_of("= T =\nabc\x00\n").column) == (2, 4)


def test_lone_surrogate_through_the_api():
    error = error_of("= T =\n\nab\ud800\n")
    assert (error.line, error.column) == (3, 3) and "surrogate U+D800" in error.message


@pytest.mark.parametrize("text, message", [
    ("", "the input is empty"), (b"", "the input is empty"),
    (" \n\t\r\n \u00a0\n", "the input holds only whitespace"),
    (b"\xef\xbb\xbf", "the input is empty"),
])
def test_empty_input_has_no_position(text, message):
    error = error_of(text)
    assert (error.line, error.column, error.message) == (0, 0, message)
    assert str(error) == f"in.txt: error: {message}"


def test_utf16_is_decoded_with_a_warning():
    document = wikipress.parse("= Θ =\n\nκείμενο\n".encode("utf-16"))
    assert document.title_text == "Θ"
    assert [(d.line, d.column, d.severity) for d in document.diagnostics] == [(1, 1, Severity.WARNING)]
    assert "iconv -f UTF-16 -t UTF-8" in document.diagnostics[0].message


def test_second_title_is_an_error_that_keeps_earlier_warnings():
    error = error_of("intro\n\n= One =\n\n==== jump ====\n\n  = Two =\n")
    assert (error.line, error.column) == (7, 3)
    assert error.message.startswith("a second title 'Two'") and "line 3" in error.message
    assert [(w.line, w.column) for w in error.warnings] == [(1, 1), (5, 1)]
    assert error.source == "in.txt"


def test_diagnostics_are_sorted_and_name_their_source():
    document = wikipress.parse("==== a ====\n= T =\n=x\n", source="a/b.txt")
    assert [d.line for d in document.diagnostics] == [1, 1, 3]
    assert all(d.source == "a/b.txt" for d in document.diagnostics)
    assert document.diagnostics[0].format().startswith("a/b.txt:1:1: warning: ")


def test_diagnostic_format():
    warning = Diagnostic(Severity.WARNING, "careful", 3, 7, "x.txt")
    assert warning.format() == "x.txt:3:7: warning: careful" == str(warning)
    assert warning.format("other.txt") == "other.txt:3:7: warning: careful"
    assert Diagnostic(Severity.ERROR, "bad").format() == "<input>: error: bad"
    assert warning.shifted(10).line == 13 and warning.shifted(0) is warning
    assert Diagnostic(Severity.ERROR, "bad").shifted(5).line == 0
    assert warning.with_source("x.txt") is warning
    assert warning.with_source("y.txt").source == "y.txt"


def test_parse_error_carries_its_diagnostic():
    error = ParseError.at("broken", 2, 5, "f.txt")
    assert isinstance(error, ValueError)
    assert (error.line, error.column, error.source, error.message) == (2, 5, "f.txt", "broken")
    assert error.diagnostic.severity is Severity.ERROR and error.warnings == ()


@pytest.mark.parametrize("source", ["in.txt", "odd {x} {} name.txt"])
def test_a_parse_error_pickles_whole_even_with_braces(source):
    """Workers send errors to other processes; braces in a title or path must survive."""
    import pickle

    with pytest.raises(ParseError) as caught:
        wikipress.parse("==== {{Infobox}} ====\n= {x} =\n\n= {} second =\n", source=source)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is ParseError and str(copy) == str(caught.value)
    assert (copy.diagnostic, copy.warnings) == (caught.value.diagnostic, caught.value.warnings)
    assert "{} second" in copy.message and copy.warnings[0].line == 1
