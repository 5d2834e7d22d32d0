"""Line and column of every node kind, including indented blocks.

The builder computes positions from whole-block tokens (one token per block,
not per line), so each kind is checked where its position is not simply the
token's start: indented markers and items, later lines of a block, articles
inside a corpus (``first_line``), lines that start with a dropped U+FEFF.
"""

from __future__ import annotations

import io

from wikipress import ArticleReader, Field, Infobox, parse, parse_articles, walk

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


MARKED = (                    # a U+FEFF starting a line: the mark of a file joined on
    "= Title =\n"             # 1
    "\n"
    "\ufeffab\x07c\n"         # 3: a control character
    "\ufeff=d\n"              # 4: an '=' that opens no heading
    "\n"
    "\ufeffInfobox\n"         # 6
    "\ufeff- K: v\n"          # 7
    "\n"
    "\ufeff== Section ==\n"   # 9
    "\ufeff- item\n"          # 10
)


def _marked_inputs():
    yield "str", lambda: [parse(MARKED)]
    for codec in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):  # the last three with the input's mark
        data = MARKED.encode(codec)
        yield codec, lambda data=data: [parse(data)]
        yield f"{codec} corpus", lambda data=data: parse_articles(io.BytesIO(data))
    yield "text corpus", lambda: parse_articles(io.StringIO(MARKED))


def test_a_mark_dropped_at_a_lines_start_takes_its_column():
    """A warning counted columns without the mark, a bad byte with it: every
    position counts it now, as the file holds it (the input's own mark, before
    the first line, takes none)."""
    for name, read in _marked_inputs():
        (document,) = read()
        assert [(type(node).__name__, node.line, node.column) for node in walk(document)] == [
            ("Document", 1, 1), ("Text", 1, 1),
            ("Infobox", 6, 2), ("Field", 7, 2), ("Text", 7, 2),
            ("Paragraph", 3, 2), ("Text", 3, 2),
            ("Section", 9, 2), ("Text", 9, 2),
            ("BulletList", 10, 2), ("ListItem", 10, 2), ("Text", 10, 2),
        ], name
        found = [(d.line, d.column, d.message[:20]) for d in document.diagnostics]
        assert found[-2:] == [(3, 4, "control character U+"), (4, 2, "a line that starts w")], name


def test_on_the_first_line_the_mark_after_the_inputs_own_takes_column_1():
    for text in ("\ufeff= T =\n", "\ufeff\ufeff= T =\n"):
        column = text.count("\ufeff")  # the input's mark takes no column
        for document in (parse(text), parse(text.encode()), *parse_articles(io.StringIO(text)),
                         *parse_articles(io.BytesIO(text.encode()))):
            assert (document.title[0].line, document.title[0].column) == (1, column), text
