"""A cache of derived data keyed by content hash: never trusted blindly.

One SQLite file holds (kind, key) -> bytes. The file is checked when opened (cache_file.py):
one that is not a database, fails SQLite's integrity check, or was written by another cache
format is discarded and rebuilt; a good one this user cannot write is only read, one it
cannot read is left alone. A value that fails to decode is treated as missing.
Callers put whatever their value depends on (code version, model name) into the key.

Concurrency: SQLite's own locking. A second build running at the same time waits briefly
for the lock, then goes on without writing to the cache: slower, never corrupt.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from generator.incremental.cache_file import in_memory, open_file, stamp, stamp_file

log = logging.getLogger(__name__)

DEFAULT_PATH = Path(".cache/generator.sqlite")
CHUNK = 500  # keys per query: well under SQLite's limit on bound parameters
SLACK = 0.125  # unused entries tolerated by `forget_unused`, as a share of those used
COMPACT_FROM = 64 << 20  # free bytes in the file before `compact` considers it
COMPACT_SHARE = 0.5  # share of the file's pages that must be free
LOCK_TIMEOUT = 2.0  # seconds to wait for another process's write lock


class Cache:
    def __init__(self, path: Path | None = DEFAULT_PATH) -> None:
        """`path=None` keeps the cache in memory (tests, one-off runs)."""
        self.path = path
        self.writable = True
        self.used: set[tuple[str, str]] = set()  # (kind, key) read or written since opened
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        opened = in_memory() if self.path is None else open_file(self.path, LOCK_TIMEOUT)
        self.path, self.writable = opened.path, opened.writable
        return opened.db

    def get(self, kind: str, key: str) -> bytes | None:
        self.used.add((kind, key))
        try:
            row = self._db.execute(
                "SELECT value FROM cache WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None or not isinstance(row[0], bytes):
            return None
        return row[0]

    def get_many(self, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        """The values found among `keys` (a rebuild looks up thousands: one query per chunk)."""
        rows = self._select("key, value", kind, keys)
        return {key: value for key, value in rows if isinstance(value, bytes)}

    def present(self, kind: str, keys: Iterable[str]) -> set[str]:
        """Which of `keys` are stored, without reading their values."""
        return {key for (key,) in self._select("key", kind, keys)}

    def _select(self, columns: str, kind: str, keys: Iterable[str]) -> Iterator[Any]:
        """`columns` of the rows of `keys` that are stored, one query per CHUNK keys; the
        keys count as used. A query that fails ends the rows there."""
        wanted = list(dict.fromkeys(keys))
        self.used.update((kind, key) for key in wanted)
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            try:
                yield from self._db.execute(
                    f"SELECT {columns} FROM cache WHERE kind = ? AND key IN ({marks})",
                    (kind, *chunk),
                ).fetchall()
            except sqlite3.DatabaseError:
                return

    def put(self, kind: str, key: str, value: bytes) -> None:
        self.used.add((kind, key))
        if not self.writable:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO cache VALUES (?, ?, ?)", (kind, key, value))
        except sqlite3.DatabaseError as exc:
            self._stop_writing(exc)

    def forget(self, kind: str, keys: Iterable[str]) -> None:
        """Delete the entries of `keys`."""
        if not self.writable:
            return
        try:
            self._db.executemany(
                "DELETE FROM cache WHERE kind = ? AND key = ?", [(kind, key) for key in keys]
            )
        except sqlite3.DatabaseError as exc:
            self._stop_writing(exc)

    def keep(self, kind: str, key: str) -> None:
        """Count the entry as used without reading it (see `forget_unused`)."""
        self.used.add((kind, key))

    def commit(self) -> None:
        try:
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            self._stop_writing(exc)

    def _stop_writing(self, exc: Exception) -> None:
        log.warning("cache write failed (%s); continuing without it", exc)
        self.writable = False
        with contextlib.suppress(sqlite3.DatabaseError):
            self._db.rollback()

    def close(self) -> None:
        self.commit()
        self._db.close()
        if self.path is not None and self.writable:
            with contextlib.suppress(OSError):
                stamp_file(self.path).write_text(stamp(self.path), encoding="utf-8")

    def forget_unused(
        self, prefix: str, later: Mapping[str, Callable[[], Iterable[str]]] | None = None
    ) -> int:
        """Delete the entries of kinds starting with `prefix` not used since the cache was
        opened (results of an older code version, of seeds since removed); returns how many.

        Only a complete build may call this: what it did not use, no build of it needs.
        While the unused entries are few (at most `SLACK` of those used) they are left for
        a later build: sweeping costs a second at 10,000 seeds, and a rebuild after one new
        seed leaves a few dozen.

        `later`: kinds whose used keys are worked out only if there is a sweep to do (their
        function returns them); until then all their entries count as used, so that most
        builds, which sweep nothing, never work them out."""
        if not self.writable:
            return 0
        used = sum(1 for kind, _ in self.used if kind.startswith(prefix))
        for kind in later or {}:
            used += self._count(kind, exact=True) - sum(1 for k, _ in self.used if k == kind)
        if self._count(prefix) - used <= SLACK * used:
            return 0
        for kind, keys in (later or {}).items():
            self.used.update((kind, key) for key in keys())
        try:
            self._db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS used "
                "(kind TEXT, key TEXT, PRIMARY KEY (kind, key))"
            )
            self._db.execute("DELETE FROM used")
            self._db.executemany("INSERT INTO used VALUES (?, ?)", sorted(self.used))
            gone = self._db.execute(
                "DELETE FROM cache WHERE kind >= ? AND kind < ? AND NOT EXISTS "
                "(SELECT 1 FROM used WHERE used.kind = cache.kind AND used.key = cache.key)",
                (prefix, prefix + "\U0010ffff"),
            ).rowcount
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            self._stop_writing(exc)
            return 0
        return int(gone)

    def compact(self) -> bool:
        """Give the file's free pages back (VACUUM) when they are most of it; True if it did.

        SQLite reuses the pages of deleted entries but never shrinks the file: after a few
        code changes, each of which replaces every entry, an archive's cache was mostly free
        pages, all of it copied by a CI cache. Rewriting costs time in proportion to what is
        kept (docs/cache.md), so only a file mostly free is rewritten."""
        if self.path is None or not self.writable:
            return False
        try:
            (free,) = self._db.execute("PRAGMA freelist_count").fetchone()
            (pages,) = self._db.execute("PRAGMA page_count").fetchone()
            (size,) = self._db.execute("PRAGMA page_size").fetchone()
            if free * size < COMPACT_FROM or free < pages * COMPACT_SHARE:
                return False
            self._db.commit()
            self._db.execute("VACUUM")
        except sqlite3.DatabaseError as exc:  # a full disk, another build's lock: no harm
            log.warning("cache %s not compacted (%s)", self.path, exc)
            return False
        return True

    def _count(self, prefix: str, exact: bool = False) -> int:
        """Entries of the kinds starting with `prefix` (`exact`: of that kind only)."""
        end = prefix + "\0" if exact else prefix + "\U0010ffff"
        try:
            row = self._db.execute(
                "SELECT count(*) FROM cache WHERE kind >= ? AND kind < ?", (prefix, end)
            ).fetchone()
        except sqlite3.DatabaseError:
            return 0
        return int(row[0])

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def get_json(self, kind: str, key: str) -> Any:
        raw = self.get(kind, key)
        if raw is None:
            return None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None

    def put_json(self, kind: str, key: str, value: Any) -> None:
        self.put(kind, key, json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def get_array(self, kind: str, key: str, dim: int) -> np.ndarray | None:
        """A float32 matrix of `dim` columns; None if missing, wrongly shaped or not finite."""
        raw = self.get(kind, key)
        if raw is None or not raw or len(raw) % (4 * dim):
            return None
        array = np.frombuffer(raw, dtype=np.float32).reshape(-1, dim)
        return array if bool(np.isfinite(array).all()) else None

    def get_arrays(self, kind: str, keys: Iterable[str], dim: int) -> dict[str, np.ndarray]:
        """`get_array` of many keys at once; the wrongly shaped or not finite are left out."""
        found = {}
        for key, raw in self.get_many(kind, keys).items():
            if raw and not len(raw) % (4 * dim):
                array = np.frombuffer(raw, dtype=np.float32).reshape(-1, dim)
                if bool(np.isfinite(array).all()):
                    found[key] = array
        return found

    def put_array(self, kind: str, key: str, value: np.ndarray) -> None:
        self.put(kind, key, np.ascontiguousarray(value, dtype=np.float32).tobytes())
