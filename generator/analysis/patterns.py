"""Editors' line patterns (`re:` in `seeds/boilerplate.yml`), run by RE2.

Python's `re` backtracks: `(a+)+$` on a line of 30 "a" and a "!" takes a minute, and twice
as long for each more "a". RE2 runs in time linear in the line whatever the pattern, at the
price of backreferences and lookarounds (a pattern using them is refused, as is any that RE2
cannot compile). An editor writes Python's syntax, so the classes that Python reads as
Unicode and RE2 as ASCII are rewritten: \\d, \\D, \\w and \\W name Unicode digits and
letters, as `re` reads them. \\s and \\S need no rewriting: a line is matched with its
spaces made single plain ones (`editor_rules._spaces`), which both engines read alike. A
word boundary (\\b, \\B) cannot be said in RE2 for Unicode letters, so it is refused rather
than read wrong on Cyrillic or Arabic text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import re2  # type: ignore[import-untyped]

MAX_PATTERN = 1_000  # characters of one pattern; an editor's patterns are a line long
_MEMORY = 1 << 20  # bytes RE2 may use for one pattern (compiled and its matching cache)
_WORD = r"\p{L}\p{N}_"  # what `re` takes for \w: str.isalnum() or "_"
_OUTSIDE = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": f"[{_WORD}]", "W": f"[^{_WORD}]", "Z": r"\z"}
_INSIDE = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": _WORD}
_NO_MINIMUM = re.compile(r"\{,\d*\}")
_REFUSED = {
    "b": "\\b: RE2 finds word boundaries between ASCII letters only; write the space out",
    "B": "\\B: RE2 finds word boundaries between ASCII letters only; write the space out",
    "W": "\\W inside [...]: write [^...] with \\w instead",
}


class PatternError(ValueError):
    """The pattern cannot be run by RE2, or is not a regular expression at all."""


@dataclass(frozen=True)
class LinePattern:
    """What a whole line must be: `text` exactly, or (`regex`) the RE2 pattern `text`, in
    any case. A record of strings, so a seed's cached cleaning can be keyed on it."""

    text: str
    regex: bool = False

    def fullmatch(self, line: str) -> bool:
        if not self.regex:
            return line == self.text
        return _compiled(self.text).fullmatch(line) is not None


def exact_line(text: str) -> LinePattern:
    return LinePattern(text)


def line_regex(pattern: str) -> LinePattern:
    """The editor's pattern (Python syntax) for RE2; PatternError saying why it cannot be."""
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"longer than {MAX_PATTERN:,} characters")
    found = LinePattern(to_re2(pattern), regex=True)
    _compiled(found.text)  # refused now, not at the first line it is tried on
    return found


def to_re2(pattern: str) -> str:
    """`pattern` with Python's Unicode classes spelt for RE2 (see the module's doc)."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            escaped, i = _escape(pattern, i + 1, in_class)
            out.append(escaped)
            continue
        if ch == "[" and not in_class:
            in_class, start = True, i + 1
            i = _class_start(pattern, start)
            out.append(pattern[start - 1 : i])
            continue
        if ch == "]" and in_class:
            in_class = False
        elif ch == "{" and not in_class and _NO_MINIMUM.match(pattern, i):
            out.append("{0")  # Python's {,n} is {0,n}; RE2 would read it as text
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _class_start(pattern: str, i: int) -> int:
    """Past a class's opening: "^" and a first "]" are part of it, not its end."""
    if pattern.startswith("^", i):
        i += 1
    return i + 1 if pattern.startswith("]", i) else i


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """The escape whose letter is at `i`, for RE2, and where the pattern goes on."""
    letter = pattern[i]
    table = _INSIDE if in_class else _OUTSIDE
    if letter in table:
        return table[letter], i + 1
    if letter in _REFUSED and (letter != "W" or in_class):
        raise PatternError(_REFUSED[letter])
    if letter in "uU":  # Python's \uXXXX and \UXXXXXXXX; RE2 spells them \x{...}
        digits = pattern[i + 1 : i + (5 if letter == "u" else 9)]
        return f"\\x{{{digits}}}", i + 1 + len(digits)
    return "\\" + letter, i + 1


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str) -> Any:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would print its own complaint on stderr
    options.max_mem = _MEMORY
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        why = exc.args[0] if exc.args else "not a regular expression"
        text = why.decode("utf-8", "replace") if isinstance(why, bytes) else str(why)
        raise PatternError(text) from None
