"""How a headline candidate's words recur in the article under it: a headline's words come
back in the lead, a kicker's, a tagline's or a menu row's do not. Features of the headline
ranker (`headline.candidate_features`), read the same way in any language: casefolded
words of four letters or more, their first letters, and character 4-grams."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

# The article's text a candidate's words are looked up in: its first lines rated above this.
ARTICLE_ABOVE = 0.5
ARTICLE_LINES = 60
NEXT_LINES = 5
# The lead read by the page-level readings (`lead_overlaps`), and the page above a
# candidate whose words do not count as new there.
LEAD_LINES = 10
ABOVE_LINES = 30
WORDS_CHARS = 250  # a long line's first characters say enough of its words
# An inflected or compounded word keeps its first letters ("Schablonen", "Schablone").
PREFIX = 5
GRAM = 4
_TOKEN = re.compile(r"[^\W\d_]{4,}")


class Words:
    """Each line's words of four letters or more, their prefixes and its character 4-grams,
    read once and only for the lines asked."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._words: dict[int, frozenset[str]] = {}
        self._prefixes: dict[int, frozenset[str]] = {}
        self._grams: dict[int, frozenset[str]] = {}

    def __getitem__(self, line: int) -> frozenset[str]:
        found = self._words.get(line)
        if found is None:
            text = self._texts[line][:WORDS_CHARS].casefold()
            found = self._words[line] = frozenset(_TOKEN.findall(text))
        return found

    def prefixes(self, line: int) -> frozenset[str]:
        found = self._prefixes.get(line)
        if found is None:
            found = self._prefixes[line] = frozenset(w[:PREFIX] for w in self[line])
        return found

    def grams(self, line: int) -> frozenset[str]:
        """Character 4-grams: they match across inflections and in scripts without spaces."""
        found = self._grams.get(line)
        if found is None:
            text = " ".join(self._texts[line][:WORDS_CHARS].casefold().split())
            found = frozenset([text[j : j + GRAM] for j in range(len(text) - GRAM + 1)])
            self._grams[line] = found
        return found

    def union(self, lines: Iterable[int]) -> frozenset[str]:
        return frozenset().union(*(self[int(i)] for i in lines))


def overlap(tokens: frozenset[str], body: frozenset[str]) -> float:
    return len(tokens & body) / max(len(tokens), 1)


def word_overlaps(
    words: Words, article: np.ndarray, chosen: list[int]
) -> tuple[list[float], list[float], np.ndarray]:
    """Share of a candidate's words that the article repeats, that the next few article
    lines under it repeat (a headline's words recur in the lead, a kicker's or a tagline's
    do not), and the first share against the best of the page's candidates."""
    lines = np.flatnonzero(article > ARTICLE_ABOVE)
    whole = words.union(lines[:ARTICLE_LINES])
    overall = [overlap(words[i], whole) for i in chosen]
    following = []
    for i in chosen:
        start = np.searchsorted(lines, i + 1)
        near = words.union(lines[start : start + NEXT_LINES])
        following.append(overlap(words[i], near))
    best = np.asarray(overall) - max(overall, default=0.0)
    return overall, following, best


def lead_overlaps(
    words: Words, article: np.ndarray, chosen: list[int]
) -> tuple[list[float], list[float]]:
    """Share of a candidate's 4-grams found in the article lines under it, and share of its
    words (by prefix) found there but in none of the lines just above it: the site's name,
    a menu's or a section's words recur all over the page, a headline's are new where it
    stands and come back in its lead. `chosen` ascends."""
    lines = np.flatnonzero(article > ARTICLE_ABOVE)
    lead: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    above: Counter[str] = Counter()  # the prefixes of the ABOVE_LINES lines over the candidate
    low = high = 0
    grams, new = [], []
    for i in chosen:
        start = int(np.searchsorted(lines, i + 1))
        if start not in lead:  # the candidates above the body share one lead
            below = [int(q) for q in lines[start : start + LEAD_LINES]]
            lead[start] = (
                frozenset().union(*map(words.grams, below)),
                frozenset().union(*map(words.prefixes, below)),
            )
        lead_grams, lead_prefixes = lead[start]
        grams.append(overlap(words.grams(i), lead_grams))
        for q in range(max(high, i - ABOVE_LINES), i):
            above.update(words.prefixes(q))
        for q in range(low, min(i - ABOVE_LINES, high)):
            above.subtract(words.prefixes(q))
        low, high = max(i - ABOVE_LINES, 0), i
        unseen = frozenset(w for w in words.prefixes(i) if above[w] <= 0)
        new.append(overlap(unseen, lead_prefixes))
    return grams, new
