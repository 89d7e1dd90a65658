"""What a line of a pasted page looks like, as numbers: the input of the line model
(`line_model`), which tells the article from the page around it.

A line is described by its own shape (length, sentence ends, stop words, digits, capitals,
phrase lists), by the lines around it (a short line between two paragraphs of prose is body,
a run of short lines is a menu) and by where it sits in the page. The same function serves
the run time and the training script (`eval/train_clean.py`), so the two cannot drift apart.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from generator.analysis.boilerplate_rules import (
    ANYWHERE,
    DATE_LINE_MAX_WORDS,
    ends_sentence,
    ends_with_period,
    is_dateline,
    stoplist,
    word_count,
)
from generator.text.invisible import without_invisible

MAX_CHARS = 400
_LETTER = re.compile(r"[^\W\d_]")
_NOT_LETTER = re.compile(r"[\W\d_]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Capitals of the alphabets below CJK (Latin, Greek, Cyrillic, Armenian, ...): counted by
# one regular expression, not letter by letter.
_UPPER_CLASS = "".join(re.escape(chr(c)) for c in range(0x3000) if chr(c).isupper())
_UPPER = re.compile(f"[{_UPPER_CLASS}]")
_CAPITALISED = re.compile(f"(?:^|\\s)[\"'«“„(]*[{_UPPER_CLASS}]")
_WORDS = re.compile(r"[^\W_][\w'’-]*")
_LONG_WORD = re.compile(r"\S{13,}")
_DIGITS = re.compile(r"\d")
_INNER_STOP = re.compile(r"[.!?؟。！？][\"'»”’)\]]*\s+\S")
_SEPARATORS = re.compile(r"[|•·/›»]")
_BULLET = re.compile(r"^(?:[-•*–—▪◦►]|\d{1,2}[.)])\s+\S")
_LINK = re.compile(r"https?://|www\.|@\w+\.\w")
_COPYRIGHT = re.compile(r"\(c\)|copyright|all rights reserved")
# "MIRA: headline", "Lea también: headline", "Auch interessant: headline": a label of one to
# three words and a colon before a line with no full stop (a teaser), in any language.
_LABEL = re.compile(r"^[^\W\d_][\w'’-]*(?:\s+[\w'’-]+){0,2}\s*:\s*\S")
# `***`, `* * *`, `———`: a section break, never a paragraph.
SEPARATOR = re.compile(r"^[\s*•·~_=#—–\-−.]{3,}$")
SEPARATOR_REASON = "separator line (a section break, not a paragraph)"

LOCAL = (
    "chars", "words", "ends_sentence", "ends_period", "ends_colon", "ends_ellipsis",
    "sentences", "stop_density", "stop_unknown", "digits", "upper", "capitalised",
    "commas", "separators", "bullet", "phrase_anywhere", "phrase_edges", "dateline",
    "no_letter", "repeated", "copyright", "position", "blank_before", "blank_after",
    "relative_chars", "good", "short", "link", "long_words", "label", "page_copies",
)  # fmt: skip
# The local features a line's neighbours lend it, and the windows they are averaged over.
NEIGHBOUR = ("chars", "ends_sentence", "stop_density", "good", "short", "phrase_anywhere")
WINDOWS = ((-3, -1), (1, 3), (-10, 10))
_GOOD, _SHORT = LOCAL.index("good"), LOCAL.index("short")


def _share(pattern: re.Pattern[str], text: str) -> float:
    return len(pattern.findall(text)) / max(len(text), 1)


def local_features(
    texts: Sequence[str],
    blank_before: Sequence[bool],
    blank_after: Sequence[bool],
    repeated: Sequence[bool],
    phrases: Sequence[tuple[str, str] | None],
    lang: str,
) -> np.ndarray:
    """One row of `LOCAL` per line; `phrases`: each line's `phrase_reason`."""
    stops = stoplist(lang)
    n = len(texts)
    longest = max((len(t) for t in texts), default=1) or 1
    rows = np.array([_line(text, stops, found) for text, found in zip(texts, phrases, strict=True)])
    rows = rows.reshape(n, len(LOCAL))
    rows[:, 19] = repeated
    rows[:, 21] = np.arange(n) / max(n - 1, 1)
    rows[:, 22] = blank_before
    rows[:, 23] = blank_after
    rows[:, 24] = np.fromiter(map(len, texts), dtype=np.float64, count=n) / longest
    rows[:, 30] = _page_copies(texts)
    return rows


def _page_copies(texts: Sequence[str]) -> np.ndarray:
    """How often the line recurs on the page: a menu at the top and the bottom, a teaser
    in two lists; an article's paragraph comes once."""
    counts = Counter(texts)
    return np.log(np.fromiter((counts[t] for t in texts), dtype=np.float64, count=len(texts)))


def _line(text: str, stops: frozenset[str], found: tuple[str, str] | None) -> list[float]:
    split = text.split()
    words = word_count(text) if _CJK.search(text) else len(split)
    # The first few hundred characters say enough of a long line's shape.
    head = text[:MAX_CHARS]
    tokens = max(len(head.split()), 1)
    letters = len(head) - _NOT_LETTER.subn("", head)[1]
    upper = len(_UPPER.findall(head)) / max(letters, 1)
    capitalised = len(_CAPITALISED.findall(head)) / tokens
    lowered_head = head.casefold()
    lowered = _WORDS.findall(lowered_head)
    density = sum(map(stops.__contains__, lowered)) / max(len(lowered), 1) if stops else 0.0
    sentence = ends_sentence(text)
    return [
        math.log1p(len(text)),
        math.log1p(words),
        float(sentence),
        float(ends_with_period(text)),
        float(text.endswith((":", "："))),
        float(text.endswith(("...", "…", "[…]", "[...]"))),
        min(len(_INNER_STOP.findall(text)), 5) / 5,
        density,
        float(not stops),
        _share(_DIGITS, text),
        upper,
        capitalised,
        text.count(",") / max(words, 1),
        float(bool(_SEPARATORS.search(text))),
        float(bool(_BULLET.match(text))),
        float(found is not None and found[1] == ANYWHERE),
        float(found is not None and found[1] != ANYWHERE),
        float(words <= DATE_LINE_MAX_WORDS and not sentence and is_dateline(text)),
        float(letters == 0 and not _LETTER.search(text)),
        0.0,  # repeated: filled by the caller
        float("©" in text or bool(_COPYRIGHT.search(lowered_head))),
        0.0,  # position
        0.0,  # blank before
        0.0,  # blank after
        0.0,  # relative length
        float(words >= 10 and sentence),
        float(words <= 3),
        float(bool(_LINK.search(text))),
        len(_LONG_WORD.findall(head)) / tokens,
        float(bool(_LABEL.match(text)) and not ends_with_period(text)),
        0.0,  # copies on the page
    ]


def window_means(values: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Per line, the mean of `values` over the lines at offsets start..stop (those that
    exist); 0 where there are none (the page's edge)."""
    n = len(values)
    zero = np.zeros((1, *values.shape[1:]))
    sums = np.concatenate((zero, np.cumsum(values, axis=0)))
    index = np.arange(n)
    low = np.clip(index + start, 0, n)
    high = np.clip(index + stop + 1, 0, n)
    count = np.maximum(high - low, 0)
    if values.ndim > 1:
        count = count[:, None]
    out = (sums[high] - sums[low]) / np.maximum(count, 1)
    return np.where(count > 0, out, 0.0)


def context_features(local: np.ndarray) -> np.ndarray:
    """A line's own features, its two neighbours' and the window means around it."""
    n = len(local)
    pad = np.zeros((1, local.shape[1]))
    previous = np.vstack([pad, local[:-1]]) if n else local
    following = np.vstack([local[1:], pad]) if n else local
    chosen = local[:, [LOCAL.index(name) for name in NEIGHBOUR]]
    windows = [window_means(chosen, a, b) for a, b in WINDOWS]
    return np.hstack([local, previous, following, *windows, block_features(local)])


def densest_block(score: np.ndarray) -> tuple[int, int]:
    """(first, last) line of the contiguous run with the largest sum of `score`: the
    article's body when lines of prose score above zero and page furniture below.

    Kadane's scan, in numpy: a run ending at line j is best started just after the lowest
    prefix sum before it (the latest one on a tie); the first best end wins."""
    if not len(score):
        return (0, -1)
    prefix = np.concatenate(([0.0], np.cumsum(score)))
    lowest = np.minimum.accumulate(prefix[:-1])
    last = int(np.argmax(prefix[1:] - lowest))
    ties = prefix[: last + 1] == lowest[last]
    return (last - int(np.argmax(ties[::-1])), last)


def block_features(local: np.ndarray) -> np.ndarray:
    """Inside the densest block of prose or not, and how far from its edges."""
    n = len(local)
    out = np.zeros((n, 3))
    if not n:
        return out
    score = np.where(local[:, _GOOD] > 0, 1.0, np.where(local[:, _SHORT] > 0, -0.3, -0.6))
    first, last = densest_block(score)
    index = np.arange(n)
    out[:, 0] = (index >= first) & (index <= last)
    out[:, 1] = np.log1p(np.maximum(first - index, 0))
    out[:, 2] = np.log1p(np.maximum(index - last, 0))
    return out


def split_page(text: str) -> tuple[list[int], list[str], list[bool], list[bool]]:
    """The non-empty lines (their index among the seed's lines, stripped), and whether a blank
    line comes before and after each: a paste keeps paragraphs apart, menus together."""
    raw = text.split("\n")
    # A line of invisible characters alone (a zero-width space) is as blank as an empty one.
    filled = [bool(without_invisible(line).strip()) for line in raw]
    index = [i for i, full in enumerate(filled) if full]
    texts = [raw[i].strip() for i in index]
    before = [i == 0 or not filled[i - 1] for i in index]
    after = [i + 1 >= len(raw) or not filled[i + 1] for i in index]
    return index, texts, before, after
