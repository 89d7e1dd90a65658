"""Stage write: only the generator's own files are written, replaced or deleted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write import OutputError, safe_target, write_files


def test_hand_written_pages_are_never_touched(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("mine", encoding="utf-8")
    skipped = write_files(tmp_path, {"index.md": "generated", "en/a.md": "a"})
    assert [s.path for s in skipped] == ["index.md"]
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "en/a.md").read_text(encoding="utf-8") == "a"


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
