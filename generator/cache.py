"""A cache of derived data keyed by content hash: never trusted blindly.

One SQLite file holds (kind, key) -> bytes. A corrupt or unreadable file is discarded and
rebuilt; a value that fails to decode is treated as missing.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_PATH = Path(".cache/generator.sqlite")
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS cache (kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key))"
)


class Cache:
    def __init__(self, path: Path | None = DEFAULT_PATH) -> None:
        """`path=None` keeps the cache in memory (tests, one-off runs)."""
        self.path = path
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        target = ":memory:" if self.path is None else str(self.path)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(target)
            db.execute(SCHEMA)
            db.execute("SELECT count(*) FROM cache").fetchone()
            return db
        except sqlite3.DatabaseError as exc:
            if self.path is None:
                raise
            log.warning("cache %s is unreadable (%s); starting a new one", self.path, exc)
            self.path.unlink(missing_ok=True)
            db = sqlite3.connect(target)
            db.execute(SCHEMA)
            return db

    def get(self, kind: str, key: str) -> bytes | None:
        try:
            row = self._db.execute(
                "SELECT value FROM cache WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        except sqlite3.DatabaseError:
            return None
        return None if row is None else bytes(row[0])

    def put(self, kind: str, key: str, value: bytes) -> None:
        try:
            self._db.execute("INSERT OR REPLACE INTO cache VALUES (?, ?, ?)", (kind, key, value))
        except sqlite3.DatabaseError as exc:
            log.warning("cache write failed (%s); continuing without it", exc)

    def commit(self) -> None:
        self._db.commit()

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
        """A float32 matrix of `dim` columns, or None if missing or of the wrong shape."""
        raw = self.get(kind, key)
        if raw is None or len(raw) % (4 * dim):
            return None
        return np.frombuffer(raw, dtype=np.float32).reshape(-1, dim)

    def put_array(self, kind: str, key: str, value: np.ndarray) -> None:
        self.put(kind, key, np.ascontiguousarray(value, dtype=np.float32).tobytes())
