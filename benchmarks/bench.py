"""Benchmark the whole build at several archive sizes; print the figures and save them as JSON.

For each size N: the generator from cold (empty cache), and again from cold but with the
encoder's vectors already in the cache (its own work without the model's); after one seed is
added (warm cache),
and which files it rewrote; after one new article is added (one whose sentences the encoder
has not seen: the archive's seeds reuse the corpora's sentences); with nothing changed.
Then `mkdocs build` of the result (and once without each plugin and hook), the search step
(Pagefind) and the largest page, the time to embed
every seed once, peak memory of each step, and the built site's size. Every step is a
subprocess of the project's own commands, measured on its own.

    nice -n 10 .venv/bin/python -m benchmarks.bench --sizes 500,2000,10000
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import yaml

from benchmarks.report import goals, growth, table
from benchmarks.synth import load_corpora, new_article, synthetic_seeds, write_seeds
from generator.incremental.embeddings import CACHE_KIND as SENTENCE_VECTORS

ROOT = Path(__file__).resolve().parent.parent
GENERATED_AT_TOP = {"archive.json", ".generator-files", "index.md"}  # beside hand-written ones


@dataclass(frozen=True)
class Run:
    """One measured subprocess."""

    seconds: float  # wall clock
    cpu_seconds: float  # user + system
    peak_mb: float  # maximum resident set size
    warnings: int  # lines of its stderr that are warnings
    log: list[str]  # its stderr (the generator's step timings), last lines


def run(command: Sequence[str], stdout: IO[bytes] | None = None) -> Run:
    """Run `command` from the project folder; its own rusage via wait4, so steps don't mix."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=stdout or subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "CI": "true"},  # no progress bars: their redraws cost time
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        log = err.read().decode("utf-8", "replace").splitlines()
    if proc.returncode:
        tail = "\n".join(log[-20:])
        raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}):\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    warned = sum("WARNING" in line or line.startswith("warning:") for line in log)
    peak = round(usage.ru_maxrss / 1024, 1)
    return Run(round(seconds, 3), round(cpu, 3), peak, warned, log[-12:])


# -- the steps ---------------------------------------------------------------------------------


def generate(seeds: Path, docs: Path, cache: Path) -> Run:
    return run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--seeds",
            str(seeds),
            "--out",
            str(docs),
            "--cache",
            str(cache),
        ]
    )


def mkdocs(config: Path, docs: Path, site: Path, without: str | None = None) -> Run:
    """`mkdocs build` of `config` on `docs` into `site`, optionally without one plugin or
    hook (named as in `plugin_entries` or `hook_entries`)."""
    with temporary_config(config, docs, without) as temp:
        return run([sys.executable, "-m", "mkdocs", "build", "-f", str(temp), "-d", str(site)])


def search_step(site: Path) -> Run:
    """The site's search index: `scripts/search_index.py`, as `scripts/build.sh` runs it."""
    return run([sys.executable, str(ROOT / "scripts" / "search_index.py"), str(site)])


@contextmanager
def temporary_config(config: Path, docs: Path, without: str | None) -> Iterator[Path]:
    """A config inheriting `config`, written beside it so its relative paths (custom_dir,
    hooks) still resolve, with `docs_dir` pointed at `docs`."""
    override: dict[str, Any] = {"INHERIT": config.name, "docs_dir": str(docs.resolve())}
    hooks = hook_entries(config)
    if without is not None and without in hooks:
        override["hooks"] = [h for h in hooks if h != without]
    elif without is not None:
        override["plugins"] = [p for p in plugin_entries(config) if plugin_name(p) != without]
    fd, name = tempfile.mkstemp(prefix=".bench-", suffix=".yml", dir=config.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        yaml.safe_dump(override, handle, allow_unicode=True)
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!!python/name:` and `!ENV` tags as plain values."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _settings(config: Path) -> dict[str, Any]:
    found = yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    return found if isinstance(found, dict) else {}


def plugin_entries(config: Path) -> list[Any]:
    plugins = _settings(config).get("plugins", ["search"])  # MkDocs' default when the key is absent
    if isinstance(plugins, dict):
        return [{name: options} for name, options in plugins.items()]
    return list(plugins or [])


def plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def hook_entries(config: Path) -> list[str]:
    """The hooks of `config` (their paths, as written): they work as plugins do, and this
    project's do much of a build's work (the search extras, Pagefind's indexes)."""
    return [str(hook) for hook in _settings(config).get("hooks") or []]


def embed(seeds: Path, sample: int) -> dict[str, Any]:
    """Time to embed every seed once (extrapolated from `sample` seeds when not 0)."""
    with tempfile.TemporaryFile() as out:
        measured = run(
            [sys.executable, "-m", "benchmarks.embed_time", str(seeds), str(sample)], out
        )
        out.seek(0)
        report: dict[str, Any] = json.loads(out.read())
    scale = report["seeds"] / max(1, report["encoded"])
    cpu = round(measured.cpu_seconds * scale, 3)
    return {**asdict(measured), **report, "seconds": report["all_seeds_s"], "all_seeds_cpu_s": cpu}


# -- measuring one size ------------------------------------------------------------------------


def hand_written_docs(docs: Path) -> None:
    """The project's hand-written pages (top of site_src/ and its assets/), as in the repo."""
    source = ROOT / "site_src"
    docs.mkdir(parents=True)
    for path in source.iterdir():
        if path.is_file() and path.name not in GENERATED_AT_TOP:
            shutil.copy2(path, docs / path.name)
    if (source / "assets").is_dir():
        shutil.copytree(source / "assets", docs / "assets")


def cold_with_vectors(seeds: Path, cache: Path, work: Path) -> Run:
    """A cold build whose encoder has already run: a copy of `cache` holding the sentence
    vectors and nothing else, into fresh docs. The build's own cost, the model's
    (loading it, running it) apart: the issue's "generator from cold" without "embedding"."""
    folder = work / "cold-vectors"
    docs, copy = folder / "docs", folder / "cache.sqlite"
    hand_written_docs(docs)
    with closing(sqlite3.connect(cache)) as source, closing(sqlite3.connect(copy)) as kept:
        source.backup(kept)
        kept.execute("DELETE FROM cache WHERE kind != ?", (SENTENCE_VECTORS,))
        kept.commit()
        kept.execute("VACUUM")  # or the build would compact the file, on the clock
    try:
        return generate(seeds, docs, copy)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file: an atomic rewrite changes both, so we see what was written."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(folder).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return found


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(n: int, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    seeds, docs, site, cache = work / "seeds", work / "docs", work / "site", work / "cache.sqlite"
    article, sources = new_article(load_corpora(args.eval), args.seed)
    stream = synthetic_seeds(sources, args.seed)
    seed_bytes = write_seeds(seeds, stream, n)
    hand_written_docs(docs)
    result: dict[str, Any] = {"n": n, "seed_bytes": seed_bytes, "load_average": os.getloadavg()}
    result["generator_cold"] = with_embedding(asdict(generate(seeds, docs, cache)))
    result["generator_cold_vectors_cached"] = with_embedding(
        asdict(cold_with_vectors(seeds, cache, work))
    )
    builds = [asdict(mkdocs(args.mkdocs_config, docs, site)) for _ in range(args.repeat)]
    result["mkdocs"], result["mkdocs_runs"] = median_run(builds), [b["seconds"] for b in builds]
    result["site_bytes"] = folder_bytes(site)
    result["bytes_per_article"] = round(result["site_bytes"] / n)
    result["search_step"] = asdict(search_step(site))  # Pagefind, after any engine's build
    result["search_index_bytes"] = folder_bytes(site / "pagefind")
    pages = {p: p.stat().st_size for p in site.rglob("*.html")}
    result["html_bytes_per_page"] = round(sum(pages.values()) / max(1, len(pages)))
    largest = max(pages, key=lambda p: (pages[p], str(p)), default=None)
    result["largest_page"] = {
        "path": str(largest.relative_to(site)) if largest else None,
        "bytes": pages[largest] if largest else 0,
    }
    before = snapshot(docs)
    rebuilds, after = [], {}
    for i in range(args.repeat):  # each run adds one more seed to the archive the last built
        write_seeds(seeds, stream, 1)
        rebuilds.append(with_embedding(asdict(generate(seeds, docs, cache))))
        if i == 0:
            after = snapshot(docs)  # what adding one seed rewrote
    result["generator_one_seed"] = median_run(rebuilds)
    result["generator_one_seed_runs"] = [r["seconds"] for r in rebuilds]
    changed = sorted(p for p in after if before.get(p) != after[p])
    removed = sorted(set(before) - set(after))
    result["one_seed_rewrote"] = {"count": len(changed), "files": changed[:50], "removed": removed}
    # The rebuild an editor waits for: an article whose sentences are new to the encoder.
    write_seeds(seeds, iter([article]), 1)
    result["generator_new_article"] = with_embedding(asdict(generate(seeds, docs, cache)))
    # What every rebuild pays before any work of its own: start, read the archive back, check
    # the files. It tells the one-seed rebuild's fixed cost from the work the new seed makes.
    result["generator_no_change"] = asdict(generate(seeds, docs, cache))
    if args.plugins:
        result["mkdocs_without"] = {
            name: asdict(without_plugin(args.mkdocs_config, docs, work / "site-without", name))
            for name in [
                *map(plugin_name, plugin_entries(args.mkdocs_config)),
                *hook_entries(args.mkdocs_config),
            ]
        }
    if args.embed:
        result["embed"] = embed(seeds, args.embed_sample)
    result["ratios"] = ratios(result)
    return result


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median wall time (of an even number, the faster of the two middle ones):
    one slow or fast moment of a shared machine does not decide a goal."""
    return sorted(runs, key=lambda run: run["seconds"])[(len(runs) - 1) // 2]


EMBEDDING_LINE = re.compile(r"embedding: (\d+) sentences in ([\d.]+) s")


def with_embedding(step: dict[str, Any]) -> dict[str, Any]:
    """The generator's own encoder time, from its log line, beside its wall time."""
    for line in step["log"]:
        found = EMBEDDING_LINE.search(line)
        if found:
            return {**step, "embedded": int(found[1]), "embedding_s": float(found[2])}
    return step


def without_plugin(config: Path, docs: Path, site: Path, name: str) -> Run:
    try:
        return mkdocs(config, docs, site, without=name)
    finally:
        shutil.rmtree(site, ignore_errors=True)


def ratios(result: dict[str, Any]) -> dict[str, float]:
    build = result["mkdocs"]["seconds"]
    return {
        "generator_cold / mkdocs": round(result["generator_cold"]["seconds"] / build, 3),
        "generator_one_seed / mkdocs": round(result["generator_one_seed"]["seconds"] / build, 3),
        "generator_no_change / mkdocs": round(result["generator_no_change"]["seconds"] / build, 3),
        "generator_new_article / mkdocs": round(
            result["generator_new_article"]["seconds"] / build, 3
        ),
    }


# -- main --------------------------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,10000", help="archive sizes, comma-separated")
    parser.add_argument(
        "--eval",
        type=Path,
        default=ROOT.parent / "shared" / "eval",
        help="corpora: truth.json + seeds/ [../shared/eval]",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed of the synthetic archive")
    parser.add_argument("--mkdocs-config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--workdir", type=Path, help="where archives are built [a temp folder]")
    parser.add_argument("--keep", action="store_true", help="keep the built archives")
    parser.add_argument(
        "--no-embed",
        dest="embed",
        action="store_false",
        help="skip timing the embedding of every seed",
    )
    parser.add_argument(
        "--embed-sample",
        type=int,
        default=0,
        help="time embedding on about this many seeds and extrapolate [0: all]",
    )
    parser.add_argument(
        "--no-plugins",
        dest="plugins",
        action="store_false",
        help="skip the mkdocs builds without each plugin and hook",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs of `mkdocs build` and of the one-seed rebuild (each adding a seed); "
        "the median is reported [1]",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=ROOT / "benchmarks" / "results",
        help="folder of the JSON results [benchmarks/results]",
    )
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    args.mkdocs_config = args.mkdocs_config.resolve()
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, not {args.repeat}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if not any(args.eval.rglob("truth.json")):
        print(f"error: no corpus (truth.json + seeds/) under {args.eval}", file=sys.stderr)
        return 2
    # Each step runs in a new process: time the steps, not Python compiling the project's
    # modules again (an installed package is compiled; PYTHONDONTWRITEBYTECODE may be set).
    compileall.compile_dir(ROOT / "generator", quiet=1)
    compileall.compile_dir(ROOT / "hooks", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=args.workdir))
    results = []
    try:
        for n in args.sizes:
            print(f"N={n} ...", file=sys.stderr, flush=True)
            results.append(measure(n, work / str(n), args))
            if not args.keep:
                shutil.rmtree(work / str(n), ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    curve = growth(results)
    print(table(results, curve))
    print("\n".join(goals(results)))
    print(f"results: {save(args, results, curve)}")
    return 0


def save(args: argparse.Namespace, results: list[dict[str, Any]], curve: Any) -> Path:
    data = {"sizes": args.sizes, "seed": args.seed, "results": results}
    data |= {"growth": curve, "goals": goals(results)}
    return write_results(args.results, f"N{'-'.join(map(str, args.sizes))}", data)


def write_results(folder: Path, label: str, data: dict[str, Any]) -> Path:
    """`data`, with when, at which commit and on what machine it was measured, saved as
    `folder/<date>-<label>.json`."""
    now = datetime.datetime.now(datetime.UTC)
    record = {
        "date": now.isoformat(timespec="seconds"),
        "commit": head_commit(),
        "load_average": os.getloadavg(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        **data,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{now:%Y-%m-%dT%H%M}-{label}.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def head_commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
