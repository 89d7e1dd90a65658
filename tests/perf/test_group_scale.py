"""The grouping benchmark at scale: its synthetic archive and vectors behave as described,
its scores are right, and a small run finds the stories it made."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of scripts, not an installed package
from benchmarks import group_scale  # noqa: E402


def sentence(story: int, number: int, lang: str) -> str:
    return f"Story {story}, sentence {number}, in {lang}: what was said, reported at length."


def cosine(encoder: group_scale.SyntheticEncoder, a: str, b: str) -> float:
    x, y = encoder.encode([a, b])
    return float(np.dot(x, y))


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        (sentence(3, 1, "en"), sentence(3, 1, "fr"), 0.88, 0.99),  # a translation
        (sentence(3, 1, "en"), sentence(4, 1, "en"), 0.15, 0.45),  # same topic, another story
        (sentence(3, 1, "en"), sentence(3, 2, "fr"), 0.15, 0.45),  # same story, another sentence
        (sentence(3, 1, "en"), sentence(3 + group_scale.TOPIC_SIZE, 1, "en"), -0.2, 0.2),
    ],
)
def test_synthetic_vectors_are_near_for_translations_only(
    a: str, b: str, low: float, high: float
) -> None:
    assert low <= cosine(group_scale.SyntheticEncoder(0), a, b) <= high


def test_synthetic_vectors_are_unit_length_and_the_same_every_time() -> None:
    texts = [sentence(s, n, lang) for s in range(3) for n in range(2) for lang in ("en", "kk")]
    first = group_scale.SyntheticEncoder(7).encode(texts)
    assert first.dtype == np.float32 and first.shape == (12, 384)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first, group_scale.SyntheticEncoder(7).encode(texts))
    assert not np.array_equal(first, group_scale.SyntheticEncoder(8).encode(texts))
    with pytest.raises(ValueError, match="not a synthetic sentence"):
        group_scale.SyntheticEncoder(0).encode(["Share this article"])


def test_the_synthetic_archive_has_the_size_and_languages_asked() -> None:
    archive = group_scale.synthetic_archive(500, 5, seed=1)
    assert len(archive.articles) == 500 == len(archive.story_of)
    assert {a.lang.code for a in archive.articles} == set(group_scale.LANGUAGES[:5])
    versions = Counter(archive.story_of.values())
    assert max(versions.values()) <= 5 and min(versions.values()) == 1
    for story in versions:  # at most one version per language
        langs = [a.lang.code for a in archive.articles if archive.story_of[a.name] == story]
        assert len(langs) == len(set(langs))
    again = group_scale.synthetic_archive(500, 5, seed=1)
    assert [a.name for a in again.articles] == [a.name for a in archive.articles]


@pytest.mark.parametrize(
    ("found", "precision", "recall"),
    [
        ({"a": "1", "b": "1", "c": "2", "d": "3"}, 1.0, 1.0),
        ({"a": "1", "b": "2", "c": "2", "d": "3"}, 0.0, 0.0),  # b joined c's story instead
        ({"a": "1", "b": "1", "c": "1", "d": "1"}, round(1 / 6, 4), 1.0),  # all one story
        ({"a": "1", "b": "2", "c": "3", "d": "4"}, 1.0, 0.0),  # nothing grouped
    ],
)
def test_pair_scores(found: dict[str, str], precision: float, recall: float) -> None:
    truth = {"a": 1, "b": 1, "c": 2, "d": 3}
    assert group_scale.pair_scores(truth, found) == {
        "pair_precision": precision,
        "pair_recall": recall,
    }


def test_a_small_run_finds_the_stories_it_made(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.group_scale", "--sizes", "150,300", "--languages", "4",
         "--results", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (saved,) = tmp_path.glob("*-group-N150-300.json")
    results = json.loads(saved.read_text(encoding="utf-8"))["results"]
    assert [json.loads(line) for line in done.stdout.splitlines()[:-1]] == results
    assert [r["n"] for r in results] == [150, 300]
    for result in results:
        assert result["pair_precision"] >= 0.98 and result["pair_recall"] >= 0.98
        assert result["peak_mb"] >= result["before_group_mb"] > 10
        assert 0 < result["vectors_s"] < result["group_s"]
        assert result["sentences"] >= 6 * result["n"]
        assert result["group_cpu_s"] > 0 and result["workers_cpu_s"] >= 0


def test_a_language_count_out_of_range_is_refused() -> None:
    with pytest.raises(SystemExit):
        group_scale.main(["--languages", "1"])
