"""One build's use of the cache: opened for the build, closed whatever happens, and swept of
what a complete build did not use."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.incremental import cache as cache_module
from generator.incremental.cache import Cache
from generator.incremental.cache_file import stamp, stamp_file
from generator.incremental.memo import Memo
from generator.incremental.session import GC_THRESHOLD, session, sweep


@pytest.fixture(autouse=True)
def threshold() -> Iterator[tuple[int, int, int]]:
    """A threshold no session sets, whatever an earlier test left."""
    before = gc.get_threshold()
    gc.set_threshold(701, 11, 12)
    yield gc.get_threshold()
    gc.set_threshold(*before)


def test_a_session_without_a_file_has_no_cache() -> None:
    with session(None) as memo:
        assert memo.cache is None
        assert memo.defer_texts


def test_the_collector_runs_seldom_during_the_build_only(threshold: tuple[int, ...]) -> None:
    with session(None):
        assert gc.get_threshold() == (GC_THRESHOLD, 11, 12)
    assert gc.get_threshold() == threshold


@pytest.mark.parametrize("failure", [None, RuntimeError, KeyboardInterrupt])
def test_the_file_is_closed_cleanly_whatever_happens(
    tmp_path: Path, failure: type[BaseException] | None, threshold: tuple[int, ...]
) -> None:
    path = tmp_path / "c.sqlite"
    expected = pytest.raises(failure) if failure else contextlib.nullcontext()
    with expected, session(path) as memo:
        assert memo.cache is not None and memo.cache.path == path
        memo.cache.put("memo:stage", "ключ", "مفتاح".encode())
        if failure:
            raise failure
    assert stamp_file(path).read_text(encoding="utf-8") == stamp(path)  # closed cleanly
    assert gc.get_threshold() == threshold
    with Cache(path) as cache:
        assert cache.get("memo:stage", "ключ") == "مفتاح".encode()


def test_a_sweep_forgets_what_the_build_did_not_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "SLACK", 0.0)
    path = tmp_path / "c.sqlite"
    with Cache(path) as cache:
        for kind in ("memo:stage", "lead", "sentence-vector"):
            for key in ("used", "old"):
                cache.put(kind, key, b"v")
    housekeeping: list[Cache] = []
    with session(path) as memo:
        assert memo.cache is not None
        for kind in ("memo:stage", "lead", "sentence-vector"):
            assert memo.cache.get(kind, "used") == b"v"
        sweep(memo, ["lead"], housekeeping.append)
        assert housekeeping == [memo.cache]
    with Cache(path) as cache:
        left = {(kind, key) for kind, key in cache._db.execute("SELECT kind, key FROM cache")}
    assert left == {
        ("memo:stage", "used"),
        ("lead", "used"),
        ("sentence-vector", "used"),
        ("sentence-vector", "old"),  # a kind not named: kept whatever a build uses
    }


def test_without_a_cache_a_sweep_does_nothing() -> None:
    called: list[Cache] = []
    sweep(Memo(None), ["lead"], called.append)
    assert called == []
