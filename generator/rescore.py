"""Stage 5a, group: what scoring a language pair leaves for the next build, and which
articles a change moves.

A pair's score depends on nothing but its two articles' sentences and their neighbourhoods
(each one's POOL nearest articles of the other language, against which the margin is
taken); which pairs are candidates depends on the first NEIGHBOURS of those. So the score of
a pair whose articles both kept their sentences and their neighbourhood is the one the
previous build computed: a build after a change scores the pairs of the articles it moved
(new, edited, or with another neighbourhood, a new pair of candidates among them) and takes
every other candidate pair's score from the previous build. Which pairs are kept
(`worth_keeping`) is then decided over all of them, as a full scoring would.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .cache import Cache
from .match import AlignedSentences, Pair, PairScore, accepts, strength
from .memo import PICKLE_PROTOCOL, code_version, load_records

log = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class Neighbourhoods:
    """A language pair's articles and, for each, its POOL nearest of the other language."""

    xs: tuple[Entry, ...]
    ys: tuple[Entry, ...]
    near_y: np.ndarray  # (len(xs), POOL) row numbers into ys, nearest first
    near_x: np.ndarray  # (len(ys), POOL) row numbers into xs


@dataclass(frozen=True)
class Previous:
    neighbourhoods: Neighbourhoods
    scores: tuple[StoredScore, ...]  # of every candidate pair
    # Each article's radius (match._radius) among its neighbourhood: valid while it has
    # not moved, so scoring a moved article's pairs needs no partner's neighbourhood.
    radii: Mapping[str, np.ndarray]


def moved(before: Neighbourhoods, now: Neighbourhoods) -> set[str]:
    """The names of the articles whose pairs must be scored again (see the module's doc)."""
    codes: dict[str, int] = {}  # a number per digest, the same for both builds
    old, new = _entries(before, codes), _entries(now, codes)
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}


def _entries(found: Neighbourhoods, codes: dict[str, int]) -> dict[str, tuple[str, bytes]]:
    """name -> (its digest, the digests of its neighbourhood as a sorted array of their
    `codes`). Digests, not names: articles with the same sentences tie, and which of them
    is nearer can turn on the last bit of a similarity; the score does not depend on it
    (match.radii reads the neighbourhood in the order of its sentences)."""
    out = {}
    for side, rows, other in (
        (found.xs, found.near_y, found.ys),
        (found.ys, found.near_x, found.xs),
    ):
        number = [codes.setdefault(digest, len(codes)) for _, digest in other]
        near = np.sort(np.asarray(number, dtype=np.int64)[rows], axis=1) if len(side) else rows
        for (name, digest), row in zip(side, near, strict=True):
            out[name] = (digest, row.tobytes())
    return out


class History:
    """The previous build's `Previous` for one language pair and encoder, in the cache.

    Read only when the pair's result is not cached (something changed); one that does not
    read back whole and consistent is ignored, and the pair is scored in full."""

    KIND = "rescore"

    def __init__(self, cache: Cache, pair: Iterable[str]) -> None:
        self.cache = cache
        text = code_version(__name__) + "\0" + "\0".join(pair)
        self.key = hashlib.sha256(text.encode()).hexdigest()

    def keep(self) -> None:
        """Mark the entry as used by this build, which may not need to read it: a complete
        build forgets the entries it did not use (those of an older code version)."""
        self.cache.keep(self.KIND, self.key)

    def load(self) -> Previous | None:
        raw = self.cache.get(self.KIND, self.key)
        saved = load_records(raw, _Saved) if raw else None
        try:
            return saved.previous() if saved is not None else None
        except ValueError as exc:
            log.debug("previous scores of a language pair ignored (%s)", exc)
            return None

    def save(self, previous: Previous) -> None:
        found = previous.neighbourhoods
        radii = tuple(
            (name, np.ascontiguousarray(r, dtype="<f4").tobytes())
            for name, r in sorted(previous.radii.items())
        )
        saved = _Saved(
            found.xs, found.ys, _bytes(found.near_y), _bytes(found.near_x), previous.scores, radii
        )
        self.cache.put(self.KIND, self.key, pickle.dumps(saved, protocol=PICKLE_PROTOCOL))


@dataclass(frozen=True)
class _Saved:
    """A `Previous` as the cache keeps it: the neighbourhoods as int32 bytes."""

    xs: tuple[Entry, ...]
    ys: tuple[Entry, ...]
    near_y: bytes
    near_x: bytes
    scores: tuple[StoredScore, ...]
    radii: tuple[tuple[str, bytes], ...]  # float32

    def previous(self) -> Previous:
        near_y = _rows(self.near_y, len(self.xs), len(self.ys))
        near_x = _rows(self.near_x, len(self.ys), len(self.xs))
        if not all(type(s) is StoredScore for s in self.scores):
            raise ValueError("scores of another type")
        if not all(type(e) is tuple and len(e) == 2 for e in (*self.xs, *self.ys)):
            raise ValueError("articles of another shape")
        radii = {name: np.frombuffer(raw, dtype="<f4") for name, raw in self.radii}
        if any(r.ndim != 1 or not np.isfinite(r).all() for r in radii.values()):
            raise ValueError("radii of another shape")
        return Previous(Neighbourhoods(self.xs, self.ys, near_y, near_x), self.scores, radii)


def _bytes(rows: np.ndarray) -> bytes:
    return np.ascontiguousarray(rows, dtype="<i4").tobytes()


def _rows(raw: bytes, count: int, limit: int) -> np.ndarray:
    """A (count, k) matrix of row numbers below `limit`, or ValueError."""
    rows = np.frombuffer(raw, dtype="<i4").astype(np.int64)
    if count == 0 or rows.size % count:
        raise ValueError(f"{rows.size} neighbours for {count} articles")
    rows = rows.reshape(count, -1)
    if rows.size and not 0 <= rows.min() <= rows.max() < limit:
        raise ValueError("neighbours out of range")
    return rows
