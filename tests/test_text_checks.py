"""The quick test for suspect characters never misses one.

``prepare`` looks for control characters and lone surrogates with a fast byte
test first and searches the exact pattern only when that test fires, so the
fast test must fire for every character the pattern matches.
"""

from __future__ import annotations

from wikipress import _text, parse


def test_quick_test_fires_for_every_suspect_character():
    missed = [hex(code) for code in range(0x110000)
              if _text._SUSPECT.match(chr(code)) and not _text._may_hold_suspects(chr(code))]
    assert missed == []


def test_quick_test_is_quiet_for_ordinary_text():
    assert not _text._may_hold_suspects("= Mangaïzé =\n\tTab, 東京, Ωμέγα, emoji \U0001F600\n")


def test_warnings_still_come_after_a_false_alarm():
    """U+00A0 (no-break space) trips the quick test but is no control character."""
    assert _text._may_hold_suspects("a\u00a0b")
    assert parse("= T =\n\na\u00a0b\n").diagnostics == ()
    found = parse("= T =\n\na\u00a0b\x85c\x07d\n").diagnostics
    assert [d.message for d in found] == ["control character U+0007 in the text (kept as it is)"]
