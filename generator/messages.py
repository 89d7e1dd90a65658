"""How warnings and errors are printed: each on one line, of bounded length.

A message carries data: a seed's file name, an excerpt of a YAML error, an exception's text.
Printed as it is, one message could span lines that read as other messages, or move a
terminal's cursor, or fill a screen; so line breaks are folded, control characters are shown
escaped and the length is cut.
"""

from __future__ import annotations

MAX_CHARS = 300  # a long seed name and a YAML error's context both fit
FOLD = " | "  # between the lines of a message
ELLIPSIS = "…"


def one_line(message: str, limit: int = MAX_CHARS) -> str:
    """`message` on one line of at most `limit` characters: its lines (trimmed, blank ones
    dropped) joined by FOLD, other unprintable characters escaped (\\x1b), cut with an
    ellipsis."""
    lines = (line.strip() for line in message.splitlines())
    text = "".join(map(_printable, FOLD.join(line for line in lines if line)))
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)] + ELLIPSIS


def _printable(char: str) -> str:
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
