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


def double(x: int) -> int:
    return 2 * x


def test_a_memo_computes_only_what_is_not_stored(tmp_path: Path) -> None:
    memo = Memo(Cache(tmp_path / "c.sqlite"))
    assert memo.many(double, [(1,), (2,)]) == [2, 4]
    ran: list[list[tuple[Any, ...]]] = []

    def run(stage: Any, calls: Sequence[tuple[Any, ...]]) -> Iterable[Any]:
        ran.append(list(calls))
        return (stage(*args) for args in calls)

    assert memo.many(double, [(1,), (3,), (2,)], run) == [2, 6, 4]
    assert ran == [[(3,)]]
    assert (memo.hits, memo.misses) == (2, 3)
