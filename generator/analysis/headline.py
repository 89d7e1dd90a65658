"""Which line, if any, is the headline. The clean stage asks (the page header ends there)
and records the answer in `CleanText.headline`, from which the title stage names the article.

Two readings: by shape (`headline_index`: a clean text, a dispatch), and, on a pasted web
page, the features by which the line model ranks the lines near the top of the article
block (`candidate_features`, used by `article_block.ranked_headline`)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from statistics import median

import numpy as np

from generator.analysis.boilerplate_rules import (
    ends_sentence,
    ends_with_period,
    is_chrome,
    is_dateline,
    is_prose,
    sentence_count,
    word_count,
)
from generator.analysis.headline_overlap import Words, lead_overlaps, overlap, word_overlaps
from generator.analysis.line_features import LOCAL, densest_block, window_means

MAX_HEADLINE_CHARS = 250
# A headline has a few words; shorter lines above the body are usually site chrome.
HEADLINE_MIN_WORDS = 5
QUESTION_MIN_WORDS = 4
MULTI_SENTENCE_MAX_WORDS = 25
RANKED_MAX_WORDS = 20


def headline_shaped(line: str) -> bool:
    """Could be a headline: not too long, not closed by a full stop like a body line, and
    not a short question or exclamation ("Who are they?"), which opens body text."""
    if len(line) > MAX_HEADLINE_CHARS or ends_with_period(line):
        return False
    sentences = sentence_count(line)
    if sentences > 2 or (sentences == 2 and word_count(line) > MULTI_SENTENCE_MAX_WORDS):
        return False  # a paragraph of several sentences that lost its last full stop
    return not ends_sentence(line) or word_count(line) >= QUESTION_MIN_WORDS


def ranked_shape(line: str) -> bool:
    """Could be the headline the ranker picks on a pasted page: headline-shaped, or a short
    line closed by a full stop or an exclamation ("Tach auch!", "Ich war auf einer Hochzeit
    im Wendland."), which the ranker weighs with the rest of the page."""
    if headline_shaped(line):
        return True
    return (
        len(line) <= MAX_HEADLINE_CHARS
        and word_count(line) <= RANKED_MAX_WORDS
        and (sentence_count(line) <= 2)
    )


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


# The headline's candidates: lines at most this far above the body's first line, or a few
# lines into it (a page whose headline the model took for body text).
CANDIDATES_ABOVE = 50
CANDIDATES_INTO = 16
BODY_ABOVE = 0.5  # the body: the densest run of lines rated above this
HEADLINE_FEATURES = (
    "words", "chars", "fits", "period", "ends_sentence", "colon", "capitalised", "upper",
    "dateline", "digits", "phrase", "article", "next_article", "above_body", "into_body",
    "overlap", "elsewhere", "blank_before", "blank_after", "separators", "first", "relative",
    "next_short", "previous_short", "shaped", "offset", "shaped_between", "short_between",
    "upper_case", "following_article", "to_prose", "next_shaped", "to_date", "from_date",
    "copies", "article_overlap", "next_overlap", "best_overlap", "shaped_rank",
    "stop_density", "stop_unknown", "chrome_row", "within", "nav_mark", "previous_good",
    "next_good", "shaped_near", "lead_grams", "new_words",
)  # fmt: skip
COPY_CHARS = 2 * MAX_HEADLINE_CHARS
# A link to the previous or next post: "← Older post", "Next article »".
_NAV_MARK = re.compile(r"^[\[(]?[←→«»‹›<>]|[←→«»‹›<>][\])]?$")


def candidates(count: int, body: int, barred: Collection[int]) -> list[int]:
    low = max(0, body - CANDIDATES_ABOVE)
    high = min(count, body + CANDIDATES_INTO)
    return [i for i in range(low, high) if i not in barred]


def candidate_features(
    texts: Sequence[str], local: np.ndarray, article: np.ndarray, body: int, chosen: list[int]
) -> np.ndarray:
    """One row of `HEADLINE_FEATURES` per candidate line: its shape, where it sits against
    the body, how many of its words the body repeats (a tagline or a menu shares none)."""
    n = len(texts)
    at = np.asarray(chosen, dtype=np.int64)
    own = local[at]
    pad = np.zeros((1, local.shape[1]))
    padded = np.vstack([pad, local, pad])
    previous, following = padded[at], padded[at + 2]
    column = {name: LOCAL.index(name) for name in LOCAL}
    words = Words(texts)
    body_words = words.union(range(body, min(body + 12, n)))
    # A copy of the headline is a short line: long ones (prose) are not read.
    normed = [" ".join(t.casefold().split()) if len(t) <= COPY_CHARS else "" for t in texts]
    counts = Counter(normed)
    overlaps = word_overlaps(words, article, chosen)
    copies, within = _copies(normed, counts, chosen)
    # Headline-shaped lines from the first candidate to the body, and one past the last.
    low, high = int(at.min()), min(max(int(at.max()) + 2, body + 1), n)
    shaped = np.zeros(n + 1)
    shaped[low:high] = [headline_shaped(texts[i]) for i in range(low, high)]
    shaped_sum = np.concatenate(([0.0], np.cumsum(shaped)))
    short_sum = np.concatenate(([0.0], np.cumsum(local[:, column["short"]])))
    good = np.flatnonzero(local[:, column["good"]] > 0)
    dates = np.flatnonzero(local[:, column["dateline"]] > 0)
    lengths_in_words = np.expm1(own[:, column["words"]])
    lengths = np.array([len(texts[i]) for i in chosen], dtype=np.float64)
    after = np.concatenate([article[1:], [0.0]])
    before_body = at < body
    rows = [
        own[:, column["words"]],
        own[:, column["chars"]],
        (lengths_in_words >= 4) & (lengths_in_words <= 25),
        own[:, column["ends_period"]],
        own[:, column["ends_sentence"]],
        own[:, column["ends_colon"]],
        own[:, column["capitalised"]],
        own[:, column["upper"]],
        own[:, column["dateline"]],
        own[:, column["digits"]],
        own[:, column["phrase_anywhere"]] + own[:, column["phrase_edges"]],
        article[at],
        after[at],
        np.log1p(np.maximum(body - at, 0)),
        at >= body,
        [overlap(words[i], body_words) for i in chosen],
        [math.log1p(counts[" ".join(texts[i].casefold().split())] - 1) for i in chosen],
        own[:, column["blank_before"]],
        own[:, column["blank_after"]],
        own[:, column["separators"]],
        np.arange(len(chosen)) == 0,
        lengths / max(lengths.max(), 1.0),
        following[:, column["short"]] + following[:, column["dateline"]],
        previous[:, column["short"]],
        shaped[at],
        np.clip(at - body, -40, 5),
        np.where(before_body, shaped_sum[body] - shaped_sum[at + 1], 0.0),
        np.where(before_body, short_sum[body] - short_sum[at + 1], 0.0),
        [texts[i].isupper() for i in chosen],
        window_means(after, 0, 4)[at] * (at + 1 < n),
        [_to_prose(good, i) for i in chosen],
        shaped[at + 1],
        [_to_prose(dates, i) for i in chosen],
        [_from(dates, i) for i in chosen],
        copies,
        *overlaps,
        np.cumsum(shaped[at]) * before_body,
        own[:, column["stop_density"]],
        own[:, column["stop_unknown"]],
        (lengths_in_words <= 6)
        & (own[:, column["stop_density"]] == 0)
        & (own[:, column["ends_sentence"]] == 0),
        within,
        [bool(_NAV_MARK.search(texts[i])) for i in chosen],
        previous[:, column["good"]],
        following[:, column["good"]],
        [shaped[max(i - 3, 0) : i + 4].sum() - 1 for i in chosen],
        *lead_overlaps(words, article, chosen),
    ]
    return np.column_stack([np.asarray(r, dtype=np.float64) for r in rows])


def _copies(
    normed: list[str], counts: Counter[str], chosen: list[int]
) -> tuple[list[float], list[float]]:
    """How often the line recurs on the page, and how often inside longer lines: a headline
    is pasted twice or three times (the browser tab's "Headline | Site", a breadcrumb
    "Home › News › Headline"), a teaser list repeats its lines whole."""
    page = "\n".join(normed)
    copies, within = [], []
    for i in chosen:
        line = normed[i]
        found = page.count(line) if len(line.split()) >= 2 else 1
        copies.append(math.log1p(found - 1))
        within.append(math.log1p(max(found - counts[line], 0)))
    return copies, within


def _from(marks: np.ndarray, line: int) -> float:
    """How many lines up the last marked line is (10 at most)."""
    above = marks[: np.searchsorted(marks, line)]
    return float(min(line - above[-1], 10)) if len(above) else 10.0


def _to_prose(good: np.ndarray, line: int) -> float:
    """How many lines down the next marked line (prose, a date) is (10 at most)."""
    after = good[np.searchsorted(good, line + 1) :]
    return float(min(after[0] - line, 10)) if len(after) else 10.0


def body_start(article: np.ndarray) -> int:
    """The first line of the densest block of article text."""
    first, last = densest_block(article - BODY_ABOVE)
    return first if last >= first else 0
