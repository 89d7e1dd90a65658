"""Characters a reader cannot see but which change what a title shows, or hide what it says.

`Invoice \\u202egnp.exe` displays as "Invoice exe.png": a bidi override reorders the letters
after it. Zero-width characters make two titles that look the same differ (and a slug split
a word). Titles, editors' names and slugs are shown or compared as single lines, so these
have no use there; the article body keeps them (it is the author's text, and paragraphs
are shown each in its own element, so an override cannot spill out of one).
"""

from __future__ import annotations

import re
import unicodedata

# Embeddings and overrides (U+202A-202E), isolates (U+2066-2069), the left-to-right,
# right-to-left and Arabic letter marks (U+200E, U+200F, U+061C).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Zero-width space, joiner, word joiner, byte-order mark (zero-width no-break space), and
# the invisible mathematical operators, which no headline needs either.
ZERO_WIDTH = "\u200b\u200d\u2060\ufeff\u2061\u2062\u2063\u2064"
# Zero-width non-joiner: part of Persian (and Kurdish, Urdu) spelling, where it keeps two
# letters of one word from joining ("می‌خواهم"); dropping it would misspell the word. It
# neither reorders text nor changes its direction, so between two letters it stays.
ZWNJ = "\u200c"
INVISIBLE = BIDI_CONTROLS + ZERO_WIDTH + ZWNJ

_ANY = re.compile(f"[{INVISIBLE}]")
_DROP = str.maketrans(dict.fromkeys(map(ord, BIDI_CONTROLS + ZERO_WIDTH)))
_ZWNJ_RUN = re.compile(ZWNJ + "+")


def visible(text: str) -> str:
    """`text` without bidi controls and zero-width characters; a single ZWNJ between two
    letters (of a word) is kept, any other (leading, doubled, beside a space) dropped."""
    if not _ANY.search(text):
        return text  # nearly every title, unchanged and uncopied
    text = text.translate(_DROP)
    if ZWNJ in text:
        text = _ZWNJ_RUN.sub(lambda m: _zwnj(m.string, m.start(), m.end()), text)
    return text.strip()


def _zwnj(text: str, start: int, end: int) -> str:
    if end - start > 1 or start == 0 or end == len(text):
        return ""
    return ZWNJ if _letter(text[start - 1]) and _letter(text[end]) else ""


def _letter(char: str) -> bool:
    # Marks count: a Persian letter may carry a vowel sign just before the non-joiner.
    return unicodedata.category(char)[0] in "LM"


def without_invisible(text: str) -> str:
    """`text` without any of them, ZWNJ included: for slugs, which show no joining."""
    return text.translate(_DROP).replace(ZWNJ, "")
