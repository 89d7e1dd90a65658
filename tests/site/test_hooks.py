"""hooks/ and the search step: the home page's story list, the generator hook, search."""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from click.testing import CliRunner
from conftest import ROOT, copy_hand_written
from searchable import load_script

from generator.cli import main


def _load(name: str) -> ModuleType:
    """A hook module of hooks/, loaded as MkDocs loads it: from its file."""
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "hooks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _load("i18n")
search_index = load_script("search_index")


@pytest.mark.parametrize(
    ("text", "after", "problem"),
    [
        (
            '{"version":"1","languages":{"ru":{"hash":"ru_1"},"ar":{"hash":"ar_2"}}}',
            '{"version":"1","languages":{"ar":{"hash":"ar_2"},"ru":{"hash":"ru_1"}}}',
            False,
        ),
        ("not json", "not json", True),  # left as it is, and said
        ('{"version":"1"}', '{"version":"1"}', True),
    ],
)
def test_pagefind_languages_are_sorted(
    tmp_path: Path, text: str, after: str, problem: bool
) -> None:
    entry = tmp_path / "pagefind-entry.json"
    entry.write_text(text, encoding="utf-8")
    assert (search_index.sort_languages(entry) is not None) == problem
    assert entry.read_text(encoding="utf-8") == after


def test_the_search_step_refuses_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    assert "not a built site" in (search_index.index_site(tmp_path) or "")


def test_the_search_step_leaves_out_the_page_furniture() -> None:
    command = search_index.pagefind_command(Path("site"))
    excluded = [command[i + 1] for i, arg in enumerate(command) if arg == "--exclude-selectors"]
    assert {".parallel-link", ".lang-switcher"} <= set(excluded)


@pytest.mark.parametrize(("command", "runs"), [("serve", True), ("build", False)])
def test_the_search_hook_indexes_for_serve_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, runs: bool
) -> None:
    search_hook = _load("search")
    ran: list[list[str]] = []

    def fake_run(args: list[str], **kwargs: object) -> SimpleNamespace:
        ran.append(args)
        return SimpleNamespace(returncode=0, stderr="")

    monkeypatch.setattr(search_hook.subprocess, "run", fake_run)
    search_hook.on_startup(command=command, dirty=False)
    search_hook.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    assert bool(ran) == runs
    if runs:
        step = (ROOT / "scripts" / "search_index.py").resolve()
        assert (Path(ran[0][1]).resolve(), ran[0][2]) == (step, str(tmp_path))


@pytest.fixture(scope="module")
def generate_hook() -> ModuleType:
    return _load("generate")


def test_the_hook_builds_with_the_project_cache(generate_hook: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    config = generate_hook._settings(tmp_path, tmp_path / "seeds", tmp_path / "docs")
    assert config.cache == tmp_path / ".cache" / "generator.sqlite"
    assert (config.seeds, config.out, config.strict) == (
        tmp_path / "seeds",
        tmp_path / "docs",
        False,
    )


def test_the_hook_follows_the_project_settings(generate_hook: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "generator.yml").write_text("cache: null\nstories: s.yml\n", encoding="utf-8")
    config = generate_hook._settings(tmp_path, tmp_path / "seeds", tmp_path / "docs")
    assert config.cache is None and config.stories == tmp_path / "s.yml"
    (tmp_path / "generator.yml").write_text("cache: 7\n", encoding="utf-8")
    config = generate_hook._settings(tmp_path, tmp_path / "seeds", tmp_path / "docs")
    assert config.cache is None  # a bad file is reported as a warning, the build goes on


def _project(tmp_path: Path) -> Path:
    """A copy of the project to build: its MkDocs files, hooks, hand-written pages, and
    seeds of its own: one article, a copy of it, and a file whose name breaks a line."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__py*"))
    copy_hand_written(project / "site_src")
    seeds = project / "seeds"
    seeds.mkdir()
    text = "A headline of the article\n\nThe one paragraph of the article, in English words.\n"
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    (seeds / "b.txt").write_text(text, encoding="utf-8")
    (seeds / "notes\nwarning: forged.md").write_text("x", encoding="utf-8")
    return project


def _run(command: list[str], cwd: Path) -> str:
    env = {**os.environ, "CI": "true", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_scripts_build_prints_each_warning_once_on_one_line(tmp_path: Path) -> None:
    """As scripts/build.sh: the command-line build, then `mkdocs build` (whose hook would
    build again); then an edited seed, which the next `mkdocs build` does regenerate."""
    project = _project(tmp_path)
    mkdocs = [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"]
    said = _run([sys.executable, "-m", "generator", "build", "--no-cache"], project)
    said += _run(mkdocs, project)
    assert said.count("b.txt: same text as a.txt") == 1, said
    lines = [line for line in said.splitlines() if "forged.md" in line]
    assert lines == ["warning: notes | warning: forged.md: not a .txt file; ignored"], said
    (project / "seeds" / "a.txt").write_text("Another headline\n\nOther words.\n")
    again = _run(mkdocs, project)
    assert "generator: 2 pages from" in again and "forged.md: not a .txt file" in again


def test_a_failed_seed_is_reported_by_each_build_its_warnings_once(
    generate_hook: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    project = _project(tmp_path)
    (project / "seeds" / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(project)
    assert CliRunner().invoke(main, ["build", "--no-cache"]).exit_code == 0
    config = SimpleNamespace(
        config_file_path=str(project / "mkdocs.yml"), docs_dir=str(project / "site_src")
    )
    for _ in range(2):  # after the command line's build, then after the hook's own
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="mkdocs.hooks.generate"):
            generate_hook.on_pre_build(config)
        said = {(r.levelno, r.getMessage()) for r in caplog.records}
        assert (
            logging.WARNING,
            "generator: seed empty.txt: empty: no letters or digits in the file",
        ) in said
        dup = "generator: b.txt: same text as a.txt; published once, as a.txt"
        assert (logging.DEBUG, dup) in said and (logging.INFO, dup) not in said
