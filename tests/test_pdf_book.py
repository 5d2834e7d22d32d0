"""Books: ``wikipress.export_book`` and ``wikipress book``, checked with pypdf,
and the ``pdf`` format through the real command line."""

from __future__ import annotations

import os
import re
import warnings
import subprocess
import sys
from pathlib import Path

import pytest

import wikipress
from wikipress import ExportError, parse, parse_file

from pdf_support import annotations, contains, outline_tree, page_texts, reader

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SEED = SAMPLES / "mangaize-attack.txt"

ARTICLE_A = "= Alpha =\n\nAlpha lead.\n\n== First ==\nOne.\n\n=== Deeper ===\nTwo.\n\n== Second ==\nThree.\n"
ARTICLE_B = "= Beta =\n\nInfobox\n- Kind: second\n\nBeta lead.\n\n== Only ==\nFour.\n"


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-c", "from wikipress._cli import run; run()",
                           *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def book():
    documents = [parse(ARTICLE_A, source="a.txt"), parse_file(SEED), parse(ARTICLE_B, source="b.txt")]
    return documents, reader(wikipress.export_book(documents, title="Three articles"))


def _start_pages(pdf, titles):
    """The 1-based page where each title first stands at the top of a page."""
    texts = page_texts(pdf)
    return [next(n for n, text in enumerate(texts, 1) if text.lstrip().startswith(title))
            for title in titles]


def _contents_entries(text: str) -> dict[str, int]:
    """Contents lines -> page numbers (pypdf gives the leaders and the titles
    as separate lines, in the same order)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    numbers = [int(line.rsplit(" ", 1)[-1]) for line in lines if line.startswith(".")]
    titles = [line for line in lines if not line.startswith(".")
              and line != "Contents" and not line.startswith("Page ")]
    assert len(numbers) == len(titles), lines
    return dict(zip(titles, numbers))


def test_cover_contents_and_a_new_page_per_article(book):
    documents, pdf = book
    texts = page_texts(pdf)
    assert "Three articles" in texts[0] and "3 articles" in texts[0]
    assert "Page" not in texts[0]  # no footer on the cover
    assert texts[1].lstrip().startswith("Contents")
    starts = _start_pages(pdf, ["Alpha", "Mangaïzé attack", "Beta"])
    assert starts == sorted(starts) and starts[0] == 3
    entries = _contents_entries(texts[1])
    for title, page in zip(["Alpha", "Mangaïzé attack", "Beta"], starts):
        assert entries[title] == page
    assert entries["Attack"] == starts[1]
    numbered = [line for line in texts[1].splitlines() if re.search(r"\.\s*\d+$", line)]
    assert numbered and all(re.search(r"\.  +\d+$", line) for line in numbered)  # not ". .3"
    assert len(pdf.pages) == starts[-1]  # Beta is short
    total = len(pdf.pages)
    for number, text in enumerate(texts[1:], 2):
        assert f"Page {number} of {total}" in text


def test_running_header_names_the_current_article(book):
    _, pdf = book
    texts = page_texts(pdf)
    start = _start_pages(pdf, ["Mangaïzé attack"])[0]
    assert "Mangaïzé attack" in texts[start].splitlines()[-2]  # the page after its start
    assert all("Alpha" not in line for line in texts[start].splitlines())


def test_two_level_outline(book):
    documents, pdf = book
    expected = [(d.title_text, [(s.heading_text, [(c.heading_text, []) for c in s.sections])
                                for s in d.sections]) for d in documents]
    assert outline_tree(pdf) == expected


def test_contents_links_go_to_pages(book):
    _, pdf = book
    links = annotations(pdf)
    assert links and all("/Dest" in link for link in links)


def test_book_metadata_and_determinism(book):
    documents, pdf = book
    assert pdf.metadata.title == "Three articles"
    assert pdf.metadata.creator == f"wikipress {wikipress.__version__}"
    assert pdf.metadata["/Keywords"] == "Alpha; Mangaïzé attack; Beta"
    assert wikipress.export_book(documents[:1], title="X") == wikipress.export_book(documents[:1], title="X")


def test_book_errors():
    with pytest.raises(ExportError, match="at least one"):
        wikipress.export_book([], title="Empty")
    with pytest.raises(ExportError, match="title"):
        wikipress.export_book([parse(ARTICLE_A)], title="  ")
    with pytest.raises(ExportError, match="unknown option"):
        wikipress.export_book([parse(ARTICLE_A)], title="T", colour="red")


def test_book_cli_skips_failing_inputs_and_exits_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "2-beta.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "1-alpha.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "3-broken.txt").write_bytes(b"= One =\n\n= Two =\n")
    (folder / "4-empty.txt").write_bytes(b"")
    out = tmp_path / "book.pdf"
    result = _cli("book", folder, tmp_path / "missing.txt", "-o", out, "-O", "page_size=letter")
    assert result.returncode == 1
    assert "3-broken.txt:3:1: error:" in result.stderr
    assert "4-empty.txt: error:" in result.stderr and "missing.txt: error:" in result.stderr
    assert "Traceback" not in result.stderr
    pdf = reader(out.read_bytes())
    assert pdf.metadata.title == "Book"  # from the file name
    assert [title for title, _ in outline_tree(pdf)] == ["Alpha", "Beta"]
    assert float(pdf.pages[0].mediabox.width) == 612


def test_book_cli_writes_nothing_when_no_article_parses(tmp_path):
    out = tmp_path / "book.pdf"
    out.write_bytes(b"%PDF-1.4 the old book")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = _cli("book", bad, "-o", out, "--title", "T")
    assert result.returncode == 1 and "no book written" in result.stderr
    assert out.read_bytes() == b"%PDF-1.4 the old book"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "book.pdf"]


def test_book_cli_usage_errors(tmp_path):
    result = _cli("book", SEED, "-o", tmp_path / "b.pdf", "-O", "colour=red")
    assert result.returncode == 2 and "unknown option colour" in result.stderr
    result = _cli("book", SEED, "-o", tmp_path / "b.pdf", "-O", "page_size=a3")
    assert result.returncode == 2 and "a3" in result.stderr
    result = _cli("book", SEED, "-o", SEED)
    assert result.returncode == 2 and "overwrite" in result.stderr
    result = _cli("book", SEED, "-o", "-")
    assert result.returncode == 2 and "written to a file" in result.stderr
    for folder in (tmp_path, f"{tmp_path / 'new'}/"):
        result = _cli("book", SEED, "-o", folder)
        assert result.returncode == 2 and "give the book's file name" in result.stderr
    result = _cli("book", SEED, "-o", "")
    assert result.returncode == 2 and "written to a file" in result.stderr
    (tmp_path / "file.txt").write_text("keep")
    result = _cli("book", SEED, "-o", tmp_path / "file.txt" / "b.pdf")
    assert result.returncode == 2 and "is a file, not a folder" in result.stderr
    (tmp_path / "file.txt").unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written, no file named '-'


def test_a_book_replaces_an_earlier_pdf_but_never_another_file(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    result = _cli("book", SEED, "-o", notes)
    assert result.returncode == 2 and "is not a PDF" in result.stderr
    assert notes.read_text() == "my notes"
    (tmp_path / "link.pdf").symlink_to(tmp_path / "nowhere.pdf")
    result = _cli("book", SEED, "-o", tmp_path / "link.pdf")
    assert result.returncode == 2 and "not a regular file" in result.stderr
    book = tmp_path / "book.pdf"
    book.touch()  # empty: nothing to lose
    assert _cli("book", SEED, "-o", book).returncode == 0
    first = book.read_bytes()
    result = _cli("book", SEED, SEED.with_name("ada-lovelace.txt"), "-o", book)
    assert result.returncode == 0, result.stderr
    assert book.read_bytes() != first and book.read_bytes().startswith(b"%PDF-")


def test_convert_to_pdf_on_the_command_line(tmp_path):
    result = _cli("convert", SEED, "--to", "pdf,yaml", "-o", tmp_path, "-O", "toc=true")
    assert result.returncode == 0, result.stderr
    pdf = reader((tmp_path / "mangaize-attack.pdf").read_bytes())
    assert pdf.metadata.title == "Mangaïzé attack"
    assert "Contents" in page_texts(pdf)[0]
    assert (tmp_path / "mangaize-attack.yaml").exists()


def test_missing_glyphs_are_reported_per_input_on_the_command_line(tmp_path):
    article = tmp_path / "cjk.txt"
    article.write_text("= 東京 =\n\nText 東京 and 東.\n", encoding="utf-8")
    result = _cli("convert", article, "--to", "pdf", "-o", tmp_path / "out")
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if "warning" in line]
    assert lines == [  # one line for all the characters the font lacks
        f"{article}: warning: pdf: the font Fira Sans has no glyph for 2 characters: U+6771 '東' "
        f"(CJK UNIFIED IDEOGRAPH-6771), U+4EAC '京' (CJK UNIFIED IDEOGRAPH-4EAC); printed as [U+XXXX]",
    ]
    many = tmp_path / "many.txt"
    many.write_text("= Many =\n\n東京中文字 and \u2060 here.\n", encoding="utf-8")
    result = _cli("convert", many, "--to", "pdf", "-o", tmp_path / "out")
    assert [line for line in result.stderr.splitlines() if "warning" in line] == [
        f"{many}: warning: pdf: the font Fira Sans has no glyph for 5 characters: U+6771 '東' "
        f"(CJK UNIFIED IDEOGRAPH-6771), U+4EAC '京' (CJK UNIFIED IDEOGRAPH-4EAC), U+4E2D '中' "
        f"(CJK UNIFIED IDEOGRAPH-4E2D) and 2 more; printed as [U+XXXX]",
        f"{many}: warning: pdf: the font Fira Sans has no glyph for U+2060 (WORD JOINER); left out",
    ]
    strict = _cli("convert", article, "--to", "pdf", "-o", tmp_path / "strict", "--strict")
    assert strict.returncode == 1 and not (tmp_path / "strict" / "cjk.pdf").exists()
    book = _cli("book", article, SEED, "-o", tmp_path / "book.pdf")
    assert book.returncode == 0
    assert f"{article}: warning: pdf: the font Fira Sans has no glyph for 2 characters: U+6771" in book.stderr


def test_a_title_too_long_for_the_cover_is_shortened_there_with_a_warning():
    title = " ".join(f"Volume {number} of the northern railway papers" for number in range(60))
    documents = [parse("= One =\n\nText.\n"), parse("= Two =\n\nMore text.\n")]
    with pytest.warns(wikipress.ExportWarning, match=r"title \(\d+ characters\) is too long"):
        pdf = reader(wikipress.export_book(documents, title=title))
    cover, contents_page = page_texts(pdf)[:2]
    assert "Volume 0 of the northern" in cover and cover.count("…") == 1 and "2 articles" in cover
    assert "Contents" in contents_page and "Volume" not in contents_page
    assert pdf.metadata.title == title  # whole where it is not printed
    shown = cover.replace("\n", " ").split("…")[0].split()  # as much of it as fits: a word more does not
    with pytest.warns(wikipress.ExportWarning, match=f"shows its first {len(' '.join(shown))}"):
        one_more = " ".join(title.split()[:len(shown) + 1])
        longer = page_texts(reader(wikipress.export_book(documents, title=one_more + " and more")))[0]
    assert longer.count("…") == 1 and not contains(longer, one_more)
    short = " ".join(title.split()[:12])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert contains(page_texts(reader(wikipress.export_book(documents, title=short)))[0], short)
