"""Bad and extreme input: the right output, or one ``PATH:LINE:COL: error:`` line.

Each case runs through the Python API and, where a file is involved, through
the real command line in a subprocess (no traceback, the right exit status).
Time and memory on the large cases are measured by benchmarks/bench_linear.py,
not here: these tests check the answers.
"""

from __future__ import annotations

import codecs
import io

import pytest

import invariants
import wikipress
from _support import run_cli
from wikipress import ParseError

ARTICLE = "= Title =\n\nInfobox\n- Key: Value\n\nA paragraph.\n\n== Section ==\n- item\n"


def convert(tmp_path, data: bytes, *extra: str, name: str = "in.txt"):
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out"
    result = run_cli("convert", str(source), "-o", str(out), *extra)
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    return result, stderr, out


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", codecs.BOM_UTF32_LE])  # a mark alone is empty
def test_empty_file(tmp_path, data):
    result, stderr, out = convert(tmp_path, data)
    assert result.returncode == 1
    assert stderr == f"{tmp_path / 'in.txt'}: error: the input is empty\n"
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("data", [b" ", b"\n\n\n", b" \t\r\n\x0b\x0c \r", "\u3000\u2028\n".encode(),
                                  b"\xef\xbb\xbf\xef\xbb\xbf"])  # the first line's mark is whitespace
def test_whitespace_only_file(tmp_path, data):
    result, stderr, _ = convert(tmp_path, data)
    assert result.returncode == 1
    assert stderr.endswith("in.txt: error: the input holds only whitespace\n")


@pytest.mark.parametrize("data, line, column", [
    (b"= T =\n\nab\xffc\n", 3, 3),
    (b"= T =\r\n\r\n\xc3\xa9\xc3\xa9\xe2\x82\n", 3, 3),   # a cut 3-byte sequence after two é
    (b"= T =\r\rword \xed\xa0\x80\n", 3, 6),               # an encoded surrogate; CR line ends
    (b"\xef\xbb\xbf= T =\n\x80\n", 2, 1),                  # the mark is no column
    (b"= T =\n\n\xef\xbb\xbfab\xffc\n", 3, 4),               # one starting a later line is
    (b"\xef\xbb\xbf\xef\xbb\xbfab\xffc\n", 1, 4),              # and so is the first line's own
])
def test_invalid_utf8_in_the_middle_gives_line_and_column(tmp_path, data, line, column):
    with pytest.raises(ParseError) as caught:
        wikipress.parse(data)
    assert (caught.value.line, caught.value.column) == (line, column)
    result, stderr, out = convert(tmp_path, data)
    assert result.returncode == 1
    assert stderr.startswith(f"{tmp_path / 'in.txt'}:{line}:{column}: error: invalid UTF-8: byte 0x")
    assert not (out / "in.yaml").exists()


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE),
                                        ("utf-16-be", codecs.BOM_UTF16_BE),
                                        ("utf-32-le", codecs.BOM_UTF32_LE)])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded_with_a_warning(tmp_path, codec, bom):
    data = bom + ARTICLE.encode(codec)
    assert wikipress.parse(data) == wikipress.parse(ARTICLE)
    result, stderr, out = convert(tmp_path, data)
    assert result.returncode == 0
    name = codec[:6].upper()
    assert stderr == (f"{tmp_path / 'in.txt'}:1:1: warning: the input is {name} (it starts with a "
                      f"{name} byte-order mark); it was decoded, but articles should be UTF-8 "
                      f"(re-encode with: iconv -f {name} -t UTF-8)\n")
    assert wikipress.load((out / "in.yaml").read_bytes()) == wikipress.parse(ARTICLE)


def test_utf16_without_a_byte_order_mark_is_binary_with_a_hint(tmp_path):
    result, stderr, _ = convert(tmp_path, ARTICLE.encode("utf-16-le"))
    assert result.returncode == 1
    assert ":1:2: error: binary input: NUL byte at byte offset 1; articles are UTF-8 text " \
           "(it looks like UTF-16LE without a byte-order mark; re-encode with: " \
           "iconv -f UTF-16LE -t UTF-8)" in stderr


def test_a_lone_nul_byte_gets_no_utf16_hint():
    with pytest.raises(ParseError) as caught:
        wikipress.parse(b"\x00")
    assert caught.value.message == "binary input: NUL byte at byte offset 0; articles are UTF-8 text"


def test_broken_utf16_gives_its_line_and_column():
    data = codecs.BOM_UTF16_LE + "= T =\nab".encode("utf-16-le") + b"\x00\xd8x\x00"
    with pytest.raises(ParseError) as caught:
        wikipress.parse(data)
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert "invalid UTF-16" in caught.value.message


def _utf16_with_a_bad_unit(before: str) -> bytes:
    return codecs.BOM_UTF16_LE + before.encode("utf-16-le") + b"\x00\xd8c\x00\n\x00"


@pytest.mark.parametrize("data, line, column", [
    ("= T =\n\ufeffa\x00\n".encode(), 2, 3),               # a NUL byte
    ("\ufeff\ufeffa\x00\n".encode(), 1, 3),
    ("= T =\n\ufeffa\x00\n", 2, 3),                        # a NUL character
    ("= T =\n\ufeffa\ud800\n", 2, 3),                      # a lone surrogate
    (_utf16_with_a_bad_unit("\ufeffab"), 1, 4),              # a unit that is not UTF-16
    (_utf16_with_a_bad_unit("= T =\n\ufeffab"), 2, 4),
])
def test_an_error_on_a_line_that_starts_with_a_mark_counts_its_column(data, line, column):
    """As a warning on that line does (tests/test_positions.py): a NUL byte or a
    bad unit at the first line's start left out every mark, the file's own and
    the line's, but a corpus left out only the file's."""
    with pytest.raises(ParseError) as caught:
        wikipress.parse(data)
    assert (caught.value.line, caught.value.column) == (line, column)
    if isinstance(data, bytes):
        with pytest.raises(ParseError) as in_corpus:
            list(wikipress.parse_articles(io.BytesIO(data)))
        assert str(in_corpus.value) == str(caught.value)


def test_nul_is_an_error_with_its_position(tmp_path):
    result, stderr, _ = convert(tmp_path, b"= T =\n\nsome\x00thing\n")
    assert result.returncode == 1
    assert stderr.endswith("in.txt:3:5: error: binary input: NUL byte at byte offset 11; "
                           "articles are UTF-8 text\n")
    with pytest.raises(ParseError, match="NUL") as caught:
        wikipress.parse("= T =\n\nsome\x00thing\n")
    assert (caught.value.line, caught.value.column) == (3, 5)


def test_control_characters_are_kept_and_warned_once_each(tmp_path):
    text = "= T =\n\nbell\x07 and escape\x1b[31m\n\nbell\x07 again, delete\x7f, C1\x9b\n"
    document = wikipress.parse(text)
    assert document.content[0].content[0].value == "bell\x07 and escape\x1b[31m"
    warned = [(d.line, d.column, d.message) for d in document.diagnostics]
    assert warned == [
        (3, 5, "control character U+0007 in the text (kept as it is)"),
        (3, 17, "control character U+001B in the text (kept as it is)"),
        (5, 20, "control character U+007F in the text (kept as it is)"),
        (5, 25, "control character U+009B in the text (kept as it is)"),
    ]
    result, stderr, out = convert(tmp_path, text.encode())
    assert result.returncode == 0 and stderr.count("warning: control character") == 4
    assert wikipress.load((out / "in.yaml").read_bytes()) == document


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "\udc80"])
def test_lone_surrogates_through_the_python_api(surrogate):
    with pytest.raises(ParseError) as caught:
        wikipress.parse(f"= T =\n\nbad {surrogate} here\n")
    assert (caught.value.line, caught.value.column) == (3, 5)
    assert f"lone surrogate U+{ord(surrogate):04X}" in caught.value.message


def test_mixed_line_endings_read_as_one():
    mixed = "= Title =\r\n\r\nInfobox\r- Key: Value\n\nA paragraph\r\non two lines.\r\r== Section ==\n- item"
    assert wikipress.parse(mixed) == wikipress.parse(
        "= Title =\n\nInfobox\n- Key: Value\n\nA paragraph\non two lines.\n\n== Section ==\n- item\n")
    document = wikipress.parse(mixed)
    assert document.sections[0].line == 9  # \r\n, \r and \n each end one line
    invariants.check_input(mixed)


def test_right_to_left_text_is_kept_exactly(tmp_path):
    text = ("= שלום עולם =\n\nInfobox\n- מקום: ירושלים\n- البلد: مصر\n\n"
            "פסקה בעברית עם e\u0301 ו\u05b8ניקוד.\n\n== القسم ==\nنص عربي \u202bمضمن\u202c.\n")
    document = wikipress.parse(text)
    assert document.title_text == "שלום עולם"
    assert document.infobox.get("البلد") == "مصر"
    assert document.sections[0].heading_text == "القسم"
    hebrew_arabic_and_direction_marks = \
        r"^pdf: the font Fira Sans has no glyph for (\d+ characters: )?U\+(0[56]|202)"
    with pytest.warns(wikipress.ExportWarning, match=hebrew_arabic_and_direction_marks):
        invariants.check_input(text)  # the PDF's font has no Hebrew or Arabic: said, not hidden
    result, stderr, out = convert(tmp_path, text.encode(), "-t", "yaml,json,text,markup")
    assert result.returncode == 0 and stderr == ""
    assert (out / "in.wiki").read_text("utf-8") == text


def test_a_50_megabyte_line(tmp_path):
    words = "word " * 10_000_000
    data = ("= Title =\n\n" + words + "\n").encode()
    document = wikipress.parse(data)
    assert len(document.content[0].content[0].value) == len(words) - 1
    result, stderr, _ = convert(tmp_path, data, "-t", "json")
    assert result.returncode == 0 and stderr == ""


def test_a_50_megabyte_heading_shaped_paragraph_exports_to_markup():
    # Two lines join into one paragraph that starts and ends with "=": the markup
    # exporter must cut it (in linear time) rather than write a heading.
    text = "= Title =\n\n= " + "a " * 1_000_000 + "\n=\n"
    document = wikipress.parse(text)
    assert wikipress.parse(wikipress.export(document, "markup")) == document


def test_a_second_title_on_a_long_line_is_reported_short(tmp_path):
    result, stderr, _ = convert(tmp_path, ("= T =\n= " + "long " * 200_000 + "=\n").encode())
    assert result.returncode == 1
    assert len(stderr) < 400 and "(999999 characters)" in stderr


def test_100000_headings(tmp_path):
    text = "= T =\n\n" + "".join(f"{'=' * (2 + i % 5)} H{i} {'=' * (2 + i % 5)}\ntext {i}\n"
                                 for i in range(100_000))
    document = wikipress.parse(text)
    assert len(document.sections) == 20_000
    assert [s.level for s in wikipress.walk(document) if isinstance(s, wikipress.Section)][:6] == \
        [2, 3, 4, 5, 6, 2]
    result, stderr, out = convert(tmp_path, text.encode(), "-t", "yaml")
    assert result.returncode == 0 and stderr == ""
    assert wikipress.load((out / "in.yaml").read_bytes()) == document


def test_an_infobox_of_10000_fields():
    text = "= T =\n\nInfobox\n" + "".join(f"- Key {i}: value {i}\n" for i in range(10_000))
    document = wikipress.parse(text)
    assert len(document.infobox.fields) == 10_000
    assert document.infobox.get("Key 9999") == "value 9999"
    invariants.check_round_trips(document)


def test_the_collector_is_left_as_it_was():
    import gc

    wikipress.export(wikipress.parse(ARTICLE), "yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        wikipress.load(wikipress.export(wikipress.parse(ARTICLE), "json"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_every_thread_pauses_the_collector_and_restores_it():
    import gc
    import threading

    from wikipress._collector import collector_paused

    seen = {}

    def observe(where):
        with collector_paused():
            seen[where] = gc.isenabled()

    observe("main")
    thread = threading.Thread(target=observe, args=("thread",))
    thread.start()
    thread.join()
    assert seen == {"main": False, "thread": False} and gc.isenabled()


def test_an_infobox_of_10000_duplicate_keys_keeps_the_last_and_names_every_replaced_value():
    text = "= T =\n\nInfobox\n" + "".join(f"- Key: value {i}\n" for i in range(10_000))
    document = wikipress.parse(text)
    assert [(f.key, f.value[0].value) for f in document.infobox.fields] == [("Key", "value 9999")]
    assert len(document.diagnostics) == 9_999
    invariants.check_nothing_lost(text, document)
