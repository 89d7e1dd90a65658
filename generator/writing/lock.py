"""One build at a time in a docs folder.

Two builds of one project at once (two command lines, or one and `mkdocs build`, whose
hook builds too) would sweep each other's temporary files and roll back each other's
renames. `build` holds an exclusive `flock` on a dot-file in the docs folder (MkDocs
leaves dot-files out of the site) from its first read to its last write; a second build
says so and waits. The system releases the lock when its process ends, however it ends,
so a killed build never leaves a stale one. The file stays empty: which process holds
the lock is asked of the system (`/proc/locks`), not written where a build would have
to clean it up.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_FILE = ".generator-lock"
# No lock to be had on this file system (some network ones): build as before, unlocked.
_UNLOCKABLE = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS)


@contextlib.contextmanager
def project_lock(out: Path) -> Iterator[None]:
    """Hold the lock of the docs folder `out` (created if missing) for the block, after
    waiting for any other build that holds it."""
    out.mkdir(parents=True, exist_ok=True)
    # O_NOFOLLOW: a link planted in the docs folder does not get a file created elsewhere.
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(out / LOCK_FILE, flags, 0o644)
    try:
        _acquire(fd, out)
        yield
    finally:
        os.close(fd)  # releases the lock (its forked workers have ended by now)


def _acquire(fd: int, out: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    except OSError as exc:
        if exc.errno not in _UNLOCKABLE:
            raise
        log.warning("generator: cannot lock %s (%s); building unlocked", out, exc.strerror)
        return
    pid = _holder(fd)
    who = f"another build (pid {pid})" if pid is not None else "another build"
    log.warning("generator: waiting for %s to finish with %s", who, out)
    fcntl.flock(fd, fcntl.LOCK_EX)


def _holder(fd: int) -> int | None:
    """The process holding the `flock` on the file open as `fd`; None where the system
    does not tell (no /proc/locks: not Linux) or it was just released."""
    info = os.fstat(fd)
    file_id = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            lines = locks.read().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        # "1: FLOCK ADVISORY WRITE <pid> <maj:min:inode> 0 EOF"; "1: -> FLOCK ..." waits
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == file_id:
            with contextlib.suppress(ValueError):
                return int(fields[4])
    return None
