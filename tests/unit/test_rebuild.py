"""Safe to rebuild: all-or-nothing writes, stale pages removed, byte-identical output."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEEDS, generate, outside_trash

import generator.writing.site as write_module
from generator.rendering.home import HOME_PAGE
from generator.writing.site import BACKUP_PREFIX, TEMP_PREFIX, write_files
from generator.writing.transaction import TRASH

OLD = {"en/a.md": "a1", "en/b.md": "b1", "fr/c.md": "c1", "archive.json": "{1}"}
NEW = {"en/a.md": "a2", "fr/c.md": "c1", "kk/d.md": "d2", "ar/e.md": "e2", "archive.json": "{2}"}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in outside_trash(folder)
        if p.is_file()
    }


def _old_site(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "index.md").write_text("hand-written", encoding="utf-8")
    write_files(out, OLD)
    return out, snapshot(out)


def _failing_on(call: int, real: Callable[..., Any], error: BaseException) -> Callable[..., Any]:
    calls = []

    def fail(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == call:
            raise error
        return real(*args, **kwargs)

    return fail


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
@pytest.mark.parametrize("call", [1, 2, 4, 6])  # the ledger: 1, claiming; 6, staged last
def test_a_failure_while_writing_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: int, error: BaseException
) -> None:
    out, before = _old_site(tmp_path)
    real = write_module.Transaction.put
    monkeypatch.setattr(write_module.Transaction, "put", _failing_on(call, real, error))
    with pytest.raises(type(error)):
        write_files(out, NEW)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir() if p.name != TRASH) == [
        ".generator-files",
        "archive.json",
        "en",
        "fr",
        "index.md",
    ]


@pytest.mark.parametrize("call", range(1, 8))  # the ledger claimed, 4 files, 1 removed, ledger
def test_a_failed_rename_is_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: int
) -> None:
    out, before = _old_site(tmp_path)
    real = os.replace
    monkeypatch.setattr(write_module.os, "replace", _failing_on(call, real, OSError("EIO")))
    with pytest.raises(OSError):
        write_files(out, NEW)
    assert snapshot(out) == before


def test_ctrl_c_while_renaming_waits_for_a_consistent_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _ = _old_site(tmp_path)
    real = os.replace
    calls: list[object] = []

    def interrupted(*args: Any) -> None:
        calls.append(args)
        if len(calls) == 2:
            signal.raise_signal(signal.SIGINT)  # the editor presses Ctrl-C right now
        real(*args)

    monkeypatch.setattr(write_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_files(out, NEW)
    monkeypatch.undo()
    after = snapshot(out)
    assert {k: v.decode() for k, v in after.items() if k in NEW} == NEW
    assert "en/b.md" not in after and after["index.md"] == b"hand-written"


def test_a_killed_build_leaves_its_files_in_the_trash_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed outright before its renames: its staged files are in the trash, nowhere else
    (not even a folder made for a target), and the next build empties the trash of them
    and of a killed build's backups."""
    out, before = _old_site(tmp_path)
    # Killed before its renames: neither they nor any rollback run.
    monkeypatch.setattr(write_module.Transaction, "__exit__", lambda *a: None)
    with write_module.Transaction(out) as transaction:
        transaction.put(out / "en" / "a.md", "half-written build")
        transaction.put(out / "de" / "new.md", "never renamed")
    assert snapshot(out) == before  # nothing renamed, no folder made for a target
    assert [p.name.startswith(TEMP_PREFIX) for p in (out / TRASH).iterdir()] == [True, True]
    monkeypatch.undo()
    (out / TRASH / f"{BACKUP_PREFIX}y.part").write_text("old page", encoding="utf-8")
    write_files(out, NEW)
    assert not list((out / TRASH).iterdir())
    assert not [p for p in outside_trash(out) if p.name.startswith(".gen-")]


def test_a_build_that_crashes_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    docs = tmp_path / "docs"
    generate(seeds, docs)
    before = snapshot(docs)
    (seeds / "000_c3a19952f2159eca.txt").unlink()
    (seeds / "new.txt").write_text("A new article\nIts text.", encoding="utf-8")
    real = write_module.Transaction.put

    def into_docs(transaction: object, target: Path, text: str) -> None:
        (fail if docs in target.parents else real)(transaction, target, text)

    # The second page into the docs folder fails (the seeds folder's records go first).
    fail = _failing_on(2, real, OSError("disk"))
    monkeypatch.setattr(write_module.Transaction, "put", into_docs)
    with pytest.raises(OSError):
        generate(seeds, docs, hand_written=False)
    assert snapshot(docs) == before


def test_pages_of_deleted_seeds_go_and_hand_written_pages_stay(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    docs = tmp_path / "docs"
    first = generate(seeds, docs)
    hand_written = {p.name: p.read_bytes() for p in docs.glob("*.md") if p.name != HOME_PAGE}
    assert hand_written  # about.md
    gone = next(p for p in first.pages if p.article.name.startswith("004"))
    (seeds / gone.article.name).unlink()
    second = generate(seeds, docs, hand_written=False)
    assert not (docs / gone.path).exists()
    assert len(second.pages) == len(first.pages) - 1
    assert {
        p.name: p.read_bytes() for p in docs.glob("*.md") if p.name != HOME_PAGE
    } == hand_written


def _bad_and_good_seeds(folder: Path, reverse: bool) -> None:
    """The project's seeds plus odd ones, created in the given order."""
    files: list[tuple[str, bytes]] = [(p.name, p.read_bytes()) for p in sorted(SEEDS.iterdir())]
    files += [
        (
            "ru.txt",
            "Министр выступил на форуме в Пекине.\nОн заявил о сотрудничестве.".encode("cp1251"),
        ),
        ("copy.txt", (SEEDS / "001_38ad4a385a39e8e7.txt").read_bytes()),
        ("with space.txt", b"Another article\nIts text here."),
        ("empty.txt", b""),
        ("notes.md", b"notes"),
    ]
    folder.mkdir()
    for name, raw in reversed(files) if reverse else files:
        (folder / name).write_bytes(raw)


def _build_in_subprocess(tmp_path: Path, name: str, hash_seed: str, reverse: bool) -> Path:
    seeds, out = tmp_path / f"seeds-{name}", tmp_path / f"out-{name}"
    _bad_and_good_seeds(seeds, reverse)
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--out", str(out)]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def test_builds_are_byte_identical_whatever_the_hash_seed_or_file_order(tmp_path: Path) -> None:
    first = _build_in_subprocess(tmp_path, "a", "0", reverse=False)
    second = _build_in_subprocess(tmp_path, "b", "4242", reverse=True)
    assert snapshot(first) == snapshot(second)
    assert len(snapshot(first)) >= 8


def test_a_second_build_rewrites_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generate(SEEDS, docs)
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    content = snapshot(docs)
    generate(SEEDS, docs, hand_written=False)
    assert snapshot(docs) == content
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")} == before
    assert ROOT.exists()
