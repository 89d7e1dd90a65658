"""Does each piece of the incremental layer pay for itself? (issue 27)

Each variant is a git worktree of the project with one piece disabled (a small patch that
keeps the output identical). All of them, and a baseline worktree at the same commit, build
the same synthetic archive with their own cache (a copy of one holding only the encoder's
sentence vectors, so none embeds the archive again) and docs. Then, round after round, one
held-out seed is added to the shared seeds folder and every worktree rebuilds, in an order
that rotates each round (interleaved: a slow moment of a shared machine hits all of them).
The output trees are compared with the baseline's at the end.

    python -m benchmarks.machinery prepare --work W [--n 2000] [--held 12]
    python -m benchmarks.machinery run --work W --tree base=/work/bench-base \
        --tree a=/work/bench-a [--rounds 7]
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from benchmarks.bench import hand_written_docs
from benchmarks.synth import load_corpora, new_article, synthetic_seeds, write_seeds

ROOT = Path(__file__).resolve().parent.parent
SENTENCE_VECTORS = "sentence-vector"  # generator/incremental/embeddings.py CACHE_KIND


def build(tree: Path, seeds: Path, docs: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `python -m generator build` run from `tree` (its own code)."""
    command = [sys.executable, "-m", "generator", "build", "--seeds", str(seeds)]
    command += ["--out", str(docs), "--cache", str(cache)]
    env = {**os.environ, "CI": "true"}
    env.pop("PYTHONPATH", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        ["nice", "-n", "5", *command],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise RuntimeError(f"{tree}: build failed:\n{err.decode(errors='replace')[-2000:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu


def prepare(args: argparse.Namespace) -> None:
    """Archive of n seeds + held-out seeds; a cold build of all (so every sentence, held-out
    ones too, is embedded); a cache of its sentence vectors alone."""
    work: Path = args.work
    _, sources = new_article(load_corpora(args.eval), args.seed)
    stream = synthetic_seeds(sources, args.seed)
    write_seeds(work / "seeds", stream, args.n)
    write_seeds(work / "held", stream, args.held)
    everything = work / "all-seeds"
    shutil.copytree(work / "seeds", everything)
    for path in (work / "held").iterdir():
        shutil.copy2(path, everything / path.name)
    hand_written_docs(work / "cold-docs")
    if args.vectors is not None:  # embed only the sentences these do not hold
        shutil.copy2(args.vectors, work / "cold.sqlite")
    start = time.perf_counter()
    tree = Path(args.tree[0]) if args.tree else ROOT
    compileall.compile_dir(tree / "generator", quiet=1)
    build(tree, everything, work / "cold-docs", work / "cold.sqlite")
    print(f"cold build: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    with (
        closing(sqlite3.connect(work / "cold.sqlite")) as source,
        closing(sqlite3.connect(work / "vectors.sqlite")) as kept,
    ):
        source.backup(kept)
        kept.execute("DELETE FROM cache WHERE kind != ?", (SENTENCE_VECTORS,))
        kept.commit()
        kept.execute("VACUUM")
    shutil.rmtree(everything)
    shutil.rmtree(work / "cold-docs")


def run(args: argparse.Namespace) -> None:
    work: Path = args.work
    trees = dict(t.split("=", 1) for t in args.tree)
    seeds = work / "run-seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    shutil.copytree(work / "seeds", seeds)
    held = sorted((work / "held").iterdir())
    runs: dict[str, list[float]] = {name: [] for name in trees}
    cpus: dict[str, list[float]] = {name: [] for name in trees}
    warm: dict[str, float] = {}
    for name, tree in trees.items():
        compileall.compile_dir(Path(tree) / "generator", quiet=1)
        folder = work / "v" / name
        shutil.rmtree(folder, ignore_errors=True)
        hand_written_docs(folder / "docs")
        shutil.copy2(work / "vectors.sqlite", folder / "cache.sqlite")
        warm[name] = build(Path(tree), seeds, folder / "docs", folder / "cache.sqlite")[0]
        build(Path(tree), seeds, folder / "docs", folder / "cache.sqlite")  # settled
        print(f"warm {name}: {warm[name]:.1f} s", file=sys.stderr, flush=True)
    names = list(trees)
    load_start, orders = os.getloadavg(), []
    for i in range(args.rounds):
        shutil.copy2(held[i], seeds / held[i].name)
        time.sleep(6)  # past the racy window: saved, then built, as an editor does
        order = names[i % len(names) :] + names[: i % len(names)]
        if i % 2:
            order.reverse()
        orders.append(order)
        for name in order:
            folder = work / "v" / name
            wall, cpu = build(Path(trees[name]), seeds, folder / "docs", folder / "cache.sqlite")
            runs[name].append(round(wall, 3))
            cpus[name].append(round(cpu, 3))
        print(f"round {i}: " + ", ".join(f"{n} {runs[n][-1]:.3f}" for n in names), flush=True)
    same = {}
    base = work / "v" / names[0] / "docs"
    for name in names[1:]:
        diff = subprocess.run(["diff", "-rq", str(base), str(work / "v" / name / "docs")])
        same[name] = diff.returncode == 0
    record = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": subprocess.run(  # the baseline worktree's: the repository's may move on
            ["git", "rev-parse", "HEAD"], cwd=trees[names[0]], capture_output=True, text=True
        ).stdout.strip(),
        "load_average_end": os.getloadavg(),
        "n": sum(1 for _ in (work / "seeds").iterdir()),
        "trees": trees,
        "warm_full_build_s": warm,
        "load_average_start": load_start,
        "one_seed_runs_s": runs,
        "one_seed_cpu_s": cpus,
        "order": orders,
        "output_same_as_first": same,
    }
    out = args.out or work / "runs.json"
    out.write_text(json.dumps(record, indent=1))
    print(json.dumps(record, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["prepare", "run"])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--held", type=int, default=12)
    parser.add_argument("--tree", action="append", default=[])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--vectors", type=Path, help="prepare: start from this cache")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    {"prepare": prepare, "run": run}[args.step](args)


if __name__ == "__main__":
    main()
