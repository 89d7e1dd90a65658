"""The scores of a language pair as the cache keeps them.

A language pair keeps the score of every candidate pair for the next build (rescore.py):
tens of thousands at 2,000 seeds. A rebuild after one new seed reads, filters, writes back
and weighs all of them for each of the new seed's language pairs. As objects that took
most of such a rebuild's grouping time; as columns (`ScoreTable`) it is a few array
operations, and only the scores worth keeping (`worth_keeping`) become objects again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from generator.grouping.match import AlignedSentences, Pair, PairScore, accepts, strength

Sentences = Mapping[str, Sequence[str]]  # article name -> the sentences it embeds
Entry = tuple[str, str]  # an article of the pair: (name, digest of its embedded sentences)


@dataclass(frozen=True)
class StoredScore(Pair):
    """A PairScore as the cache keeps it: (left sentence, right sentence, margin) numbers."""

    left: str
    right: str
    coverage: float
    margin: float
    aligned: tuple[tuple[int, int, float], ...]

    @classmethod
    def of(cls, score: PairScore, sentences: Sentences) -> StoredScore:
        left, right = sentences[score.left], sentences[score.right]
        aligned = tuple((left.index(a.left), right.index(a.right), a.margin) for a in score.aligned)
        return cls(score.left, score.right, score.coverage, score.margin, aligned)

    def score(self, sentences: Sentences) -> PairScore:
        left, right = sentences[self.left], sentences[self.right]
        aligned = tuple(AlignedSentences(left[i], right[j], m) for i, j, m in self.aligned)
        return PairScore(self.left, self.right, self.coverage, self.margin, aligned)

    @property
    def accepted(self) -> bool:
        # Asked several times of each of 100,000s of scores: worked out once (by hand, as
        # functools.cached_property takes a lock at every call).
        found: bool | None = self.__dict__.get("_accepted")
        if found is None:
            found = accepts(self.coverage, strength(m for _, _, m in self.aligned))
            self.__dict__["_accepted"] = found  # not a field: equality and keys ignore it
        return found


class Link(NamedTuple):
    """A one-to-one link of two articles, as grouping weighs it: a tuple in the order of
    its score's `Pair.rank`, so links sort by rank as they are; the score itself, with its
    sentences, is looked up only to explain a decision."""

    coverage: float
    margin: float
    left: str
    right: str


@dataclass(frozen=True)
class ScoreTable:
    """Scores of pairs of a language pair's articles, one row each: row k scores the pair
    (xs[left[k]], ys[right[k]]) of the `xs` and `ys` the table was made for."""

    left: np.ndarray  # (n,) int64: rows of xs
    right: np.ndarray  # (n,) int64: rows of ys
    coverage: np.ndarray  # (n,) float64
    margin: np.ndarray  # (n,) float64
    accepted: np.ndarray  # (n,) bool
    offsets: np.ndarray  # (n + 1,) int64: row k's aligned sentences are offsets[k]:offsets[k+1]
    sentences: np.ndarray  # (m, 2) int64: each aligned pair's left and right sentence
    margins: np.ndarray  # (m,) float64: each aligned pair's margin

    def __len__(self) -> int:
        return len(self.left)

    @classmethod
    def of(
        cls, scores: Sequence[StoredScore], xs: Sequence[Entry], ys: Sequence[Entry]
    ) -> ScoreTable:
        x_row = {name: i for i, (name, _) in enumerate(xs)}
        y_row = {name: j for j, (name, _) in enumerate(ys)}
        n, aligned = len(scores), [a for s in scores for a in s.aligned]
        counts = np.fromiter((len(s.aligned) for s in scores), np.int64, n)
        return cls(
            np.fromiter((x_row[s.left] for s in scores), np.int64, n),
            np.fromiter((y_row[s.right] for s in scores), np.int64, n),
            np.fromiter((s.coverage for s in scores), np.float64, n),
            np.fromiter((s.margin for s in scores), np.float64, n),
            np.fromiter((s.accepted for s in scores), np.bool_, n),
            _offsets(counts),
            np.array([(i, j) for i, j, _ in aligned], dtype=np.int64).reshape(-1, 2),
            np.fromiter((m for _, _, m in aligned), np.float64, len(aligned)),
        )

    def take(
        self, rows: np.ndarray, x_row: np.ndarray | None, y_row: np.ndarray | None
    ) -> ScoreTable:
        """The table of `rows`, in that order, its articles renumbered by `x_row` and
        `y_row` (a row of the old xs -> its row in the new) when given."""
        starts, ends = self.offsets[rows], self.offsets[rows + 1]
        counts = ends - starts
        offsets = _offsets(counts)
        picked = np.repeat(starts - offsets[:-1], counts) + np.arange(offsets[-1])
        return ScoreTable(
            self.left[rows] if x_row is None else x_row[self.left[rows]],
            self.right[rows] if y_row is None else y_row[self.right[rows]],
            self.coverage[rows],
            self.margin[rows],
            self.accepted[rows],
            offsets,
            self.sentences[picked].reshape(-1, 2),
            self.margins[picked],
        )

    def scores(
        self, rows: Sequence[int], x_names: Sequence[str], y_names: Sequence[str]
    ) -> list[StoredScore]:
        """The scores of `rows`, as objects: the articles are named by `x_names` and
        `y_names`, their rows' names."""
        picked = self.take(np.asarray(rows, dtype=np.int64), None, None)
        left, right, offsets = picked.left.tolist(), picked.right.tolist(), picked.offsets.tolist()
        coverage, margin, accepted = (
            picked.coverage.tolist(),
            picked.margin.tolist(),
            picked.accepted.tolist(),
        )
        sentences, margins = picked.sentences.tolist(), picked.margins.tolist()
        out = []
        for k in range(len(left)):
            a, b = offsets[k], offsets[k + 1]
            pairs = zip(sentences[a:b], margins[a:b], strict=True)
            aligned = tuple((i, j, m) for (i, j), m in pairs)
            score = StoredScore(
                x_names[left[k]], y_names[right[k]], coverage[k], margin[k], aligned
            )
            score.__dict__["_accepted"] = accepted[k]  # as `accepted` works it out
            out.append(score)
        return out

    def dump(self) -> tuple[bytes, ...]:
        """The columns as little-endian bytes (`COLUMN_TYPES`), for the cache."""
        columns = (
            self.left,
            self.right,
            self.coverage,
            self.margin,
            self.accepted,
            self.offsets,
            self.sentences,
            self.margins,
        )
        return tuple(
            np.ascontiguousarray(column, dtype=dtype).tobytes()
            for column, dtype in zip(columns, COLUMN_TYPES, strict=True)
        )

    @classmethod
    def load(cls, columns: Sequence[bytes], x_count: int, y_count: int) -> ScoreTable:
        """The table `dump` gave, of pairs of `x_count` and `y_count` articles; ValueError
        if it does not read back whole and consistent."""
        if len(columns) != len(COLUMN_TYPES):
            raise ValueError("scores of another shape")
        left, right, coverage, margin, accepted, offsets, sentences, margins = (
            np.frombuffer(raw, dtype=dtype).astype(_WIDE.get(dtype, dtype))
            for raw, dtype in zip(columns, COLUMN_TYPES, strict=True)
        )
        n, m = len(left), len(margins)
        shapes = [len(right), len(coverage), len(margin), len(accepted), len(offsets) - 1]
        if any(size != n for size in shapes) or len(sentences) != 2 * m:
            raise ValueError("scores of another shape")
        if n and not (left.min() >= 0 and left.max() < x_count):
            raise ValueError("scores of articles out of range")
        if n and not (right.min() >= 0 and right.max() < y_count):
            raise ValueError("scores of articles out of range")
        if offsets[0] != 0 or offsets[-1] != m or (np.diff(offsets) < 0).any():
            raise ValueError("aligned sentences out of range")
        numbers = np.concatenate([coverage, margin, margins])
        if (sentences < 0).any() or not np.isfinite(numbers).all():
            raise ValueError("scores out of range")
        sentences = sentences.reshape(-1, 2)
        return cls(left, right, coverage, margin, accepted, offsets, sentences, margins)


COLUMN_TYPES = ("<i4", "<i4", "<f8", "<f8", "?", "<i8", "<i4", "<f8")
_WIDE = {"<i4": "<i8"}  # stored narrow, worked on as int64


@dataclass(frozen=True)
class Kept:
    """What a language pair's evidence keeps (`worth_keeping`), as its stage returns it: a
    rebuild of 2,000 seeds reads 31,700 kept scores back and needs objects of the 9,500
    accepted ones only."""

    xs: tuple[str, ...]  # the names of the articles the rows pair, by row
    ys: tuple[str, ...]
    columns: tuple[bytes, ...]  # a ScoreTable's (`dump`), in the order of the names

    @classmethod
    def of(
        cls, table: ScoreTable, rows: np.ndarray, xs: Sequence[Entry], ys: Sequence[Entry]
    ) -> Kept:
        picked = table.take(rows, None, None)
        lefts, rights = np.unique(picked.left), np.unique(picked.right)
        x_row = np.full(len(xs), -1, dtype=np.int64)
        y_row = np.full(len(ys), -1, dtype=np.int64)
        x_row[lefts], y_row[rights] = np.arange(len(lefts)), np.arange(len(rights))
        picked = picked.take(np.arange(len(picked)), x_row, y_row)
        x_names = tuple(xs[i][0] for i in lefts.tolist())
        return cls(x_names, tuple(ys[j][0] for j in rights.tolist()), picked.dump())

    def readable(self) -> bool:
        """Whether the stored columns read back (the memo asks before using a stored one)."""
        try:
            self.table()
        except ValueError:
            return False
        return True

    def table(self) -> ScoreTable:
        """The columns read back (once: the memo's `readable()` check reads them first)."""
        found: ScoreTable | None = self.__dict__.get("_table")
        if found is None:
            found = ScoreTable.load(self.columns, len(self.xs), len(self.ys))
            self.__dict__["_table"] = found  # not a field: equality and pickles ignore it
        return found

    def __getstate__(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if name != "_table"}

    def scores(self, only_accepted: bool = False) -> list[StoredScore]:
        table = self.table()
        rows = np.flatnonzero(table.accepted) if only_accepted else np.arange(len(table))
        return table.scores(rows.tolist(), self.xs, self.ys)

    def links(self) -> list[Link]:
        """`match.one_to_one` of the accepted scores, best first, chosen on the columns, as
        the `Link`s grouping weighs: only the links become objects, not every accepted
        score, which a rebuild would otherwise make by the thousand."""
        table = self.table()
        rows = np.flatnonzero(table.accepted)
        left, right = table.left[rows], table.right[rows]
        by_name = (_ranks(self.ys)[right], _ranks(self.xs)[left])
        order = np.lexsort((*by_name, table.margin[rows], table.coverage[rows]))[::-1]
        used_x, used_y, chosen = set[int](), set[int](), list[int]()  # rows of xs, of ys
        for k, i, j in zip(
            order.tolist(), left[order].tolist(), right[order].tolist(), strict=True
        ):
            if i not in used_x and j not in used_y:
                used_x.add(i)
                used_y.add(j)
                chosen.append(k)
        picked = rows[chosen]
        coverage, margin = table.coverage[picked].tolist(), table.margin[picked].tolist()
        names = zip(table.left[picked].tolist(), table.right[picked].tolist(), strict=True)
        return [
            Link(c, m, self.xs[i], self.ys[j])
            for c, m, (i, j) in zip(coverage, margin, names, strict=True)
        ]


def _offsets(counts: np.ndarray) -> np.ndarray:
    return np.concatenate([np.zeros(1, np.int64), np.cumsum(counts, dtype=np.int64)])


def concatenate(tables: Sequence[ScoreTable]) -> ScoreTable:
    """The rows of `tables`, one after the other (made for the same xs and ys)."""
    shifts = np.cumsum([0] + [len(t.margins) for t in tables[:-1]], dtype=np.int64)
    offsets = [t.offsets[1:] + shift for t, shift in zip(tables, shifts, strict=True)]
    return ScoreTable(
        np.concatenate([t.left for t in tables]),
        np.concatenate([t.right for t in tables]),
        np.concatenate([t.coverage for t in tables]),
        np.concatenate([t.margin for t in tables]),
        np.concatenate([t.accepted for t in tables]),
        np.concatenate([np.zeros(1, np.int64), *offsets]),
        np.concatenate([t.sentences for t in tables]).reshape(-1, 2),
        np.concatenate([t.margins for t in tables]),
    )


def name_ranks(side: Sequence[Entry]) -> np.ndarray:
    """Each row's place in the order of the names (the order of the scores' ranks)."""
    return _ranks([name for name, _ in side])


def _ranks(names: Sequence[str]) -> np.ndarray:
    ranks = np.empty(len(names), dtype=np.int64)
    ranks[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
    return ranks


def by_names(table: ScoreTable, xs: Sequence[Entry], ys: Sequence[Entry]) -> ScoreTable:
    """The rows in the order of their (left name, right name)."""
    left, right = name_ranks(xs)[table.left], name_ranks(ys)[table.right]
    return table.take(np.lexsort((right, left)), None, None)


def worth_keeping(table: ScoreTable, xs: Sequence[Entry], ys: Sequence[Entry]) -> Kept:
    """Accepted pairs, and each article's best pair (its runner-up evidence), in the order
    of their names: memory stays proportional to the articles, not to the candidate pairs.
    The best is the highest `Pair.rank`: coverage, then margin, then the names."""
    left, right = name_ranks(xs)[table.left], name_ranks(ys)[table.right]
    best = np.zeros(len(table), dtype=bool)
    for side, other in ((left, right), (right, left)):
        order = np.lexsort((other, table.margin, table.coverage, side))
        last = np.ones(len(order), dtype=bool)  # the last row of each article's run is its best
        last[:-1] = side[order][1:] != side[order][:-1]
        best[order[last]] = True
    kept = np.flatnonzero(table.accepted | best)
    return Kept.of(table, kept[np.lexsort((right[kept], left[kept]))], xs, ys)
