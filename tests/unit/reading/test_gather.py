"""`gather.gather`: the reading stage's batch entry, every seed read, copies set apart."""

from __future__ import annotations

from pathlib import Path

from generator.incremental.session import session
from generator.reading.gather import Gathered, gather

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
