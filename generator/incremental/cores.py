"""Many calls of a pure function shared among the machine's cores.

Workers are forked: they start at once with everything loaded (models, compiled patterns),
and what they return comes back in order. The functions given must not use the cache or the
encoder (a forked copy of an SQLite connection or of the encoder's thread pool is unsafe):
those stay with the build's own process, which hands out plain values and takes results.
A worker ends with that process (`_end_with`), however it ends.
"""

from __future__ import annotations

import functools
import itertools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from generator.progress import progress

R = TypeVar("R")
MAX_WORKERS = 8
CHUNK = 16  # calls per task: amortises the round trip, keeps the cores evenly busy


def on_cores(
    function: Callable[..., R],
    calls: Sequence[tuple[Any, ...]],
    step: str,
    spread_from: int,
    *,
    inherit: bool = False,
    chunk: int = CHUNK,
) -> Iterator[R]:
    """`function(*args)` of each call, in order; on every core when there are at least
    `spread_from` calls (below that, starting processes costs more than it saves).

    `inherit`: the workers read the function and the calls from their copy of this
    process's memory instead of receiving them pickled (for large arguments, records
    holding whole articles, or a function that is a closure).

    `chunk`: calls per task; 1 for calls that each return much (a language pair's scores):
    a worker's results then come back one call at a time, not a chunk's worth at once."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    # Forking a process that runs other threads (mkdocs serve's server) is unsafe: there,
    # one core.
    if workers < 2 or len(calls) < spread_from or threading.active_count() > 1:
        yield from progress((function(*args) for args in calls), step, len(calls))
        return
    import multiprocessing  # see `__getattr__`

    global _INHERITED
    _INHERITED = (function, calls) if inherit else None
    try:
        context = multiprocessing.get_context("fork")  # workers start now: they see `calls`
        pool_class = globals().get("ProcessPoolExecutor") or __getattr__("ProcessPoolExecutor")
        _prctl()  # looked up before forking, not in each worker
        ending = {"initializer": _end_with, "initargs": (os.getpid(),)}
        with pool_class(workers, mp_context=context, **ending) as pool:
            if inherit:
                done = pool.map(_inherited, range(len(calls)), chunksize=chunk)
            else:
                done = pool.map(_call, itertools.repeat(function), calls, chunksize=chunk)
            yield from progress(done, step, len(calls))
    finally:
        _INHERITED = None


def _end_with(parent: int) -> None:
    """In a worker just forked from `parent`: have the system kill it when `parent` ends.
    A build killed outright would otherwise leave its workers for minutes, blocked on a
    pipe no one reads, holding the cache file open. Where the system cannot (no `prctl`:
    not Linux), only a parent that ended before the fork returned is noticed."""
    prctl = _prctl()
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it ended before the request above could take effect
        os._exit(1)


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@functools.cache
def _prctl() -> Any:
    """The C library's `prctl`, or None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only where there are workers to start

    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def __getattr__(name: str) -> Any:
    """`ProcessPoolExecutor`, imported when first used: a rebuild seldom has calls enough
    to spread, and importing multiprocessing is a cost of every start."""
    if name == "ProcessPoolExecutor":
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The function and calls of an `inherit` run, as the forked workers find them.
_INHERITED: tuple[Callable[..., Any], Sequence[tuple[Any, ...]]] | None = None


def _call(function: Callable[..., R], args: tuple[Any, ...]) -> R:
    return function(*args)


def _inherited(index: int) -> Any:
    assert _INHERITED is not None  # set before the workers were forked
    function, calls = _INHERITED
    return function(*calls[index])
