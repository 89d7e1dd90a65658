"""A cold build of an archive whose sentences are all new to the encoder.

The synthetic archives of `bench.py` reuse the corpora's sentences, so their cold builds embed
little. This one takes real, distinct texts: the pasted web pages of `web-dev`, the NTREX
languages of the region (`region12`) and the PUD documents (`full4`), each text once, up to
N articles in a fixed order; then builds them from an empty cache and reports the whole cold
time, the sentences embedded and sentences per second.

    nice -n 5 .venv/bin/python -m benchmarks.cold_new [--count 2000] [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from benchmarks.bench import ROOT, Run, generate, write_results

# (corpus folder, only the seeds whose name ends so: None for all); 2,006 texts in all
SOURCES: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("web-dev/seeds", None),
    ("ntrex-dev/region12/seeds", None),
    ("pud-dev/full4/seeds", None),
)
ENCODER_LINE = re.compile(r"embedding: (\d+) sentences in ([\d.]+) s")


def distinct_texts(eval_dir: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every text of the sources, each text once."""
    seen: set[str] = set()
    for folder, endings in SOURCES:
        corpus = eval_dir / folder
        for path in sorted(corpus.glob("*.txt")) if corpus.is_dir() else ():
            if endings and not path.name.endswith(endings):
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest not in seen:
                seen.add(digest)
                yield f"{folder.split('/')[0]}-{folder.split('/')[1]}-{path.name}", data


def archive(eval_dir: Path, count: int, seed: int, folder: Path) -> int:
    """Write `count` texts, drawn in a fixed order, into `folder`; how many there were."""
    texts = list(distinct_texts(eval_dir))
    random.Random(seed).shuffle(texts)
    folder.mkdir(parents=True)
    for name, data in texts[:count]:
        (folder / name).write_bytes(data)
    return min(count, len(texts))


def encoder_figures(cold: Run) -> dict[str, float]:
    found = [ENCODER_LINE.search(line) for line in cold.log]
    last = next((m for m in reversed(found) if m), None)
    sentences, seconds = (int(last[1]), float(last[2])) if last else (0, 0.0)
    return {
        "sentences": sentences,
        "encoder_s": seconds,
        "sentences_per_s": round(sentences / seconds, 1) if seconds else 0.0,
    }


def measure(eval_dir: Path, count: int, seed: int, work: Path) -> dict[str, Any]:
    articles = archive(eval_dir, count, seed, work / "seeds")
    docs = work / "docs"
    cold = generate(work / "seeds", docs, work / "cache.sqlite")
    pages = sum(1 for _ in docs.rglob("*.md"))
    return {
        "articles": articles,
        "files": pages,
        "cold_s": cold.seconds,
        "cold_cpu_s": cold.cpu_seconds,
        "peak_mb": cold.peak_mb,
        **encoder_figures(cold),
        "log": cold.log,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="articles in the archive")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--seed", type=int, default=0, help="order in which texts are drawn")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="cold-new-"))
    try:
        result = measure(args.eval, args.count, args.seed, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    shown = {k: v for k, v in result.items() if k != "log"}
    print(" ".join(f"{k}={v}" for k, v in shown.items()))
    data = {"count": args.count, "seed": args.seed, "sources": SOURCES, "result": result}
    print(write_results(args.results, f"cold-new-N{result['articles']}", data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
