"""Opening the cache's file: a damaged, stale or foreign file is replaced, one that cannot
be used leaves the build a cache in memory, and a cleanly closed one is not checked again."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from test_cache import filled

from generator.incremental import cache as cache_module
from generator.incremental import cache_file
from generator.incremental.cache import Cache
from generator.incremental.cache_file import FORMAT, in_memory, open_file, stamp, stamp_file


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def garble_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def garble_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 512):
        data[offset : offset + 64] = b"\x5a" * 64
    path.write_bytes(bytes(data))


def not_sqlite(path: Path) -> None:
    path.write_text("this is not a database\n" * 100, encoding="utf-8")


def empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [truncate, garble_header, garble_pages, not_sqlite, empty])
def test_a_damaged_file_is_rebuilt(tmp_path: Path, damage: Callable[[Path], None]) -> None:
    path = tmp_path / "c.sqlite"
    filled(path)
    damage(path)
    with Cache(path) as cache:
        assert cache.path == path  # rebuilt on disk, not given up
        assert cache.get("kind", "key1") in (None, b"value 1" * 50)
        cache.put("kind", "new", b"fresh")
    with Cache(path) as cache:
        assert cache.get("kind", "new") == b"fresh"


def test_a_cache_of_another_format_is_wiped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    filled(path)
    monkeypatch.setattr(cache_file, "FORMAT", "999")
    with Cache(path) as cache:
        assert cache.get("kind", "key1") is None
        cache.put("kind", "key1", b"new")
    with Cache(path) as cache:
        assert cache.get("kind", "key1") == b"new"


def test_the_skeleton_cache_without_a_format_is_wiped(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE cache (kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key))")
    db.execute("INSERT INTO cache VALUES ('kind', 'key', x'00')")
    db.commit()
    db.close()
    with Cache(path) as cache:
        assert cache.get("kind", "key") is None


def test_a_second_build_at_the_same_time_goes_on_without_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "LOCK_TIMEOUT", 0.1)
    path = tmp_path / "c.sqlite"
    first = Cache(path)
    first.put("kind", "k", b"first")  # an open write transaction holds the lock
    second = Cache(path)
    second.put("kind", "k", b"second")
    assert second.get("kind", "k") == b"second"
    second.close()
    first.close()
    with Cache(path) as cache:
        assert cache.get("kind", "k") == b"first"


def test_an_unwritable_place_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with Cache(blocker / "c.sqlite") as cache:  # its folder is a file
        assert cache.path is None
        cache.put("k", "k", b"v")
        assert cache.get("k", "k") == b"v"


def test_a_cleanly_closed_file_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    filled(path)
    checks: list[bool] = []
    real = cache_file._check

    def spy(db: sqlite3.Connection, check: bool = True) -> sqlite3.Connection:
        checks.append(check)
        return real(db, check)

    monkeypatch.setattr(cache_file, "_check", spy)
    Cache(path).close()
    Cache(path).close()
    assert checks == [False, False]  # the whole-file check is skipped: closed cleanly
    with sqlite3.connect(path) as db:  # changed behind the cache's back
        db.execute("INSERT INTO cache VALUES ('kind', 'other', x'00')")
    crashed = Cache(path)  # and then never closed, like a killed build
    crashed.put("kind", "late", b"x")
    crashed.commit()
    Cache(path).close()
    assert checks == [False, False, True, True]


def test_a_new_file_is_made_with_its_format(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "c.sqlite"
    opened = open_file(path, 1.0)
    try:
        assert (opened.path, opened.writable) == (path, True)
        tables = {row[0] for row in opened.db.execute("SELECT name FROM sqlite_master")}
        assert {"cache", "meta"} <= tables
        assert opened.db.execute("SELECT value FROM meta").fetchall() == [(FORMAT,)]
    finally:
        opened.db.close()


def test_a_bad_file_is_replaced_and_nothing_of_it_is_left(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"not a database\n" * 100)
    # What the bad file left beside it must not be read into the new one.
    left = [Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm")]
    for file in left:
        file.write_bytes(b"of another file")
    with caplog.at_level(logging.WARNING):
        opened = open_file(path, 1.0)
    opened.db.close()
    assert (opened.path, opened.writable) == (path, True)
    assert [file for file in left if file.exists()] == []
    assert [r.getMessage() for r in caplog.records] == [
        f"cache {path} discarded (file is not a database); starting a new one"
    ]


def test_a_cache_in_memory_says_why_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        quiet = in_memory()
        told = in_memory(Path("шлях/c.sqlite"), "cannot be opened (reason)")
    assert (quiet.path, told.path, quiet.writable) == (None, None, True)
    assert [r.getMessage() for r in caplog.records] == [
        "cache шлях/c.sqlite cannot be opened (reason); this build keeps its cache in memory"
    ]
    quiet.db.close()
    told.db.close()


def test_the_stamp_is_what_a_clean_close_leaves(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    assert stamp(path) == ""  # no file: nothing can match it
    with Cache(path) as cache:
        cache.put("kind", "key", b"v")
        assert not stamp_file(path).exists()  # open: not known to be as it was left
    assert stamp_file(path) == tmp_path / "c.sqlite.closed"
    assert stamp_file(path).read_text(encoding="utf-8") == stamp(path)
    assert stamp(path).startswith(f"{FORMAT} {path.stat().st_size} ")
    before = stamp(path)
    with path.open("ab") as file:
        file.write(b"\0")
    assert stamp(path) != before


@pytest.mark.parametrize(
    ("message", "exists", "expected"),
    [
        ("database is locked", True, "is in use by another build (database is locked)"),
        ("unable to open database file", False, "cannot be created (unable to open"),
        ("unable to open database file", True, "cannot be read, left as it is (unable to open"),
    ],
)
def test_why_a_file_was_not_opened(
    tmp_path: Path, message: str, exists: bool, expected: str
) -> None:
    path = tmp_path / "c.sqlite"
    if exists:
        path.write_bytes(b"")
    found = cache_file._not_opened(path, sqlite3.OperationalError(message))
    assert found.startswith(expected)


@pytest.mark.parametrize(
    ("file_ok", "folder_ok", "expected"),
    [
        (False, True, "uid {uid} cannot write it: owner uid {owner}, mode -r--r--r--"),
        (True, False, "uid {uid} cannot write its folder, where SQLite writes its journal"),
        (True, True, "attempt to write a readonly database"),
    ],
    ids=["file", "folder", "neither: SQLite's own words"],
)
def test_why_a_good_file_is_only_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_ok: bool, folder_ok: bool, expected: str
) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"")
    path.chmod(0o444)
    # Root meets no mode bits: what the user may write is told by hand.
    monkeypatch.setattr(os, "access", lambda p, _: file_ok if p == path else folder_ok)
    found = cache_file._why_read_only(path, sqlite3.OperationalError(expected.split(":")[0]))
    owner = path.stat().st_uid
    assert found == expected.format(uid=os.getuid(), owner=owner)
    assert stat.filemode(path.stat().st_mode) == "-r--r--r--"
