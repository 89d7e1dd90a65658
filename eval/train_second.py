"""Train the line model's second pass (generator/analysis/second_pass.py) and choose the
limits of the article block (`line_model.Limits`); called by `train_clean.py`.

The second forest learns from first-pass probabilities of pages the first forest did not
see (cross-fitting: `train_clean._held_out`), not from its overconfident verdicts on its own
training pages. The limits are chosen the same way: a second forest trained on one half of
the pages rates the other half, and the limits that drop the most boilerplate lines while
keeping RECALL of the article's lines win.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from train_trees import boost

from generator.analysis.line_features import densest_block
from generator.analysis.line_model import Limits
from generator.analysis.second_pass import stacked_features
from generator.analysis.trees import Forest

# Share of the labelled article lines of the training pages the limits must keep: a little
# under the 97% of snippets asked of held-out pages: a snippet's line is often a long one,
# surer than the short lines that make up most of the lost ones.
RECALL = 0.955
# The first pass's cross-fitting: trained on three quarters of the pages, closer to the
# forest trained on all of them that the second pass reads at run time than halves are.
PARTS = 4
SECOND: dict[str, float] = {}
KEEP = (0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08)
BLOCK = (0.1, 0.2, 0.3, 0.4, 0.5)
OUTSIDE = (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)


class Labelled(Protocol):
    local: np.ndarray
    labels: np.ndarray  # 1 article, 0 boilerplate, -1 unknown
    weight: float
    weights: np.ndarray


def train(pages: Sequence[Labelled], first: Sequence[np.ndarray]) -> tuple[Forest, Limits]:
    """`first`: each page's first-pass probabilities from a forest that did not see it."""
    rows = [stacked_features(p.local, a) for p, a in zip(pages, first, strict=True)]
    second = boost(*_stack(pages, rows, range(len(pages))), **SECOND)
    held = [np.zeros(len(p.labels)) for p in pages]
    for half in (0, 1):
        inside = [i for i in range(len(pages)) if i % 2 != half]
        part = boost(*_stack(pages, rows, inside), **SECOND)
        for i in range(half, len(pages), 2):
            held[i] = part.probability(rows[i])
    return second, _limits(pages, held)


def _stack(
    pages: Sequence[Labelled], rows: Sequence[np.ndarray], chosen: Sequence[int] | range
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    keep = {i: pages[i].labels >= 0 for i in chosen}
    x = np.vstack([rows[i][k] for i, k in keep.items()])
    y = np.concatenate([pages[i].labels[k] for i, k in keep.items()])
    w = np.concatenate([pages[i].weight * pages[i].weights[k] for i, k in keep.items()])
    return x, y, w


def _limits(pages: Sequence[Labelled], held: Sequence[np.ndarray]) -> Limits:
    """The limits that drop the most boilerplate lines (surely labelled ones) while keeping
    RECALL of the article's lines; the first in grid order on a tie."""
    best, best_dropped = Limits(min(KEEP), min(BLOCK), min(OUTSIDE)), -1.0
    for keep, block, outside in itertools.product(KEEP, BLOCK, OUTSIDE):
        limits = Limits(keep, block, outside)
        kept, dropped = _score(pages, held, limits)
        if kept >= RECALL and dropped > best_dropped:
            best, best_dropped = limits, dropped
    return best


def _score(
    pages: Sequence[Labelled], held: Sequence[np.ndarray], limits: Limits
) -> tuple[float, float]:
    """Share of the article lines kept, of the boilerplate lines dropped, as
    `article_block.outside_block` drops them."""
    kept = lost = dropped = left = 0
    for page, probability in zip(pages, held, strict=True):
        first, last = densest_block(probability - limits.block)
        index = np.arange(len(probability))
        outside = (index < first) | (index > last)
        gone = (probability < limits.keep) | (outside & (probability < limits.outside))
        sure = page.weights >= 1
        article, boiler = sure & (page.labels == 1), sure & (page.labels == 0)
        kept += int((article & ~gone).sum())
        lost += int((article & gone).sum())
        dropped += int((boiler & gone).sum())
        left += int((boiler & ~gone).sum())
    return kept / max(kept + lost, 1), dropped / max(dropped + left, 1)
