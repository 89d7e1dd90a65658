"""Stage group, one language pair: candidates, the margin, the in-order alignment of two
articles' sentences, and the one-to-one choice of translations."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.grouping.match import (
    MIN_COVERAGE,
    MIN_STRENGTH,
    NEIGHBOURS,
    POOL,
    AlignedSentences,
    PairScore,
    accepts,
    align,
    candidate_pairs,
    in_order,
    nearest,
    neighbourhoods,
    one_to_one,
    radii,
    strength,
)
from generator.grouping.vectors import ArticleVectors

DIM = 8


def unit(*axes: int) -> np.ndarray:
    """One row per axis, each the unit vector along it: products are exactly 0 or 1."""
    return np.eye(DIM, dtype=np.float32)[list(axes)]


def vectors(name: str, sentences: Sequence[str], axes: Sequence[int]) -> ArticleVectors:
    matrix = unit(*axes)
    return ArticleVectors(name, tuple(sentences), matrix, matrix[0] if len(axes) else matrix)


EN = ("The minister spoke in Astana.", "Trade grew by a tenth.", "Talks go on next week.")
FR = ("Le ministre a parlé à Astana.", "Le commerce a crû d'un dixième.", "Les pourparlers")
RU = ("Министр выступил в Астане.", "Торговля выросла на десятую часть.", "Переговоры идут.")
KK = ("Министр Астанада сөз сөйледі.", "Сауда оннан бірге өсті.", "Келіссөздер жалғасады.")
AR = ("تحدث الوزير في أستانا.", "نما التبادل التجاري بمقدار العشر.", "تستمر المحادثات.")
HALF = np.full(3, 0.5, dtype=np.float32)  # a neighbourhood's mean: a match stands at 2.0


@pytest.mark.parametrize(
    ("left", "right"),
    [(EN, FR), (EN, RU), (RU, KK), (FR, AR), (AR, KK)],
    ids=["en-fr", "en-ru", "ru-kk", "fr-ar", "ar-kk"],
)
def test_a_translation_in_the_same_order_aligns_every_sentence(
    left: tuple[str, ...], right: tuple[str, ...]
) -> None:
    score = align(vectors("x", left, [0, 1, 2]), vectors("y", right, [0, 1, 2]), HALF, HALF)
    assert [(a.left, a.right, a.margin) for a in score.aligned] == [
        (left[i], right[i], 2.0) for i in range(3)
    ]
    assert (score.coverage, score.margin, score.accepted) == (1.0, 2.0, True)


@pytest.mark.parametrize(
    ("case", "y_axes", "radius", "aligned", "coverage"),
    [
        ("reversed: only one sentence is in order", [2, 1, 0], 0.5, 1, round(2 / 6, 4)),
        ("one sentence shared: a third of each", [0, 5, 6], 0.5, 1, round(2 / 6, 4)),
        ("nothing in common", [5, 6, 7], 0.5, 0, 0.0),
        ("matches no closer than their neighbourhood", [0, 1, 2], 1.0, 0, 0.0),
    ],
)
def test_what_does_not_align(
    case: str, y_axes: list[int], radius: float, aligned: int, coverage: float
) -> None:
    around = np.full(3, radius, dtype=np.float32)
    score = align(vectors("x", EN, [0, 1, 2]), vectors("y", AR, y_axes), around, around)
    assert (len(score.aligned), score.coverage) == (aligned, coverage)
    assert not score.accepted


def test_an_article_without_sentences_aligns_nothing() -> None:
    empty = ArticleVectors("empty", (), np.zeros((0, DIM), np.float32), np.zeros(DIM, np.float32))
    score = align(empty, vectors("y", FR, [0, 1, 2]), HALF[:0], HALF)
    assert score == PairScore("empty", "y", 0.0, 0.0, ())


@pytest.mark.parametrize(
    ("margins", "expected"),
    [([], 0.0), ([1.0], 0.0), ([1.5, 1.25], 0.75), ([0.5], -0.5)],
)
def test_strength_sums_what_each_margin_stands_above_one(
    margins: list[float], expected: float
) -> None:
    assert strength(margins) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("coverage", "found", "accepted"),
    [
        (MIN_COVERAGE, 1.0, False),  # exactly half is not more than half
        (MIN_COVERAGE + 0.01, MIN_STRENGTH, True),
        (MIN_COVERAGE + 0.01, MIN_STRENGTH - 0.001, False),
        (1.0, 0.0, False),  # every sentence matched, none standing out
        (0.0, 10.0, False),
    ],
)
def test_accepts_needs_coverage_and_strength(coverage: float, found: float, accepted: bool) -> None:
    assert accepts(coverage, found) is accepted


def test_nearest_matches_brute_force_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(0)
    queries, keys = rng.standard_normal((50, 8)), rng.standard_normal((30, 8))
    monkeypatch.setattr("generator.grouping.match.BLOCK_CELLS", 64)  # many small blocks
    expected = np.argsort(-(queries @ keys.T), axis=1)[:, :4]
    assert (nearest(queries, keys, 4) == expected).all()
    assert nearest(queries, keys[:2], 4).shape == (50, 2)


def test_nearest_of_no_keys_is_empty() -> None:
    assert nearest(unit(0, 1), np.zeros((0, DIM)), 4).shape == (2, 0)


def test_neighbourhoods_are_bounded_by_the_pool() -> None:
    rng = np.random.default_rng(1)
    lead_x, lead_y = rng.standard_normal((POOL + 5, DIM)), rng.standard_normal((3, DIM))
    near_y, near_x = neighbourhoods(lead_x, lead_y)
    assert near_y.shape == (POOL + 5, 3) and near_x.shape == (3, POOL)


def test_candidates_are_each_others_first_neighbours_either_way() -> None:
    near_y = np.array([[1, 0, 2, 3, 4], [0, 1, 2, 3, 4]])  # x0's nearest ys, then x1's
    near_x = np.array([[1]] * 5)  # every y's nearest x: x1
    found = candidate_pairs(near_y, near_x)
    # x0 and y4: neither is among the other's first NEIGHBOURS.
    assert found == {(0, j) for j in range(NEIGHBOURS)} | {(1, j) for j in range(5)}


def test_a_radius_is_the_mean_of_the_nearest_sentences_around() -> None:
    own = {0: vectors("x", EN[:1], [0])}
    row = np.array([[0.6, 0.8, 0, 0, 0, 0, 0, 0]], dtype=np.float32)  # 0.6 along axis 0
    others = {
        0: ArticleVectors("y0", ("a",), row, row[0]),
        1: vectors("y1", ("b", "c", "d", "e"), [0, 1, 2, 3]),
    }
    found = radii(own, others, np.array([[0, 1]]), [0])
    # Its NEIGHBOURS (4) nearest of the five sentences around: 1.0, 0.6, 0.0, 0.0.
    assert found[0].dtype == np.float32
    assert found[0].tolist() == [pytest.approx(1.6 / 4)]
    lonely = radii(own, {}, np.zeros((1, 0), dtype=np.int64), [0])
    assert lonely[0].tolist() == [1.0]  # no neighbourhood: a margin is the similarity itself


def _longest(pairs: list[tuple[int, int]]) -> int:
    """Brute force: the longest subset increasing in both i and j."""
    for size in range(len(pairs), 0, -1):
        for chosen in itertools.combinations(sorted(pairs), size):
            if all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(chosen)):
                return size
    return 0


# Mutually best pairs: no sentence twice on either side.
matches = st.permutations(range(7)).flatmap(
    lambda js: st.lists(st.integers(0, 6), unique=True, max_size=7).map(
        lambda rows: [(i, js[i]) for i in rows]
    )
)


@given(matches)
def test_in_order_is_a_longest_chain_increasing_on_both_sides(
    pairs: list[tuple[int, int]],
) -> None:
    chain = in_order(pairs)
    assert set(chain) <= set(pairs)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(chain))
    assert len(chain) == _longest(pairs)


@pytest.mark.parametrize(
    ("pairs", "chain"),
    [
        ([], []),
        ([(0, 0), (1, 1), (2, 2)], [(0, 0), (1, 1), (2, 2)]),
        ([(2, 0), (0, 1), (1, 2)], [(0, 1), (1, 2)]),  # given out of order: sorted first
        ([(0, 3), (1, 0), (2, 1), (3, 2)], [(1, 0), (2, 1), (3, 2)]),
    ],
)
def test_in_order_cases(pairs: list[tuple[int, int]], chain: list[tuple[int, int]]) -> None:
    assert in_order(pairs) == chain


def score(left: str, right: str, coverage: float, *margins: float) -> PairScore:
    aligned = tuple(AlignedSentences("s", "t", m) for m in margins)
    return PairScore(left, right, coverage, sum(margins) / max(1, len(margins)), aligned)


def test_one_to_one_takes_the_best_translation_of_each_article() -> None:
    chosen = one_to_one(
        [
            score("a.en", "a.fr", 0.8, 1.1, 1.1),
            score("a.en", "b.fr", 0.9, 1.1, 1.1),  # better: a.en is taken
            score("c.en", "b.fr", 1.0, 1.2),  # better still: b.fr is taken first
            score("d.en", "d.fr", 0.4, 1.5),  # not accepted: too little aligned
        ]
    )
    assert [(s.left, s.right) for s in chosen] == [("c.en", "b.fr"), ("a.en", "a.fr")]


names = st.sampled_from(["a.en", "b.en", "c.en"]), st.sampled_from(["x.ru", "y.ar", "z.kk"])
scores = st.lists(
    st.builds(
        score,
        names[0],
        names[1],
        st.floats(0, 1),
        st.floats(0.5, 2.0),
        st.floats(0.5, 2.0),
    ),
    max_size=12,
)


@given(scores)
def test_one_to_one_uses_each_article_once_best_first(found: list[PairScore]) -> None:
    chosen = one_to_one(found)
    used = [name for s in chosen for name in (s.left, s.right)]
    assert len(used) == len(set(used))
    assert all(s.accepted for s in chosen)
    assert [s.rank for s in chosen] == sorted((s.rank for s in chosen), reverse=True)
    # Greedy is maximal: every accepted pair left out meets one chosen.
    for left_out in set(found) - set(chosen):
        assert not left_out.accepted or {left_out.left, left_out.right} & set(used)


def test_a_pair_names_the_other_article() -> None:
    found = score("a.en", "a.ar", 0.6, 1.2)
    assert (found.other("a.en"), found.other("a.ar")) == ("a.ar", "a.en")
    assert found.involves("a.ar") and not found.involves("b.ar")
    assert found.strength == pytest.approx(0.2)
