"""`transaction`: files staged beside their targets, then renamed into place all or none."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from typing import Any

import pytest

from generator.writing.transaction import (
    BACKUP_PREFIX,
    TEMP_PREFIX,
    TRASH,
    Transaction,
    empty_trash,
    prune_empty_folders,
    rmdir_if_empty,
)

PAGES = {
    "en/news.md": "Steppe rail line opens",
    "fr/été.md": "La ligne ouvre à Astana",
    "kk/жаңалық.md": "Жаңа теміржол ашылды",
    "ar/خبر.md": "افتتاح خط سكة حديد جديد",
}


def _outside_trash(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if TRASH not in p.relative_to(folder).parts]


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in _outside_trash(folder)
        if p.is_file()
    }


def _folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in _outside_trash(folder) if p.is_dir()}


def test_staged_files_appear_only_when_the_block_ends(tmp_path: Path) -> None:
    with Transaction(tmp_path) as transaction:
        for relative, text in PAGES.items():
            transaction.put(tmp_path / relative, text)
        staged = [p.name for p in tmp_path.rglob("*") if p.is_file()]
        assert all(name.startswith(TEMP_PREFIX) for name in staged) and len(staged) == 4
    assert _tree(tmp_path) == PAGES


def test_files_get_the_mode_any_new_file_gets(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        with Transaction() as transaction:
            transaction.put(tmp_path / "a.md", "a")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o640


def test_text_is_written_as_utf8_with_its_line_ends(tmp_path: Path) -> None:
    with Transaction() as transaction:
        transaction.put(tmp_path / "a.md", "Ligne\r\nline\nسطر")
    assert (tmp_path / "a.md").read_bytes() == "Ligne\r\nline\nسطر".encode()


def test_a_failure_in_the_block_leaves_everything_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "news.md").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), Transaction(tmp_path) as transaction:
        for relative, text in PAGES.items():
            transaction.put(tmp_path / relative, text)
        transaction.remove(tmp_path / "en" / "news.md")
        raise RuntimeError("disk full")
    assert _tree(tmp_path) == {"en/news.md": "old"}
    assert _folders(tmp_path) == {"en"}  # the folders it made are gone


def test_removed_files_go_and_so_do_the_folders_they_leave_empty(tmp_path: Path) -> None:
    with Transaction(tmp_path) as transaction:
        for relative, text in PAGES.items():
            transaction.put(tmp_path / "stories" / relative, text)
    with Transaction(tmp_path) as transaction:
        transaction.remove(tmp_path / "stories" / "kk" / "жаңалық.md")
        transaction.remove(tmp_path / "stories" / "ar" / "خبر.md")
    assert _folders(tmp_path) == {"stories", "stories/en", "stories/fr"}
    assert not [p for p in _outside_trash(tmp_path) if p.name.startswith(BACKUP_PREFIX)]


def _failing_replace(monkeypatch: pytest.MonkeyPatch, at: int) -> list[tuple[Any, ...]]:
    real, calls = os.replace, []

    def replace(*args: Any) -> None:
        calls.append(args)
        if len(calls) == at:
            raise OSError(5, "Input/output error")
        real(*args)

    monkeypatch.setattr(os, "replace", replace)
    return calls


@pytest.mark.parametrize("at", [1, 2, 3, 4])
def test_a_failed_rename_undoes_those_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: int
) -> None:
    with Transaction(tmp_path) as transaction:
        transaction.put(tmp_path / "fr" / "été.md", "ancien")
        transaction.put(tmp_path / "kk" / "жаңалық.md", "ескі")
    before = _tree(tmp_path)
    _failing_replace(monkeypatch, at)
    with pytest.raises(OSError, match="Input/output error"), Transaction(tmp_path) as transaction:
        transaction.put(tmp_path / "fr" / "été.md", "nouveau")  # replaced
        transaction.put(tmp_path / "ar" / "خبر.md", "جديد")  # new
        transaction.remove(tmp_path / "kk" / "жаңалық.md")  # removed: moved to a backup
        transaction.put(tmp_path / "en" / "news.md", "new")
    assert _tree(tmp_path) == before
    assert not [p for p in _outside_trash(tmp_path) if p.name.startswith(".gen-")]


def test_a_file_being_replaced_is_never_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed between backing a file up and renaming over it leaves the file."""
    target = tmp_path / "ru" / "новости.md"
    with Transaction(tmp_path) as transaction:
        transaction.put(target, "старое")
    seen: list[bool] = []
    real = os.replace

    def replace(source: Any, destination: Any) -> None:
        seen.append(Path(destination).exists())
        real(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    with Transaction(tmp_path) as transaction:
        transaction.put(target, "новое")
    assert seen == [True] and target.read_text(encoding="utf-8") == "новое"


def test_ctrl_c_while_renaming_waits_until_every_file_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace

    def replace(*args: Any) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # at the first rename
        real(*args)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt), Transaction(tmp_path) as transaction:
        for relative, text in PAGES.items():
            transaction.put(tmp_path / relative, text)
    assert _tree(tmp_path) == PAGES
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_outside_the_main_thread_the_files_are_written_all_the_same(tmp_path: Path) -> None:
    failed: list[BaseException] = []

    def write() -> None:
        try:
            with Transaction(tmp_path) as transaction:
                for relative, text in PAGES.items():
                    transaction.put(tmp_path / relative, text)
        except BaseException as exc:  # reported below, in the test's thread
            failed.append(exc)

    thread = threading.Thread(target=write)
    thread.start()
    thread.join(30)
    assert failed == [] and _tree(tmp_path) == PAGES


def test_pruning_stops_at_a_folder_with_anything_in_it_and_at_the_root(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "a" / "b" / "c").mkdir(parents=True)
    (out / "a" / "keep.md").write_text("x", encoding="utf-8")
    prune_empty_folders(out, out / "a" / "b" / "c")
    assert _folders(out) == {"a"}
    (out / "a" / "keep.md").unlink()
    prune_empty_folders(out, out / "a")
    assert out.is_dir() and _folders(out) == set()


def test_pruning_never_climbs_out_of_the_root(tmp_path: Path) -> None:
    (tmp_path / "beside").mkdir()
    out = tmp_path / "out"
    out.mkdir()
    prune_empty_folders(out, tmp_path / "beside")
    assert (tmp_path / "beside").is_dir()


def test_rmdir_if_empty_says_whether_it_removed(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x", encoding="utf-8")
    (tmp_path / "пусто").mkdir()
    assert rmdir_if_empty(tmp_path / "пусто") is True
    assert rmdir_if_empty(tmp_path / "full") is False
    assert rmdir_if_empty(tmp_path / "missing") is False


def test_old_versions_do_not_outlive_the_transaction(tmp_path: Path) -> None:
    with Transaction(tmp_path) as transaction:
        for relative, text in PAGES.items():
            transaction.put(tmp_path / relative, text)
    with Transaction(tmp_path) as transaction:
        transaction.put(tmp_path / "en/news.md", "Rail line opens on time")  # replaced
        transaction.remove(tmp_path / "ar" / "خبر.md")
    assert not list((tmp_path / TRASH).iterdir())
    assert _tree(tmp_path)["en/news.md"] == "Rail line opens on time"


def test_what_a_killed_build_left_in_the_trash_is_emptied(tmp_path: Path) -> None:
    (tmp_path / TRASH).mkdir()
    (tmp_path / TRASH / f"{TEMP_PREFIX}x.part").write_text("half a page", encoding="utf-8")
    (tmp_path / TRASH / f"{BACKUP_PREFIX}y.part").write_text("old page", encoding="utf-8")
    empty_trash(tmp_path)
    assert not list((tmp_path / TRASH).iterdir())
    empty_trash(tmp_path / "never built")  # no trash: nothing to do
