"""Opening the cache's file: which file is trusted, which is replaced, which is only read.

A file is replaced only when it is known to be bad: not an SQLite database, failing
SQLite's integrity check, or of another cache format (`FORMAT`). A good file this user
cannot write (read only, another user's, in a read-only folder) holds someone's work, the
vectors of a whole archive: it is read and never written. One that cannot be read at all
(another user's, locked by another build) is left as it is and the build keeps its cache
in memory. Nothing here deletes a file it could not read.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("generator.incremental.cache")

# Bump when the table layout or the meaning of stored values changes: older files are wiped.
FORMAT = "2"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS cache (kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key))",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)",
)


class StaleCache(Exception):
    """The file is a cache of another format."""


class CorruptCache(Exception):
    """The file failed SQLite's integrity check."""


@dataclass(frozen=True)
class Opened:
    db: sqlite3.Connection
    path: Path | None  # None: the file could not be used, the cache is in memory
    writable: bool


def open_file(path: Path, timeout: float) -> Opened:
    """The cache at `path`, checked; see the module's docstring for what becomes of it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # The integrity check reads the whole file (seconds for a large archive): it is
        # skipped when the file is exactly as `Cache.close` left it.
        checked = stamp(path) != _read_stamp(path)
        return _for_writing(_check(sqlite3.connect(path, timeout=timeout), checked), path)
    except sqlite3.OperationalError as exc:  # unreadable, locked: not known to be bad
        return in_memory(path, _not_opened(path, exc))
    except (sqlite3.DatabaseError, StaleCache, CorruptCache) as exc:  # known to be bad
        return _rebuilt(path, timeout, exc)
    except OSError as exc:
        return in_memory(path, f"cannot be opened ({exc})")


def _for_writing(db: sqlite3.Connection, path: Path) -> Opened:
    """The checked file, set up for writing, or read only if this user cannot write it:
    a good file is someone's work (the vectors of a whole archive), never replaced for
    that. Raises, and closes `db`, if another build holds it or the write finds damage."""
    try:
        _set_up(db)
        stamp_file(path).unlink(missing_ok=True)  # until closed cleanly again
    except (sqlite3.OperationalError, OSError) as exc:
        with contextlib.suppress(sqlite3.Error):
            db.rollback()
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            db.close()
            raise
        why = _why_read_only(path, exc)
        log.warning("cache %s is read-only (%s); this build stores nothing in it", path, why)
        return Opened(db, path, writable=False)
    except BaseException:
        db.close()
        raise
    return Opened(db, path, writable=True)


def in_memory(path: Path | None = None, why: str = "") -> Opened:
    if path is not None:
        log.warning("cache %s %s; this build keeps its cache in memory", path, why)
    return Opened(_prepare(sqlite3.connect(":memory:")), None, writable=True)


def _rebuilt(path: Path, timeout: float, reason: Exception) -> Opened:
    log.warning("cache %s discarded (%s); starting a new one", path, reason)
    try:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return Opened(_prepare(sqlite3.connect(path, timeout=timeout)), path, writable=True)
    except (OSError, sqlite3.DatabaseError, StaleCache, CorruptCache) as exc:
        return in_memory(path, f"cannot be rebuilt ({exc})")


def _prepare(db: sqlite3.Connection, check: bool = True) -> sqlite3.Connection:
    """`_check`, then `_set_up`: for a file this process made or may replace."""
    _set_up(_check(db, check))
    return db


def _check(db: sqlite3.Connection, check: bool = True) -> sqlite3.Connection:
    """Check the file (unless told it is known good), reading only; raises, and closes
    `db`, if the file is damaged or not a cache of this format."""
    try:
        (result,) = db.execute(
            "PRAGMA quick_check" if check else "PRAGMA schema_version"
        ).fetchone()
        if check and result != "ok":
            raise CorruptCache(f"integrity check failed: {result}")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if tables:
            found = _format(db) if "meta" in tables else None
            if found != FORMAT:
                raise StaleCache(f"format {found!r}, expected {FORMAT!r}")
    except BaseException:
        db.close()
        raise
    return db


def _set_up(db: sqlite3.Connection) -> None:
    """Create the tables and mark the format: the first write, which finds out whether
    this process may write the file at all."""
    for statement in SCHEMA:
        db.execute(statement)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
    db.commit()


def _format(db: sqlite3.Connection) -> object:
    row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
    return None if row is None else row[0]


def _not_opened(path: Path, exc: sqlite3.Error) -> str:
    if "locked" in str(exc):
        return f"is in use by another build ({exc})"
    if not path.exists():
        return f"cannot be created ({exc})"
    return f"cannot be read, left as it is ({exc})"


def _why_read_only(path: Path, exc: Exception) -> str:
    """The cause in the user's terms: SQLite's message names neither the user nor the folder."""
    try:
        info = path.stat()
    except OSError:
        return str(exc)
    if not os.access(path, os.W_OK):
        mode = stat.filemode(info.st_mode)
        return f"uid {os.getuid()} cannot write it: owner uid {info.st_uid}, mode {mode}"
    if not os.access(path.parent, os.W_OK):
        return f"uid {os.getuid()} cannot write its folder, where SQLite writes its journal"
    return str(exc)


def stamp_file(path: Path) -> Path:
    return path.with_name(path.name + ".closed")


def stamp(path: Path) -> str:
    """Size and modification time of the file: what a clean close leaves behind."""
    try:
        info = path.stat()
    except OSError:
        return ""
    return f"{FORMAT} {info.st_size} {info.st_mtime_ns}"


def _read_stamp(path: Path) -> str | None:
    try:
        return stamp_file(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
