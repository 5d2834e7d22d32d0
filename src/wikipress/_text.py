"""From bytes or a string to the clean text the grammar expects.

The grammar sees only ``\\n`` line ends and a final ``\\n``; everything a user
can get wrong about encodings is caught here, with a position: empty input,
bytes that are not UTF-8, binary files (NUL bytes), lone surrogates. UTF-16
and UTF-32 with a byte-order mark are decoded with a warning, since the mark
says unambiguously what they are. The input's own mark comes before its first
line (:func:`~wikipress.parse` drops it); one U+FEFF starting a line, the mark
of a file joined on, is dropped by :func:`prepare`.
"""

from __future__ import annotations

import codecs
import re

from .diagnostics import Diagnostic, ParseError, Severity

__all__ = ["decode", "prepare"]

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_LINE_START_MARK = re.compile("^\ufeff", re.MULTILINE)  # a byte-order mark starting a line
# Characters that are errors (NUL, lone surrogates) or worth a warning (other
# control characters that are neither whitespace nor line ends).
_SUSPECT = re.compile("[\x00-\x08\x0e-\x1b\x7f\x80-\x84\x86-\x9f\ud800-\udfff]")
# A quick test that rules them out: in UTF-8, the ASCII ones are their own bytes,
# the C1 ones (U+0080-U+009F) start with the byte C2 (as U+00A0-U+00BF do) and
# lone surrogates do not encode at all. Deleting bytes runs in C at memory
# speed, several times faster than searching the pattern over the text.
_SUSPECT_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F, 0xC2])


def decode(data: bytes, source: str | None = None) -> tuple[str, tuple[Diagnostic, ...]]:
    """Decode a file's bytes; raise :class:`ParseError` for what is not text.

    The text still starts with the input's byte-order mark, if it has one
    (U+FEFF, whatever the encoding): :func:`~wikipress.parse` drops it.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            # The mark is decoded too (as U+FEFF), as UTF-8's is: parse() drops it.
            text = _decode_or_fail(data, codec, name, source)
            note = Diagnostic(
                Severity.WARNING,
                f"the input is {name} (it starts with a {name} byte-order mark); it was "
                f"decoded, but articles should be UTF-8 (re-encode with: iconv -f {name} -t UTF-8)",
                1, 1, source)
            return text, (note,)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise ParseError.at(
            f"binary input: NUL byte at byte offset {nul}; articles are UTF-8 text"
            f"{_utf16_hint(data)}", line, column, source)
    return _decode_or_fail(data, "utf-8", "UTF-8", source), ()


def _utf16_hint(data: bytes) -> str:
    """A hint when NUL bytes look like UTF-16 without a byte-order mark."""
    head = data[:4096]
    if len(head) < 2:
        return ""  # not even one UTF-16 code unit
    for parity, order in ((1, "LE"), (0, "BE")):
        if head[parity::2].count(0) > 0.4 * len(head) / 2 and head[1 - parity::2].count(0) == 0:
            return (f" (it looks like UTF-16{order} without a byte-order mark; re-encode with: "
                    f"iconv -f UTF-16{order} -t UTF-8)")
    return ""


def _decode_or_fail(data: bytes, codec: str, name: str, source: str | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start, codec)
        bad = data[error.start:error.start + 1].hex().upper()
        raise ParseError.at(
            f"invalid {name}: byte 0x{bad} at byte offset {error.start} cannot be decoded",
            line, column, source) from None


def _position(data: bytes, offset: int, codec: str = "utf-8") -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset.

    Columns count a line's characters as the file holds them, a U+FEFF that
    :func:`prepare` drops at a line's start included; the input's own mark is
    before the first line and takes none."""
    head = data[:offset].decode(codec, errors="replace")
    if head.startswith("\ufeff"):
        head = head[1:]
    head = head.replace("\r\n", "\n").replace("\r", "\n")
    line_start = head.rfind("\n") + 1
    return head.count("\n") + 1, len(head) - line_start + 1


def prepare(text: str, source: str | None = None) -> tuple[str, tuple[Diagnostic, ...]]:
    """Normalise line ends, check characters, end with a newline.

    *text* comes without the input's byte-order mark (see :func:`decode`); a
    U+FEFF starting a line, the first included, is the mark of a file joined
    on (``cat a.txt b.txt``): one is dropped per line, replaced by a space.
    The reader strips a line's leading whitespace, so only positions see the
    space: they count the mark's column, as the file holds it. Returns the
    text for the grammar and the warnings found on the way.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufeff" in text:
        text = _LINE_START_MARK.sub(" ", text)
    if not text.strip():
        raise ParseError.at("the input is empty" if not text else
                            "the input holds only whitespace", source=source)
    warnings = _check_characters(text, source) if _may_hold_suspects(text) else ()
    if not text.endswith("\n"):
        text += "\n"
    return text, warnings


def _may_hold_suspects(text: str) -> bool:
    """False only if *text* has no :data:`_SUSPECT` character (True may be a false alarm)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return len(data.translate(None, _SUSPECT_BYTES)) != len(data)


def _check_characters(text: str, source: str | None) -> tuple[Diagnostic, ...]:
    warnings: list[Diagnostic] = []
    seen: set[str] = set()
    for match in _SUSPECT.finditer(text):
        char = match.group()
        if char in seen:
            continue
        seen.add(char)
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        if char == "\x00":
            raise ParseError.at("binary input: NUL character; articles are text",
                                line, column, source)
        if "\ud800" <= char <= "\udfff":
            raise ParseError.at(
                f"lone surrogate U+{ord(char):04X}: the text is not valid Unicode",
                line, column, source)
        warnings.append(Diagnostic(
            Severity.WARNING, f"control character U+{ord(char):04X} in the text (kept as it is)",
            line, column, source))
    return tuple(warnings)
