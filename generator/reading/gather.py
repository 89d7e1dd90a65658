"""The reading stage's batch entry: every seed file found, read and decoded, duplicates set
apart, with what could not be read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.incremental.memo import DIRECT, Memo
from generator.reading.duplicates import Duplicate, seed_key, split_duplicates
from generator.reading.files import Racy, discover, read_seeds, seed_digest
from generator.records import SeedError, SeedText


@dataclass(frozen=True)
class Gathered:
    seeds: tuple[SeedText, ...]  # one of each text, by name
    duplicates: tuple[Duplicate, ...]
    errors: tuple[SeedError, ...]
    warnings: tuple[str, ...]
    racy: tuple[Racy, ...]  # seeds read within seconds of a change (`files.settle`)


def gather(folder: Path, memo: Memo = DIRECT) -> Gathered:
    found, racy = discover(folder), list[Racy]()
    items = list(read_seeds(folder, found, memo.cache, racy))
    texts = [item for item in items if isinstance(item, SeedText)]
    for seed in texts:  # its digest stands for it in keys and in stored analyses
        memo.name(seed, seed_digest(seed), shared=True)
    seeds, duplicates = split_duplicates(texts, memo.many(seed_key, [(s,) for s in texts]))
    return Gathered(
        seeds=tuple(seeds),
        duplicates=tuple(duplicates),
        errors=tuple(item for item in items if isinstance(item, SeedError)),
        warnings=tuple(found.notes) + tuple(str(d) for d in duplicates),
        racy=tuple(racy),
    )
