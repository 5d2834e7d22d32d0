"""The block lexer and the grammar checks that guard the parser's speed work.

``BlockLexer`` replaces Lark's standard lexer for speed; it must yield exactly
the tokens Lark's own lexer yields from the same grammar (type, text, offsets,
lines, columns), on the samples, on tricky inputs and on many generated
line mixtures. The load-time checks must still refuse a grammar the builder
does not understand.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lark import Lark
from lark.exceptions import UnexpectedCharacters
from lark.lexer import LexerState

from wikipress import _parser

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))

TRICKY = [
    "",
    "\n",
    "\n\n\n",
    "   \n\t\n",
    "= T =\n",
    "\n\n= T =\n\n\n",
    "= T =\nInfobox\n- a: b\n-\n*\n- \ntext\n",
    "Infobox\n\n- a: b\n",
    " \u3000Infobox\u3000\n\xa0- k: v\n",
    "Infobox x\n- a\n",
    "==\n= =\n====\n=a=b=\n== unclosed\nunopened ==\n",
    "  == indented ==  \n\t=== tab ===\t\n",
    "- a\n* b\n-x\n*- c\n--\n**\n",
    "text\n- item\ntext again\n",
    "a\x0bb\n\x0c\n\x85\n\u2028\n",
    "Ωμέγα\n東京\n= 서울 =\n",
    "x" * 50_000 + "\n" + " " * 50_000 + "\n" + "=" * 50_000 + "\n",
    "= " + "a " * 20_000 + "=\n",
    "\n" * 5_000 + "text\n" + "\n" * 5_000,
]

FRAGMENTS = [
    "= T =", "== A ==", "=== B ===", "  == C ==  ", "==", "= =", "=x", "x=", "== open",
    "Infobox", " Infobox ", "Infobox:", "- k: v", "  * item", "-", "*", "- ", "-x", "--",
    "text", "  text  ", "", "   ", "\t", "\u3000", "\xa0- k", "東京", "a = b",
]


def _mixtures(count: int) -> list[str]:
    rng = random.Random(7)
    texts = []
    for _ in range(count):
        lines = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12))]
        texts.append("\n".join(lines) + "\n")
    return texts


@pytest.fixture(scope="module")
def standard() -> Lark:
    """Lark's own lexer for the same grammar (no parser needed to lex)."""
    return Lark(_parser.grammar_text(), parser="lalr", lexer="basic")


def _fields(tokens) -> list[tuple]:
    return [(t.type, str(t), t.start_pos, t.line, t.column, t.end_line, t.end_column, t.end_pos)
            for t in tokens]


def _block_lexer_tokens(text: str) -> list:
    """The block lexer alone, made from the shipped parser's lexer configuration."""
    lexer = _parser.BlockLexer(_parser.make_parser(_parser.grammar_text()).lexer_conf)
    return list(lexer.lex(LexerState(text), None))


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in SAMPLES] + TRICKY,
                         ids=[p.name for p in SAMPLES] + [f"tricky{i}" for i in range(len(TRICKY))])
def test_same_tokens_as_larks_lexer(standard, text):
    expected = _fields(standard.lex(text))
    assert _fields(_block_lexer_tokens(text)) == expected
    assert _fields(_parser.block_tokens(text)) == expected  # through the LALR parse


def test_same_tokens_on_generated_line_mixtures(standard):
    for text in _mixtures(1500):
        assert _fields(_parser.block_tokens(text)) == _fields(standard.lex(text)), repr(text)


def test_every_token_starts_a_line(standard):
    """The lexer's premise: tokens start at column 1, so lines are counted per token."""
    for text in _mixtures(300) + TRICKY:
        for token in standard.lex(text):
            assert token.column == 1 and token.end_column == 1


@pytest.mark.parametrize("text", ["text", "a\n\n  ", "a\n\n\nb", "- item"])
def test_uncovered_text_fails_where_larks_lexer_fails(standard, text):
    """Unprepared text (no final newline) is refused at the same place."""
    with pytest.raises(UnexpectedCharacters) as ours:
        _block_lexer_tokens(text)
    with pytest.raises(UnexpectedCharacters) as theirs:
        list(standard.lex(text))
    assert (ours.value.pos_in_stream, ours.value.line, ours.value.column) == \
        (theirs.value.pos_in_stream, theirs.value.line, theirs.value.column)


def test_block_tokens_keep_input_order_and_cover_all_non_blank_text():
    text = "".join(_mixtures(200))
    tokens = _parser.block_tokens(text)
    assert [t.start_pos for t in tokens] == sorted(t.start_pos for t in tokens)
    covered = "".join(tokens)
    assert covered.split() == text.split()


def _grammar(old: str, new: str) -> str:
    grammar = _parser.grammar_text()
    assert old in grammar
    return grammar.replace(old, new)


def test_rule_without_transformer_method_is_refused_at_load():
    grammar = _grammar("start: blocks?", "start: body?\nbody: blocks")
    with pytest.raises(TypeError, match="grammar rule 'body' has no transformer method"):
        _parser.make_parser(grammar)


def test_unknown_terminal_is_refused_at_load():
    grammar = _grammar("      | HEADING | INFOBOX | ITEMS | TEXT",
                       "      | HEADING | INFOBOX | ITEMS | TEXT | TABLE\nTABLE: /\\|[^\\n]*\\n/")
    with pytest.raises(TypeError, match="grammar terminals"):
        _parser.make_parser(grammar)


def test_rule_without_method_never_leaks_a_tree_at_parse_time():
    """Past the load-time check, the transformer itself refuses such a rule."""
    grammar = _grammar("start: blocks?", "start: body?\nbody: blocks")
    parser = Lark(grammar, parser="lalr", lexer=_parser.BlockLexer, transformer=_parser._Blocks())
    with pytest.raises(Exception, match="grammar rule 'body' has no transformer method"):
        parser.parse("text\n")


def test_the_shipped_grammar_passes_the_checks():
    parser = _parser.make_parser(_parser.grammar_text())
    assert {t.name for t in parser.terminals} - set(parser.ignore_tokens) == _parser.TERMINALS
