"""`lock.project_lock`: one build at a time in a docs folder (two at once: test_faults.py)."""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import generator.writing.lock as lock_module
from generator.writing.lock import LOCK_FILE, project_lock


@contextmanager
def _held_elsewhere(out: Path) -> Iterator[None]:
    """The lock taken through another open file, as another build's process holds it."""
    fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _free(out: Path) -> bool:
    fd = os.open(out / LOCK_FILE, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_the_lock_is_held_in_the_block_and_released_after(tmp_path: Path) -> None:
    out = tmp_path / "docs" / "новый"  # made if missing
    with project_lock(out):
        assert not _free(out)
    assert _free(out)
    assert (out / LOCK_FILE).read_bytes() == b""  # nothing written for a build to clean


def test_the_lock_is_released_when_the_block_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), project_lock(tmp_path):
        raise RuntimeError("the build failed")
    assert _free(tmp_path)


def test_a_second_build_waits_and_says_for_whom(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    entered = threading.Event()

    def second_build() -> None:
        with project_lock(tmp_path):
            entered.set()

    with caplog.at_level(logging.WARNING, logger=lock_module.__name__):
        with _held_elsewhere(tmp_path):
            waiting = threading.Thread(target=second_build)
            waiting.start()
            assert not entered.wait(0.3)  # still waiting while the first holds it
        assert entered.wait(10)  # and in as soon as it is released
        waiting.join(10)
    holder = f"(pid {os.getpid()})" if Path("/proc/locks").exists() else "build to finish"
    assert f"waiting for another build {holder}" in caplog.text
    assert str(tmp_path) in caplog.text


def test_without_proc_locks_the_wait_names_no_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_proc(*args: Any, **kwargs: Any) -> Any:
        raise FileNotFoundError(errno.ENOENT, "No such file", "/proc/locks")

    monkeypatch.setattr(lock_module, "open", no_proc, raising=False)
    with caplog.at_level(logging.WARNING, logger=lock_module.__name__):
        fd = os.open(tmp_path / LOCK_FILE, os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        releaser = threading.Timer(0.2, os.close, [fd])
        releaser.start()
        with project_lock(tmp_path):
            pass
        releaser.join()
    assert f"waiting for another build to finish with {tmp_path}" in caplog.text


@pytest.mark.parametrize("code", [errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS])
def test_where_no_lock_can_be_had_the_build_goes_on_unlocked(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    code: int,
) -> None:
    def unlockable(fd: int, operation: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fcntl, "flock", unlockable)
    ran = False
    with caplog.at_level(logging.WARNING, logger=lock_module.__name__), project_lock(tmp_path):
        ran = True
    assert ran
    assert f"cannot lock {tmp_path} ({os.strerror(code)}); building unlocked" in caplog.text


def test_any_other_locking_error_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(fd: int, operation: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(fcntl, "flock", broken)
    with pytest.raises(OSError, match="Input/output error"), project_lock(tmp_path):
        pytest.fail("the block must not run")


def test_a_link_planted_as_the_lock_file_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / LOCK_FILE).symlink_to(outside)
    with pytest.raises(OSError) as raised, project_lock(docs):
        pytest.fail("the block must not run")
    assert raised.value.errno == errno.ELOOP
    assert not outside.exists()
