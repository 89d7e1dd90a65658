"""Boosted decision trees, evaluated with numpy: the line model's classifier.

Every tree is complete to the same depth (a node that did not split sends every line left
and its two children share its value), so a forest is a few arrays and is walked one level
at a time for all trees and all lines at once. Trained by `eval/train_trees.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Forest:
    depth: int
    features: np.ndarray  # (trees, 2**depth - 1) feature of each inner node
    thresholds: np.ndarray  # (trees, 2**depth - 1): go right when the value is above
    leaves: np.ndarray  # (trees, 2**depth) value added to the log-odds
    base: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        trees, inner = self.features.shape
        # Every inner node's test for every line at once; the walk then only picks them.
        decided = rows[:, self.features.ravel()] > self.thresholds.ravel()
        offset = np.arange(trees) * inner
        node = np.zeros((len(rows), trees), dtype=np.int64)
        for _ in range(self.depth):
            node = 2 * node + 1 + np.take_along_axis(decided, node + offset, axis=1)
        leaf = node - inner + np.arange(trees) * self.leaves.shape[1]
        z: np.ndarray = self.leaves.ravel()[leaf].sum(axis=1) + self.base
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))

    def to_json(self) -> dict[str, object]:
        return {
            "depth": self.depth,
            "features": self.features.tolist(),
            # JSON has no infinity: null is a node that sends every line left.
            "thresholds": [
                [round(float(t), 5) if np.isfinite(t) else None for t in row]
                for row in self.thresholds
            ],
            "leaves": [[round(float(v), 5) for v in row] for row in self.leaves],
            "base": round(self.base, 6),
        }

    @staticmethod
    def from_json(data: dict[str, object]) -> Forest:
        raw = data["thresholds"]
        assert isinstance(raw, list)
        thresholds = np.asarray(
            [[np.inf if t is None else t for t in row] for row in raw], dtype=np.float64
        )
        return Forest(
            depth=int(str(data["depth"])),
            features=np.asarray(data["features"], dtype=np.int64),
            thresholds=thresholds,
            leaves=np.asarray(data["leaves"], dtype=np.float64),
            base=float(str(data["base"])),
        )
