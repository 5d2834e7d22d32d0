"""Run every numbered example of docs/format.md, so the spec cannot drift from the code.

An example is a ``**Example N**`` line followed by fenced blocks: the input
(``article`` or ``article escaped``) and what it gives (``yaml``,
``diagnostics``, and optionally ``json``, ``markup`` and ``text``). docs/format.md says
how to read them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import wikipress
from wikipress import Diagnostic, ParseError

SPEC = Path(__file__).resolve().parents[1] / "docs" / "format.md"
_MARKER = re.compile(r"^\*\*Example (\d+)\*\*$")
_FENCE = re.compile(r"^```(\S.*)?$")
KINDS = {"article", "article escaped", "yaml", "json", "diagnostics", "markup", "text"}


@dataclass
class Example:
    number: int
    line: int  # of its marker in docs/format.md
    blocks: dict[str, str] = field(default_factory=dict)

    @property
    def input(self) -> bytes:
        if "article escaped" in self.blocks:
            escaped = self.blocks["article escaped"].replace("\n", "")
            return codecs.escape_decode(escaped.encode("utf-8"))[0]
        return self.blocks["article"].encode("utf-8")


def read_examples(text: str) -> list[Example]:
    """The examples in order; raises ``ValueError`` on a malformed spec."""
    examples: list[Example] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if match := _MARKER.match(line):
            examples.append(Example(int(match.group(1)), index + 1))
        elif line.startswith("#"):
            examples.append(None)  # a heading ends the current example
        elif (fence := _FENCE.match(line)) and examples and examples[-1] is not None:
            kind = (fence.group(1) or "").strip()
            end = lines.index("```", index + 1)
            if kind not in KINDS or kind in examples[-1].blocks:
                raise ValueError(f"format.md:{index + 1}: unexpected ```{kind} block")
            body = lines[index + 1:end]
            examples[-1].blocks[kind] = "".join(part + "\n" for part in body)
            index = end
        index += 1
    return [example for example in examples if example is not None]


def diagnostic_line(diagnostic: Diagnostic) -> str:
    if diagnostic.line:
        return f"{diagnostic.line}:{diagnostic.column}: {diagnostic.severity.value}: {diagnostic.message}"
    return f"{diagnostic.severity.value}: {diagnostic.message}"


def outcome(data: bytes) -> dict[str, str]:
    """What the code gives for an input, in the blocks' terms."""
    try:
        document = wikipress.parse(data)
    except ParseError as error:
        found = list(error.warnings) + [error.diagnostic]
        return {"diagnostics": "".join(diagnostic_line(d) + "\n" for d in found)}
    result = {
        "yaml": wikipress.export(document, "yaml"),
        "json": wikipress.export(document, "json"),
        "markup": wikipress.export(document, "markup"),
        "text": wikipress.export(document, "text"),
    }
    if document.diagnostics:
        result["diagnostics"] = "".join(diagnostic_line(d) + "\n" for d in document.diagnostics)
    return result


EXAMPLES = read_examples(SPEC.read_text(encoding="utf-8"))


def test_examples_are_numbered_in_order():
    assert [example.number for example in EXAMPLES] == list(range(1, len(EXAMPLES) + 1))
    assert len(EXAMPLES) >= 40


def test_every_example_has_an_input_and_an_outcome():
    for example in EXAMPLES:
        kinds = set(example.blocks)
        assert len(kinds & {"article", "article escaped"}) == 1, example.number
        assert kinds & {"yaml", "json", "diagnostics", "markup", "text"}, example.number


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: f"example-{example.number}")
def test_example(example: Example):
    got = outcome(example.input)
    where = f"docs/format.md:{example.line}: Example {example.number}"
    assert got.get("diagnostics", "") == example.blocks.get("diagnostics", ""), where
    if "yaml" not in got:
        assert "yaml" not in example.blocks, f"{where}: an error gives no document"
        return
    for kind in ("yaml", "json", "markup", "text"):
        if kind in example.blocks:
            assert got[kind] == example.blocks[kind], f"{where}: {kind}"
    document = wikipress.parse(example.input)
    assert wikipress.parse(got["markup"]) == document, f"{where}: markup round trip"


def test_yaml_examples_match_the_issue_shape():
    """Every yaml block loads with safe_load and has the four keys in order."""
    import yaml

    for example in EXAMPLES:
        if "yaml" in example.blocks:
            data = yaml.safe_load(example.blocks["yaml"])
            assert list(data) == ["title", "infobox", "content", "sections"], example.number


def test_reader_refuses_a_malformed_spec():
    with pytest.raises(ValueError):
        read_examples("**Example 1**\n\n```article\nx\n```\n\n```article\ny\n```\n")
    with pytest.raises(ValueError):
        read_examples("**Example 1**\n\n```pdf\nx\n```\n")


# Every diagnostic the reader gives for some input, by the start of its message.
# Two more can only come from a Python str, never from a file's bytes (a NUL
# character, a lone surrogate); docs/format.md describes them in prose and
# tests/test_diagnostics.py checks them.
READER_DIAGNOSTICS = [
    "error: the input is empty", "error: the input holds only whitespace",
    "error: invalid UTF-8", "error: binary input: NUL byte", "warning: the input is UTF-16",
    "warning: control character", "warning: a line that starts with '='",
    "warning: duplicate infobox key", "warning: infobox item without ':'",
    "warning: infobox item with an empty key", "warning: empty infobox item",
    "warning: no title", "warning: text before the title", "warning: an infobox before the title",
    "warning: a section before the title", "error: a second title",
    "warning: heading level jumps",
]


def test_every_diagnostic_of_the_reader_is_shown_in_an_example():
    shown = "".join(example.blocks.get("diagnostics", "") for example in EXAMPLES)
    missing = [start for start in READER_DIAGNOSTICS if f": {start}" not in shown
               and not any(line.startswith(start) for line in shown.splitlines())]
    assert missing == []


def test_the_diagnostics_table_points_at_examples_that_show_each_message():
    table = SPEC.read_text(encoding="utf-8").split("## 7. Diagnostics", 1)[1].split("\n## ", 1)[0]
    by_number = {example.number: example for example in EXAMPLES}
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) >= 17
    for cells in rows:
        starts = re.findall(r"`([^`]*?)(?: \(|`)", cells[0])
        numbers = [int(n) for n in re.findall(r"\d+", cells[3])]
        shown = "".join(by_number[n].blocks.get("diagnostics", "") for n in numbers)
        for start in starts:
            stem = start.split("0x")[0].split("U+")[0].split(" N")[0].split(" L ")[0].strip()
            assert not numbers or stem in shown, (stem, numbers)
