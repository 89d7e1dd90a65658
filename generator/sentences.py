"""Split a paragraph into sentences, in any script, without a language model."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (and the Arabic, Urdu, Chinese and Devanagari stops) followed by
# space and what looks like a new sentence; a closing quote or bracket may sit in between.
_BOUNDARY = re.compile(
    r"(?<=[.!?؟۔。！？।…])[\"'»”’)\]]*\s+(?=[\"'«“‘(\[]*[^\W\d_]|\d)",
    re.UNICODE,
)
# Abbreviations and initials that end with a period but not a sentence ("Dr.", "J.", "т.д.").
_ABBREVIATION = re.compile(
    r"(?:(?<!\w)\w\.|\b(?:etc|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|No|Mme|Mgr|Gen|Sen|Gov|Inc|Ltd|Co"
    r"|т\.е|т\.д|т\.б|т\.п|им|ул|г|гг|млн|млрд|тыс|ж|жж)\.)$",
    re.IGNORECASE,
)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of `paragraph`, in order; their concatenation keeps every word."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        candidate = paragraph[start : match.start()].strip()
        if _ABBREVIATION.search(candidate) and not candidate.endswith(("!", "?")):
            continue
        if candidate:
            pieces.append(candidate)
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces
