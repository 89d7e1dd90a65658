"""Time and memory of the read stage on a 50 MB seed, and of a build with a seed at the limit.

Usage: python benchmarks/large_seed.py
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from generator.build import build
from generator.config import Config
from generator.reading.files import MAX_SEED_BYTES, read_seeds

LINE = "Министр иностранных дел выступил на форуме в Пекине и заявил о сотрудничестве.\n"


def _write(path: Path, size: int) -> None:
    raw = LINE.encode()
    path.write_bytes(raw * (size // len(raw)))


def _measure(label: str, run: object) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    result = run()  # type: ignore[operator]
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label}: {elapsed:.2f} s, peak Python memory {peak / 2**20:.1f} MiB -> {result}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        huge, limit = Path(tmp, "huge"), Path(tmp, "limit")
        huge.mkdir()
        limit.mkdir()
        _write(huge / "huge.txt", 50 * 1024 * 1024)
        _write(limit / "limit.txt", MAX_SEED_BYTES)
        print(f"limit: {MAX_SEED_BYTES:,} bytes")
        _measure("read a 50 MB seed", lambda: [str(r)[:60] for r in read_seeds(huge)])
        config = Config(seeds=limit, out=Path(tmp, "out"), strict=False)
        _measure("build a 1 MiB seed", lambda: f"{len(build(config).pages)} page")


if __name__ == "__main__":
    main()
