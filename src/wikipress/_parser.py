"""The Lark side of the reader: grammar file in, a list of block tokens out.

This is the only module that imports Lark. The grammar (``article.lark``) is
loaded once per process and compiled into an LALR parser; the tokens it yields
are handed to :mod:`._builder`, which makes the AST. Exporters never see Lark.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

__all__ = ["grammar_text", "block_tokens", "TERMINALS"]

# The grammar's block terminals; _builder.py has one handler for each.
TERMINALS = frozenset({"HEADING", "INFOBOX", "ITEMS", "TEXT"})


def grammar_text() -> str:
    """The grammar: inside the installed package, or ``grammar/`` of a checkout."""
    packaged = resources.files(__package__).joinpath("article.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammar" / "article.lark"
    return checkout.read_text(encoding="utf-8")


class _Blocks(Transformer):
    """Runs inside the LALR parse (no tree is built). Stateless, so shared."""

    def start(self, children: list[Token]) -> list[Token]:
        return children

    def __default__(self, data, children, meta):
        """Lark's own helper rules (``__start_star_0``) are inlined as usual; any
        other rule without a method would leak a raw ``Tree``: refuse it."""
        if data.startswith("_"):
            return super().__default__(data, children, meta)
        raise TypeError(f"grammar rule {data!r} has no transformer method")


@functools.cache
def _parser() -> Lark:
    parser = Lark(grammar_text(), parser="lalr", lexer="basic", transformer=_Blocks())
    _check_grammar(parser)
    return parser


def _check_grammar(parser: Lark) -> None:
    """Refuse a grammar the builder does not fully understand.

    An inline transformer silently builds a raw ``Tree`` for a rule that has no
    method, and an unknown terminal would reach the builder unhandled: both are
    caught here, when the grammar is loaded, instead of in a user's output.
    """
    for rule in parser.rules:
        name = rule.origin.name
        if not name.startswith("_") and not hasattr(_Blocks, name):
            raise TypeError(f"grammar rule {name!r} has no transformer method")
    terminals = {t.name for t in parser.terminals} - set(parser.ignore_tokens)
    if terminals != TERMINALS:
        raise TypeError(f"grammar terminals {sorted(terminals)} != {sorted(TERMINALS)}")


def block_tokens(text: str) -> list[Token]:
    """Lex and parse prepared text (``\\n`` line ends, final newline) into blocks."""
    try:
        return _parser().parse(text)
    except LarkError as error:  # pragma: no cover - every line is some block
        raise AssertionError(f"grammar does not cover the input: {error}") from error
