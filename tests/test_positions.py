"""Line and column of every node kind, including indented blocks.

The builder computes positions from whole-block tokens (one token per block,
not per line), so each kind is checked where its position is not simply the
token's start: indented markers and items, later lines of a block, articles
inside a corpus (``first_line``).
"""

from __future__ import annotations

from wikipress import ArticleReader, Field, Infobox, walk

ARTICLE = (
    "\n"
    "  = Title =\n"                  # 2
    "\n"
    "  Infobox\n"                    # 4
    "- Place: here\n"                # 5
    "\t* Date: today\n"              # 6
    "\n"
    "   First line of the lead\n"    # 8
    "second line.\n"                 # 9
    "\n"
    " == Section ==\n"               # 11
    "- one\n"                        # 12
    "    * two\n"                    # 13
    "Text with\n"                    # 14
    "=broken heading\n"              # 15
    "\n"
    " Infobox\n"                     # 17
    "  - Key: value\n"               # 18
    "- Key: again\n"                 # 19
)


def _positions(first_line: int = 1):
    document = ArticleReader().read(ARTICLE, first_line=first_line)
    return document, [(type(node).__name__, node.line, node.column) for node in walk(document)]


def test_positions_of_every_node():
    document, found = _positions()
    assert found == [
        ("Document", 1, 1),
        ("Text", 2, 3),
        ("Infobox", 4, 3), ("Field", 5, 1), ("Text", 5, 1), ("Field", 6, 2), ("Text", 6, 2),
        ("Paragraph", 8, 4), ("Text", 8, 4),
        ("Section", 11, 2), ("Text", 11, 2),
        ("BulletList", 12, 1), ("ListItem", 12, 1), ("Text", 12, 1),
        ("ListItem", 13, 5), ("Text", 13, 5),
        ("Paragraph", 14, 1), ("Text", 14, 1),
        ("Infobox", 17, 2), ("Field", 18, 3), ("Text", 18, 3),
    ]
    assert [(d.line, d.column) for d in document.diagnostics] == [(15, 1), (19, 1)]


def test_a_duplicate_key_keeps_its_first_place_and_takes_the_later_value():
    document, _ = _positions()
    infobox = document.sections[0].content[-1]
    assert isinstance(infobox, Infobox)
    assert infobox.fields == (Field("Key", infobox.fields[0].value),)
    assert (infobox.fields[0].line, infobox.fields[0].column) == (18, 3)
    assert infobox.get("Key") == "again"


def test_positions_inside_a_corpus_are_shifted():
    _, here = _positions()
    _, there = _positions(first_line=101)
    assert there[0] == ("Document", 101, 1)
    assert [(kind, line + 100, column) for kind, line, column in here[1:]] == there[1:]
