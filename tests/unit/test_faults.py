"""Faults and concurrency: a build killed at any rename, two builds at once, a build killed
while its workers run. Each leaves a project the next build completes, as a clean one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEEDS, outside_trash

from generator.writing.lock import project_lock

STRACE = shutil.which("strace")
needs_strace = pytest.mark.skipif(STRACE is None, reason="strace is not installed")


@dataclass(frozen=True)
class Project:
    """A site built from the project's seeds (`before`), the seeds changed since (`seeds`:
    one gone, one edited, one added), their cache, and the clean build of them (`clean`)."""

    before: Path
    seeds: Path
    cache: Path
    clean: Path
    renames: int  # by a build of `seeds` over `before`


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), by relative path."""
    return {
        p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in outside_trash(folder)
    }


def build_command(seeds: Path, out: Path, cache: Path) -> list[str]:
    command = [sys.executable, "-m", "generator", "build", "--strict"]
    return [*command, "--seeds", str(seeds), "--out", str(out), "--cache", str(cache)]


def generator_build(
    seeds: Path, out: Path, cache: Path, *, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    command = [*prefix, *build_command(seeds, out, cache)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def killed_at_rename(call: int) -> tuple[str, ...]:
    """strace, killing the build (SIGKILL) as it enters its `call`-th rename."""
    assert STRACE is not None
    inject = f"inject=rename:signal=SIGKILL:when={call}"
    return (STRACE, "-f", "-o", os.devnull, "-e", "trace=rename", "-e", inject)


def _copy(project: Project, into: Path) -> tuple[Path, Path, Path]:
    """A copy of the project's seeds, site and cache, to fault."""
    seeds, out, cache = into / "seeds", into / "docs", into / "cache.sqlite"
    shutil.copytree(project.seeds, seeds)
    shutil.copytree(project.before, out, symlinks=True)
    shutil.copy2(project.cache, cache)
    return seeds, out, cache


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    base = tmp_path_factory.mktemp("faults")
    seeds, before, cache = base / "seeds", base / "before", base / "cache.sqlite"
    shutil.copytree(SEEDS, seeds)
    _hand_written(before)
    done = generator_build(seeds, before, cache)
    assert done.returncode == 0, done.stderr
    _change(seeds)
    clean = base / "clean"
    shutil.copytree(seeds, clean / "seeds")
    shutil.copy2(cache, clean / "cache.sqlite")
    _hand_written(clean / "docs")
    done = generator_build(clean / "seeds", clean / "docs", clean / "cache.sqlite")
    assert done.returncode == 0, done.stderr
    shutil.copy2(clean / "cache.sqlite", cache)  # the changed seeds' work, cached
    project = Project(before, seeds, cache, clean, renames=0)
    if STRACE is None:
        return project
    trace = base / "renames.txt"
    prefix = (STRACE, "-f", "-o", str(trace), "-e", "trace=rename")
    assert generator_build(*_copy(project, base / "counted"), prefix=prefix).returncode == 0
    return replace(project, renames=trace.read_text(encoding="utf-8").count("rename("))


def _hand_written(docs: Path) -> None:
    docs.mkdir(parents=True)
    (docs / "about.md").write_text("hand-written", encoding="utf-8")


def _change(seeds: Path) -> None:
    """One seed gone, one edited, one added."""
    (seeds / "002_8976b4f3f2e009c9.txt").unlink()  # the only Kazakh seed: kk/ goes
    with (seeds / "003_6bde35b42e76ada8.txt").open("a", encoding="utf-8") as edited:
        edited.write("\nUn paragraphe ajouté après coup.\n")
    shutil.copy(FIXTURES / "group" / "rail.en.txt", seeds / "rail.en.txt")


# Where a build is killed: its first renames (the stories file's, the ledger's claim), the
# middle ones (pages replaced, a page removed) and the last ones (the ledger's last).
AT = {"first": 1, "second": 2, "third": 3, "middle": 0.5, "last but one": -2, "last": -1}


@needs_strace
@pytest.mark.parametrize("at", AT.values(), ids=AT.keys())
def test_a_build_killed_at_any_rename_leaves_a_site_the_next_build_completes(
    project: Project, tmp_path: Path, at: float
) -> None:
    call = int(at * project.renames) if isinstance(at, float) else at % (project.renames + 1)
    seeds, out, cache = _copy(project, tmp_path)
    killed = generator_build(seeds, out, cache, prefix=killed_at_rename(call))
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # killed, not completed
    assert (seeds / "stories.yml").is_file() and (out / ".generator-files").is_file()
    again = generator_build(seeds, out, cache)
    assert again.returncode == 0, again.stderr  # --strict: no seed failed
    assert again.stdout.endswith(", 0 seeds failed\n")
    assert tree(out) == tree(project.clean / "docs")  # the ledger and hand-written page too
    stories = (seeds / "stories.yml").read_bytes()
    assert stories == (project.clean / "seeds" / "stories.yml").read_bytes()


@needs_strace
def test_a_first_build_killed_among_its_renames_leaves_no_page_for_hand_written(
    project: Project, tmp_path: Path
) -> None:
    """The issue's case: a build into an empty folder killed halfway (before, every page
    renamed already was refused as hand-written by every later build)."""
    seeds, out = tmp_path / "seeds", tmp_path / "docs"
    shutil.copytree(project.clean / "seeds", seeds)
    _hand_written(out)
    cache = tmp_path / "cache.sqlite"
    shutil.copy2(project.cache, cache)
    killed = generator_build(seeds, out, cache, prefix=killed_at_rename(8))
    assert killed.returncode == -signal.SIGKILL
    again = generator_build(seeds, out, cache)
    assert again.returncode == 0, again.stderr
    assert tree(out) == tree(project.clean / "docs")


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still {what} after {seconds} s"
        time.sleep(0.05)


def test_two_builds_at_once_take_turns(project: Project, tmp_path: Path) -> None:
    """Both wait while the lock is held (here), then one builds and the other finds
    nothing to do: neither sweeps the other's temporary files away."""
    seeds, out, cache = _copy(project, tmp_path)
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    waiting = f"waiting for another build (pid {os.getpid()}) to finish"
    with project_lock(out):
        builds = []
        for log in logs:
            with log.open("w") as stderr:
                command = build_command(seeds, out, cache)
                builds.append(
                    subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr)
                )

        def told() -> bool:
            return all(waiting in log.read_text(encoding="utf-8") for log in logs)

        _wait_for(told, "not waiting")
    for build in builds:
        stdout, _ = build.communicate(timeout=120)
        assert build.returncode == 0, [log.read_text(encoding="utf-8") for log in logs]
        assert stdout.endswith(b", 0 seeds failed\n")
    assert tree(out) == tree(project.clean / "docs")


WORKERS = """
import sys, time
from generator.incremental import cores

cores.os.cpu_count = lambda: 2

def nap(x):
    time.sleep(120)
    return x

list(cores.on_cores(nap, [(1,), (2,)], "nap", spread_from=1))
"""


def _children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue  # ended meanwhile
        if f"PPid:\t{pid}" in lines:
            found.add(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        lines = Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return not any(line.startswith("State:\tZ") for line in lines)  # a zombie has ended


@pytest.fixture
def reaped() -> Iterator[set[int]]:
    """Processes to kill after the test if they outlived it (the old code's workers)."""
    pids: set[int] = set()
    yield pids
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_workers_end_when_their_build_is_killed(tmp_path: Path, reaped: set[int]) -> None:
    script = tmp_path / "workers.py"
    script.write_text(WORKERS, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], cwd=ROOT)
    reaped.add(parent.pid)
    _wait_for(lambda: len(_children(parent.pid)) >= 2, "no workers")
    children = _children(parent.pid)
    reaped.update(children)
    parent.kill()
    parent.wait()
    _wait_for(lambda: not any(_alive(pid) for pid in children), "workers alive", seconds=5)
