"""`stamp`: whether a docs folder holds what the last build made of the seeds."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import generator
import generator.writing.stamp as stamp_module
from generator.writing.site import LEDGER, write_files
from generator.writing.stamp import (
    Stamp,
    fingerprint,
    project_of,
    project_settings,
    read_stamp,
    write_stamp,
)


def _project(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Seeds in several scripts, a built docs folder and a settings file."""
    seeds, docs, settings = tmp_path / "seeds", tmp_path / "docs", tmp_path / "generator.yml"
    seeds.mkdir()
    (seeds / "en.txt").write_text("Steppe Rail Line Opens\n", encoding="utf-8")
    (seeds / "été.txt").write_text("La ligne ouvre\n", encoding="utf-8")
    (seeds / "kk").mkdir()
    (seeds / "kk" / "жаңалық.txt").write_text("Жаңа теміржол\n", encoding="utf-8")
    write_files(docs, {"en/a.md": "a", "ar/خبر.md": "خبر"})
    settings.write_text("strict: false\n", encoding="utf-8")
    return seeds, docs, settings


def _edit(path: Path, text: str) -> Callable[[Path, Path, Path], object]:
    def edit(seeds: Path, docs: Path, settings: Path) -> None:
        target = {"seeds": seeds, "docs": docs, "settings": settings.parent}[path.parts[0]]
        (target / Path(*path.parts[1:])).write_text(text, encoding="utf-8")

    return edit


CHANGES: dict[str, Callable[[Path, Path, Path], object]] = {
    "a seed edited": _edit(Path("seeds/été.txt"), "La ligne ouvre demain\n"),
    "a seed in a subfolder edited": _edit(Path("seeds/kk/жаңалық.txt"), "Жаңа жол\n"),
    "a seed added": _edit(Path("seeds/ru.txt"), "Новая дорога\n"),
    "a seed removed": lambda seeds, docs, settings: (seeds / "en.txt").unlink(),
    "a seed renamed": lambda seeds, docs, settings: (seeds / "en.txt").rename(seeds / "en2.txt"),
    "the settings edited": _edit(Path("settings/generator.yml"), "strict: true\n"),
    "the settings removed": lambda seeds, docs, settings: settings.unlink(),
    "a generated page deleted": lambda seeds, docs, settings: (docs / "ar" / "خبر.md").unlink(),
    "the ledger edited": _edit(Path("docs") / LEDGER, "en/a.md\n"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_the_fingerprint_changes_with_anything_the_pages_depend_on(
    tmp_path: Path, change: Callable[[Path, Path, Path], object]
) -> None:
    seeds, docs, settings = _project(tmp_path)
    before = fingerprint(seeds, docs, [settings])
    assert fingerprint(seeds, docs, [settings]) == before  # the same, asked again
    change(seeds, docs, settings)
    assert fingerprint(seeds, docs, [settings]) != before


def test_the_fingerprint_ignores_what_the_pages_do_not_depend_on(tmp_path: Path) -> None:
    seeds, docs, settings = _project(tmp_path)
    before = fingerprint(seeds, docs, [settings])
    (docs / "index.md").write_text("hand-written", encoding="utf-8")
    os.utime(seeds / "en.txt", ns=(1, 1))  # a touch: same bytes
    assert fingerprint(seeds, docs, [settings]) == before


def test_the_fingerprint_is_of_the_folders_where_they_are(tmp_path: Path) -> None:
    seeds, docs, settings = _project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    write_files(elsewhere, {"en/a.md": "a", "ar/خبر.md": "خبر"})
    assert fingerprint(seeds, docs, [settings]) != fingerprint(seeds, elsewhere, [settings])


def test_the_fingerprint_covers_every_module_of_the_generator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds, docs, settings = _project(tmp_path)
    hashed: list[Path] = []
    real = stamp_module._file_digest

    def digest(path: Path) -> bytes:
        hashed.append(path.resolve())
        return real(path)

    monkeypatch.setattr(stamp_module, "_file_digest", digest)
    fingerprint(seeds, docs, [settings])
    package = Path(generator.__file__).resolve().parent
    modules = {p.resolve() for p in package.rglob("*.py")}
    assert modules <= set(hashed)


@pytest.mark.parametrize("clean", [True, False])
def test_a_stamp_reads_back_as_written(tmp_path: Path, clean: bool) -> None:
    path = tmp_path / ".cache" / "stamp.sha256"  # its folder made if missing
    write_stamp(path, Stamp("ab" * 32, clean))
    assert read_stamp(path) == Stamp("ab" * 32, clean)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"[]",
        b'{"fingerprint": "x"}',
        b'{"clean": true}',
        b"\xff\xfe{}",
    ],
)
def test_a_stamp_that_cannot_be_read_means_build_again(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "stamp"
    path.write_bytes(raw)
    assert read_stamp(path) is None


def test_a_missing_stamp_means_build_again(tmp_path: Path) -> None:
    assert read_stamp(tmp_path / "none") is None
    assert read_stamp(tmp_path) is None  # a folder where the stamp should be


@pytest.mark.parametrize(("value", "clean"), [("true", True), ("1", False), ('"yes"', False)])
def test_only_true_says_clean(tmp_path: Path, value: str, clean: bool) -> None:
    path = tmp_path / "stamp"
    path.write_text(json.dumps({"fingerprint": "f"})[:-1] + f', "clean": {value}}}')
    assert read_stamp(path) == Stamp("f", clean)


def test_the_settings_are_the_config_file_the_story_file_and_the_home_text(
    tmp_path: Path,
) -> None:
    stories, home = tmp_path / "seeds" / "stories.yml", tmp_path / "home.md"
    config = tmp_path / "generator.yml"
    assert project_settings(tmp_path, stories, home) == (config, stories, home)
    assert project_settings(tmp_path, stories, None) == (config, stories)


@pytest.mark.parametrize(
    ("seeds", "out", "mkdocs", "own"),
    [
        ("seeds", "site_src", True, True),
        ("seeds", "site_src/deeper", True, True),
        ("seeds", "site_src", False, False),  # no MkDocs project there
        ("other", "site_src", True, False),  # another folder of seeds (a benchmark's)
        ("seeds", "../docs", True, False),  # a docs folder outside the project
    ],
)
def test_a_build_is_the_projects_own_only_for_its_seeds_into_its_folder(
    tmp_path: Path, seeds: str, out: str, mkdocs: bool, own: bool
) -> None:
    project = tmp_path / "проект"
    project.mkdir()
    if mkdocs:
        (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    found = project_of(project / seeds, project / out, project)
    assert found == (project.resolve() if own else None)
