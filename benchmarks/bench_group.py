"""Time the grouping stage on about 1,000 short seeds from a cold cache.

usage: python benchmarks/bench_group.py [--eval DIR] [--count N]

Seeds: pud-dev/partial8 (973 short seeds in 8 languages), topped up to N (default 1000)
with seeds of pud-dev/full4. Prints the time of reading and analysing the seeds (not part
of grouping), of embedding (model load included, empty cache), and of the rest of the
grouping (candidates, alignment, assignment, ids), and the load average of the machine.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from generator.analysis.analyse import analyse
from generator.grouping.group import group_stories
from generator.grouping.vectors import article_vectors
from generator.incremental.cache import Cache
from generator.incremental.embeddings import CachedEncoder
from generator.reading.files import find_seeds, read_seed
from generator.records import Article, SeedText
from generator.text.embed import default_encoder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = next(
    (p for p in (ROOT.parent / "shared/eval", ROOT.parent.parent / "shared/eval") if p.is_dir()),
    ROOT.parent / "shared/eval",
)


def load(eval_dir: Path, count: int) -> list[Article]:
    folders = [eval_dir / "pud-dev/partial8/seeds", eval_dir / "pud-dev/full4/seeds"]
    articles: list[Article] = []
    for folder in folders:
        for path in find_seeds(folder):
            if len(articles) == count:
                return articles
            seed = read_seed(path, folder)
            if isinstance(seed, SeedText):
                unique = replace(seed, name=f"{folder.parent.name}/{seed.name}")
                articles.append(analyse(unique))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    if not (args.eval / "pud-dev/partial8/seeds").is_dir():
        sys.exit(f"{args.eval}: no pud-dev corpus here; pass --eval DIR")
    marks = [_now()]
    articles = load(args.eval, args.count)
    marks.append(_now())
    cache = Cache(None)  # cold: nothing embedded yet
    vectors = article_vectors(articles, CachedEncoder(default_encoder(), cache))
    marks.append(_now())
    grouping = group_stories(articles, cache=cache)  # every vector now comes from the cache
    marks.append(_now())
    sentences = sum(len(v.sentences) for v in vectors)
    print(f"seeds {len(articles)}  sentences embedded {sentences}  stories {len(grouping.stories)}")
    print("phase                          wall s   cpu s  (cpu s of all threads; on a busy")
    print("                                                machine wall >> cpu / cores)")
    phases = ["read + analyse (not grouping)", "embedding (cold, model load)", "rest of grouping"]
    for name, (a, b) in zip(phases, itertools.pairwise(marks), strict=True):
        print(f"{name:30s} {b[0] - a[0]:7.1f} {b[1] - a[1]:7.1f}")
    wall, cpu = marks[3][0] - marks[1][0], marks[3][1] - marks[1][1]
    cores = os.cpu_count() or 1
    print(f"grouping total                 {wall:7.1f} {cpu:7.1f}  (target < 180 s wall)")
    print(f"cores {cores}; cpu / cores = {cpu / cores:.1f} s: estimated wall time on idle cores")
    print(f"load average at the end        {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def _now() -> tuple[float, float]:
    """(wall clock, CPU time of this process summed over its threads)."""
    return time.perf_counter(), time.process_time()


if __name__ == "__main__":
    main()
