"""The line model: boosted trees walked with numpy, shipped as a small JSON file."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from generator.analysis.line_features import (
    LOCAL,
    context_features,
    densest_block,
    local_features,
    split_page,
    window_means,
)
from generator.analysis.line_model import MODEL_FILE, article_probability, parse, shipped
from generator.analysis.trees import Forest


def test_a_forest_walks_each_tree_to_a_leaf() -> None:
    # One tree of depth 2: feature 0 at the root, feature 1 under both branches.
    forest = Forest(
        depth=2,
        features=np.array([[0, 1, 1]]),
        thresholds=np.array([[0.5, 10.0, np.inf]]),
        leaves=np.array([[-1.0, 1.0, 2.0, 2.0]]),
        base=0.0,
    )
    rows = np.array([[0.0, 5.0], [0.0, 20.0], [1.0, 99.0]])
    expected = 1 / (1 + np.exp(-np.array([-1.0, 1.0, 2.0])))
    assert np.allclose(forest.probability(rows), expected)
    again = Forest.from_json(json.loads(json.dumps(forest.to_json())))
    assert np.allclose(again.probability(rows), expected)


def test_the_shipped_model_is_small_and_loads() -> None:
    text = resources.files("generator").joinpath(MODEL_FILE).read_text("utf-8")
    assert len(text) < 200_000
    model = parse(json.loads(text))
    assert 0 < model.keep_above < 0.5
    assert shipped().lines.features.shape == model.lines.features.shape


def test_probabilities_are_deterministic_and_bounded() -> None:
    texts = ["Home", "News", "A headline of some words", "A sentence of a body. " * 5, "©"]
    args = (texts, [True] * 5, [True] * 5, [False] * 5, [None] * 5, "en")
    first = article_probability(*args).article
    assert np.array_equal(first, article_probability(*args).article)
    assert ((first >= 0) & (first <= 1)).all()
    assert first[3] > first[0]


def test_features_have_one_row_per_line() -> None:
    _, texts, before, after = split_page("a\n\nb c d.\nE f\n")
    local = local_features(texts, before, after, [False] * 3, [None] * 3, "en")
    assert local.shape == (3, len(LOCAL))
    assert before == [True, True, False] and after == [True, False, True]
    assert context_features(local).shape[0] == 3


@pytest.mark.parametrize("blank", ["\u200b", " \ufeff ", "\u200e\u200f", "\u2060\t"])
def test_a_line_of_invisible_characters_is_blank(blank: str) -> None:
    index, texts, before, after = split_page(f"Заголовок\n{blank}\nТекст статьи.\n")
    assert (index, texts) == ([0, 2], ["Заголовок", "Текст статьи."])
    assert before == [True, True] and after == [True, True]


def test_window_means_stop_at_the_page_s_edges() -> None:
    values = np.array([1.0, 2.0, 3.0])
    assert window_means(values, -1, -1).tolist() == [0.0, 1.0, 2.0]
    assert window_means(values, -1, 1).tolist() == [1.5, 2.0, 2.5]


def test_the_densest_block_bridges_a_short_gap() -> None:
    assert densest_block(np.array([-1, 1, 1, -0.5, 1, -1, -1, 1])) == (1, 4)


def _scan(score: np.ndarray) -> tuple[int, int]:
    """Kadane's scan line by line: what `densest_block` computes with array operations."""
    best, span, total, start = -np.inf, (0, -1), 0.0, 0
    for i, value in enumerate(score):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, span = total, (start, i)
    return span


def test_the_densest_block_is_kadane_s_run() -> None:
    rng = np.random.default_rng(28)
    for _ in range(300):
        score = rng.random(int(rng.integers(0, 40))) - 0.6
        assert densest_block(score) == _scan(score)


def test_a_labelled_teaser_and_a_line_pasted_twice_are_marked() -> None:
    texts = [
        "MIRA: Madre se acerca a conocer los motivos de captura de su hijo",
        "Nota: el texto fue corregido el lunes.",  # closed by a full stop: not a teaser
        "Newsletter",
        "Newsletter",
    ]
    n = len(texts)
    local = local_features(texts, [True] * n, [True] * n, [False] * n, [None] * n, "es")
    label, copies = LOCAL.index("label"), LOCAL.index("page_copies")
    assert local[:, label].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert local[0, copies] == 0.0 < local[2, copies] == local[3, copies]
