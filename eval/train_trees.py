"""Gradient-boosted trees for the line model (generator/analysis/trees.py), in numpy.

Histogram splits on quantile bins, second-order gain (as XGBoost and LightGBM), trees
complete to a fixed depth; deterministic (no sampling).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.analysis.trees import Forest

BINS = 32


def boost(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    trees: int = 150,
    depth: int = 3,
    rate: float = 0.1,
    l2: float = 1.0,
    min_hessian: float = 1.0,
    groups: np.ndarray | None = None,
) -> Forest:
    """`groups` (a group number per row, rows of a group together): rank within each group
    (softmax over its rows, one positive per group) rather than classify rows one by one."""
    edges = [_edges(x[:, j]) for j in range(x.shape[1])]
    bins = np.column_stack([np.searchsorted(e, x[:, j], side="left") for j, e in enumerate(edges)])
    prior = np.clip(np.average(y, weights=w), 1e-3, 1 - 1e-3)
    base = float(np.log(prior / (1 - prior)))
    link = _sigmoid if groups is None else _softmax(groups)
    z = np.full(len(y), base)
    inner = 2**depth - 1
    features = np.zeros((trees, inner), dtype=np.int64)
    thresholds = np.full((trees, inner), np.inf)
    leaves = np.zeros((trees, 2**depth))
    for t in range(trees):
        p = link(z)
        g, h = w * (p - y), w * p * (1 - p)
        node = np.zeros(len(y), dtype=np.int64)
        for level in range(depth):
            first = 2**level - 1
            count = 2**level
            local = node - first
            split_f, split_b = _best_splits(bins, g, h, local, count, l2, min_hessian)
            for k in range(count):
                if split_f[k] >= 0:
                    features[t, first + k] = split_f[k]
                    thresholds[t, first + k] = edges[split_f[k]][split_b[k]]
            f = features[t, node]
            right = x[np.arange(len(y)), f] > thresholds[t, node]
            node = 2 * node + 1 + right
        leaf = node - inner
        gs = np.bincount(leaf, g, minlength=2**depth)
        hs = np.bincount(leaf, h, minlength=2**depth)
        leaves[t] = -rate * gs / (hs + l2)
        z += leaves[t][leaf]
    return Forest(depth, features, thresholds, leaves, base)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-z)))


def _softmax(groups: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])

    def link(z: np.ndarray) -> np.ndarray:
        top = np.maximum.reduceat(z, starts)
        e = np.exp(z - np.repeat(top, np.diff(np.r_[starts, len(z)])))
        total = np.add.reduceat(e, starts)
        return np.asarray(e / np.repeat(total, np.diff(np.r_[starts, len(z)])))

    return link


def _edges(column: np.ndarray) -> np.ndarray:
    """Split points between distinct quantiles: a line goes right when above one."""
    values = np.unique(np.quantile(column, np.linspace(0, 1, BINS + 1)[1:-1]))
    return values


def _best_splits(
    bins: np.ndarray,
    g: np.ndarray,
    h: np.ndarray,
    node: np.ndarray,
    count: int,
    l2: float,
    min_hessian: float,
) -> tuple[np.ndarray, np.ndarray]:
    features = bins.shape[1]
    width = BINS + 1
    key = (node[:, None] * features + np.arange(features)[None, :]) * width + bins
    size = count * features * width
    gh = np.bincount(key.ravel(), np.repeat(g, features), minlength=size)
    hh = np.bincount(key.ravel(), np.repeat(h, features), minlength=size)
    gh = gh.reshape(count, features, width).cumsum(axis=2)
    hh = hh.reshape(count, features, width).cumsum(axis=2)
    g_all, h_all = gh[:, :, -1:], hh[:, :, -1:]
    g_left, h_left = gh[:, :, :-1], hh[:, :, :-1]
    g_right, h_right = g_all - g_left, h_all - h_left
    gain = g_left**2 / (h_left + l2) + g_right**2 / (h_right + l2) - g_all**2 / (h_all + l2)
    gain[(h_left < min_hessian) | (h_right < min_hessian)] = -np.inf
    flat = gain.reshape(count, -1)
    best = flat.argmax(axis=1)
    found_f, found_b = best // BINS, best % BINS
    ok = flat[np.arange(count), best] > 1e-6
    return np.where(ok, found_f, -1), found_b
