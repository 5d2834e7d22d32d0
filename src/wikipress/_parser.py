"""The Lark side of the reader: grammar file in, a list of block tokens out.

This is the only module that imports Lark. The grammar (``article.lark``) is
loaded once per process and compiled into an LALR parser whose transformer runs
inside the parse (no tree is built); the tokens it yields are handed to
:mod:`._builder`, which makes the AST. Exporters never see Lark.

Lark's own lexer does general work per token that this grammar does not need
(a line counter walking every token, a token per ignored blank line, columns
that are always 1). :class:`BlockLexer` is a Lark lexer class built from the
grammar's own terminal definitions, so the ``.lark`` file stays the only copy of
the patterns; it yields exactly the tokens of Lark's standard lexer (the tests
compare them), in one regular-expression match per block.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Iterator

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, UnexpectedCharacters
from lark.lexer import Lexer, LexerState

__all__ = ["grammar_text", "make_parser", "block_tokens", "BlockLexer", "WholeText", "TERMINALS"]

# The grammar's block terminals; _builder.py has one handler for each.
TERMINALS = frozenset({"HEADING", "INFOBOX", "ITEMS", "TEXT"})


def grammar_text() -> str:
    """The grammar: inside the installed package, or ``grammar/`` of a checkout."""
    packaged = resources.files(__package__).joinpath("article.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammar" / "article.lark"
    return checkout.read_text(encoding="utf-8")


class WholeText:
    """A text for :class:`BlockLexer`, handed over by Lark untouched.

    Lark wraps a ``str`` input in a slice object with a line counter before
    lexing; "custom input" (any other object, for a custom lexer) goes to the
    lexer as it is, which saves that work on every parse.
    """

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class BlockLexer(Lexer):
    """Lexes the block grammar: every token starts at column 1 and ends with ``\\n``.

    One compiled pattern matches the ignored terminals' repetition (blank lines)
    followed by one of the block terminals, each in a named group; the group
    that matched names the token. Because every terminal ends with a line end,
    a token's line is the previous token's line plus its line ends, and its
    column is 1, with no per-character bookkeeping.
    """

    __future_interface__ = 2  # lex(lexer_state, parser_state), as Lark's own lexers

    def __init__(self, conf) -> None:
        ignored = [t for t in conf.terminals if t.name in conf.ignore]
        blocks = [t for t in conf.terminals if t.name not in conf.ignore]
        skip = "|".join(t.pattern.to_regexp() for t in ignored) or "(?!)"
        alternatives = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in blocks)
        compile_ = conf.re_module.compile
        self.match = compile_(f"(?:{skip})*(?:{alternatives})", conf.g_regex_flags).match
        self.skip = compile_(f"(?:{skip})*", conf.g_regex_flags).match
        self.terminals = frozenset(t.name for t in conf.terminals)

    def lex(self, lexer_state: LexerState, parser_state) -> Iterator[Token]:
        text = lexer_state.text
        if isinstance(text, WholeText):
            text = text.text
        elif not isinstance(text, str):  # a TextSlice: only whole texts are lexed
            if not text.is_complete_text():
                raise TypeError("BlockLexer lexes whole texts, not slices")
            text = text.text
        match, make, count = self.match, Token._future_new, text.count
        position, line = 0, 1
        while found := match(text, position):
            kind = found.lastgroup
            start, end = found.span(kind)
            if start != position:
                line += count("\n", position, start)
            lines = count("\n", start, end)
            yield make(kind, found.group(kind), start, line, 1, line + lines, 1, end)
            line += lines
            position = end
        end = self.skip(text, position).end()  # what no block matched: only blank lines?
        if end < len(text):
            line += count("\n", position, end)
            raise UnexpectedCharacters(text, end, line, 1, allowed=self.terminals)


class _Blocks(Transformer):
    """Runs inside the LALR parse (no tree is built). Stateless, so shared."""

    def start(self, children: list) -> list[Token]:
        return children[0] if children else []

    def blocks(self, children: list) -> list[Token]:
        """``blocks: blocks BLOCK | BLOCK``: one list, appended to in place."""
        if len(children) == 1:
            return children
        found, token = children
        found.append(token)
        return found

    def __default__(self, data, children, meta):
        """A rule without a method would leak a raw ``Tree``: refuse it."""
        raise TypeError(f"grammar rule '{data}' has no transformer method")


def make_parser(grammar: str) -> Lark:
    """An LALR parser for *grammar* with the block lexer and the inline transformer."""
    parser = Lark(grammar, parser="lalr", lexer=BlockLexer, transformer=_Blocks())
    _check_grammar(parser)
    return parser


@functools.cache
def _parser() -> Lark:
    return make_parser(grammar_text())


def _check_grammar(parser: Lark) -> None:
    """Refuse a grammar the builder does not fully understand.

    An inline transformer silently builds a raw ``Tree`` for a rule that has no
    method, and an unknown terminal would reach the builder unhandled: both are
    caught here, when the grammar is loaded, instead of in a user's output.
    """
    for rule in parser.rules:
        name = rule.origin.name
        if not hasattr(_Blocks, name):
            raise TypeError(f"grammar rule '{name}' has no transformer method")
    terminals = {t.name for t in parser.terminals} - set(parser.ignore_tokens)
    if terminals != TERMINALS:
        raise TypeError(f"grammar terminals {sorted(terminals)} != {sorted(TERMINALS)}")


def block_tokens(text: str) -> list[Token]:
    """Lex and parse prepared text (``\\n`` line ends, final newline) into blocks."""
    try:
        return _parser().parse(WholeText(text))
    except LarkError as error:  # pragma: no cover - every line is some block
        raise AssertionError(f"grammar does not cover the input: {error}") from error
