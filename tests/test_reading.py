"""The reading API: parse, parse_file, load, and the Reader protocol."""

from __future__ import annotations

import pytest

import wikipress
from wikipress import ArticleReader, Document, ParseError
from _support import SAMPLES


def test_parse_takes_str_bytes_and_buffers():
    text = "= Tëst =\n\nBody.\n"
    expected = wikipress.parse(text)
    for data in (text.encode(), bytearray(text.encode()), memoryview(text.encode())):
        assert wikipress.parse(data) == expected
    with pytest.raises(TypeError, match="parse\\(\\) takes str or bytes, not int"):
        wikipress.parse(3)


def test_parse_file_names_the_path_in_diagnostics(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"no title\r\n")
    document = wikipress.parse_file(path)
    assert document.source == str(path)
    assert document.diagnostics[0].format() == f"{path}:1:1: warning: no title: the article has no '= Title =' line"
    with pytest.raises(FileNotFoundError):
        wikipress.parse_file(tmp_path / "missing.txt")


def test_parse_file_equals_parse_of_the_bytes():
    path = SAMPLES / "lake-baikal.txt"
    assert wikipress.parse_file(path) == wikipress.parse(path.read_text(encoding="utf-8"))


def test_load_reads_yaml_and_json_exports_back():
    document = wikipress.parse_file(SAMPLES / "printing-press.txt")
    for fmt in ("yaml", "json"):
        exported = wikipress.export(document, fmt)
        assert wikipress.load(exported) == document
        assert wikipress.load(exported.encode("utf-8")) == document


@pytest.mark.parametrize("text", ["title: [unclosed", "{\"title\": 1}", "- a list\n", "just text"])
def test_load_refuses_what_is_no_export(text):
    with pytest.raises(ParseError, match="not a wikipress YAML/JSON export") as caught:
        wikipress.load(text, source="x.yaml")
    assert caught.value.source == "x.yaml"


def test_load_evaluates_nothing():
    with pytest.raises(ParseError):
        wikipress.load("!!python/object/apply:os.system ['echo hacked']\n")


def test_a_custom_reader_serves_every_exporter():
    class OneLineReader:
        """Reads 'Title: text' lines; a stand-in for another input format."""

        name = "one-line"

        def read(self, text, *, source=None, first_line=1):
            title, _, body = text.partition(": ")
            return Document((wikipress.Text(title),),
                            content=(wikipress.Paragraph((wikipress.Text(body.strip()),)),),
                            source=source)

    assert isinstance(ArticleReader(), wikipress.Reader)
    document = wikipress.parse("Hello: world\n", reader=OneLineReader())
    assert wikipress.export(document, "markup") == "= Hello =\n\nworld\n"
