"""The ``pdf`` exporter on single articles, checked by opening the PDFs with pypdf."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import wikipress
from wikipress import ExportError, ExportWarning, parse, parse_file, plain_text
from wikipress.nodes import BulletList, Document, Infobox, Paragraph, Section, Text, walk

from pdf_support import (
    FOOTER, annotations, body_text, contains, fonts, images, outline_tree, page_texts, reader,
    squash, word_spacings,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SEED = SAMPLES / "mangaize-attack.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


@pytest.fixture(scope="module")
def seed_pdf(seed):
    return wikipress.export(seed, "pdf")


def _section_tree(sections):
    return [(s.heading_text, _section_tree(s.sections)) for s in sections]


def _all_texts(document):
    """Every piece of text a reader must find in the PDF."""
    texts = [document.title_text] if document.title is not None else []
    for node in walk(document):
        if isinstance(node, Infobox):
            for field in node.fields:
                texts += [field.key, plain_text(field.value)]
        elif isinstance(node, Paragraph):
            texts.append(plain_text(node.content))
        elif isinstance(node, BulletList):
            texts += [plain_text(item.content) for item in node.items]
    texts += [node.heading_text for node in walk(document) if hasattr(node, "heading_text")]
    return [text for text in texts if text.strip()]


def test_importing_and_exporting_yaml_does_not_import_reportlab():
    code = ("import sys, wikipress\n"
            "doc = wikipress.parse('= T =\\n\\nText.\\n')\n"
            "wikipress.export(doc, 'yaml'); wikipress.formats()\n"
            "from wikipress.exporters.to_pdf import PdfExporter, PdfOptions\n"
            "assert PdfExporter.Options is PdfOptions\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'fontpkg')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_pdf_is_a_registered_binary_format():
    exporter = wikipress.get_exporter("pdf")
    assert (exporter.name, exporter.extension, exporter.binary) == ("pdf", "pdf", True)
    assert "pdf" in [info.name for info in wikipress.formats() if info.error is None]


def test_every_text_of_the_sample_is_in_the_pdf(seed, seed_pdf):
    text = body_text(reader(seed_pdf), {seed.title_text})
    for piece in _all_texts(seed):
        assert contains(text, piece), piece


def test_outline_equals_the_section_tree(seed, seed_pdf):
    assert outline_tree(reader(seed_pdf)) == _section_tree(seed.sections)


def test_metadata(seed, seed_pdf):
    info = reader(seed_pdf).metadata
    assert info.title == "Mangaïzé attack"
    assert info.creator == f"wikipress {wikipress.__version__}"
    assert info.subject.startswith("On October 30, 2014, militants from al-Mourabitoun")
    assert info["/Keywords"] == "Background; Attack; Aftermath"
    towns = parse("= Towns =\n\n== Paris, Texas ==\n\n== Austin ==\n")
    assert reader(wikipress.export(towns, "pdf")).metadata["/Keywords"] == "Paris, Texas; Austin"


def test_fonts_are_embedded_fira_sans(seed_pdf):
    used = fonts(reader(seed_pdf))
    assert used and all(used.values()), used
    assert {name.split("+", 1)[1] for name in used} >= {"FiraSans-Regular", "FiraSans-Bold"}


def test_same_input_gives_byte_identical_pdfs(seed):
    assert wikipress.export(seed, "pdf") == wikipress.export(seed, "pdf")
    assert wikipress.export(seed, "pdf", toc=True) == wikipress.export(seed, "pdf", toc=True)


def test_footer_counts_pages_and_header_names_the_article(seed_pdf):
    texts = page_texts(reader(seed_pdf))
    total = len(texts)
    assert total >= 2
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {total}" in text
    assert "Mangaïzé attack" in texts[1].splitlines()[-2:][0]


def _long_article(sections=60, paragraphs=300):
    lines = ["= A long article =", ""]
    per = paragraphs // sections
    for s in range(sections):
        lines += [f"== Section {s + 1} ==", ""]
        for p in range(per):
            lines += [f"Paragraph {s + 1}.{p + 1} " + "words of some length " * 12, ""]
    return parse("\n".join(lines))


def test_long_article_of_300_paragraphs_and_60_sections():
    document = _long_article()
    pdf = reader(wikipress.export(document, "pdf"))
    pages = len(pdf.pages)
    assert 20 <= pages <= 40
    assert page_texts(pdf)[-1].rstrip().endswith(f"Page {pages} of {pages}")
    assert [title for title, _ in outline_tree(pdf)] == [f"Section {n}" for n in range(1, 61)]
    text = body_text(pdf, {"A long article"})
    assert contains(text, "Paragraph 60.5 words")


def test_unbreakable_word_and_url_wrap_inside_the_frame():
    word = "x" * 400
    url = "https://example.org/" + "path/" * 76
    document = parse(f"= Long words =\n\nInfobox\n- Key: {word}\n\n{word}\n\n== {word[:200]} ==\n{url}\n")
    pdf = reader(wikipress.export(document, "pdf"))
    width = float(pdf.pages[0].mediabox.width)
    text = body_text(pdf, {"Long words"})
    assert contains(text.replace("-\n", "\n"), word)  # cut where lines are full, with hyphens
    assert contains(text, url) and "-\n" not in text[text.index("https"):]  # an address has none
    runs = []  # (text, x, y) of each piece of text drawn
    for page in pdf.pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: runs.append(
            (t, tm[4] + cm[4], round(tm[5] + cm[5]))))
    assert all(x < width for _, x, _ in runs)
    assert max(len(t) for t, _, _ in runs) < 200  # the word was broken into lines
    assert len({y for t, _, y in runs if "path/" in t}) >= 2  # and so was the URL


def test_infobox_of_150_fields_splits_over_pages():
    fields = "\n".join(f"- Field {n}: value number {n} " + "with words " * (n % 7) for n in range(150))
    document = parse(f"= Big box =\n\nInfobox\n{fields}\n\nAfter the box.\n")
    pdf = reader(wikipress.export(document, "pdf"))
    assert len(pdf.pages) >= 3
    text = body_text(pdf, {"Big box"})
    for n in (0, 75, 149):
        assert contains(text, f"Field {n}") and contains(text, f"value number {n}")
    assert all("Big box" in page for page in page_texts(pdf)[1:])  # caption repeated
    assert contains(text, "After the box.")


def test_empty_section_and_title_only_article():
    empty = parse("= Article =\n\n== Empty ==\n\n== Full ==\nText.\n")
    pdf = reader(wikipress.export(empty, "pdf"))
    assert outline_tree(pdf) == [("Empty", []), ("Full", [])]
    only = reader(wikipress.export(parse("= Just a title =\n"), "pdf"))
    assert len(only.pages) == 1 and "Just a title" in only.pages[0].extract_text()
    assert only.metadata.title == "Just a title" and only.outline == []


def test_null_title_uses_the_file_name(tmp_path):
    path = tmp_path / "no-title.txt"
    path.write_text("Some text without a title line.\n\n== Part ==\nMore.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no export warning for this article
        data = wikipress.export(parse_file(path), "pdf")
    pdf = reader(data)
    assert pdf.metadata.title == "no-title.txt"
    assert "Some text without a title line." in page_texts(pdf)[0]
    untitled = reader(wikipress.export(parse("Just text.\n"), "pdf"))
    assert untitled.metadata.title == "Untitled article"


def test_greek_cyrillic_vietnamese_and_latin_extended_print_without_warnings():
    samples = {
        "Greek": "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας· ἀρχὴ ἥμισυ παντός.",
        "Cyrillic": "Москва — столица России; Київ, Беларусь, Србија, Ђурђевдан.",
        "Vietnamese": "Hà Nội là thủ đô của Việt Nam; người dân nói tiếng Việt.",
        "Latin Extended": "Łódź, Kraków, Ærøskøbing, Şanlıurfa, Dubrovnik, Țară, Đakovo, ǅ.",
    }
    body = "\n\n".join(f"== {name} ==\n{text}" for name, text in samples.items())
    decomposed = "Tiếng Việt".encode().decode()  # also in NFD below
    import unicodedata
    source = f"= Scripts =\n\n{body}\n\n{unicodedata.normalize('NFD', decomposed)}\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExportWarning)
        pdf = reader(wikipress.export(parse(source), "pdf"))
    text = body_text(pdf, {"Scripts"})
    for name, sample in samples.items():
        assert contains(text, name) and contains(text, sample), name
    assert contains(text, decomposed)


def test_a_character_the_font_lacks_warns_once_and_prints_its_code():
    document = parse("= 中文 =\n\nInfobox\n- 名: 中\n\nText 中 and \u2060 here 中.\n", source="cjk.txt")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = wikipress.export(document, "pdf")
    messages = [str(w.message) for w in caught if issubclass(w.category, ExportWarning)]
    assert len([m for m in messages if "U+4E2D '中'" in m]) == 1
    assert any("U+2060" in m and "left out" in m for m in messages)
    assert all(w.message.source == "cjk.txt" for w in caught)
    text = body_text(reader(data), {"[U+4E2D][U+6587]"})
    assert "Text [U+4E2D] and" in text and "[U+540D]" in text


def test_options_page_size_margins_and_errors(seed):
    letter = reader(wikipress.export(seed, "pdf", page_size="letter", margins="1in"))
    assert (float(letter.pages[0].mediabox.width), float(letter.pages[0].mediabox.height)) == (612, 792)
    a5 = reader(wikipress.export(seed, "pdf", page_size="a5", margins="12mm 12mm 10mm 12mm",
                                 justify=False, font_size=9))
    assert round(float(a5.pages[0].mediabox.width)) == 420
    for bad in ({"page_size": "a3"}, {"margins": "3 apples"}, {"margins": "120mm"},
                {"font_size": 2}, {"colour": "red"}, {"font_bold": "x.ttf"}):
        with pytest.raises(ExportError):
            wikipress.export(seed, "pdf", **bad)


@pytest.mark.parametrize("options, least", [
    ({"margins": "5mm"}, "top margin holds the running header, so it needs at least 11.9mm at font_size 10.5"),
    ({"margins": "10mm"}, "top margin .* 11.9mm"),  # the header's rule touched the text
    ({"margins": "20mm 10mm 8mm 10mm"}, "bottom margin holds the page numbers, so it needs at least 10.0mm"),
    ({"margins": "20mm 10mm 12mm 10mm", "font_size": 24}, "bottom margin .* 15.3mm at font_size 24"),
    ({"margins": "12mm", "font_size": 24}, "top margin .* 18.1mm at font_size 24"),
])
def test_margins_too_small_for_the_header_and_page_numbers_are_refused(seed, options, least):
    with pytest.raises(ExportError, match=least):
        wikipress.export(seed, "pdf", **options)


def test_the_header_rule_stays_clear_of_the_text_at_the_smallest_margin(seed):
    from wikipress.exporters.to_pdf.options import PdfOptions
    from wikipress.exporters.to_pdf.pages import PageFurniture

    for size in (6, 10.5, 24):
        least = float(re.search(r"at least ([\d.]+)mm", _refusal(margins="1mm", font_size=size))[1])
        options = PdfOptions(margins=f"{least + 0.05}mm", font_size=size)
        furniture = PageFurniture(*options.page_dimensions, options.margin_points, "", "", size * 0.82)
        frame_top = options.page_dimensions[1] - options.margin_points[0]
        assert furniture.rule_height - frame_top >= 3 * 72 / 25.4 - 0.01


def _refusal(**options) -> str:
    with pytest.raises(ExportError) as refused:
        wikipress.export(parse("= T =\n"), "pdf", **options)
    return str(refused.value)


def _sentences(count: int) -> str:
    words = "harbour ferry lamp tower crates quay bell rain dawn noon oil".split()
    return " ".join(f"The {words[n % 11]} and the {words[n * 7 % 11]} were {words[n * 3 % 11]} again."
                    for n in range(count))


def test_a_heading_starts_where_there_is_room_and_its_long_text_runs_on():
    """A heading is kept with the first lines of its text, not with all of it: a long
    paragraph after it no longer pushes it to the next page and leaves a gap."""
    text = f"= Keep =\n\n{_sentences(60)}\n\n== Second part ==\n\n{_sentences(110)}\n"
    first, second = page_texts(reader(wikipress.export(parse(text), "pdf")))[:2]
    lines = [line for line in first.splitlines() if not FOOTER.match(line.strip())]
    assert "Second part" in lines and len(lines) - lines.index("Second part") > 3
    assert "Second part" not in second


def test_bookmarks_show_when_the_pdf_opens(seed_pdf):
    assert reader(seed_pdf).trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_user_font_family(seed, tmp_path):
    import fontpkg

    light = str(fontpkg.path("Fira Sans", weight=300))
    pdf = reader(wikipress.export(seed, "pdf", font=light))
    assert {name.split("+", 1)[1] for name in fonts(pdf)} == {"FiraSans-Light"}
    with pytest.raises(ExportError, match="cannot read font .*missing.ttf: no such file"):
        wikipress.export(seed, "pdf", font=str(tmp_path / "missing.ttf"))
    with pytest.raises(ExportError, match="cannot read font .*: a folder, not a .ttf file"):
        wikipress.export(seed, "pdf", font=str(tmp_path))
    not_a_font = tmp_path / "fake.ttf"
    not_a_font.write_bytes(b"not a font at all")
    with pytest.raises(ExportError, match="cannot use font .*: not a TrueType font file"):
        wikipress.export(seed, "pdf", font=str(not_a_font))
    postscript = tmp_path / "cff.otf"
    postscript.write_bytes(b"OTTO" + bytes(100))
    with pytest.raises(ExportError, match="cannot use font .*: its outlines are PostScript"):
        wikipress.export(seed, "pdf", font=str(postscript))
    collection = tmp_path / "cff.ttc"  # a collection whose first font has PostScript outlines
    collection.write_bytes(b"ttcf" + bytes(4) + (1).to_bytes(4, "big") + (16).to_bytes(4, "big")
                           + b"OTTO" + bytes(100))
    with pytest.raises(ExportError, match="cannot use font .*: its outlines are PostScript"):
        wikipress.export(seed, "pdf", font=str(collection))
    broken = tmp_path / "broken.ttf"  # starts as a font does, but is none: ReportLab says so
    broken.write_bytes(b"\x00\x01\x00\x00" + bytes(100))
    with pytest.raises(ExportError, match="cannot use font .*TrueType outlines is needed"):
        wikipress.export(seed, "pdf", font=str(broken))


def test_no_images_or_links_in_a_plain_article(seed_pdf):
    pdf = reader(seed_pdf)
    assert images(pdf) == 0 and annotations(pdf) == []


def test_an_infobox_value_longer_than_a_page_splits_inside_its_row_and_repeats_its_key():
    value = " ".join(f"word{n}" for n in range(2500))
    pdf = reader(wikipress.export(parse(f"= Tall =\n\nInfobox\n- Key: {value}\n\nAfter.\n"), "pdf"))
    pages = page_texts(pdf)
    assert len(pages) >= 3
    # ReportLab left the key cell empty above the rest of a split row
    assert [page.count("Key (continued)") for page in pages] == [0] + [1] * (len(pages) - 1)
    assert "(continued) (continued)" not in "".join(pages)
    text = body_text(pdf, {"Tall", "Key (continued)"})
    assert contains(text, value) and contains(text, "After.")


def test_deep_and_skipped_levels_nest_in_the_outline_and_empty_items_keep_bullets():
    source = ("= T =\n\n== A ==\n=== B ===\n==== C ====\n===== D =====\n====== E ======\nText.\n"
              "== F ==\n==== G ====\nSkipped a level.\n\n-\n- item\n")
    document = parse(source)
    pdf = reader(wikipress.export(document, "pdf"))
    assert outline_tree(pdf) == _section_tree(document.sections)
    assert outline_tree(pdf)[1] == ("F", [("G", [])])
    assert page_texts(pdf)[0].count("•") == 2


def test_a_long_title_is_shortened_in_the_running_header():
    title = "A title of many words " * 12
    body = "\n\n".join(["Filler text for a second page. " * 30] * 12)
    pdf = reader(wikipress.export(parse(f"= {title} =\n\n{body}\n"), "pdf"))
    header = page_texts(pdf)[1].splitlines()[-2]
    assert header.startswith("A title of many words") and header.endswith("…")
    assert len(header) < len(title)


def test_no_reportlab_global_configuration_is_changed(seed):
    from reportlab import rl_config

    before = {name: getattr(rl_config, name) for name in dir(rl_config)
              if not name.startswith("_") and isinstance(getattr(rl_config, name), (int, float, str))}
    wikipress.export(seed, "pdf", toc=True)
    wikipress.export_book([seed], title="One")
    after = {name: getattr(rl_config, name) for name in before}
    assert after == before and rl_config.invariant == 0


def test_a_heading_taller_than_a_page_splits_and_is_shortened_in_the_contents():
    heading = " ".join(f"w{n}" for n in range(2500))
    document = parse(f"= T =\n\n== {heading} ==\nText.\n\n== Next ==\nMore.\n")
    pdf = reader(wikipress.export(document, "pdf", toc=True))
    assert len(pdf.pages) > 3
    assert [title for title, _ in outline_tree(pdf)] == [heading, "Next"]
    contents = page_texts(pdf)[0]
    assert "w40 w41…" in squash_lines(contents) and contains(body_text(pdf, {"T"}), heading)
    book = reader(wikipress.export_book([document, document], title="Big headings"))
    assert [title for title, _ in outline_tree(book)] == ["T", "T"]


def squash_lines(text: str) -> str:
    return " ".join(text.split())


def test_a_title_taller_than_a_page_with_an_infobox():
    title = " ".join(f"t{n}" for n in range(1500))
    document = parse(f"= {title} =\n\nInfobox\n- A: b\n\nText.\n")
    pdf = reader(wikipress.export(document, "pdf", toc=True))
    assert pdf.metadata.title == title
    text = "\n".join(line for line in body_text(pdf).splitlines()
                     if not line.endswith("…"))  # running headers and the shortened caption
    assert contains(text, title)
    with pytest.warns(ExportWarning, match="too long for its cover page"):
        book = reader(wikipress.export_book([document], title=title))
    assert outline_tree(book) == [(title, [])]


def test_an_infobox_row_taller_than_a_page_prints_the_caption_once_per_page():
    """ReportLab put the rest of a table split between rows on the same page, where
    it split the tall row and printed the repeated caption a second time."""
    text = f"= Tall value =\n\nInfobox\n- Short: one\n- Huge: {_sentences(400)}\n- After: two\n"
    pdf = reader(wikipress.export(parse(text), "pdf"))
    pages = page_texts(pdf)
    assert len(pages) >= 3
    assert [page.count("Tall value") for page in pages] == [2] * len(pages)  # title or header, caption
    assert "Huge" in pages[0]  # the tall row starts under the short one, not a page later
    assert contains(body_text(pdf, {"Tall value", "Huge (continued)"}), _sentences(400))


def test_shortened_text_ends_at_a_word_where_one_ends_late_enough():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from wikipress.exporters.to_pdf.shortening import fit_width, shorten

    assert shorten("a riverside village near the old ferry landing", 30) == "a riverside village near the…"
    assert shorten("Llanfairpwllgwyngyllgogerychwyrndrobwll", 10) == "Llanfairp…"
    assert shorten("short", 30) == "short"
    long_title = "a riverside village near the old ferry landing " * 200
    fitted = fit_width(long_title, 300, "Helvetica", 9)
    prefix = fitted.removesuffix("…")
    assert long_title.startswith(prefix) and long_title[len(prefix)] == " "
    assert 0.6 * 300 < stringWidth(fitted, "Helvetica", 9) <= 300


def test_hyphenate_breaks_words_by_the_languages_patterns():
    pytest.importorskip("pyphen")
    text = "= Hyphens =\n\n" + " ".join(["Extraordinarily multidisciplinary institutions "
                                         "characteristically flourished."] * 12) + "\n"

    def lines(**options):
        pdf = reader(wikipress.export(parse(text), "pdf", page_size="a5", font_size=14, **options))
        return [line for page in page_texts(pdf) for line in page.splitlines()]

    assert not [line for line in lines() if line.endswith("-")]
    assert "/Lang" not in reader(wikipress.export(parse(text), "pdf")).trailer["/Root"]
    declared = reader(wikipress.export(parse(text), "pdf", hyphenate="en_US")).trailer["/Root"]
    assert declared["/Lang"] == "en-US"  # the hyphenation language is the text's
    hyphenated = lines(hyphenate="en_US")
    assert [line for line in hyphenated if line.endswith("-")]
    assert squash(text.split("\n\n")[1]) in squash("\n".join(hyphenated).replace("-\n", ""))
    url = "https://example.org/" + "extraordinarily/" * 40
    pdf = reader(wikipress.export(parse(f"= U =\n\nSee {url} here.\n"), "pdf", hyphenate="en_US"))
    drawn = []
    pdf.pages[0].extract_text(visitor_text=lambda t, cm, tm, font, size: drawn.append(t))
    assert max(map(len, drawn)) < 120 and contains("".join(drawn), url)  # a URL is cut, not hyphenated
    with pytest.raises(ExportError, match="no hyphenation patterns for 'xx_YY'"):
        wikipress.export(parse(text), "pdf", hyphenate="xx_YY")


@pytest.mark.parametrize("long_word, hyphenate", [
    ("https://example.org/archive/2019/collections/printing-presses/facsimile?page=42", None),
    ("https://example.org/archive/2019/collections/printing-presses/facsimile?page=42", "en_US"),
    ("Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft", None),
])
def test_a_paragraph_with_a_long_word_is_set_ragged_right(long_word, hyphenate):
    if hyphenate:
        pytest.importorskip("pyphen")
    words = "Printers set justified text by widening the spaces between words."
    article = f"= Gaps =\n\n{words} {words}\n\n{words} {long_word} {words}\n"
    options = {"hyphenate": hyphenate} if hyphenate else {}
    page = reader(wikipress.export(parse(article), "pdf", **options)).pages[0]
    widened = [spacing for spacing in word_spacings(page) if spacing > 0]
    assert len(widened) == 1  # the first paragraph's first line; no line of the second
    alone = parse(f"= Gaps =\n\n{words} {words}\n")
    lone = reader(wikipress.export(alone, "pdf", **options)).pages[0]
    assert [spacing for spacing in word_spacings(lone) if spacing > 0] == widened


def test_the_ragged_styles_keep_the_space_after_of_the_style_they_replace():
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT

    from wikipress.exporters.to_pdf.fonts import load_family
    from wikipress.exporters.to_pdf.options import PdfOptions
    from wikipress.exporters.to_pdf.styles import make_styles

    options = PdfOptions()
    styles = make_styles(options, load_family(options))
    for style in (styles.body, styles.body_piece):
        ragged = styles.ragged(style)
        assert style.alignment == TA_JUSTIFY and ragged.alignment == TA_LEFT
        assert ragged.spaceAfter == style.spaceAfter and ragged.fontSize == style.fontSize
    assert styles.body_piece.spaceAfter == 0 < styles.body.spaceAfter


def test_ordinary_long_words_on_a_narrow_page_in_large_type_stay_justified():
    words = "Printers in Constantinople set justified text by widening the spaces between words."
    article = f"= Gaps =\n\n{words} {words} {words}\n"
    page = reader(wikipress.export(parse(article), "pdf", page_size="a5", font_size=14)).pages[0]
    assert [spacing for spacing in word_spacings(page) if spacing > 0]


def test_a_long_compound_that_hyphenation_can_break_stays_justified():
    pytest.importorskip("pyphen")
    words = "Printers set justified text by widening the spaces between words."
    compound = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
    article = f"= Gaps =\n\n{words} {compound} {words} {words}\n"
    page = reader(wikipress.export(parse(article), "pdf", hyphenate="de_DE")).pages[0]
    assert [spacing for spacing in word_spacings(page) if spacing > 0]


def test_the_hyphenator_marks_words_and_leaves_addresses_whole():
    pytest.importorskip("pyphen")
    from wikipress.exporters.to_pdf.hyphens import SOFT_HYPHEN, Hyphenator

    marked = Hyphenator("en_US")("Extraordinarily, see https://example.org/extraordinarily or a@b.com!"
                                 " www.extraordinarily.example.org extraordinarily.txt")
    words = marked.split(" ")
    assert SOFT_HYPHEN in words[0] and words[0].replace(SOFT_HYPHEN, "") == "Extraordinarily,"
    assert words[2:] == ["https://example.org/extraordinarily", "or", "a@b.com!",
                         "www.extraordinarily.example.org", "extraordinarily.txt"]


def test_hyphenation_leaves_three_letters_for_the_next_line_and_the_last_word_whole():
    pytest.importorskip("pyphen")
    from wikipress.exporters.to_pdf.hyphens import SOFT_HYPHEN, Hyphenator

    hyphenate = Hyphenator("en_US")
    marked = hyphenate("A woman walked toward the extraordinarily remote camp at Ouallam.")
    assert "woman" in marked  # "wom-an" would leave two letters for the next line
    assert "to\u00adward" in marked  # three are enough
    assert marked.endswith(" Ouallam.") and SOFT_HYPHEN in marked.split(" ")[5]  # not the last word
    assert hyphenate("  Extraordinarily  ") == "  Extraordinarily  " and hyphenate("") == ""
    assert hyphenate("extraordinarily remote Ouallam (2005).").endswith(" Ouallam (2005).")
    assert "Oual\u00adlam" in hyphenate("Ouallam (2005).", last_whole=False)  # a piece that goes on


def test_a_paragraph_of_many_pages_is_set_in_pieces_cut_after_sentences():
    from wikipress.exporters.to_pdf.story import pieces

    text = _sentences(1500)  # about 70,000 characters
    parts = pieces(text, 10_000)
    assert len(parts) > 6 and all(len(part) <= 10_000 for part in parts)
    assert all(part.endswith(".") for part in parts) and " ".join(parts) == text
    assert pieces("x" * 25_000, 10_000) == ["x" * 10_000] * 2 + ["x" * 5_000]
    assert pieces("short") == ["short"]
    pdf = reader(wikipress.export(parse(f"= Long =\n\n{text}\n\nAfter.\n"), "pdf"))
    assert contains(body_text(pdf, {"Long"}), text + "After.")


def test_a_short_paragraph_that_leads_into_a_list_stays_with_its_first_item():
    separated = []
    for filler in range(96, 126, 2):  # moves the lead-in across the foot of page 1
        text = (f"= Parts =\n\n{_sentences(filler)}\n\nThe parts are:\n"
                f"- the first part\n- the second part\n")
        pages = page_texts(reader(wikipress.export(parse(text), "pdf")))
        lead = next(number for number, page in enumerate(pages) if "The parts are:" in page)
        if "the first part" not in pages[lead]:
            separated.append(filler)
    assert separated == []
    empty_list = Document((Text("T"),), content=(Paragraph((Text("Lead:"),)), BulletList(())),
                          sections=(Section((Text("Next"),), 2),))  # the AST allows one
    assert "Next" in page_texts(reader(wikipress.export(empty_list, "pdf")))[0]


@pytest.mark.parametrize("count", [3, 5])
def test_a_table_never_leaves_one_row_alone_on_a_page(count):
    rows = "".join(f"- Key {n}: value {n}\n" for n in range(1, count + 1))
    splits = set()
    # Right after a heading, the heading keeps room for two rows; after a paragraph,
    # the table itself moves to the next page rather than leave one row behind, or
    # takes a second row along rather than send one alone to the next page.
    for heading in ("== Table ==\n\n", "== T ==\n\nA line before it.\n\n"):
        for filler in [*range(86, 100), *range(100, 136, 4)]:  # the table crosses page 1's foot
            text = f"= Rows =\n\n{_sentences(filler)}\n\n{heading}Infobox\n{rows}After it.\n"
            pages = page_texts(reader(wikipress.export(parse(text), "pdf")))
            rows_per_page = [sum(f"Key {n}\n" in page + "\n" for n in range(1, count + 1))
                             for page in pages]
            splits.add(tuple(number for number in rows_per_page if number))
    assert sum(splits, ()) and all(number >= 2 for split in splits for number in split)
    assert (count < 4) == (splits == {(count,)})  # a short table never splits


@pytest.mark.parametrize("count", [2, 3, 5])
def test_a_list_never_leaves_one_item_alone_on_a_page(count):
    items = "".join(f"- Item {n}\n" for n in range(1, count + 1))
    splits = set()
    for filler in range(96, 112):  # moves the list across the foot of page 1
        text = f"= Items =\n\n{_sentences(filler)}\n\n{items}\nAfter it.\n"
        pages = page_texts(reader(wikipress.export(parse(text), "pdf")))
        per_page = [sum(f"Item {n}\n" in page + "\n" for n in range(1, count + 1)) for page in pages]
        splits.add(tuple(number for number in per_page if number))
    assert all(number >= 2 for split in splits for number in split)
    assert (count < 4) == (splits == {(count,)})  # a list of three or fewer does not split


def test_a_tall_row_on_a_tables_later_page_starts_under_the_rows_before_it():
    """A continuation split only between rows, and left most of a page empty
    above a row taller than the space left."""
    rows = "".join(f"- Key {n}: value\n" for n in range(36))
    text = f"= Box =\n\nInfobox\n{rows}- Long: {'word ' * 900}\n- Last: x\n\nText after.\n"
    pages = page_texts(reader(wikipress.export(parse(text), "pdf")))
    second = next(number for number, page in enumerate(pages) if "Key 35" in page)
    assert second > 0 and "Long\n" in pages[second] and "Long (continued)" in pages[second + 1]


def test_a_contents_entrys_turnover_lines_start_deeper_than_the_next_levels_entries():
    title = ("The very long title of an article about the harbour bridge winter printer "
             "and the lamp tower that stood by the quay for three hundred years")
    long = parse(f"= {title} =\n\nText.\n\n== First section ==\n\nA.\n")
    book = reader(wikipress.export_book([long, parse("= Other =\n\nB.\n")], title="Two"))
    starts = {}

    def note(text, cm, tm, font, size):
        if text.strip():
            starts.setdefault(text.strip().split()[0], tm[4])

    book.pages[1].extract_text(visitor_text=note)  # the contents page
    assert starts["that"] > starts["First"] > starts["The"]  # "that stood by the quay..."


def test_no_break_spaces_do_not_break_and_a_zero_width_space_stays_invisible():
    """ReportLab broke lines at narrow no-break spaces, and printed a zero-width
    space as a word space when the paragraph also had a no-break space."""
    french = parse("= Bonjour =\n\n" + "Bonjour\u202f! " * 40 + "\n")
    lines = [line for page in page_texts(reader(wikipress.export(french, "pdf", page_size="a5")))
             for line in page.splitlines()]
    assert len(lines) > 4 and not [line for line in lines if line.lstrip().startswith("!")]
    mixed = parse("= Spaces =\n\nA no\u00a0break and a zero\u200bwidth space.\n")
    assert "zerowidth" in page_texts(reader(wikipress.export(mixed, "pdf")))[0]


def test_a_narrow_key_column_marks_a_continued_row_without_breaking_the_mark():
    value = " ".join(f"word{n}" for n in range(1500))
    document = parse(f"= Narrow =\n\nInfobox\n- Population: {value}\n\nAfter.\n")
    pages = page_texts(reader(wikipress.export(document, "pdf", page_size="a5", font_size=24)))
    lines = [line.strip() for page in pages[1:] for line in page.splitlines()]
    assert "(cont.)" in lines and ")" not in lines and "(continued" not in lines, lines[:12]
