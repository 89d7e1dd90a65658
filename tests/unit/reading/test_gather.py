"""`gather.gather`: the reading stage's batch entry, every seed read, copies set apart; and
the index of the seed files read before, which spares a rebuild reading them again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.incremental.cache import Cache
from generator.incremental.session import session
from generator.reading import files as read_module
from generator.reading import gather as gather_module
from generator.reading.files import discover
from generator.reading.gather import Gathered, gather
from generator.records import SeedError, SeedText

SEEDS = {
    "en/news.txt": "Steppe Rail Line Opens\n\nA new line opened on Monday.\n",
    "fr/été.txt": "La ligne ouvre\n\nUne nouvelle ligne a ouvert lundi à Astana.\n",
    "kk/жаңалық.txt": "Жаңа теміржол\n\nДүйсенбіде жаңа теміржол ашылды.\n",
    "ru/новости.txt": "Новая железная дорога\n\nВ понедельник открылась новая линия.\n",
    "ar/خبر.txt": "خط سكة حديد جديد\n\nافتتح خط جديد يوم الاثنين.\n",
    "zz/copy.txt": "Steppe Rail Line Opens\r\n\r\nA new line opened on Monday.\r\n",
    "zz-copy.txt": "La ligne ouvre\n\nUne  nouvelle ligne a ouvert lundi à Astana.",
}


def _folder(tmp_path: Path, seeds: dict[str, str] = SEEDS) -> Path:
    folder = tmp_path / "seeds"
    for name, text in seeds.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8", newline="")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "notes.md").write_text("not a seed", encoding="utf-8")
    (folder / "stories.yml").write_text("stories: []\n", encoding="utf-8")  # expected there
    return folder


def _summary(read: Gathered) -> tuple[object, ...]:
    return (
        [(s.name, s.encoding) for s in read.seeds],
        [(d.seed.name, d.of) for d in read.duplicates],
        [str(e) for e in read.errors],
        read.warnings,
    )


def test_every_seed_is_a_text_a_copy_or_an_error(tmp_path: Path) -> None:
    read = gather(_folder(tmp_path))
    assert [s.name for s in read.seeds] == [
        "ar/خبر.txt",
        "en/news.txt",
        "fr/été.txt",
        "kk/жаңалық.txt",
        "ru/новости.txt",
    ]
    assert read.seeds[1].text == "Steppe Rail Line Opens\n\nA new line opened on Monday.\n"
    assert [(d.seed.name, d.of) for d in read.duplicates] == [
        ("zz-copy.txt", "fr/été.txt"),
        ("zz/copy.txt", "en/news.txt"),
    ]
    assert [str(e) for e in read.errors] == [
        "empty.txt: empty: no letters or digits in the file",
        "photo.txt: binary file: a PNG image, not text",
    ]
    assert read.racy == ()  # without a cache nothing is marked


def test_the_folders_notes_come_before_the_copies_in_the_warnings(tmp_path: Path) -> None:
    read = gather(_folder(tmp_path))
    assert read.warnings == (
        "notes.md: not a .txt file; ignored",
        "zz-copy.txt: same text as fr/été.txt; published once, as fr/été.txt",
        "zz/copy.txt: same text as en/news.txt; published once, as en/news.txt",
    )


def test_an_empty_folder_gathers_nothing(tmp_path: Path) -> None:
    assert gather(tmp_path) == Gathered((), (), (), (), ())


def test_with_a_cache_the_same_is_gathered_and_seeds_just_written_are_racy(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    direct = gather(folder)
    with session(tmp_path / "cache.sqlite") as memo:
        first = gather(folder, memo)
        memo.commit()
    assert _summary(first) == _summary(direct)
    assert sorted(r.path.name for r in first.racy) == sorted(
        Path(name).name for name in SEEDS
    )  # written within seconds: trusted only once their bytes are checked again
    with session(tmp_path / "cache.sqlite") as memo:
        again = gather(folder, memo)
    assert _summary(again) == _summary(direct)


def test_an_edited_seed_is_read_again_from_a_cache(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with session(tmp_path / "cache.sqlite") as memo:
        gather(folder, memo)
        memo.commit()
    (folder / "zz/copy.txt").write_text("Another Story\n\nIts own text.\n", encoding="utf-8")
    with session(tmp_path / "cache.sqlite") as memo:
        read = gather(folder, memo)
    assert "zz/copy.txt" in [s.name for s in read.seeds]
    assert [d.seed.name for d in read.duplicates] == ["zz-copy.txt"]


def _read(
    folder: Path, cache: Cache, racy: list[gather_module.Racy] | None = None
) -> list[SeedText | SeedError]:
    return gather_module.read_known(folder, discover(folder), cache, [] if racy is None else racy)


def _reads(folder: Path, cache: Cache, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int]:
    """The texts read from `folder` through `cache`, and how many files were decoded."""
    decoded = []
    real = read_module.decode_seed

    def counting(name: str, raw: bytes) -> SeedText | SeedError:
        decoded.append(name)
        return real(name, raw)

    monkeypatch.setattr(read_module, "decode_seed", counting)
    texts = [s.text for s in _read(folder, cache) if isinstance(s, SeedText)]
    return texts, len(decoded)


def test_an_unchanged_seed_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Premier article\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second article\n", encoding="utf-8")
    cache = Cache(None)
    monkeypatch.setattr(gather_module, "SETTLED_NS", -(10**12))  # as if written long ago
    assert _reads(tmp_path, cache, monkeypatch) == (["Premier article\n", "Second article\n"], 2)
    assert _reads(tmp_path, cache, monkeypatch) == (["Premier article\n", "Second article\n"], 0)


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = tmp_path / "a.txt"
    seed.write_text("Premier article\n", encoding="utf-8")
    before = seed.stat()
    cache = Cache(None)
    monkeypatch.setattr(gather_module, "SETTLED_NS", -(10**12))
    _reads(tmp_path, cache, monkeypatch)
    time.sleep(0.01)  # the status change time moves on, whatever the file system's clock tick
    seed.write_text("Dernier article\n", encoding="utf-8")  # same size
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the mtime put back
    assert _reads(tmp_path, cache, monkeypatch) == (["Dernier article\n"], 1)


def test_a_seed_written_just_now_is_checked_by_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A second write within the same clock tick could leave every status field unchanged:
    # here the status is made to stay the same whatever happens to the file.
    monkeypatch.setattr(gather_module, "_status_key", lambda name, status: "the same status")
    seed = tmp_path / "a.txt"
    seed.write_text("Premier article\n", encoding="utf-8")
    cache = Cache(None)
    assert _reads(tmp_path, cache, monkeypatch) == (["Premier article\n"], 1)
    assert _reads(tmp_path, cache, monkeypatch) == (["Premier article\n"], 0)  # same bytes
    seed.write_text("Dernier article\n", encoding="utf-8")
    assert _reads(tmp_path, cache, monkeypatch) == (["Dernier article\n"], 1)


def test_a_racy_seed_once_settled_is_trusted_without_being_stored_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Premier article\n", encoding="utf-8")
    cache = Cache(None)
    assert _reads(tmp_path, cache, monkeypatch) == (["Premier article\n"], 1)  # racy: just written
    confirmed: list[Path] = []
    real_confirmed, real_put = gather_module._confirmed, cache.put
    stored: list[str] = []
    monkeypatch.setattr(
        gather_module, "_confirmed", lambda p, s: confirmed.append(p) or real_confirmed(p, s)
    )
    monkeypatch.setattr(
        cache, "put", lambda kind, key, value: stored.append(kind) or real_put(kind, key, value)
    )
    monkeypatch.setattr(gather_module, "SETTLED_NS", -(10**12))  # as if written long ago
    assert _reads(tmp_path, cache, monkeypatch) == (["Premier article\n"], 0)
    assert len(confirmed) == 1 and stored == []  # its bytes checked once; nothing stored
    assert _reads(tmp_path, cache, monkeypatch) == (["Premier article\n"], 0)
    assert len(confirmed) == 1  # settled: trusted by its status alone


def test_settle_removes_the_marks_of_seeds_settled_since_and_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long build settles the seeds it read racy: the next build trusts their status.
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Article {name}\n", encoding="utf-8")
    cache, racy = Cache(None), list[gather_module.Racy]()
    list(_read(tmp_path, cache, racy))
    assert [r.path.name for r in racy] == ["a.txt", "b.txt", "c.txt"]  # just written
    gather_module.settle(cache, racy)  # not settled yet: every mark stays
    assert len(cache.present(gather_module.RACY_KIND, [r.key for r in racy])) == 3
    # b.txt changes after the reading and keeps its status (a second write in one tick)
    before = (tmp_path / "b.txt").stat()
    (tmp_path / "b.txt").write_text("Article b.TXT\n", encoding="utf-8")
    os.utime(tmp_path / "b.txt", ns=(before.st_atime_ns, before.st_mtime_ns))
    monkeypatch.setattr(gather_module, "SETTLED_NS", -(10**12))  # as if written long ago
    gather_module.settle(cache, racy)
    assert cache.present(gather_module.RACY_KIND, [r.key for r in racy]) == {racy[1].key}
    confirmed: list[Path] = []
    real_confirmed = gather_module._confirmed
    monkeypatch.setattr(
        gather_module, "_confirmed", lambda p, s: confirmed.append(p) or real_confirmed(p, s)
    )
    list(_read(tmp_path, cache))
    assert [p.name for p in confirmed] == []  # status changed (ctime): b.txt is read anew
