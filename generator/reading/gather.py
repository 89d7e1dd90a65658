"""The reading stage's batch entry: every seed file found, read and decoded, duplicates set
apart, with what could not be read; and the index of the seed files an earlier build read,
which spares a rebuild reading the files that did not change."""

from __future__ import annotations

import hashlib
import pickle
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.incremental.cache import Cache
from generator.incremental.memo import DIRECT, Memo
from generator.incremental.stored import PICKLE_PROTOCOL, load_records
from generator.incremental.versions import code_version
from generator.reading.duplicates import Duplicate, seed_key, split_duplicates
from generator.reading.files import Found, Status, discover, read_seed, read_seeds
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
    if memo.cache is None:
        items = read_seeds(folder, found)
    else:
        items = read_known(folder, found, memo.cache, racy)
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


def read_known(
    folder: Path, found: Found, cache: Cache, racy: list[Racy]
) -> list[SeedText | SeedError]:
    """`read_seeds`, reading again only the seed files changed since a build stored them
    (below); `racy` gets the seeds read while racy, for `settle` once the build is done."""
    root = folder.resolve()
    items = [*found.refused, *_read_unless_known(found, folder, root, cache, racy)]
    return sorted(items, key=lambda item: item.name)


# Like git's index, a file whose size, times, inode and device are those of the file read
# before is taken to be that file: a rebuild then stats every seed and decodes only the
# changed ones. An edit changes the ctime, which no tool can set back. A file written
# within a few seconds of its reading is "racy": a second write in the same clock tick
# could leave its status unchanged, so the next build reads its bytes again and trusts
# what it knows only if their hash is the same; once the file is settled, its racy mark
# goes (the seed is not stored again: a first rebuild may settle thousands).
SEED_KIND = "memo:read.seed"  # "memo:": swept with the stage results no build used
RACY_KIND = "memo:read.racy"  # status keys of the seeds read while racy (no value)
SETTLED_NS = 5_000_000_000


@dataclass(frozen=True)
class Racy:
    """A seed read within SETTLED_NS of its last change: its status key is marked racy."""

    path: Path
    key: str
    sha256: str


def _read_unless_known(
    found: Found, folder: Path, root: Path, cache: Cache, racy_now: list[Racy]
) -> list[SeedText | SeedError]:
    keys = [_status_key(n, s) for n, s in zip(found.names, found.status, strict=True)]
    stored = cache.get_many(SEED_KIND, keys)
    racy = cache.present(RACY_KIND, stored)
    items: list[SeedText | SeedError] = []
    settled: list[str] = []  # racy marks to remove
    now = time.time_ns()
    for path, key in zip(found.seeds, keys, strict=True):
        known = load_records(stored.get(key, b""), SeedText)
        if known is None or (key in racy and not _confirmed(path, known)):
            item = read_seed(path, folder, root)
            if isinstance(item, SeedText):
                cache.put(SEED_KIND, key, pickle.dumps(item, protocol=PICKLE_PROTOCOL))
                if not _settled(path, now):
                    cache.put(RACY_KIND, key, b"")
                    racy_now.append(Racy(path, key, item.sha256))
                elif key in racy:
                    settled.append(key)
            items.append(item)
            continue
        if key in racy:
            if _settled(path, now):
                settled.append(key)
            else:
                racy_now.append(Racy(path, key, known.sha256))
        items.append(known)
    cache.forget(RACY_KIND, settled)
    return items


def settle(cache: Cache, racy: Sequence[Racy]) -> None:
    """Remove the racy marks of the seeds that have settled since they were read, their
    bytes unchanged: called at the end of a build, so that copying thousands of seeds in
    and building at once costs their second reading in that long build, not in the next
    rebuild. A seed changed since, or not yet settled, keeps its mark."""
    now = time.time_ns()
    cache.forget(
        RACY_KIND,
        [r.key for r in racy if _settled(r.path, now) and _same_bytes(r.path, r.sha256)],
    )


def _confirmed(path: Path, seed: SeedText) -> bool:
    """Whether the file's bytes still have the seed's hash (a racy entry)."""
    return _same_bytes(path, seed.sha256)


def _same_bytes(path: Path, sha256: str) -> bool:
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    return hashlib.sha256(raw).hexdigest() == sha256


def _status_key(name: str, status: Status) -> str:
    text = f"{code_version(__name__)}\0{name}\0{status}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _settled(path: Path, now: int) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return now - max(info.st_mtime_ns, info.st_ctime_ns) > SETTLED_NS


def seed_digest(seed: SeedText) -> str:
    """A digest that determines the seed: its name, its bytes' hash and the reader's code."""
    text = f"{code_version(__name__)}\0{seed.name}\0{seed.sha256}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
