"""Sentence alignment: the dynamic programme, the cached encoder calls and `generator align`."""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.incremental.cache import DEFAULT_PATH, Cache
from generator.rendering.align import (
    DEFAULT_PARAMS,
    Bead,
    Similarities,
    align_sentences,
    align_similarities,
)
from generator.text.embed import default_encoder


class BagOfWords:
    """A deterministic stand-in for the encoder: a sentence is the set of its words.

    Two sentences are as similar as the words they share, and "p q r s" is exactly the
    sentence "p q" followed by "r s", which is what a 2-1 bead should find.
    """

    name = "bag-of-words"
    dim = 256

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                out[row, int(hashlib.sha1(word.encode()).hexdigest(), 16) % self.dim] = 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


def _pairs(beads: Sequence[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(bead.a, bead.b) for bead in beads]


CASES = [
    (
        "one to one",
        ["p q", "r s", "t u"],
        ["p q", "r s", "t u"],
        [((0,), (0,)), ((1,), (1,)), ((2,), (2,))],
    ),
    (
        "two to one",
        ["p q", "r s", "t u", "v w"],
        ["p q r s", "t u", "v w"],
        [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,))],
    ),
    (
        "one to two",
        ["p q", "r s t u", "v w"],
        ["p q", "r s", "t u", "v w"],
        [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))],
    ),
    (
        "missing in b",
        ["p q", "r s", "t u", "v w"],
        ["p q", "t u", "v w"],
        [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))],
    ),
    (
        "extra in b, at the start",
        ["p q", "r s", "t u"],
        ["Suivez nous", "p q", "r s", "t u"],
        [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), (3,))],
    ),
    ("empty a", [], ["p q", "r s"], [((), (0,)), ((), (1,))]),
    ("empty b", ["p q"], [], [((0,), ())]),
    ("both empty", [], [], []),
]


@pytest.mark.parametrize(("case", "a", "b", "expected"), CASES, ids=[c[0] for c in CASES])
def test_alignment_cases(case: str, a: list[str], b: list[str], expected: list[object]) -> None:
    beads = align_sentences(a, b, BagOfWords())
    assert _pairs(beads) == expected, case


def test_dynamic_programme_takes_an_injected_similarity_matrix() -> None:
    # a[1] resembles nothing in b; b has one sentence more, matching the merge a[2]+a[3].
    one_one = np.array(
        [[0.9, 0.1, 0.1], [0.1, 0.1, 0.1], [0.1, 0.6, 0.1], [0.1, 0.5, 0.2]], dtype=np.float32
    )
    two_one = np.array([[0.5, 0.1, 0.1], [0.1, 0.5, 0.1], [0.1, 0.95, 0.1]], dtype=np.float32)
    one_two = np.full((4, 2), 0.1, dtype=np.float32)
    one_two[3, 1] = 0.3
    sims = Similarities(one_one, two_one, one_two, (10, 10, 10, 10), (10, 20, 10))
    beads = align_similarities(sims)
    assert _pairs(beads) == [((0,), (0,)), ((1,), ()), ((2, 3), (1,)), ((), (2,))]
    assert beads[0].cost < beads[2].cost < 1.0


@pytest.mark.parametrize(("len_b", "paired"), [((50, 12), 0), ((12, 50), 1)])
def test_of_two_equally_similar_sentences_the_one_of_matching_length_is_paired(
    len_b: tuple[int, int], paired: int
) -> None:
    sims = Similarities(np.full((1, 2), 0.9), np.zeros((0, 2)), np.zeros((1, 1)), (50,), len_b)
    assert ((0,), (paired,)) in _pairs(align_similarities(sims))


WORDS = st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=8), st.lists(WORDS, max_size=8))
def test_beads_are_monotonic_and_cover_every_sentence_once(a: list[str], b: list[str]) -> None:
    beads = align_sentences(a, b, BagOfWords())
    assert [i for bead in beads for i in bead.a] == list(range(len(a)))
    assert [j for bead in beads for j in bead.b] == list(range(len(b)))
    for bead in beads:
        assert (len(bead.a), len(bead.b)) in {(1, 1), (2, 1), (1, 2), (1, 0), (0, 1)}


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.data())
def test_a_dropped_sentence_is_left_alone_and_the_rest_pair_up(n: int, data: st.DataObject) -> None:
    a = [f"w{i}a w{i}b w{i}c" for i in range(n)]
    dropped = data.draw(st.integers(0, n - 1))
    b = a[:dropped] + a[dropped + 1 :]
    beads = align_sentences(a, b, BagOfWords())
    expected = [((i,), (i - (i > dropped),)) for i in range(n) if i != dropped]
    assert ((dropped,), ()) in _pairs(beads)
    assert [p for p in _pairs(beads) if p[1]] == expected


def test_cli_prints_one_bead_a_line_with_line_numbers(tmp_path: Path) -> None:
    english = tmp_path / "en.txt"
    french = tmp_path / "fr.txt"
    english.write_text(
        "The minister arrived in Astana on Monday.\n"
        "He met the president to discuss trade.\n"
        "The talks lasted three hours.\n",
        encoding="utf-8",
    )
    french.write_text(
        "Le ministre est arrivé à Astana lundi.\n"
        "Partagez cet article sur Facebook !\n"
        "Il a rencontré le président pour parler du commerce.\n"
        "Les discussions ont duré trois heures.\n",
        encoding="utf-8",
    )
    args = ["align", str(english), str(french), "--sentences"]
    result = CliRunner().invoke(main, [*args, "--cache", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows == [
        {"a": [0], "b": [0]},
        {"a": [], "b": [1]},
        {"a": [1], "b": [2]},
        {"a": [2], "b": [3]},
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("la", "lb"), [("en", "ar"), ("ru", "kk")])
def test_ntrex_accuracy_floor(la: str, lb: str) -> None:
    """The acceptance floor on ntrex-dev/full5 for the weakest pair and an RTL one (every
    pair: eval/evaluate_alignment.py). Embeds ~1,900 sentences unless its cache has them."""
    sys.path.insert(0, str(ROOT / "eval"))
    evaluation = importlib.import_module("evaluate_alignment")
    corpus = next((d / "ntrex-dev/full5" for d in evaluation.EVAL_DIRS if d.is_dir()), None)
    if corpus is None:
        pytest.skip("../shared/eval is absent")
    stories = [s for s in evaluation.load(corpus).values() if la in s and lb in s]
    cache = Cache(ROOT / DEFAULT_PATH)  # the evaluation's own cache: fast once it has run
    scores = [
        evaluation.score_pair(s[la], s[lb], default_encoder(), cache, DEFAULT_PARAMS)
        for s in stories
    ]
    strict, judged = sum(s[0] for s in scores), sum(s[2] for s in scores)
    assert judged > 600 and strict / judged >= 0.95


def _reference_programme(
    n: int, m: int, costs: Sequence[list[list[float]]], skip: float
) -> tuple[list[list[float]], list[list[int]]]:
    """The dynamic programme as first written, generic over the moves: the fast one must
    give the same totals and the same choices, ties included."""
    from generator.rendering.align import MOVES

    total = [[float("inf")] * (m + 1) for _ in range(n + 1)]
    total[0][0] = 0.0
    back = [[-1] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            for k, (di, dj) in enumerate(MOVES):
                if i >= di and j >= dj:
                    step = skip if k >= 3 else costs[k][i - di][j - dj]
                    if total[i - di][j - dj] + step < total[i][j]:
                        total[i][j], back[i][j] = total[i - di][j - dj] + step, k
    return total, back


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 9), st.integers(0, 9), st.data())
def test_the_fast_programme_decides_as_the_generic_one(n: int, m: int, data: st.DataObject) -> None:
    from generator.rendering.align import _programme

    # Few distinct values, so that ties (where the order of the moves decides) are common.
    value = st.sampled_from([0.0, 0.25, 0.5, 0.55, 1.0, 1.1])
    shapes = [(n, m), (max(n - 1, 0), m), (n, max(m - 1, 0))]
    costs = [[[data.draw(value) for _ in range(c)] for _ in range(r)] for r, c in shapes]
    skip = data.draw(value)
    assert _programme(n, m, costs, skip) == _reference_programme(n, m, costs, skip)
