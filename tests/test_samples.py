"""The bundled samples: what each one exercises, and the round trip through markup."""

from __future__ import annotations

import pytest
import yaml

import wikipress
from wikipress import BulletList, Infobox, Section, walk
from _support import NON_CANONICAL, SAMPLE_FILES, SAMPLES

IDS = [path.name for path in SAMPLE_FILES]


def parsed(name: str) -> wikipress.Document:
    return wikipress.parse_file(SAMPLES / name)


def test_there_are_at_least_eight_samples_with_distinct_output_names():
    assert len(SAMPLE_FILES) >= 8
    stems = [path.stem for path in SAMPLE_FILES]
    assert len(set(stems)) == len(stems)
    assert "samples-book" not in stems  # exports/samples-book.pdf is the book of all samples
    assert not list(SAMPLES.glob("*.wiki")), "a .wiki sample would clash with the markup export"


def test_the_reference_article_converts_to_the_documented_yaml():
    data = yaml.safe_load(wikipress.export(parsed("mangaize-attack.txt"), "yaml"))
    assert list(data) == ["title", "infobox", "content", "sections"]
    assert data["title"] == "Mangaïzé attack"
    assert data["infobox"] == {
        "Conflict": "Mangaïzé attack",
        "Place": "Mangaïzé refugee camp, Ouallam Department, Niger",
        "Partof": "Jihadist insurgency in Niger",
        "Date": "October 30, 2014",
        "Result": "al-Mourabitoun victory",
        "Combatant1": "Niger",
        "Combatant2": "al-Mourabitoun",
        "Casualties1": "9 killed, 4 injured, 3 missing",
        "Casualties2": "2 killed, 4 POWs",
        "Casualties3": "1 civilian killed, 2 injured",
    }
    assert list(data["infobox"])[0] == "Conflict" and list(data["infobox"])[-1] == "Casualties3"
    assert data["content"] == [{"paragraph": (
        "On October 30, 2014, militants from al-Mourabitoun attacked a refugee camp in "
        "Mangaïzé, Niger as part of a simultaneous three-pronged attack on Nigerien forces "
        "in Mangaïzé, Ouallam, and Bani-Bangou.")}]
    assert [(s["heading"], s["level"], len(s["content"]), s["sections"])
            for s in data["sections"]] == [
        ("Background", 2, 1, []), ("Attack", 2, 1, []), ("Aftermath", 2, 2, [])]
    assert data["sections"][2]["content"][1]["paragraph"].endswith(
        "two civilians were also shot in the Mangaïzé attack.")


def test_the_yaml_is_utf8_unescaped_block_style():
    text = wikipress.export(parsed("mangaize-attack.txt"), "yaml")
    assert "Mangaïzé" in text and "\\x" not in text and "\\u" not in text
    flow = text.replace("[]", "").replace("{}", "")  # empty collections have no block form
    assert "{" not in flow and "[" not in flow


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=IDS)
def test_markup_round_trip_gives_an_equal_document(path):
    document = wikipress.parse_file(path)
    again = wikipress.parse(wikipress.export(document, "markup"))
    assert again == document
    assert wikipress.export(again, "markup") == wikipress.export(document, "markup")


@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if p.name not in NON_CANONICAL],
                         ids=[p.name for p in SAMPLE_FILES if p.name not in NON_CANONICAL])
def test_canonical_samples_round_trip_byte_for_byte(path):
    raw = path.read_bytes()
    assert wikipress.export(wikipress.parse(raw), "markup").encode("utf-8") == raw


def test_most_samples_are_canonical():
    assert len(SAMPLE_FILES) - len(NON_CANONICAL) >= 6
    for name in NON_CANONICAL:
        raw = (SAMPLES / name).read_bytes()
        assert wikipress.export(wikipress.parse(raw), "markup").encode() != raw, name


@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if p.name != "field-notes-draft.txt"],
                         ids=[p.name for p in SAMPLE_FILES if p.name != "field-notes-draft.txt"])
def test_samples_other_than_the_draft_give_no_diagnostics(path):
    assert wikipress.parse_file(path).diagnostics == ()


def test_the_draft_converts_with_warnings_on_the_right_lines():
    document = parsed("field-notes-draft.txt")
    found = [(d.line, d.column, d.severity.value) for d in document.diagnostics]
    assert found == [(1, 1, "warning"), (8, 1, "warning"), (9, 1, "warning"),
                     (10, 1, "warning"), (11, 1, "warning"), (16, 1, "warning"),
                     (19, 1, "warning"), (25, 1, "warning"), (28, 1, "warning")]
    assert document.title_text == "Field notes: the old mill"
    assert document.infobox.get("Visited") == "15 May"
    assert document.infobox.get("Coordinates unknown") == ""


def test_heading_levels_up_to_six_and_lists():
    levels = {node.level for node in walk(parsed("printing-press.txt")) if isinstance(node, Section)}
    assert levels == {2, 3, 4, 5, 6}
    lists = [n for n in walk(parsed("ada-lovelace.txt")) if isinstance(n, BulletList)]
    assert len(lists) >= 2


def test_an_article_without_infobox_and_an_embedded_infobox():
    assert parsed("sourdough-starter.txt").infobox is None
    embedded = [n for n in walk(parsed("printing-press.txt")) if isinstance(n, Infobox)]
    assert len(embedded) == 2  # the article's, and one inside a section


def test_a_long_multi_section_article():
    document = parsed("printing-press.txt")
    sections = [n for n in walk(document) if isinstance(n, Section)]
    assert len(sections) >= 20
    assert len(wikipress.export(document, "text").split()) >= 700


@pytest.mark.parametrize("name, low, high", [
    ("thessaloniki.txt", 0x0370, 0x03FF),     # Greek
    ("lake-baikal.txt", 0x0400, 0x04FF),      # Cyrillic
    ("ha-long-bay.txt", 0x1EA0, 0x1EFF),      # Vietnamese letters of Latin Extended Additional
])
def test_non_latin_scripts(name, low, high):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert sum(low <= ord(char) <= high for char in text) >= 20
    exported = wikipress.export(parsed(name), "yaml")
    assert all(char in exported for char in text if low <= ord(char) <= high)


def test_the_crlf_sample_has_only_crlf_line_ends():
    raw = (SAMPLES / "tidal-power-crlf.txt").read_bytes()
    assert raw.count(b"\r\n") >= 10 and raw.count(b"\n") == raw.count(b"\r\n")
    lf = wikipress.parse(raw.replace(b"\r\n", b"\n"))
    assert wikipress.parse(raw) == lf and len(lf.sections) == 2


def test_markup_lookalikes_stay_literal_in_every_text_export():
    document = parsed("markup-lookalikes.txt")
    needles = ['<b>', '&amp;', '<img src="/etc/passwd"/>', '<font', '<a href=', '"', "'", "<", ">"]
    for fmt in ("yaml", "markup", "text"):
        out = wikipress.export(document, fmt)
        for needle in needles:
            assert needle in out, (fmt, needle)
    assert document.title_text == 'Escaping <b>markup</b> & "quotes" in articles'
    assert document.infobox.get("<b>Bold key</b>") == "<i>italic value</i>"
