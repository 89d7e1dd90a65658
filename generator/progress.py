"""Progress of the long steps: a bar on a terminal, one summary line per step everywhere.

Bars appear only when stderr is a terminal and the CI variable is not set, so CI logs and
redirected output stay quiet: just `<step>: <what> in <seconds> s` at INFO.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

log = logging.getLogger("generator")

T = TypeVar("T")


def interactive() -> bool:
    """True when a person is watching: stderr is a terminal and this is not CI."""
    in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return sys.stderr.isatty() and not in_ci


def progress(items: Iterable[T], step: str, total: int | None = None) -> Iterator[T]:
    """`items`, with a progress bar when interactive."""
    if not interactive():
        yield from items
        return
    from tqdm import tqdm  # imported when a bar is shown: a rebuild in CI never needs it

    with tqdm(items, desc=step, total=total, unit="seed", leave=False, file=sys.stderr) as bar:
        yield from bar


class Steps:
    """Times the steps of a build: `steps.done("group", "12 stories")` after each one."""

    def __init__(self, quiet: bool = False) -> None:
        self.start = self.last = time.perf_counter()
        self.timings: dict[str, float] = {}
        self.quiet = quiet

    def done(self, step: str, what: str = "") -> float:
        now = time.perf_counter()
        elapsed, self.last = now - self.last, now
        self.timings[step] = self.timings.get(step, 0.0) + elapsed
        if not self.quiet:
            log.info("%s: %s%.2f s", step, f"{what} in " if what else "", elapsed)
        return elapsed

    def total(self) -> float:
        return time.perf_counter() - self.start
