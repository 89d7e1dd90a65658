"""`writing.site`: only the generator's own files are written, replaced or deleted."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import outside_trash

import generator.writing.site as write_module
from generator.incremental.cache import Cache
from generator.incremental.memo import Deferred, Memo, Text
from generator.writing.site import (
    OutputError,
    known_files,
    publish,
    read_ledger,
    remember_files,
    safe_target,
    write_atomic,
    write_files,
    write_site,
)


def test_hand_written_pages_are_never_touched(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("mine", encoding="utf-8")
    skipped = write_files(tmp_path, {"index.md": "generated", "en/a.md": "a"})
    assert [s.path for s in skipped] == ["index.md"]
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "en/a.md").read_text(encoding="utf-8") == "a"


def test_a_hand_written_page_keeps_its_url_from_a_generated_folder_page(tmp_path: Path) -> None:
    """`en/a.md` and `en/a/index.md` are both the page `en/a/`: the editor's stays."""
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "a.md").write_text("mine", encoding="utf-8")
    skipped = write_files(tmp_path, {"en/a/index.md": "generated", "en/b/index.md": "b"})
    assert [(s.path, s.reason) for s in skipped] == [
        ("en/a/index.md", "a hand-written page has its URL; not written")
    ]
    assert (tmp_path / "en/a.md").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "en/a").exists() and (tmp_path / "en/b/index.md").is_file()


def test_pages_of_the_earlier_layout_give_way_to_their_folders(tmp_path: Path) -> None:
    """A build over a docs folder written as `<lang>/<slug>.md` leaves no page of it."""
    write_files(tmp_path, {"en/a.md": "a", "stories/s.md": "s", "stories/s/parallel.md": "p"})
    new = {"en/a/index.md": "a", "stories/s/index.md": "s", "stories/s/parallel/index.md": "p"}
    assert write_files(tmp_path, new) == []
    on_disk = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")}
    assert on_disk == set(new) and read_ledger(tmp_path) == set(new)
    write_files(tmp_path, {})  # every seed deleted: not even a folder is left
    assert [p.name for p in outside_trash(tmp_path)] == [".generator-files"]


def test_folders_resolve_as_realpath_resolves_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each folder is resolved from its parent's answer: links anywhere on the way, `..`,
    relative and missing folders come out as `os.path.realpath` has them."""
    (tmp_path / "docs" / "en" / "a").mkdir(parents=True)
    (tmp_path / "elsewhere" / "b").mkdir(parents=True)
    (tmp_path / "docs" / "fr").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "docs" / "en" / "up").symlink_to("../..", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    real = write_module._folder_resolver()
    for folder in [
        str(tmp_path / "docs" / "en" / "a"),
        str(tmp_path / "docs" / "fr" / "b"),
        str(tmp_path / "docs" / "en" / "up" / "fr"),
        str(tmp_path / "docs" / "new" / "x"),
        "docs/en/a",
        "docs/../docs/fr/b",
        "docs",
        str(tmp_path / "docs" / "en" / ".." / "fr"),
    ]:
        assert real(folder) == os.path.realpath(folder), folder


def test_pages_of_deleted_seeds_disappear(tmp_path: Path) -> None:
    write_files(tmp_path, {"en/a.md": "a", "fr/b.md": "b"})
    write_files(tmp_path, {"en/a.md": "a2"})
    assert (tmp_path / "en/a.md").read_text(encoding="utf-8") == "a2"
    assert not (tmp_path / "fr").exists()


@pytest.mark.parametrize("bad", ["../x.md", "/etc/x.md", "a/../../x.md", ""])
def test_paths_cannot_leave_the_output_folder(tmp_path: Path, bad: str) -> None:
    with pytest.raises(OutputError):
        safe_target(tmp_path, bad)


def test_written_pages_are_readable_like_any_new_file(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_files(tmp_path, {"en/a.md": "a", "archive.json": "{}"})
    finally:
        os.umask(previous)
    assert (tmp_path / "en" / "a.md").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "archive.json").stat().st_mode & 0o777 == 0o644


class _Texts:
    """Deferred texts that count how often they are read."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, key: str, text: str) -> Deferred:
        def load() -> str:
            self.read.append(key)
            return text

        return Deferred(key, load)


def test_a_file_the_last_build_wrote_from_the_same_text_is_not_read_again(
    tmp_path: Path,
) -> None:
    texts = _Texts()
    _, written, _ = write_site(tmp_path, {"en/a.md": texts("k1", "a"), "en/b.md": "b"}, {})
    assert set(written) == {"en/a.md"}  # only texts known by a key are recorded
    assert texts.read == ["k1"]  # new: read to be written
    _, again, _ = write_site(tmp_path, {"en/a.md": texts("k1", "a"), "en/b.md": "b"}, written)
    assert texts.read == ["k1"] and again == written
    _, third, _ = write_site(tmp_path, {"en/a.md": texts("k2", "a2")}, again)  # another text
    assert texts.read == ["k1", "k2"]
    assert (tmp_path / "en/a.md").read_text(encoding="utf-8") == "a2"
    assert third["en/a.md"][0] == "k2"


def test_a_generated_file_changed_by_hand_is_restored_even_with_its_times_put_back(
    tmp_path: Path,
) -> None:
    texts = _Texts()
    _, written, _ = write_site(tmp_path, {"en/a.md": texts("k1", "abc")}, {})
    page = tmp_path / "en/a.md"
    before = page.stat()
    page.write_text("xyz", encoding="utf-8")  # same size
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time moves
    write_site(tmp_path, {"en/a.md": texts("k1", "abc")}, written)
    assert page.read_text(encoding="utf-8") == "abc"


def test_what_the_last_build_wrote_is_kept_in_the_cache_and_never_trusted_blindly(
    tmp_path: Path,
) -> None:
    cache = Cache(None)
    assert known_files(cache, tmp_path) == {}
    written = {"en/a.md": ("k1", (3, 1, 2, 4)), "en/b.md": ("k2", (1, 1, 1, 1))}
    remember_files(cache, tmp_path, written)
    assert known_files(cache, tmp_path) == written
    assert known_files(cache, tmp_path / "other") == {}
    remember_files(cache, tmp_path, {"en/a.md": ("k1", (3, 1, 2)), "en/b.md": ("k2", (1, 1, 1, 1))})  # type: ignore[dict-item]
    assert known_files(cache, tmp_path) == {"en/b.md": ("k2", (1, 1, 1, 1))}  # the bad one goes
    cache.put(write_module.WRITTEN_KIND, write_module._written_key(tmp_path), b"not a pickle")
    assert known_files(cache, tmp_path) == {}


@pytest.mark.parametrize("fail_at", [None, 1, 3])  # a rename that fails, or none
def test_without_hard_links_backups_are_moved_and_still_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int | None
) -> None:
    write_files(tmp_path, {"en/a.md": "a1", "fr/b.md": "b1"})
    before = {p: p.read_bytes() for p in outside_trash(tmp_path) if p.is_file()}

    def no_link(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # a file system without them

    real, calls = os.replace, []

    def replace(*args: Any) -> None:
        calls.append(args)
        if len(calls) == fail_at:
            raise OSError(5, "EIO")
        real(*args)

    monkeypatch.setattr(write_module.os, "link", no_link)
    monkeypatch.setattr(write_module.os, "replace", replace)
    if fail_at is None:
        write_files(tmp_path, {"en/a.md": "a2"})
        assert (tmp_path / "en/a.md").read_text(encoding="utf-8") == "a2"
        assert not (tmp_path / "fr").exists()
        assert not [p for p in outside_trash(tmp_path) if p.name.startswith(".gen-")]
    else:
        with pytest.raises(OSError, match="EIO"):
            write_files(tmp_path, {"en/a.md": "a2"})
        assert {p: p.read_bytes() for p in outside_trash(tmp_path) if p.is_file()} == before


def test_the_ledger_claims_every_file_before_the_first_page_is_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(tmp_path, {"en/a.md": "a1", "fr/b.md": "b1"})
    real, seen = os.replace, []

    def replace(source: str, target: str) -> None:
        if Path(target).suffix == ".md":  # what a build killed now would leave
            seen.append(read_ledger(tmp_path))
        real(source, target)

    monkeypatch.setattr(write_module.os, "replace", replace)
    write_files(tmp_path, {"en/a.md": "a2", "de/c.md": "c"})
    assert seen and all(s == {"en/a.md", "fr/b.md", "de/c.md"} for s in seen)
    assert read_ledger(tmp_path) == {"en/a.md", "de/c.md"}


def test_a_killed_story_file_write_leaves_no_note_and_is_swept_by_the_next(
    tmp_path: Path,
) -> None:
    from generator.reading.files import discover

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("An article.", encoding="utf-8")
    leftover = seeds / ".gen-tmp-abc.part"  # what a kill inside write_atomic leaves
    leftover.write_text("stories: []\n", encoding="utf-8")
    assert discover(seeds).notes == ()
    write_atomic(seeds / "stories.yml", "stories: []\n")
    assert sorted(p.name for p in seeds.iterdir()) == ["a.txt", "stories.yml"]


def test_reading_knows_the_leftovers_of_the_writing_stage() -> None:
    from generator.reading.files import LEFTOVER_PREFIXES
    from generator.writing.transaction import BACKUP_PREFIX, TEMP_PREFIX

    assert set(LEFTOVER_PREFIXES) == {TEMP_PREFIX, BACKUP_PREFIX}


def test_publish_counts_the_files_it_changed_and_tells_the_next_build(tmp_path: Path) -> None:
    memo = Memo(Cache(None))
    files: dict[str, Text] = {"en/a.md": "a", "kk/ә.md": Deferred("k1", lambda: "ә")}
    assert publish(tmp_path, files, memo) == ([], 2)
    assert set(known_files(memo.cache, tmp_path)) == {"kk/ә.md"}  # known by its text's key
    assert publish(tmp_path, files, memo) == ([], 0)  # nothing changed
    assert publish(tmp_path, {"en/a.md": "a2"}, memo) == ([], 2)  # one rewritten, one removed
    assert not (tmp_path / "kk").exists()
