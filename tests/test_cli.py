"""The program as editors and CI run it: its exit status and everything it printed.

`python -m generator` ends without the interpreter's teardown (`cli.run`): what it wrote
to its pipes must still arrive, and its status be the one the command chose.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("code", "status", "stderr"),
    [("None", 0, ""), ("3", 3, ""), ("'a message'", 1, "a message\n")],
)
def test_an_exit_ends_like_sys_exit_with_the_output_flushed(
    tmp_path: Path, code: str, status: int, stderr: str
) -> None:
    script = "from generator.cli import _exit_now\n"
    script += f"print('unflushed', end='')\n_exit_now({code})"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (status, "unflushed", stderr)
