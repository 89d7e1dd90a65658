"""Which line, if any, is the headline. The clean stage asks (the page header ends there)
and records the answer in `CleanText.headline`, from which the title stage names the article."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from generator.analysis.boilerplate_rules import (
    ends_sentence,
    ends_with_period,
    is_chrome,
    is_dateline,
    is_prose,
    sentence_count,
    word_count,
)

MAX_HEADLINE_CHARS = 250
# A headline has a few words; shorter lines above the body are usually site chrome.
HEADLINE_MIN_WORDS = 5
QUESTION_MIN_WORDS = 4
MULTI_SENTENCE_MAX_WORDS = 25


def headline_shaped(line: str) -> bool:
    """Could be a headline: not too long, not closed by a full stop like a body line, and
    not a short question or exclamation ("Who are they?"), which opens body text."""
    if len(line) > MAX_HEADLINE_CHARS or ends_with_period(line):
        return False
    sentences = sentence_count(line)
    if sentences > 2 or (sentences == 2 and word_count(line) > MULTI_SENTENCE_MAX_WORDS):
        return False  # a paragraph of several sentences that lost its last full stop
    return not ends_sentence(line) or word_count(line) >= QUESTION_MIN_WORDS


def headline_index(lines: Sequence[str], lang: str = "und") -> int | None:
    """Index of the headline among `lines` (boilerplate already set aside), or None.

    The headline sits in the run of unpunctuated lines that opens the page, among site
    chrome ("EU", a tagline, a comment count); the run ends at the first line that reads
    like prose. The headline is the longest line of the run with a few words and not shaped
    like chrome (a tagline is shorter than a headline) and above the first date or count,
    else the longest line of two words or more. A first line closed by a full stop is a
    headline only when it stands apart from the body, which then runs in paragraphs of
    several sentences (news copy); when the text starts straight with the body there is none.
    """
    run = []
    for index, line in enumerate(lines):
        if not headline_shaped(line):
            break
        run.append(index)
        if is_prose(line, lang):
            break
    if run:
        return _pick(lines, run, lang)
    if len(lines) > 1 and _stands_apart(lines[0], lines[1:6]):
        return 0
    return None


def _pick(lines: Sequence[str], run: list[int], lang: str) -> int | None:
    def longest(indices: list[int]) -> int:
        return max(indices, key=lambda i: (len(lines[i]), -i))

    worded = [
        i
        for i in run
        if word_count(lines[i]) >= HEADLINE_MIN_WORDS and not is_chrome(lines[i], lang)
    ]
    # The date or a comment count comes under the headline: the body starts past them.
    first = min(worded, default=len(lines))
    stamp = next((i for i in run if i > first and _stamp(lines[i])), None)
    if stamp is not None:
        worded = [i for i in worded if i < stamp]
    if worded:
        return longest(worded)
    # A lone word ("Home", "News") names a section, not an article.
    best = longest(run)
    return best if word_count(lines[best]) >= 2 else None


def _stamp(line: str) -> bool:
    return is_dateline(line) or not any(ch.isalpha() for ch in line)


def _stands_apart(first: str, following: Sequence[str]) -> bool:
    if len(first) > MAX_HEADLINE_CHARS or sentence_count(first) != 1:
        return False
    if not ends_with_period(first):
        return False
    return median(sentence_count(line) for line in following) >= 2
