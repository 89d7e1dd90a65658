"""Work shared among processes: the same results, in order, whatever process did it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.incremental import cores
from generator.incremental.cache import Cache
from generator.incremental.memo import Memo


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores, and no other thread (another test's server would make forking unsafe)."""
    monkeypatch.setattr(cores.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cores.threading, "active_count", lambda: 1)


def pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def fails_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


@pytest.mark.usefixtures("forking")
def test_work_ahead_is_done_by_another_process_and_comes_back_in_order() -> None:
    found = list(cores.ahead(pid_and_square, [(x,) for x in range(5)]))
    assert [square for _, square in found] == [0, 1, 4, 9, 16]
    assert {pid for pid, _ in found} != {os.getpid()}


@pytest.mark.usefixtures("forking")
def test_work_ahead_that_fails_raises_here() -> None:
    with pytest.raises(ValueError, match="three"):
        list(cores.ahead(fails_on_three, [(x,) for x in range(5)]))


@pytest.mark.parametrize(("count", "threads"), [(1, 1), (2, 2)])
def test_work_ahead_stays_here_with_one_core_or_other_threads(
    monkeypatch: pytest.MonkeyPatch, count: int, threads: int
) -> None:
    monkeypatch.setattr(cores.os, "cpu_count", lambda: count)
    monkeypatch.setattr(cores.threading, "active_count", lambda: threads)
    found = list(cores.ahead(pid_and_square, [(2,)]))
    assert found == [(os.getpid(), 4)]


def double(x: int) -> int:
    return 2 * x


@pytest.mark.usefixtures("forking")
def test_a_memo_starts_the_missing_work_before_reading_what_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = Memo(Cache(tmp_path / "c.sqlite"))
    assert memo.many(double, [(1,), (2,)]) == [2, 4]
    events: list[str] = []
    real_get_many = Cache.get_many

    def reading(self: Cache, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        events.append("read")
        return real_get_many(self, kind, keys)

    def run(stage: Any, calls: Sequence[tuple[Any, ...]]) -> Iterable[Any]:
        events.append(f"run {[args for args in calls]}")
        return cores.ahead(stage, calls)

    monkeypatch.setattr(Cache, "get_many", reading)
    assert memo.many(double, [(1,), (3,), (2,)], run, ahead=True) == [2, 6, 4]
    assert events == ["run [(3,)]", "read", "run []"]
    assert (memo.hits, memo.misses) == (2, 3)
    assert memo.many(double, [(3,)]) == [6]  # stored as if computed here
    assert (memo.hits, memo.misses) == (3, 3)
