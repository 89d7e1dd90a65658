"""The program as editors and CI run it: its exit status and everything it printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.writing.stamp import STAMP, fingerprint, read_stamp

PROGRAM = [sys.executable, "-m", "generator"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PROGRAM, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_a_strict_build_with_a_bad_seed_exits_1_and_says_all(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text("A headline\n\nThe article's one paragraph of text.\n")
    (seeds / "empty.txt").write_bytes(b"")
    args = ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--no-cache"]
    done = _run([*args, "--strict"], tmp_path)
    assert done.returncode == 1
    assert "error: empty.txt: empty" in done.stderr
    assert done.stdout.endswith(
        "1 pages written to " + str(tmp_path / "out") + ", 1 seeds failed\n"
    )
    assert _run(args, tmp_path).returncode == 0  # the same failure, not strict


def test_a_rebuild_with_nothing_changed_says_so(tmp_path: Path) -> None:
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    (seeds / "good.txt").write_text("A headline\n\nThe article's one paragraph of text.\n")
    args = ["build", "--seeds", str(seeds), "--out", str(out), "--cache", str(tmp_path / "c")]
    assert _run(args, tmp_path).stdout.endswith(f"1 pages written to {out}, 0 seeds failed\n")
    again = _run(args, tmp_path)
    assert again.stdout.endswith(f"1 pages up to date (nothing changed) in {out}, 0 seeds failed\n")
    assert "write: 0 files written or removed, of " in again.stderr
    (seeds / "good.txt").write_text("A headline\n\nThe article's one paragraph, edited.\n")
    assert "1 pages written to" in _run(args, tmp_path).stdout


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (["--help"], 0, "Usage: generator"),
        (["no-such-command"], 2, "No such command"),
        (["build", "--config", "missing.yml"], 2, "missing.yml"),
    ],
)
def test_the_exit_status_is_the_commands(
    tmp_path: Path, args: list[str], status: int, said: str
) -> None:
    done = _run(args, tmp_path)
    assert done.returncode == status
    assert said in done.stdout + done.stderr


@pytest.mark.parametrize("own", [True, False])
def test_only_a_build_of_the_projects_own_seeds_stamps_it_for_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own: bool
) -> None:
    """The stamp costs a hash of every seed: a build of other seeds (the benchmarks') skips it."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    seeds = tmp_path / ("seeds" if own else "other")
    seeds.mkdir()
    (seeds / "a.txt").write_text("A headline\n\nThe article's one paragraph of text.\n")
    monkeypatch.chdir(tmp_path)
    args = ["build", "--seeds", str(seeds), "--out", str(tmp_path / "docs"), "--no-cache"]
    assert CliRunner().invoke(main, args).exit_code == 0
    stamp = read_stamp(tmp_path / STAMP)
    assert (stamp is not None) is own
    if stamp is not None:
        assert stamp.clean
        assert stamp.fingerprint == fingerprint(
            seeds,
            tmp_path / "docs",
            [tmp_path / "generator.yml", seeds / "stories.yml", tmp_path / "home.md"],
        )


def test_stories_reports_what_a_build_groups(tmp_path: Path) -> None:
    """`stories` goes through the build's own stages: a duplicate is set apart (it made a
    story of its own before) and the editors' rules apply."""
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    body = "The council met on Monday.\n\nIt approved the budget for the next year.\n"
    (seeds / "a.txt").write_text("Share this article\n\nBudget approved\n\n" + body)
    (seeds / "b.txt").write_text("Share this article\n\nBudget approved\n\n" + body)  # a copy
    (seeds / "boilerplate.yml").write_text("remove:\n  '*': ['Share this article']\n")
    args = ["--seeds", str(seeds)]
    assert _run(["build", *args, "--out", str(out), "--no-cache"], tmp_path).returncode == 0
    built = (seeds / "stories.yml").read_text()
    report = _run(["stories", *args], tmp_path)
    assert report.returncode == 0, report.stderr
    story_lines = [line for line in report.stdout.splitlines() if line.startswith("story ")]
    assert len(story_lines) == 1  # the copy is not a story of its own
    (story_id,) = [line.split()[1] for line in story_lines]
    assert f"id: {story_id}" in built
    assert "share" not in story_id  # named after its headline, the editors' line removed
