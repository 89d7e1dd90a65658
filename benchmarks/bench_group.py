"""Time the grouping stage on about 1,000 short seeds from a cold cache.

usage: python benchmarks/bench_group.py [--eval DIR] [--count N]

Seeds: pud-dev/partial8 (973 short seeds in 8 languages), topped up to N (default 1000)
with seeds of pud-dev/full4. Prints the time of reading and analysing the seeds (not part
of grouping), of embedding (model load included, empty cache), and of the rest of the
grouping (candidates, alignment, assignment, ids), and the load average of the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from generator.build import analyse
from generator.cache import Cache
from generator.embed import default_encoder
from generator.group import group_stories
from generator.read import find_seeds, read_seed
from generator.records import Article, SeedText
from generator.vectors import article_vectors

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
    start = time.perf_counter()
    articles = load(args.eval, args.count)
    analysed = time.perf_counter()
    cache = Cache(None)  # cold: nothing embedded yet
    vectors = article_vectors(articles, default_encoder(), cache)
    embedded = time.perf_counter()
    grouping = group_stories(articles, cache=cache)  # every vector now comes from the cache
    grouped = time.perf_counter()
    sentences = sum(len(v.sentences) for v in vectors)
    print(f"seeds {len(articles)}  sentences embedded {sentences}  stories {len(grouping.stories)}")
    print(f"read + analyse (not grouping)  {analysed - start:7.1f} s")
    print(f"embedding (cold, model load)   {embedded - analysed:7.1f} s")
    print(f"rest of grouping               {grouped - embedded:7.1f} s")
    print(f"grouping total                 {grouped - analysed:7.1f} s  (target < 180 s)")
    print(f"load average at the end        {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
