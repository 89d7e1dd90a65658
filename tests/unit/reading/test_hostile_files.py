"""Hostile files: symbolic link loops, folders that cannot be read, a cache that cannot be
written. Each is one line of the report (an error, or the cache's one warning), nothing is
deleted that was not known to be bad, and the build goes on.

Root ignores mode bits: when the tests run as root, whatever must meet them runs as uid
65534 (`setpriv`) in a subprocess; otherwise as this user, whom they stop already.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from conftest import ROOT

from generator.build import build
from generator.config import Config
from generator.incremental import cache_file
from generator.incremental.cache import Cache
from generator.reading.files import LOOP, discover, read_seeds
from generator.records import SeedError, SeedText

NOBODY = 65534
IS_ROOT = os.geteuid() == 0
ARTICLE = (
    "Kazakh foreign minister addresses Belt and Road forum\n"
    "The minister said the country was ready to expand transport links with its neighbours.\n"
    "He met counterparts from twelve countries during the two-day meeting in Beijing.\n"
)
needs_setpriv = pytest.mark.skipif(
    IS_ROOT and shutil.which("setpriv") is None, reason="root needs setpriv to meet mode bits"
)


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder uid 65534 can reach: pytest's own are root's alone."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    folder.chmod(0o755)
    yield folder
    for inner in [folder, *folder.rglob("*")]:  # for a user who is not root, to delete
        if inner.is_dir() and not inner.is_symlink():
            inner.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python *args` as a user mode bits apply to: uid 65534 if this is root."""
    become = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    env = {**os.environ, "HOME": str(cwd), "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [*(become if IS_ROOT else []), sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def give(*paths: Path) -> None:
    """Make `paths` the unprivileged user's (they are already, if that is this user)."""
    for path in paths:
        if IS_ROOT:
            os.chown(path, NOBODY, NOBODY, follow_symlinks=False)


# --- symbolic link loops -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("links", "looping"),
    [
        ({"loop.txt": "loop.txt"}, {"loop.txt"}),
        ({"a.txt": "b.txt", "b.txt": "a.txt"}, {"a.txt", "b.txt"}),
        ({"sub/loop.txt": "loop.txt"}, {"sub/loop.txt"}),
        ({"folder": "folder"}, {"folder"}),  # a folder's link, by its name
        ({"d1": "d2", "d2": "d1"}, {"d1", "d2"}),
        ({"loopdir": "loopdir", "via.txt": "loopdir/x.txt"}, {"loopdir", "via.txt"}),
        ({"sub/up": ".."}, set()),  # a cycle of folders: the link is not followed, no loop
    ],
    ids=["self", "pair", "in-subfolder", "folder", "folder-pair", "through-loop", "up"],
)
def test_a_symbolic_link_loop_is_one_error_and_the_rest_is_read(
    tmp_path: Path, links: dict[str, str], looping: set[str]
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "also.txt").write_text(ARTICLE.replace("Beijing", "Astana"), "utf-8")
    for name, target in links.items():
        (tmp_path / name).symlink_to(target)
    results = {item.name: item for item in read_seeds(tmp_path)}
    errors = {n: r.reason for n, r in results.items() if isinstance(r, SeedError)}
    assert errors == dict.fromkeys(looping, LOOP)
    assert LOOP.startswith("symbolic link loop")
    assert isinstance(results["good.txt"], SeedText)
    assert isinstance(results["sub/also.txt"], SeedText)
    assert not any(name in note for note in discover(tmp_path).notes for name in looping)


def test_a_build_with_link_loops_reports_each_and_goes_on(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "loop.txt").symlink_to("loop.txt")
    (seeds / "a.txt").symlink_to("b.txt")
    (seeds / "b.txt").symlink_to("a.txt")
    report = build(Config(seeds=seeds, out=tmp_path / "docs", strict=False, cache=None))
    assert [str(e) for e in report.errors] == [
        f"{n}: {LOOP}" for n in ["a.txt", "b.txt", "loop.txt"]
    ]
    assert [p.article.name for p in report.pages] == ["good.txt"]


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_hook", ROOT / "hooks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_mkdocs_hook_builds_past_a_link_loop(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "seeds" / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "seeds" / "folder").symlink_to("folder")
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"), docs_dir=str(tmp_path / "docs")
    )
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.generate"):
        _hook().on_pre_build(config)
    hook_log = [r for r in caplog.records if r.name == "mkdocs.hooks.generate"]
    assert [r.getMessage() for r in hook_log if r.levelno >= logging.WARNING] == [
        f"generator: seed folder: {LOOP}",
        f"generator: seed loop.txt: {LOOP}",
    ]
    assert "generator: 1 pages" in caplog.text


# --- folders that cannot be read -----------------------------------------------------------

DISCOVER = """
import json, sys
from pathlib import Path
from generator.reading.files import read_seeds
items = read_seeds(Path(sys.argv[1]))
print(json.dumps({i.name: getattr(i, "reason", "read") for i in items}))
"""


READ, UNREAD = "read", "folder cannot be read: Permission denied; the seeds in it are left out"


@needs_setpriv
@pytest.mark.parametrize(
    ("modes", "expected"),
    [
        ({"sub": 0o000}, {"sub": UNREAD, "other/c.txt": READ}),
        ({"sub/deeper": 0o000}, {"sub/a.txt": READ, "sub/deeper": UNREAD, "other/c.txt": READ}),
        ({"sub": 0o000, "other": 0o300}, {"sub": UNREAD, "other": UNREAD}),  # write only
        (  # listed but not entered: its seeds cannot be read, its folders cannot be listed
            {"sub": 0o444},
            {
                "sub/a.txt": "cannot read: Permission denied",
                "sub/deeper": UNREAD,
                "other/c.txt": READ,
            },
        ),
    ],
    ids=["folder", "inner-folder", "two-folders", "not-searchable"],
)
def test_a_folder_that_cannot_be_read_is_an_error_naming_it(
    shared: Path, modes: dict[str, int], expected: dict[str, str]
) -> None:
    seeds = shared / "seeds"
    for name in ["good.txt", "sub/a.txt", "sub/deeper/b.txt", "other/c.txt"]:
        (seeds / name).parent.mkdir(parents=True, exist_ok=True)
        (seeds / name).write_text(ARTICLE.replace("Beijing", name), encoding="utf-8")
    for name, mode in modes.items():
        (seeds / name).chmod(mode)
    run = unprivileged("-c", DISCOVER, str(seeds), cwd=shared)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"good.txt": READ, **expected}


@needs_setpriv
def test_a_build_with_an_unreadable_folder_reports_it_and_goes_on(shared: Path) -> None:
    seeds = shared / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "sub" / "hidden.txt").write_text(ARTICLE.replace("Beijing", "Astana"), "utf-8")
    (seeds / "sub").chmod(0o000)
    (shared / "docs").mkdir()
    give(seeds, shared / "docs")  # the seeds folder too: the build writes stories.yml there
    run = unprivileged(
        "-m", "generator", "build", "--seeds", "seeds", "--out", "docs", "--no-cache", cwd=shared
    )
    assert run.returncode == 0, run.stderr
    assert f"error: sub: {UNREAD}" in run.stderr.splitlines()
    assert "1 pages written to docs, 1 seeds failed" in run.stdout


# --- a cache that cannot be written --------------------------------------------------------


def _read_only_file(folder: Path, file: Path) -> None:
    give(folder, file)
    file.chmod(0o444)


def _another_users_file(folder: Path, file: Path) -> None:
    give(folder)  # the folder is the user's: the file could be deleted, and was


def _read_only_folder(folder: Path, file: Path) -> None:
    give(file)
    folder.chmod(0o555)


def _unreadable_file(folder: Path, file: Path) -> None:
    give(folder)
    file.chmod(0o000)


def _not_a_database(folder: Path, file: Path) -> None:
    file.write_bytes(b"not a database\n" * 1000)
    give(folder, file)


KEPT, LEFT_ALONE, REPLACED = "kept and read", "left alone", "replaced"


def _identity(file: Path) -> tuple[int, str]:
    """The file's inode and content hash, whatever its mode."""
    mode = file.stat().st_mode
    file.chmod(0o644)
    try:
        return file.stat().st_ino, hashlib.sha256(file.read_bytes()).hexdigest()
    finally:
        file.chmod(mode)


@needs_setpriv
@pytest.mark.parametrize(
    ("damage", "fate", "warning"),
    [
        (_read_only_file, KEPT, "is read-only (uid"),
        pytest.param(
            _another_users_file,
            KEPT,
            "is read-only (uid",
            marks=pytest.mark.skipif(not IS_ROOT, reason="only root can give a file away"),
        ),
        (_read_only_folder, KEPT, "is read-only (uid"),
        (_unreadable_file, LEFT_ALONE, "cannot be read, left as it is"),
        (_not_a_database, REPLACED, "discarded (file is not a database)"),
    ],
    ids=["read-only-file", "another-users-file", "read-only-folder", "unreadable", "corrupt"],
)
def test_a_cache_that_cannot_be_written_is_never_deleted(
    shared: Path, damage: Callable[[Path, Path], None], fate: str, warning: str
) -> None:
    seeds, docs, cache = shared / "seeds", shared / "docs", shared / ".cache" / "generator.sqlite"
    seeds.mkdir()
    (seeds / "good.txt").write_text(ARTICLE, encoding="utf-8")
    build(Config(seeds=seeds, out=docs, strict=False, cache=cache))  # as this user
    give(docs, *docs.rglob("*"))
    damage(cache.parent, cache)
    before = _identity(cache)
    # The default cache (`--cache` would have click refuse a file it cannot read).
    run = unprivileged("-m", "generator", "build", "--seeds", "seeds", "--out", "docs", cwd=shared)
    assert run.returncode == 0, run.stderr
    assert "1 pages " in run.stdout
    assert (_identity(cache) == before) == (fate != REPLACED)
    lines = [
        line for line in run.stderr.splitlines() if line.startswith("cache .cache/generator.sqlite")
    ]
    assert len(lines) == 1 and warning in lines[0]
    analysed = next(line for line in run.stderr.splitlines() if line.startswith("analyse:"))
    assert (", 0 computed" in analysed) == (fate == KEPT)  # read from the kept file


def test_a_good_file_that_refuses_writes_is_read_and_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # What the tests above meet for real, for a run where they are skipped.
    path = tmp_path / "c.sqlite"
    with Cache(path) as cache:
        cache.put("kind", "key", b"vectors")
    before = path.read_bytes()

    def refuse(db: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(cache_file, "_set_up", refuse)
    with caplog.at_level(logging.WARNING), Cache(path) as cache:
        assert (cache.path, cache.writable) == (path, False)
        assert cache.get("kind", "key") == b"vectors"
        cache.put("kind", "new", b"skipped")
        cache.forget("kind", ["key"])
        assert cache.get("kind", "new") is None
    assert path.read_bytes() == before
    assert [r.getMessage() for r in caplog.records] == [
        f"cache {path} is read-only (attempt to write a readonly database); "
        "this build stores nothing in it"
    ]


HOOK = """
import importlib.util, logging, sys
from pathlib import Path
from types import SimpleNamespace
logging.basicConfig(level=logging.INFO, format="%(message)s")
project = Path(sys.argv[1])
spec = importlib.util.spec_from_file_location("generate_hook", sys.argv[2])
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)
hook.on_pre_build(
    SimpleNamespace(config_file_path=str(project / "mkdocs.yml"), docs_dir=str(project / "docs"))
)
"""


@needs_setpriv
def test_the_mkdocs_hook_builds_with_a_cache_folder_it_cannot_write(shared: Path) -> None:
    # `sudo mkdocs build` once, then `mkdocs build`: .cache and all in it are root's.
    (shared / "seeds").mkdir()
    (shared / "seeds" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    config = SimpleNamespace(
        config_file_path=str(shared / "mkdocs.yml"), docs_dir=str(shared / "docs")
    )
    hook = _hook()
    hook.on_pre_build(config)
    cache, docs = shared / ".cache", shared / "docs"
    (shared / hook.STAMP).unlink()  # as if a seed had changed since
    before = _identity(cache / "generator.sqlite")
    give(docs, *docs.rglob("*"))
    cache.chmod(0o555)
    run = unprivileged("-c", HOOK, str(shared), str(ROOT / "hooks" / "generate.py"), cwd=shared)
    assert run.returncode == 0, run.stderr
    assert "generator: 1 pages from" in run.stderr
    assert "is read-only (uid" in run.stderr
    assert _identity(cache / "generator.sqlite") == before
