"""Corpus files: splitting at titles, streaming, positions, bad articles, decoding."""

import codecs
import io
import json
import random
import re
import tracemalloc

import pytest

import wikipress
from _support import run_cli
from wikipress import ParseError, parse, parse_articles, split_articles
from wikipress.corpus import title_of_line

CORPUS = (
    "= First =\n"
    "Infobox\n- Kind: test\n\n"
    "A paragraph.\n\n"
    "== Part ==\n- an item\n\n"
    "= Second =\n"
    "Only text.\n"
    "=== Deep ===\n"
    "= Third =\n"
)


def titles(source, **kwargs):
    return [d.title_text for d in parse_articles(source, **kwargs)]


def test_each_article_starts_at_its_title_and_equals_parsing_it_alone():
    documents = list(parse_articles(io.StringIO(CORPUS)))
    assert [d.title_text for d in documents] == ["First", "Second", "Third"]
    assert [d.line for d in documents] == [1, 10, 13]
    lines = CORPUS.splitlines(keepends=True)
    assert documents[1] == parse("".join(lines[9:12]))
    assert documents[0].infobox.get("Kind") == "test"


def test_diagnostics_carry_line_numbers_of_the_whole_file():
    second = list(parse_articles(io.StringIO(CORPUS)))[1]
    assert [(d.line, d.column) for d in second.diagnostics] == [(12, 1)]
    assert "jumps from 1 to 3" in second.diagnostics[0].message
    assert second.sections[0].line == 12


def test_all_source_kinds_give_the_same_documents(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text(CORPUS, encoding="utf-8")
    expected = list(parse_articles(path))
    assert list(parse_articles(str(path))) == expected
    assert list(parse_articles(io.BytesIO(CORPUS.encode()))) == expected
    assert list(parse_articles(CORPUS.splitlines())) == expected
    assert list(parse_articles(CORPUS.encode().splitlines(keepends=True))) == expected
    with open(path, encoding="utf-8") as stream:
        assert list(parse_articles(stream)) == expected
    with open(path, "rb") as stream:
        assert [d.source for d in parse_articles(stream)] == [str(path)] * 3


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_line_ends_and_positions_agree(end):
    data = CORPUS.replace("\n", end).encode()
    documents = list(parse_articles(io.BytesIO(data)))
    assert [d.line for d in documents] == [1, 10, 13]
    assert documents == list(parse_articles(io.StringIO(CORPUS)))


def test_text_before_the_first_title_is_the_first_articles_lead_and_warned():
    first, second = parse_articles(io.StringIO("Stray text.\n\n" + CORPUS[:CORPUS.index("= Third")]))
    assert first.title_text == "First"
    assert first.content[0].content[0].value == "Stray text."
    assert "text before the title" in first.diagnostics[0].message
    assert first.diagnostics[0].line == 1
    assert second.diagnostics[0].line == 14


def test_a_corpus_without_titles_is_one_untitled_article():
    (document,) = parse_articles(io.StringIO("Just text.\n"))
    assert document.title is None
    assert any("no title" in d.message for d in document.diagnostics)


def test_an_empty_corpus_is_the_usual_empty_input_error():
    with pytest.raises(ParseError, match="empty"):
        list(parse_articles(io.BytesIO(b"")))


def test_a_bad_article_raises_with_its_position_by_default():
    data = b"= A =\nok\n= B =\nbad \xff byte\n= C =\nfine\n"
    seen = []
    with pytest.raises(ParseError) as caught:
        for document in parse_articles(io.BytesIO(data), name="dump.txt"):
            seen.append(document.title_text)
    assert seen == ["A"]
    assert str(caught.value) == ("dump.txt:4:5: error: invalid UTF-8: byte 0xFF at byte "
                                 "offset 19 cannot be decoded")


def test_with_on_error_the_other_articles_still_come():
    data = ("= A =\nok\n= B =\nbad \x00 nul\n= C =\n\n- \ud800 surrogate\n= D =\nfine\n"
            .encode("utf-8", "surrogatepass"))
    errors = []
    assert titles(io.BytesIO(data), name="d", on_error=errors.append) == ["A", "D"]
    assert [(e.line, e.column) for e in errors] == [(4, 5), (7, 3)]
    assert "NUL" in errors[0].message and "UTF-8" in errors[1].message


def test_invalid_utf8_column_counts_characters_and_offset_counts_bytes():
    data = "= Ünïcode =\nçà \x00".encode().replace(b"\x00", b"\xc3(")
    errors = []
    list(parse_articles(io.BytesIO(data), on_error=errors.append))
    assert (errors[0].line, errors[0].column) == (2, 4)
    assert "byte 0xC3 at byte offset 19" in errors[0].message


def test_utf16_corpus_is_decoded_with_a_warning():
    documents = list(parse_articles(io.BytesIO(CORPUS.encode("utf-16"))))
    assert [d.title_text for d in documents] == ["First", "Second", "Third"]
    assert "UTF-16" in documents[0].diagnostics[0].message
    assert documents[1].diagnostics[0].line == 12


def test_utf8_byte_order_mark_is_dropped():
    assert titles(io.BytesIO(b"\xef\xbb\xbf" + CORPUS.encode())) == ["First", "Second", "Third"]


@pytest.mark.parametrize("line", [
    "= T =", "  = T =  ", "= T ==", "== T =", "=T=", "= = =", "= a = b =", "=\tT\t=",
    "== T ==", "=== T ===", "==", "= =", "=", "= T", "T =", "x = y =", " text", "=x",
    "====== T ======", "= Infobox =", "- = T =",
])
def test_title_rule_is_the_grammars(line):
    """The splitter and the parser agree on what a title line is."""
    document = parse(line + "\n")
    assert title_of_line(line + "\n") == document.title_text


def test_split_articles_keeps_raw_text_and_sizes():
    chunks = list(split_articles(io.BytesIO(CORPUS.encode())))
    assert "".join(c.text for c in chunks) == CORPUS
    assert sum(c.size for c in chunks) == len(CORPUS.encode())
    assert [c.title for c in chunks] == ["First", "Second", "Third"]


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_split_articles_gives_unix_line_ends_and_raw_sizes(end):
    data = CORPUS.replace("\n", end).encode()
    chunks = list(split_articles(io.BytesIO(data)))
    assert "".join(c.text for c in chunks) == CORPUS
    assert sum(c.size for c in chunks) == len(data)


def test_memory_does_not_grow_with_the_corpus():
    article = "= Title {} =\n\nInfobox\n- Key: value\n\n" + "Some words in a paragraph. " * 20 + "\n"

    def peak(count):
        lines = (line for n in range(count) for line in article.format(n).splitlines())
        tracemalloc.start()
        for _ in parse_articles(lines):
            pass
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    small, large = peak(200), peak(4000)
    assert large < small * 1.5 + 50_000


def test_jsonl_is_one_json_object_per_article_in_the_json_shape():
    documents = list(parse_articles(io.StringIO(CORPUS + "Line\u2028sep\x85 é\n")))
    text = "".join(wikipress.export_stream(documents, "jsonl"))
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == 4
    assert len(text.splitlines()) == 3  # also for readers that split on U+2028
    for line, document in zip(lines, documents):
        assert json.loads(line) == json.loads(wikipress.export(document, "json"))
    assert "é" in lines[2] and "\\u2028" in lines[2]


def test_export_stream_refuses_single_document_formats_and_bad_options_at_once():
    with pytest.raises(wikipress.ExportError, match="one document per file"):
        wikipress.export_stream([parse("= A =\n")], "yaml")
    with pytest.raises(wikipress.ExportError, match="unknown option"):
        wikipress.export_stream([parse("= A =\n")], "jsonl", indent=2)


@pytest.mark.parametrize("source, hint", [
    (b"= A =\ntext\n", "io.BytesIO"),
    (bytearray(b"= A =\n"), "io.BytesIO"),
    ("= A =\ntext\n", "io.StringIO"),
])
def test_text_in_memory_is_not_taken_for_a_corpus_path(source, hint):
    with pytest.raises(TypeError, match=re.escape(hint)):
        next(parse_articles(source))


def test_jsonl_refuses_unknown_options():
    with pytest.raises(wikipress.ExportError, match="unknown option"):
        wikipress.export(parse("= A =\n"), "jsonl", indent=2)


def test_the_readme_pipeline_example_runs(tmp_path, monkeypatch):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Pipelines"):]
    example = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert "parse_articles" in example
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dump.txt").write_bytes(CORPUS.encode() + b"= Bad =\n\xff\n")
    exec(compile(example, "README.md", "exec"), {})
    lines = (tmp_path / "dump.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["First", "Second", "Third"]


class _Feed(io.RawIOBase):
    """A pipe fed one article at a time: ``read1`` returns what has arrived,
    ``read(n)`` waits for *n* bytes or the end, as a buffered pipe does."""

    def __init__(self, pieces: list[bytes]):
        self.pieces, self.served = list(pieces), 0

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1) -> bytes:
        if not self.pieces:
            return b""
        self.served += 1
        return self.pieces.pop(0)

    def read(self, size: int = -1) -> bytes:
        data = b""
        while self.pieces and (size < 0 or len(data) < size):
            data += self.read1()
        return data


def test_an_article_from_a_pipe_comes_as_soon_as_its_end_is_read():
    """A read used to wait for a whole 1 MiB block, so a live feed saw nothing
    until it ended."""
    feed = _Feed([f"= Article {n} =\n\nBody {n}.\n".encode() for n in range(1, 6)])
    seen = [(document.title_text, feed.served) for document in parse_articles(feed)]
    assert seen == [("Article 1", 2), ("Article 2", 3), ("Article 3", 4), ("Article 4", 5),
                    ("Article 5", 5)]  # an article ends at the next title, or the end


@pytest.mark.parametrize("pieces", [
    [b"= T =\n\n", b"x" * 10, b"y" * 10, b"\r", b"\nz\n"],
    [b"= T =\r", b"\n\r\n", b"ab", b"c\r", b"\r\n= U =", b"\n\nd"],
])
def test_a_line_read_in_many_pieces_is_one_line(pieces):
    expected = list(parse_articles(io.BytesIO(b"".join(pieces))))
    assert list(parse_articles(_Feed(pieces))) == expected
    assert [d.line for d in parse_articles(_Feed(pieces))] == [d.line for d in expected]


def _errors(source) -> list[str]:
    found: list[str] = []
    list(parse_articles(source, on_error=lambda error: found.append(str(error))))
    return found


@pytest.mark.parametrize("codec, bad", [
    ("utf-16-le", b"\x00\xd8"),  # a lone surrogate
    ("utf-16-be", b"\xdc\x00"),
    ("utf-32-le", b"\x00\x00\x11\x00"),  # past U+10FFFF
])
def test_a_unit_that_is_not_utf16_or_utf32_fails_its_article_with_its_position(codec, bad):
    """Corpus mode replaced it silently, where a single file fails."""
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE}[codec]
    data = (bom + "= A =\r\n\r\nab".encode(codec) + bad + "cd\r\n= B =\n\nfine\n".encode(codec))
    with pytest.raises(ParseError) as single_file:
        wikipress.parse(data[:data.index("= B".encode(codec))])
    single = str(single_file.value)
    found = _errors(io.BytesIO(data))
    assert len(found) == 1 and found[0].endswith(single.split(": error: ")[1])
    assert ":3:3: error: invalid UTF-" in found[0]
    kept = parse_articles(io.BytesIO(data), on_error=lambda error: None)
    assert [document.title_text for document in kept] == ["B"]  # the next one still comes


def test_an_odd_last_byte_of_utf16_is_an_error_on_the_last_line():
    data = codecs.BOM_UTF16_LE + "= A =\n\nab\n".encode("utf-16-le") + b"x"
    assert [error.split(": error: ")[1] for error in _errors(io.BytesIO(data))] == [
        "invalid UTF-16: byte 0x78 at byte offset 22 cannot be decoded"]


def test_utf16_read_in_small_pieces_is_the_same_corpus():
    text = "= A =\r\n\r\nSome \U0001F600 text\r\n= B =\r\rmore\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    whole = list(parse_articles(io.BytesIO(data)))
    for size in (1, 3, 5):
        pieces = [data[:4]] + [data[n:n + size] for n in range(4, len(data), size)]
        parts = list(parse_articles(_Feed(pieces)))
        assert parts == whole and [d.line for d in parts] == [d.line for d in whole]


def test_byte_offsets_count_a_utf8_byte_order_mark():
    """They left out its 3 bytes in corpus mode (read from a stream, and later
    from a list of bytes lines), but not for a single file."""
    data = b"\xef\xbb\xbf= T =\n\nCaf\xe9\n"
    with pytest.raises(ParseError) as single_file:
        wikipress.parse(data)
    assert "byte offset 13" in str(single_file.value)
    lines = data.splitlines(keepends=True)
    for source in (io.BytesIO(data), lines, [lines[0][:3], lines[0][3:], *lines[1:]]):
        assert "byte offset 13" in _errors(source)[0], source


def test_a_nul_byte_fails_its_article_with_its_offset_and_a_utf16_hint():
    """Corpus mode said only 'NUL character', without the offset or the hint a
    single file gets."""
    found = _errors(io.BytesIO(b"= A =\n\nok\n= B =\n\nx\0y\n= C =\n\nfine\n"))
    assert found == ["<input>:6:2: error: binary input: NUL byte at byte offset 18; articles are UTF-8 text"]
    wide = "= A =\n\nhello there\n".encode("utf-16-le")
    with pytest.raises(ParseError) as single_file:
        wikipress.parse(wide)
    assert str(single_file.value).split(": error: ")[1] in _errors(io.BytesIO(wide))[0]


def test_any_cut_into_reads_gives_the_lines_of_the_whole():
    """The last pieces were joined but not split: '= A =\\r\\r...\\r' then '= B =' as
    the last read made one line of two (and so did a corpus of four bytes)."""
    from wikipress._lines import read_lines

    chance = random.Random(7)
    alphabet = [b"\r", b"\n", b"\r\n", b"= A =", b"x", b"y z"]
    for _ in range(400):
        data = b"".join(chance.choice(alphabet) for _ in range(chance.randint(0, 30)))
        cuts = sorted(chance.sample(range(1, len(data)), min(len(data) - 1, chance.randint(0, 6)))) \
            if len(data) > 1 else []
        pieces = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)])]
        expected = [line.rstrip(b"\r\n").decode() + "\n" for line in data.splitlines(keepends=True)]
        assert [line.text for line in read_lines(_Feed(pieces))] == expected, pieces
        assert [line.text for line in read_lines(io.BytesIO(data))] == expected, data


def test_utf16_and_utf32_with_errors_read_in_any_pieces_give_the_same_lines():
    from wikipress._lines import read_lines

    chance = random.Random(3)
    units = ["a", "\n", "\r", "\r\n", "é", "\U0001F600", "= A =", None]
    for _ in range(300):
        codec, bom = chance.choice([("utf-16-le", codecs.BOM_UTF16_LE),
                                    ("utf-16-be", codecs.BOM_UTF16_BE),
                                    ("utf-32-le", codecs.BOM_UTF32_LE)])
        data = bom + b"".join(
            chance.choice([b"\x00\xd8", b"\xdc\x00", b"\x00\x00\x11\x00", b"x"]) if unit is None
            else unit.encode(codec)
            for unit in (chance.choice(units) for _ in range(chance.randint(0, 25))))
        cuts = sorted(chance.sample(range(1, len(data)), min(len(data) - 1, chance.randint(0, 8))))
        pieces = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)])]
        whole = list(read_lines(io.BytesIO(data)))
        assert list(read_lines(_Feed(pieces))) == whole, pieces


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_byte_order_mark_of_a_file_joined_on_does_not_hide_its_title(as_bytes):
    joined = "\ufeff= A =\n\nx\n\ufeff= B =\n\ny\n"  # cat a.txt b.txt, both with a mark
    source = io.BytesIO(joined.encode("utf-8")) if as_bytes else io.StringIO(joined)
    documents = list(parse_articles(source))
    assert [document.title_text for document in documents] == ["A", "B"]
    assert documents == [parse("= A =\n\nx\n"), parse("= B =\n\ny\n")]
    assert documents[1].line == 4 and documents[1].title[0].line == 4


def test_a_file_and_a_corpus_drop_the_same_byte_order_marks():
    mark = b"\xef\xbb\xbf"
    for data in (mark * 2 + b"\r\n", mark * 2 + b"= T =\n" + mark + b"Text.\n",
                 b"= A =\n\n" + mark * 2 + b"x\n", b"= C =\r" + mark * 2 + b"= D =\r"):
        try:
            expected = [parse(data)]
        except ParseError as error:
            expected = error.diagnostic.message
        for source in (io.BytesIO(data), io.StringIO(data.decode("utf-8"))):
            try:
                found = list(parse_articles(source))
            except ParseError as error:
                found = error.diagnostic.message
            assert found == expected, data


def _in_full(read) -> list:
    """What reading gives with positions and diagnostics (which ``==`` leaves out)."""
    try:
        documents = list(read())
    except ParseError as error:
        return [str(diagnostic) for diagnostic in (*error.warnings, error.diagnostic)]
    return [(document, [(type(node).__name__, node.line, node.column) for node in wikipress.walk(document)],
             [str(diagnostic) for diagnostic in document.diagnostics]) for document in documents]


def _every_way(data: bytes) -> dict:
    """*data* read as one file and as a corpus, from every kind of source."""
    ways = {"parse bytes": lambda: [parse(data)],
            "corpus bytes": lambda: parse_articles(io.BytesIO(data)),
            "corpus byte lines": lambda: parse_articles(data.splitlines(keepends=True) or [b""])}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ways
    return {**ways, "parse str": lambda: [parse(text)],
            "corpus text": lambda: parse_articles(io.StringIO(text)),
            "corpus str lines": lambda: parse_articles(text.splitlines(keepends=True) or [""])}


def _same_every_way(data: bytes) -> list:
    found = {way: _in_full(read) for way, read in _every_way(data).items()}
    expected = found.pop("parse bytes")
    for way, got in found.items():
        assert got == expected, (way, data)
    return expected


@pytest.mark.parametrize("marks, title", [(1, "T"), (2, "T"), (3, None), (4, None)])
def test_after_the_inputs_own_mark_one_more_is_dropped_at_the_first_lines_start(marks, title):
    """Three marks gave a title in a corpus (its line reader dropped the input's
    mark, then the article reader two more) but text for parse."""
    data = b"\xef\xbb\xbf" * marks + b"= T =\n\nx\n"
    ((document, _, _),) = _same_every_way(data)
    assert document.title_text == title
    if title is None:
        assert document.content[0].content[0].value == "\ufeff" * (marks - 2) + "= T ="
    for source in (io.BytesIO(data), io.StringIO(data.decode("utf-8"))):
        assert [chunk.title for chunk in split_articles(source)] == [title]



@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_first_item_of_the_mark_alone_is_an_empty_line_when_more_follow(as_bytes):
    """The documented rule of _lines._after_mark: the mark's item is still a
    line, so the lines after it keep the numbers parse gives them."""
    lines = ["\ufeff", "= A =", "", "x", "= B =", "y"]
    items = [line.encode("utf-8") for line in lines] if as_bytes else lines
    found = _in_full(lambda: parse_articles(items))
    assert found == _in_full(lambda: parse_articles(io.StringIO("\n".join(lines) + "\n")))
    assert found[0] == _in_full(lambda: [parse("\n".join(lines[:4]) + "\n")])[0]
    assert [document.title[0].line for document, _, _ in found] == [2, 5]



MARKED = {  # articles with lines that start with the mark of a file joined on
    "warned.txt": b"= A =\n\n\xef\xbb\xbfbell\x07\n\xef\xbb\xbf=x\n",
    "bad.txt": b"\xef\xbb\xbf\xef\xbb\xbf= A =\n\n\xef\xbb\xbfbad \xff\n",
    "nul.txt": b"= A =\n\xef\xbb\xbfa\x00\n",
    "three.txt": b"\xef\xbb\xbf\xef\xbb\xbf\xef\xbb\xbf= T =\n\nx\n",
    "wide.txt": codecs.BOM_UTF16_LE + "\ufeff= A =\n\n\ufeffbell\x07\n".encode("utf-16-le"),
    "marks.txt": b"\xef\xbb\xbf\xef\xbb\xbf",
}


def test_check_and_check_split_give_the_same_positions_on_marked_lines(tmp_path):
    for name, data in MARKED.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in MARKED]
    alone, split = run_cli("check", *paths), run_cli("check", "--split", *paths)
    assert split.stderr == alone.stderr
    found = [line.split(": ", 2)[:2] for line in alone.stderr.decode().splitlines()]
    assert [(where.rsplit("/", 1)[1], severity) for where, severity in found] == [
        ("warned.txt:3:6", "warning"), ("warned.txt:4:2", "warning"),
        ("bad.txt:3:6", "error"), ("nul.txt:2:3", "error"), ("three.txt:1:1", "warning"),
        ("wide.txt:1:1", "warning"), ("wide.txt:3:6", "warning"), ("marks.txt", "error")]
    assert alone.stderr.decode().endswith("marks.txt: error: the input holds only whitespace\n")


@pytest.mark.parametrize("data, message", [
    (b"\xef\xbb\xbf", "is empty"),  # the input's mark, and no line
    (b"\xef\xbb\xbf" * 2, "holds only whitespace"),  # a line that holds its own mark
    (b"\xef\xbb\xbf" * 2 + b"\n", "holds only whitespace"),
    (b"\xef\xbb\xbf\r\n\xef\xbb\xbf", "holds only whitespace"),
    (codecs.BOM_UTF16_LE, "is empty"),
    (codecs.BOM_UTF16_LE + "\ufeff".encode("utf-16-le"), "holds only whitespace"),
])
def test_an_input_of_marks_only_gives_the_same_error_as_a_file_and_as_a_corpus(data, message):
    """Two marks were 'empty' for parse but 'only whitespace' for a corpus, whose
    line reader ends the last line with a line break; the mark alone was
    'only whitespace' for a corpus read from text."""
    with pytest.raises(ParseError) as single_file:
        parse(data)
    assert single_file.value.message == f"the input {message}"
    sources = [io.BytesIO(data)]
    if not data.startswith(codecs.BOM_UTF16_LE):  # (a list of lines is read as UTF-8)
        text = data.decode("utf-8")
        sources += [[data], io.StringIO(text), [text]]
        with pytest.raises(ParseError) as from_text:
            parse(text)
        assert from_text.value.message == single_file.value.message
    for source in sources:
        with pytest.raises(ParseError) as in_corpus:
            list(parse_articles(source))
        assert in_corpus.value.message == single_file.value.message, source
