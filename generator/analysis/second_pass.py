"""The line model's second pass (auto-context, stacking): a line's verdict revised in the
light of the first pass's verdicts on the whole page.

The first forest sees a line's shape and its neighbours' shapes; it cannot see that the
page's article ended three lines above (a "Most read" heading and the teasers under it look
like a short heading and a few headlines inside an article). The second forest sees, per
line, the first pass's probability of itself and of the lines around it, where it sits
against the article block those probabilities draw (in lines and in characters of text),
whether it comes after the article's last paragraph, how long the run of doubtful lines it
sits in is, and how much it looks like the block's paragraphs. It is trained on first-pass
probabilities of pages the first forest did not see (`eval/train_clean.py`), so that it
learns how far to trust them on a page it has not seen either.
"""

from __future__ import annotations

import numpy as np

from generator.analysis.line_features import LOCAL, densest_block, window_means

# The article block the first pass draws: its densest run of lines rated above this.
BLOCK_ABOVE = 0.3
# A paragraph the first pass is sure of: long prose rated above SURE.
SURE = 0.5
DOUBT = 0.5
_CHARS, _GOOD = LOCAL.index("chars"), LOCAL.index("good")
_SHAPE = [LOCAL.index(name) for name in ("chars", "stop_density", "ends_sentence", "capitalised")]
OFFSETS = (-2, -1, 1, 2)
WINDOWS = ((-3, -1), (1, 3), (-10, 10))
SPREAD = 3
STACKED = 28  # the columns `stacked_features` adds to `LOCAL`


def stacked_features(local: np.ndarray, first: np.ndarray) -> np.ndarray:
    """A line's own shape (`LOCAL`) and what the first pass made of it and its page."""
    if not len(first):
        return np.zeros((0, local.shape[1] + STACKED))
    column = first[:, None]
    return np.hstack(
        [
            local,
            column,
            _shifted(first),
            *(window_means(column, a, b) for a, b in WINDOWS),
            _spread(first),
            _block(local, first),
            _after_last_paragraph(local, first),
            _doubtful_run(first),
            _likeness(local, first),
            _prose_around(local, first),
        ]
    )


def _shifted(first: np.ndarray) -> np.ndarray:
    """The neighbours' probabilities; -1 past the page's edge."""
    n = len(first)
    padded = np.concatenate([np.full(2, -1.0), first, np.full(2, -1.0)])
    return np.column_stack([padded[2 + k : 2 + k + n] for k in OFFSETS])


def _spread(first: np.ndarray) -> np.ndarray:
    """Lowest and highest probability within SPREAD lines either side."""
    n = len(first)
    low = np.concatenate([np.full(SPREAD, np.inf), first, np.full(SPREAD, np.inf)])
    high = np.concatenate([np.full(SPREAD, -np.inf), first, np.full(SPREAD, -np.inf)])
    windows = np.arange(n)[:, None] + np.arange(2 * SPREAD + 1)[None, :]
    return np.column_stack([low[windows].min(axis=1), high[windows].max(axis=1)])


def _block(local: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Inside the first pass's article block or not; how far from its edges, in lines and
    in characters; where inside it."""
    n = len(first)
    begin, end = densest_block(first - BLOCK_ABOVE)
    index = np.arange(n)
    chars = np.expm1(local[:, _CHARS])
    before = np.concatenate([[0.0], np.cumsum(chars)])  # characters above each line
    above = np.maximum(before[begin] - before[index + 1], 0)
    below = np.maximum(before[index] - before[end + 1], 0)
    inside = (index >= begin) & (index <= end)
    where = (index - begin) / max(end - begin, 1)
    return np.column_stack(
        [
            inside,
            np.log1p(np.maximum(begin - index, 0)),
            np.log1p(np.maximum(index - end, 0)),
            np.log1p(above),
            np.log1p(below),
            np.where(inside, where, -1.0),
            np.full(n, np.log1p(end - begin + 1)),
        ]
    )


def _after_last_paragraph(local: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Lines since the page's last sure paragraph of prose (0 up to it), and lines before
    its first one: what follows the article's end is seldom article."""
    n = len(first)
    sure = np.flatnonzero((first > SURE) & (local[:, _GOOD] > 0))
    index = np.arange(n)
    last = sure[-1] if len(sure) else -1
    opening = sure[0] if len(sure) else n
    return np.column_stack(
        [np.log1p(np.maximum(index - last, 0)), np.log1p(np.maximum(opening - index, 0))]
    )


def _doubtful_run(first: np.ndarray) -> np.ndarray:
    """Length of the run of doubtful lines (below DOUBT) a line sits in; 0 for a line the
    first pass believes: one short line between paragraphs is a heading, ten are a list."""
    low = first < DOUBT
    starts = np.flatnonzero(low & ~np.r_[False, low[:-1]])
    ends = np.flatnonzero(low & ~np.r_[low[1:], False])
    lengths = np.zeros(len(first))
    for a, b in zip(starts, ends, strict=True):
        lengths[a : b + 1] = b - a + 1
    return np.log1p(lengths)[:, None]


def _likeness(local: np.ndarray, first: np.ndarray) -> np.ndarray:
    """How far a line's shape is from the mean shape of the lines the first pass is sure
    of (a teaser is shorter, more capitalised, has fewer stop words than the article)."""
    shape = local[:, _SHAPE]
    sure = first > SURE
    centre = shape[sure].mean(axis=0) if sure.any() else np.zeros(len(_SHAPE))
    return shape - centre


def _prose_around(local: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Characters of sure prose above and below a line, on the whole page and within ten
    lines: the article goes on below a code sample or a table, not below its last line."""
    n = len(first)
    chars = np.where((first > SURE) & (local[:, _GOOD] > 0), np.expm1(local[:, _CHARS]), 0.0)
    total = np.concatenate([[0.0], np.cumsum(chars)])
    index = np.arange(n)
    above = total[index]
    below = total[-1] - total[index + 1]
    near_above = above - total[np.maximum(index - 10, 0)]
    near_below = total[np.minimum(index + 11, n)] - total[index + 1]
    found: np.ndarray = np.log1p(np.column_stack([above, below, near_above, near_below]))
    return found
