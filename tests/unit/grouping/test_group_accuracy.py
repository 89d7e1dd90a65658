"""Accuracy floors of the grouping: the five seeds exactly, and a corpus of ../shared/eval."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from conftest import ROOT, SHARED_EVAL, BuiltSite

from generator.build import build
from generator.config import Config


def _stories(archive: Path) -> set[frozenset[str]]:
    manifest = json.loads(archive.read_text(encoding="utf-8"))
    return {frozenset(a["seed"] for a in s["articles"]) for s in manifest["stories"]}


def test_the_five_seeds_group_exactly(seed_site: BuiltSite) -> None:
    assert _stories(seed_site.docs / "archive.json") == {
        frozenset({"000_c3a19952f2159eca.txt", "001_38ad4a385a39e8e7.txt"}),
        frozenset({"002_8976b4f3f2e009c9.txt"}),
        frozenset({"003_6bde35b42e76ada8.txt"}),
        frozenset({"004_7f709111a102fe8d.txt"}),
    }


def pairwise_f1(truth: dict[str, str], predicted: set[frozenset[str]]) -> float:
    story = {seed: i for i, group in enumerate(predicted) for seed in group}
    tp = fp = fn = 0
    for x, y in itertools.combinations(sorted(truth), 2):
        same, true = story.get(x) == story.get(y), truth[x] == truth[y]
        tp += same and true
        fp += same and not true
        fn += true and not same
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED_EVAL / "pud-dev").is_dir(), reason="../shared/eval is absent")
def test_pud_partial4_floor(tmp_path: Path) -> None:
    corpus = SHARED_EVAL / "pud-dev" / "partial4"
    config = Config(
        seeds=corpus / "seeds",
        out=tmp_path / "docs",
        strict=False,
        stories=tmp_path / "stories.yml",
        cache=ROOT / ".cache" / "generator.sqlite",
    )
    build(config)
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    predicted = _stories(tmp_path / "docs" / "archive.json")
    assert pairwise_f1({k: v["story"] for k, v in truth.items()}, predicted) >= 0.99
