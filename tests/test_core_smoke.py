"""First checks of the reader and the built-in exporters on the reference article."""

from pathlib import Path

import yaml

import wikipress
from wikipress import Paragraph, parse, parse_file

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SEED = SAMPLES / "mangaize-attack.txt"


def test_seed_title_infobox_and_sections():
    doc = parse_file(SEED)
    assert doc.title_text == "Mangaïzé attack"
    assert doc.infobox.get("Casualties1") == "9 killed, 4 injured, 3 missing"
    assert [s.heading_text for s in doc.sections] == ["Background", "Attack", "Aftermath"]
    assert doc.diagnostics == ()


def test_seed_yaml_shape():
    data = yaml.safe_load(wikipress.export(parse_file(SEED), "yaml"))
    assert list(data) == ["title", "infobox", "content", "sections"]
    assert data["infobox"]["Place"] == "Mangaïzé refugee camp, Ouallam Department, Niger"
    assert data["sections"][2]["content"][1]["paragraph"].startswith("The Nigerien Minister")


def test_seed_markup_round_trip_is_byte_exact():
    raw = SEED.read_text(encoding="utf-8")
    assert wikipress.export(parse(raw), "markup") == raw


def test_positions_are_not_part_of_equality():
    a = parse("= T =\n\nA paragraph.\n")
    b = parse("= T =\n\n\n\n   A paragraph.\n")
    assert a == b
    assert a.content[0].line == 3 and b.content[0].line == 5
    assert isinstance(a.content[0], Paragraph)
