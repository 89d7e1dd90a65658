"""Monotonic sentence alignment of two texts, in the manner of Vecalign and Bertalign.

Both sides are embedded with the grouping encoder, sentence by sentence (a pair of
neighbours by the mean of theirs); a dynamic programme then finds the cheapest monotonic
path of "beads" (1-1, 2-1, 1-2, and 1-0 / 0-1 for a sentence with no counterpart).

A bead's cost is its cosine distance divided by how far each side usually is from the
other side's sentences (Vecalign's normalisation: the e5 family rates unrelated sentences
~0.8 similar, so raw cosine is no scale), counted once per sentence it covers on the longer
side (as Vecalign does, so that a merge has to beat a pair plus a skip), plus a penalty for
merging and for a length ratio unlike the documents' own (Gale and Church's observation,
as Bertalign uses it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.text.embed import Encoder, default_encoder
from generator.text.sentences import split_sentences
from generator.text.similarity import products, rounded


@dataclass(frozen=True)
class Bead:
    """Sentences aligned together: 0-based indices on each side (one side may be empty)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    cost: float  # normalised distance: ~1 for unrelated sentences, lower for translations

    def to_json(self) -> dict[str, list[int]]:
        return {"a": list(self.a), "b": list(self.b)}


@dataclass(frozen=True)
class Params:
    skip: float = 0.55  # a sentence left without counterpart; two skips beat a pair above 1.1
    merge: float = 0.1  # added to a 2-1 or 1-2 bead, whose distance also counts twice
    length: float = 0.3  # times |log length ratio| against the documents' own ratio


DEFAULT_PARAMS = Params()
# Moves of the dynamic programme: sentences taken from a, from b.
MOVES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))


@dataclass(frozen=True)
class Similarities:
    """Cosine similarities of every candidate bead, and sentence lengths in characters.

    `two_one[i, j]` compares a[i]+a[i+1] with b[j]; `one_two[i, j]` a[i] with b[j]+b[j+1].
    """

    one_one: np.ndarray  # (n, m)
    two_one: np.ndarray  # (max(n-1, 0), m)
    one_two: np.ndarray  # (n, max(m-1, 0))
    len_a: tuple[int, ...]
    len_b: tuple[int, ...]

    @classmethod
    def from_vectors(
        cls,
        a: tuple[np.ndarray, np.ndarray],
        b: tuple[np.ndarray, np.ndarray],
        len_a: Sequence[int],
        len_b: Sequence[int],
    ) -> Similarities:
        """From (singles, neighbour pairs) embeddings of each side, rows L2-normalised and
        `similarity.rounded` (`_embed_side`): the products are exact on every machine."""
        (a1, a2), (b1, b2) = a, b
        return cls(products(a1, b1), products(a2, b1), products(a1, b2), tuple(len_a), tuple(len_b))


def align_similarities(sims: Similarities, params: Params = DEFAULT_PARAMS) -> tuple[Bead, ...]:
    """The cheapest monotonic sequence of beads covering every sentence of both sides once."""
    n, m = len(sims.len_a), len(sims.len_b)
    costs = [c.tolist() for c in _bead_costs(sims, params)]  # plain lists: a fast inner loop
    _, back = _programme(n, m, costs, params.skip)
    beads = []
    i, j = n, m
    while i or j:
        k = back[i][j]
        di, dj = MOVES[k]
        i, j = i - di, j - dj
        cost = params.skip if k >= 3 else float(costs[k][i][j])
        beads.append(Bead(tuple(range(i, i + di)), tuple(range(j, j + dj)), cost))
    return tuple(reversed(beads))


def _programme(
    n: int, m: int, costs: Sequence[list[list[float]]], skip: float
) -> tuple[list[list[float]], list[list[int]]]:
    """Cheapest total cost to reach (i, j), and the move (index into MOVES) that does.

    The moves are tried in MOVES' order and a later one wins only if strictly cheaper. The
    loop is written out move by move: the parallel pages of a large archive run it
    millions of times, and a generic loop over MOVES took most of their rendering time."""
    one_one, two_one, one_two = costs
    total = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back = [[-1] * (m + 1) for _ in range(n + 1)]
    total[0][0] = 0.0
    for i in range(n + 1):
        row, moves = total[i], back[i]
        up, up2 = _row(total, i - 1), _row(total, i - 2)
        c11, c21, c12 = _row(one_one, i - 1), _row(two_one, i - 2), _row(one_two, i - 1)
        for j in range(m + 1):
            best, move = row[j], moves[j]
            if i and j:
                cost = up[j - 1] + c11[j - 1]
                if cost < best:
                    best, move = cost, 0
                if i >= 2:
                    cost = up2[j - 1] + c21[j - 1]
                    if cost < best:
                        best, move = cost, 1
                if j >= 2:
                    cost = up[j - 2] + c12[j - 2]
                    if cost < best:
                        best, move = cost, 2
            if i:
                cost = up[j] + skip
                if cost < best:
                    best, move = cost, 3
            if j:
                cost = row[j - 1] + skip
                if cost < best:
                    best, move = cost, 4
            row[j], moves[j] = best, move
    return total, back


def _row(rows: Sequence[list[float]], index: int) -> list[float]:
    """rows[index], or no row before the first (or when a side is empty, no rows at all)."""
    return rows[index] if 0 <= index < len(rows) else []


def _bead_costs(sims: Similarities, params: Params) -> tuple[np.ndarray, ...]:
    """Cost of every 1-1, 2-1 and 1-2 bead, indexed by the bead's first sentences."""
    len_a = np.asarray(sims.len_a, dtype=np.float64)
    len_b = np.asarray(sims.len_b, dtype=np.float64)
    if not len(len_a) or not len(len_b):
        return np.zeros((len(len_a), len(len_b))), np.zeros((0, 0)), np.zeros((0, 0))
    ratio = (len_b.sum() + 1.0) / (len_a.sum() + 1.0)
    pair_a, pair_b = len_a[:-1] + len_a[1:], len_b[:-1] + len_b[1:]
    # How far a sentence usually is from the other side: the scale of its distances.
    spread_a1 = _spread(sims.one_one, axis=1)
    spread_b1 = _spread(sims.one_one, axis=0)
    one_one = _normalised(sims.one_one, spread_a1, spread_b1)
    two_one = _normalised(sims.two_one, _spread(sims.two_one, axis=1), spread_b1)
    one_two = _normalised(sims.one_two, spread_a1, _spread(sims.one_two, axis=0))
    return (
        one_one + params.length * _length_gap(len_a, len_b, ratio),
        2 * two_one + params.merge + params.length * _length_gap(pair_a, len_b, ratio),
        2 * one_two + params.merge + params.length * _length_gap(len_a, pair_b, ratio),
    )


def _spread(sim: np.ndarray, axis: int) -> np.ndarray:
    """Mean distance of each sentence to the other side's, leaving out its best match: in a
    short document the one true counterpart would otherwise shrink the scale."""
    if sim.size == 0:
        return np.ones(sim.shape[1 - axis])
    distance: np.ndarray = 1.0 - sim.astype(np.float64)
    count = sim.shape[axis]
    if count > 1:
        spread = (distance.sum(axis=axis) - distance.min(axis=axis)) / (count - 1)
    else:
        spread = distance.mean(axis=axis)
    floored: np.ndarray = np.maximum(spread, 1e-3)
    return floored


def _normalised(sim: np.ndarray, spread_rows: np.ndarray, spread_cols: np.ndarray) -> np.ndarray:
    if sim.size == 0:
        return np.zeros(sim.shape)
    scale = (spread_rows[:, None] + spread_cols[None, :]) / 2.0
    cost: np.ndarray = (1.0 - sim.astype(np.float64)) / scale
    return cost


def _length_gap(len_a: np.ndarray, len_b: np.ndarray, ratio: float) -> np.ndarray:
    """|log| of how far each pair's length ratio is from the documents' (Gale-Church's idea)."""
    return np.abs(np.log((len_b[None, :] + 10.0) / (ratio * len_a[:, None] + 10.0)))


def align_sentences(
    a: Sequence[str],
    b: Sequence[str],
    encoder: Encoder | None = None,
    params: Params = DEFAULT_PARAMS,
    sides: Sides | None = None,
) -> tuple[Bead, ...]:
    """Align two lists of sentences with the grouping encoder (or `encoder`, which may keep
    its vectors: `incremental.embeddings.CachedEncoder`).

    `sides`: embeddings already worked out for a caller that aligns each list with others."""
    if not a or not b:
        return align_similarities(_empty(a, b), params)
    if sides is None:
        sides = Sides(encoder or default_encoder())
    return align_similarities(similarities(a, b, sides), params)


def similarities(a: Sequence[str], b: Sequence[str], sides: Sides) -> Similarities:
    """What `align_similarities` weighs; `sides` embeds (not asked when a side is empty)."""
    if not a or not b:
        return _empty(a, b)
    return Similarities.from_vectors(sides(a), sides(b), _lengths(a), _lengths(b))


class Sides:
    """`_embed_side` of each list of sentences, worked out once: a story's parallel page
    aligns every pair of its n versions, so each version is in n - 1 alignments (reading
    its vectors again for each was a third of a large archive's first rendering)."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.known: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}

    def __call__(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        key = tuple(texts)
        if key not in self.known:
            self.known[key] = _embed_side(texts, self.encoder)
        return self.known[key]


def _empty(a: Sequence[str], b: Sequence[str]) -> Similarities:
    zero = np.zeros((len(a), len(b)))
    return Similarities(zero, zero[:0], zero[:, :0], _lengths(a), _lengths(b))


def _lengths(texts: Sequence[str]) -> tuple[int, ...]:
    return tuple(len(t) for t in texts)


def _embed_side(texts: Sequence[str], encoder: Encoder) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's embedding, and each pair of neighbours' as their length-weighted mean,
    `similarity.rounded` here, once for all the alignments of the side (`Sides`).

    Vecalign and Bertalign embed the joined text of each pair; e5 pools over tokens, so
    the weighted mean is close to it, and it halves the encoder's work (the costly part).
    """
    singles = encoder.encode(texts)
    weights = np.asarray([max(len(t), 1) for t in texts], dtype=np.float32)[:, None]
    weighted = singles * weights
    pairs = weighted[:-1] + weighted[1:]
    norms = np.linalg.norm(pairs, axis=1, keepdims=True)
    return rounded(singles), rounded(pairs / np.maximum(norms, 1e-9))


def read_units(path: Path, sentences: bool) -> list[str]:
    """The sentences of a text file: each line one (`sentences`), or each line a paragraph."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    if sentences:
        return [line.strip() for line in lines]
    return [s for line in lines for s in split_sentences(line)]
