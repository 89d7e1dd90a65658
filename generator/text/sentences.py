"""Split a paragraph into sentences, in any script, without a language model."""

from __future__ import annotations

import functools
import re

# A sentence ends at . ! ? (and the Arabic, Urdu, Chinese and Devanagari stops), then maybe
# closing quotes or brackets, then space and what looks like a new sentence. French sets its
# guillemets apart with a (often no-break) space: « Oui. » Puis…, so spaces may sit inside.
_BOUNDARY = re.compile(
    r"(?<=[.!?؟۔。！？।…])(?P<close>(?:\s*[\"'»”’)\]])*)\s+"
    r"(?=(?:[\"'«“‘„(\[]\s*)*(?:[^\W\d_]|\d))",
    re.UNICODE,
)
# Abbreviations and initials that end with a period but not a sentence ("Dr.", "J.", "т.д.").
_ABBREVIATION = re.compile(
    r"(?:(?<!\w)\w\.|\b(?:etc|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|No|Mme|Mgr|Gen|Sen|Gov|Inc|Ltd|Co"
    r"|Rep|Rev|Lt|Col|Capt|Sgt|Mt|Ft|Jan|Feb|Aug|Sept|Oct|Nov|Dec"
    r"|т\.е|т\.д|т\.б|т\.п|им|ул|г|гг|млн|млрд|тыс|ж|жж)\.)$",
    re.IGNORECASE,
)

# Longer than any abbreviation above with the character before it, so a match in the tail
# is a match in the whole sentence.
TAIL = 20
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts: \w without the underscore


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of `paragraph`, in order; their concatenation keeps every non-space character."""
    return list(_split(paragraph))


# Cleaning, grouping and the parallel pages all split the same paragraphs.
@functools.lru_cache(maxsize=1 << 16)
def _split(paragraph: str) -> tuple[str, ...]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        candidate = paragraph[start : match.end("close")].strip()
        # Only the tail can end in an abbreviation: no need to scan the whole sentence.
        if _ABBREVIATION.search(candidate[-TAIL:]) or _continues(paragraph, match.end()):
            continue
        if candidate:
            pieces.append(candidate)
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        pieces.append(tail)
    return tuple(pieces)


def _continues(paragraph: str, at: int) -> bool:
    """A lower-case word after the stop goes on with the sentence: « Pourquoi ? » a-t-il dit."""
    word = _ALNUM.search(paragraph, at)
    return word is not None and word.group().islower()
