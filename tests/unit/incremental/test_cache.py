"""The cache: values round-trip, a wrong value is a miss, what a complete build did not use
is swept and a file mostly free is compacted. (Opening the file: test_cache_file.py.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import SEEDS

from generator.build import build
from generator.config import Config, ConfigError, load_config
from generator.incremental import cache as cache_module
from generator.incremental.cache import Cache


def filled(path: Path) -> None:
    with Cache(path) as cache:
        for i in range(200):
            cache.put("kind", f"key{i}", b"value %d" % i * 50)


def test_values_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "c.sqlite"
    filled(path)
    with Cache(path) as cache:
        assert cache.get("kind", "key7") == b"value 7" * 50
        assert cache.get("other", "key7") is None


def test_wrong_values_are_misses(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Cache(path) as cache:
        cache.put("json", "not-utf8", b"\xff\xfe")
        cache.put("json", "not-json", b"{half")
        cache.put("array", "ragged", b"\x00" * 10)
        cache.put("array", "empty", b"")
        cache.put_array("array", "nan", np.full((1, 4), np.nan, dtype=np.float32))
        cache._db.execute("INSERT INTO cache VALUES ('text', 'str', 'a string, not bytes')")
    with Cache(path) as cache:
        assert cache.get_json("json", "not-utf8") is None
        assert cache.get_json("json", "not-json") is None
        assert cache.get_array("array", "ragged", 4) is None
        assert cache.get_array("array", "empty", 4) is None
        assert cache.get_array("array", "nan", 4) is None
        assert cache.get("text", "str") is None


def test_arrays_and_json_round_trip() -> None:
    cache = Cache(None)
    matrix = np.arange(12, dtype=np.float32).reshape(3, 4)
    cache.put_array("a", "k", matrix)
    np.testing.assert_array_equal(cache.get_array("a", "k", 4), matrix)
    assert cache.get_array("a", "k", 5) is None  # 12 floats are not rows of 5
    cache.put_json("j", "k", {"text": "Қазақстан", "n": [1, 2.5]})
    assert cache.get_json("j", "k") == {"text": "Қазақстан", "n": [1, 2.5]}


@pytest.mark.parametrize(
    ("file_text", "cli", "expected"),
    [
        ("", None, Path(".cache/generator.sqlite")),
        ("cache: null\n", None, None),
        ("cache: elsewhere.sqlite\n", None, Path("elsewhere.sqlite")),
        ("cache: elsewhere.sqlite\n", False, None),  # --no-cache wins
        ("cache: null\n", "mine.sqlite", Path("mine.sqlite")),
    ],
)
def test_the_cache_setting(
    tmp_path: Path, file_text: str, cli: str | bool | None, expected: Path | None
) -> None:
    file = tmp_path / "generator.yml"
    file.write_text(file_text, encoding="utf-8")
    assert load_config({"seeds": tmp_path, "cache": cli}, file).cache == expected


@pytest.mark.parametrize("bad", ["cache: 3\n", "cache: ''\n", "cache: .\n"])
def test_a_bad_cache_setting_is_reported(tmp_path: Path, bad: str) -> None:
    file = tmp_path / "generator.yml"
    file.write_text(bad, encoding="utf-8")
    with pytest.raises(ConfigError, match="cache"):
        load_config({"seeds": tmp_path}, file)


def test_many_keys_are_looked_up_at_once_and_bad_values_left_out() -> None:
    cache = Cache(None)
    good = {f"k{i}": np.full((1, 4), i, dtype=np.float32) for i in range(1_203)}  # > 2 chunks
    for key, value in good.items():
        cache.put_array("v", key, value)
    cache.put_array("v", "nan", np.full((1, 4), np.nan, dtype=np.float32))
    cache.put("v", "ragged", b"\x00" * 10)
    found = cache.get_arrays("v", [*good, "nan", "ragged", "absent", "k7"], 4)
    assert found.keys() == good.keys()
    np.testing.assert_array_equal(found["k1202"], good["k1202"])
    assert cache.get_arrays("other-kind", good, 4) == {}


def test_entries_a_complete_build_did_not_use_are_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Cache(path) as cache:
        for key in ("old", "kept", "new"):
            cache.put("memo:stage", key, b"v")
        cache.put("sentence-vector", "k", b"v")
    with Cache(path) as cache:
        assert cache.get("memo:stage", "kept") == b"v"
        cache.put("memo:stage", "new", b"v2")
        assert cache.forget_unused("memo:") == 1
    with Cache(path) as cache:
        assert cache.get("memo:stage", "old") is None
        assert cache.get("memo:stage", "kept") == b"v"
        assert cache.get("memo:stage", "new") == b"v2"
        assert cache.get("sentence-vector", "k") == b"v"  # other kinds are not touched


def test_a_few_unused_entries_wait_for_a_later_sweep(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Cache(path) as cache:
        for key in range(20):
            cache.put("memo:stage", str(key), b"v")
    with Cache(path) as cache:  # 18 used, 2 unused: within the slack (1/8 of 18)
        assert len(cache.get_many("memo:stage", [str(k) for k in range(18)])) == 18
        assert cache.forget_unused("memo:") == 0
    with Cache(path) as cache:  # 16 used, 4 unused: swept
        assert len(cache.get_many("memo:stage", [str(k) for k in range(16)])) == 16
        assert cache.forget_unused("memo:") == 4
        assert cache.get("memo:stage", "17") is None


def test_a_file_mostly_free_pages_is_compacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "COMPACT_FROM", 1 << 20)
    path = tmp_path / "c.sqlite"
    blob = bytes(range(256)) * 4096  # 1 MiB
    with Cache(path) as cache:
        for key in range(8):
            cache.put("memo:stage", str(key), blob)
    full = path.stat().st_size
    with Cache(path) as cache:  # 6 MiB of 8 deleted: free pages, the file as large
        cache.forget("memo:stage", [str(k) for k in range(6)])
        cache.commit()
        assert path.stat().st_size == full
        assert cache.compact()
        assert path.stat().st_size < full / 3
        assert not cache.compact()  # nothing left to give back
        assert cache.get("memo:stage", "7") == blob
    with Cache(path) as cache:  # and it reopens as a cleanly closed file
        assert cache.get("memo:stage", "6") == blob


def test_a_file_with_little_free_space_is_left_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "COMPACT_FROM", 1 << 20)
    path = tmp_path / "c.sqlite"
    blob = bytes(range(256)) * 4096
    with Cache(path) as cache:
        for key in range(8):
            cache.put("memo:stage", str(key), blob)
    with Cache(path) as cache:  # 3 MiB free of 8: above COMPACT_FROM, below half
        cache.forget("memo:stage", ["0", "1", "2"])
        cache.commit()
        assert not cache.compact()
    assert not Cache(None).compact()  # in memory: nothing to give back


def test_a_build_that_sweeps_most_of_its_cache_compacts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An upgrade leaves the older code's entries behind: the next complete build deletes
    # them, and gives their pages back when they are most of the file.
    monkeypatch.setattr(cache_module, "COMPACT_FROM", 1 << 20)
    path = tmp_path / "c.sqlite"
    config = Config(seeds=SEEDS, out=tmp_path / "docs", strict=False, cache=path)
    build(config)
    with Cache(path) as cache:
        for key in range(24):
            cache.put("memo:an.older.stage", str(key), bytes(range(256)) * 4096)  # 1 MiB
    bloated = path.stat().st_size
    build(config)
    assert path.stat().st_size < bloated - (20 << 20)
    with Cache(path) as cache:
        assert cache.get("memo:an.older.stage", "0") is None
    assert build(config).pages  # and the compacted cache serves the next build


def test_keys_kept_for_later_are_worked_out_only_for_a_sweep(tmp_path: Path) -> None:
    path, asked = tmp_path / "c.sqlite", []

    def pairs() -> list[str]:
        asked.append(True)
        return ["kept"]

    with Cache(path) as cache:
        for key in ("kept", "old"):
            cache.put("memo:pairs", key, b"v")
        for key in range(20):
            cache.put("memo:stage", str(key), b"v")
    with Cache(path) as cache:  # 20 used, the pairs count as used: nothing to sweep
        assert len(cache.get_many("memo:stage", [str(k) for k in range(20)])) == 20
        assert cache.forget_unused("memo:", {"memo:pairs": pairs}) == 0
        assert asked == []  # not worked out
    with Cache(path) as cache:  # 16 used: a sweep, which keeps the pairs' kept key
        assert len(cache.get_many("memo:stage", [str(k) for k in range(16)])) == 16
        assert cache.forget_unused("memo:", {"memo:pairs": pairs}) == 5
        assert asked == [True]
        assert cache.get("memo:pairs", "kept") == b"v" and cache.get("memo:pairs", "old") is None
