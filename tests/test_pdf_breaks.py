"""Runs of text wider than a line: where they are cut (to_pdf/breaks.py), and
what a printed page shows of it."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("reportlab")

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph  # noqa: E402

import wikipress  # noqa: E402
from wikipress import parse  # noqa: E402
from wikipress.exporters.to_pdf.breaks import RunBreaker  # noqa: E402
from wikipress.exporters.to_pdf.flowables import Passage  # noqa: E402

from pdf_support import reader  # noqa: E402

FONT = ("Helvetica", 10)  # one of PDF's own fonts: measured without registering anything
URL = "https://www.example.org/archive/2019/collections/printing-presses/facsimile-edition?lang=en&page=42"
STARTS = tuple("/.,?#%~-_=&[")  # what a piece of an address may start with


def pieces_of(run: str, width: float = 150) -> list[str]:
    return RunBreaker(width, *FONT).pieces(run)


def test_an_address_is_cut_where_a_reader_expects_it_to_go_on():
    pieces = pieces_of(URL)
    assert "".join(pieces) == URL and len(pieces) >= 3
    assert all(piece.startswith(STARTS) for piece in pieces[1:])
    assert all(RunBreaker(150, *FONT).measure(piece) <= 150 for piece in pieces)
    assert not any(piece.startswith("//") or piece.endswith(":") for piece in pieces)


def test_a_double_slash_is_never_cut_but_a_line_may_end_after_it():
    assert pieces_of("ftp://" + "a" * 60, width=40)[0] == "ftp://"
    for width in range(60, 160, 7):  # the line ends at every place in turn: only after "//" is taken
        pieces = pieces_of("ab://" * 30, width)
        assert all(piece.endswith("//") for piece in pieces[:-1]), (width, pieces)
    pieces = pieces_of("http://example.org/" + "segment//" * 20, width=100)
    assert pieces[0].startswith("http://example.org")
    for before, after in zip(pieces, pieces[1:]):
        assert not (before.endswith("/") and after.startswith("/"))
        assert not (before.endswith(":") and after.startswith("/"))


def test_a_run_of_glyphs_wider_than_average_is_measured():
    breaker = RunBreaker(150, *FONT)
    for char in "W—@":  # about 0.9 to 1 em in Helvetica
        count = int(150 // breaker.measure(char)) + 2
        assert [found.group() for found in breaker.too_wide(char * count)] == [char * count]


def test_placeholders_are_kept_whole():
    run = "[U+4E2D][U+6587]" * 15
    pieces = pieces_of(run)
    assert "".join(pieces) == run and len(pieces) > 1
    assert all(re.fullmatch(r"(\[U\+[0-9A-F]{4}\])+", piece) for piece in pieces)


def test_a_run_without_a_place_to_cut_is_cut_where_the_line_is_full():
    run = "x" * 200
    pieces = pieces_of(run)
    measure = RunBreaker(150, *FONT).measure
    assert "".join(pieces) == run
    # each line as full as it can be with the hyphen that shows the word goes on
    assert all(150 - measure("x") < measure(piece + "-") <= 150 for piece in pieces[:-1])
    digits = pieces_of("7" * 200)  # no hyphen in a number: no room kept for one
    assert all(150 - measure("7") < measure(piece) <= 150 for piece in digits[:-1])


def test_a_word_cut_where_the_line_is_full_shows_a_hyphen_but_an_address_does_not():
    breaker = RunBreaker(100, *FONT)
    for word in ("Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen",
                 "достопримечательность" * 3, "ἀνθρωποκεντρισμός" * 3, "աշխարհագրություն" * 4,
                 "საქართველოსთვისაც" * 4):
        lines = breaker.lines(word).split("<br/>")
        assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1]), lines
        assert "".join(line.removesuffix("-") for line in lines) == word
        assert all(breaker.measure(line) <= 100 for line in lines)
    for run in ("https://example.org/" + "segment" * 12, "user" * 12 + "@example.org",
                "1234567890" * 6, "[U+4E2D]" * 12, "中文" * 30,
                "getElementsByTagNameAndClassNameRecursively()", "dGhpcyBpcyBhIGxvbmcgYmFzZTY0IHN0cmluZw",
                "ISBN978AB3161484100ABCDEFGHIJKLM", "\u271d" * 40):  # codes; a sign named LATIN CROSS
        assert "-<br/>" not in breaker.lines(run) and breaker.lines(run).count("<br/>") > 0, run


def test_names_joined_by_hyphens_are_cut_after_a_hyphen_never_before_one():
    breaker = RunBreaker(150, *FONT)
    for run in ("Schleswig-Holstein-Sonderburg-Glücksburg-Augustenburg",
                "Anglo-Norman-Franco-Prussian-Austro-Hungarian-Sino-Tibetan"):
        lines = breaker.lines(run).split("<br/>")
        assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1]), lines
        assert not any(line.startswith("-") for line in lines), lines
        assert "".join(lines) == run


def test_a_cut_too_early_in_the_line_is_not_taken():
    run = "a/" + "b" * 100  # cutting before the slash would leave a nearly empty line
    assert pieces_of(run)[0] != "a"


def test_markup_escapes_and_sets_each_piece_on_its_own_line():
    breaker = RunBreaker(150, *FONT)
    assert breaker.markup("a <b> & c") == "a &lt;b&gt; &amp; c"  # nothing wide: only escaped
    markup = breaker.markup(f"See {URL}&x=<y> here.")
    assert markup.startswith("See <br/>https://") and markup.endswith(" here.")
    assert markup.count("<br/>") == len(breaker.pieces(URL + "&x=<y>"))
    assert "&amp;x=&lt;y&gt;" in markup and "<y>" not in markup
    for nothing_printed in ("", " ", "\u00a0 "):  # a run there needs no line of its own
        assert breaker.markup(nothing_printed + URL).startswith(nothing_printed + "https://")


def test_a_word_broken_at_its_soft_hyphen_before_a_wide_run_shows_a_hyphen():
    word = "Prüf\u00adsum\u00adme\u00adnver\u00adfah\u00ad"
    markup = RunBreaker(150, *FONT).markup(f"Die Datei hat {word}ren:{'9f86d081' * 8} als Wert.")
    assert f"Prüf\u00adsum\u00adme\u00adnver\u00adfah-<br/>ren:" in markup


@given(st.text(alphabet="ab/:.-=&[]U+4E", min_size=1, max_size=300),
       st.floats(min_value=20, max_value=400))
def test_pieces_put_together_give_the_run_and_each_fits(run, width):
    breaker = RunBreaker(width, *FONT)
    pieces = breaker.pieces(run)
    assert "".join(pieces) == run and all(pieces)
    assert all(breaker.measure(piece) <= width or len(piece) == 1 for piece in pieces)


@given(st.text(alphabet="abcxyzäßéжюωλ", min_size=1, max_size=300), st.floats(min_value=20, max_value=400))
def test_a_word_cut_into_lines_with_hyphens_reads_back_whole_and_each_line_fits(word, width):
    breaker = RunBreaker(width, *FONT)
    lines = breaker.lines(word).split("<br/>")
    assert all(line.endswith("-") for line in lines[:-1]) and not lines[-1].endswith("-")
    assert "".join(line[:-1] for line in lines[:-1]) + lines[-1] == word
    assert all(breaker.measure(line) <= width or len(line) <= 2 for line in lines)


@given(st.lists(st.text(alphabet="ab c\u00a0", min_size=1, max_size=12), max_size=12),
       st.floats(min_value=20, max_value=400))
def test_tying_the_last_words_changes_spaces_only(words, width):
    plain = " ".join(words)
    tied = RunBreaker(width, *FONT).tied_end(plain)

    def words(text):
        return [word for word in text.replace("\u00a0", " ").split(" ") if word]

    assert words(tied) == words(plain)  # the same words, in the same places but for spaces
    changed = next((i for i, pair in enumerate(zip(plain, tied)) if pair[0] != pair[1]),
                   min(len(plain), len(tied)))
    assert " " not in tied[changed:]  # only the spaces between the last words are changed


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


def test_a_sentences_closing_punctuation_stays_with_the_address():
    for length in range(10, 60):  # some of them just fit without their punctuation
        for ending in (".", ").", "?", "!)"):
            run = "https://example.org/" + "segment/abc"[:length % 11] * (length // 11) + "end" + ending
            pieces = pieces_of(run)
            assert "".join(pieces) == run and any(char.isalnum() for char in pieces[-1]), pieces


def test_the_last_piece_of_a_run_cut_where_the_line_is_full_keeps_a_few_characters():
    measure = RunBreaker(150, *FONT).measure
    for extra in range(0, 8):
        run = "x" * (int(150 // measure("x")) + extra)  # a little wider than the line
        assert len(pieces_of(run)[-1]) >= 3


def test_the_rest_of_a_paragraph_on_the_next_page_does_not_start_with_an_empty_line():
    from reportlab.lib.styles import ParagraphStyle

    from wikipress.exporters.to_pdf.flowables import Passage

    style = ParagraphStyle("body", fontName=FONT[0], fontSize=FONT[1], leading=14,
                           allowWidows=0, allowOrphans=0)
    markup = RunBreaker(150, *FONT).markup(f"The yearly files are kept at {URL} and {URL} for now.")
    whole = Passage(markup, style)
    whole.wrap(150, 10_000)
    assert markup.count("<br/>") >= 4 and len(whole.blPara.lines) >= 8
    for lines in range(2, len(whole.blPara.lines) - 1):
        paragraph = Passage(markup, style)
        paragraph.wrap(150, 10_000)
        first, rest = paragraph.split(150, lines * 14 + 1)
        rest.wrap(150, 10_000)
        texts = [getattr(word, "text", word) for word in rest.blPara.lines[0].words]
        assert "".join(texts).strip(), f"an empty first line after {lines} lines"


def test_captions_contents_headers_and_a_books_cover_cut_placeholders_between_them():
    title = "中文的文章" * 12
    document = parse(f"= {title} =\n\nInfobox\n- Key: value\n\n== {title} ==\n\nText.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        article = wikipress.export(document, "pdf", toc=True)
        book = wikipress.exporters.export_book([document], title=title)
    for data in (article, book):
        rows = [line for line in drawn_lines(data) if "[U+" in line]
        assert len(rows) > 10
        assert all(re.fullmatch(r"(\[U\+[0-9A-F]{4}\])+( ?[….\d ]*)?", line) for line in rows), rows


def test_a_key_column_is_as_wide_as_the_key_is_printed():
    document = parse("= Keys =\n\nInfobox\n- 名字的: value\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lines = drawn_lines(wikipress.export(document, "pdf"))
    assert any(line.startswith("[U+540D][U+5B57][U+7684]") for line in lines), lines


def test_headings_keys_and_list_items_are_cut_at_their_own_width():
    key = "Registered-office-postal-address-for-correspondence-and-legal-notices"
    document = parse(f"= Links =\n\nInfobox\n- {key}: value\n\n- {URL}\n\n== {URL} ==\n\nText.\n")
    lines = drawn_lines(wikipress.export(document, "pdf", page_size="a5"))
    starts = [number for number, line in enumerate(lines)
              if "https://www.example.org" in line or line.startswith("Registered")]
    assert len(starts) == 3  # the key, the list item and the heading, each going on on the next line
    for number in starts:
        line, following = lines[number], lines[number + 1]
        if line.startswith("Registered"):  # words joined by hyphens: cut after one, as in print
            assert line.endswith("-") and following[:1].isalpha(), lines
        else:
            assert following.startswith(STARTS), lines


def test_a_title_or_heading_keeps_its_last_words_together():
    breaker = RunBreaker(300, *FONT)
    tie = "\u00a0"
    assert breaker.tied_end("Their  life  in a  year  ") == f"Their  life{tie}in{tie}a{tie}year"
    assert breaker.tied_end("Xy abcd\u00adef gh") == f"Xy{tie}abcd\u00adef{tie}gh"  # a soft hyphen: no letter
    assert breaker.tied_end("The closing of the line for a year") == f"The closing of the line for{tie}a{tie}year"
    assert breaker.tied_end("Reports and rebuilding") == "Reports and rebuilding"  # ten letters: enough
    assert breaker.tied_end("Administration") == "Administration"
    assert breaker.tied_end("") == ""
    narrow = RunBreaker(90, *FONT)  # "for a year" would fill over a third of the line: fewer are tied
    assert narrow.tied_end("traffic for a year") == f"traffic for a{tie}year"
    assert RunBreaker(20, *FONT).tied_end("traffic for a year") == "traffic for a year"


def _balanced(lines: list[str]) -> bool:
    """Whether lines set by hand would look like these: none much shorter than another."""
    return min(map(len, lines)) >= 0.75 * max(map(len, lines))


def test_a_wrapped_title_and_a_books_cover_title_have_balanced_lines():
    title = "The storm of 1929 and the closing of the line"  # left to fill, "line" was alone
    lines = [line.strip() for line in (reader(wikipress.export(parse(f"= {title} =\n\nText.\n"), "pdf"))
                                       .pages[0].extract_text() or "").splitlines()]
    assert " ".join(lines[:2]) == title and _balanced(lines[:2]), lines
    cover = "The storm of 1929 and the closing of the old railway line to all goods"
    book = wikipress.export_book([parse("= A =\n\nText.\n")], title=cover)
    lines = [line.strip() for line in (reader(book).pages[0].extract_text() or "").splitlines()]
    assert " ".join(lines[:3]) == cover and _balanced(lines[:3]), lines


@pytest.mark.parametrize("alignment, share", [(TA_LEFT, 0), (TA_CENTER, 0.5), (TA_RIGHT, 1)])
def test_a_balanced_passage_takes_the_whole_width_and_keeps_its_alignment(alignment, share):
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=20, leading=24, alignment=alignment)
    title = "The storm of 1929 and the closing of the old railway line to all goods"
    passage = Passage(title, style, balanced=True)
    assert passage.wrap(400, 1000)[0] == 400 and len(passage.blPara.lines) == 2
    assert passage.width < 400 * 0.9  # set narrower than the frame, which it still fills
    assert passage._indent == pytest.approx((400 - passage.width) * share)
    assert len(Paragraph(title, style).breakLines(400).lines) == 2  # as many lines as unbalanced
    top, rest = Passage(title, style, balanced=True).split(200, 50)  # four lines, room for two
    assert top.balanced and rest.balanced
    short = Passage("The storm", style, balanced=True)
    assert short.wrap(400, 1000) == Paragraph("The storm", style).wrap(400, 1000)  # one line: as is


def test_a_wrapped_heading_does_not_end_on_one_short_word():
    text = ("= The Northern Railway Bridge over the Lagoon and Its Long Rebuilding of 1931 =\n\n"
            "Text.\n\n== The storm of 1929 and the closing of the line to all goods traffic for a year ==\n\n"
            "More text.\n")
    lines = [line.strip() for line in (reader(wikipress.export(parse(text), "pdf")).pages[0]
                                       .extract_text() or "").splitlines()]
    assert _balanced(lines[:2]) and _balanced(lines[3:5]), lines
    assert lines[4].endswith("for a year"), lines
