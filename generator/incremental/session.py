"""One build's use of the cache: opened before the first stage, committed as stages end,
swept of what the build did not use once it completed, and closed whatever happens."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from generator.incremental.cache import Cache
from generator.incremental.memo import Memo

GC_THRESHOLD = 2_000_000  # allocations between two young collections (Python's default: 700)


@contextlib.contextmanager
def session(path: Path | None) -> Iterator[Memo]:
    """The memo every stage's batch entry is given (`path` None: no cache)."""
    memo = Memo.open(path)
    memo.defer_texts = True  # the write stage reads a page's text only if its file changed
    try:
        with _few_collections():
            yield memo
    finally:
        memo.close()


def sweep(memo: Memo, kinds: Iterable[str], then: Callable[[Cache], None]) -> None:
    """After a complete build: results it did not use are an older code's or a removed
    seed's. `kinds`: kept outside the memo, `then`: a stage's own housekeeping."""
    if memo.cache is None:
        return
    memo.forget_unused("memo:")
    for kind in kinds:
        memo.cache.forget_unused(kind)
    then(memo.cache)
    memo.cache.compact()


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Python's cycle collector, run less often: a rebuild reads back a hundred thousand
    records that live to its end, and with the default thresholds it traverses all of
    them again and again. The pipeline makes few reference cycles, so memory stays as
    it was."""
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
