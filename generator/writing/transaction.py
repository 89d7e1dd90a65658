"""Files written all or nothing: staged in the output folder's trash, then renamed into place.

A failure or Ctrl-C while staging or renaming leaves every target as it was; a process
killed outright leaves each target whole (its old file or its new one, never none), and
its temporary files and backups in the trash, which the next build empties
(`empty_trash`). Nothing of a build is left anywhere else, so no build walks the thousands
of folders of the site to find a killed one's leftovers.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, TracebackType

# Temporary and backup files; MkDocs ignores dot-files, and the next build sweeps leftovers.
TEMP_PREFIX = ".gen-tmp-"
BACKUP_PREFIX = ".gen-old-"
TRASH = ".generator-trash"  # in the output folder; a dot-folder, which MkDocs ignores


def _umask() -> int:
    mask = os.umask(0o022)  # reading the mask means setting it: put it straight back
    os.umask(mask)
    return mask


class Transaction:
    """Files staged in `root`'s trash (without a `root`: beside their targets), then
    renamed into place all together; a target's folders are made just before its rename.

    Staging (the slow part, where a full disk or Ctrl-C strikes) touches no existing file.
    The renames happen with Ctrl-C held back; if one fails, those done are undone, each
    replaced file coming back from its backup.

    A file removed is moved to a backup in `root`'s trash (if given: the output folder),
    and its folders up to `root` go as soon as they are empty, before any later rename: a
    build killed after its last rename leaves no empty folder that nothing lists.
    """

    def __init__(self, root: Path | None = None) -> None:
        self._staged: list[tuple[Path | None, Path]] = []  # (temporary file or None, target)
        self._made: list[Path] = []  # folders created for the targets
        self._root = root
        self._trash: Path | None = None  # `root`'s trash, once made

    def put(self, target: Path, text: str) -> None:
        fd, tmp = tempfile.mkstemp(dir=self._aside(target), prefix=TEMP_PREFIX, suffix=".part")
        self._staged.append((Path(tmp), target))
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes it private; a page is not
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    def remove(self, target: Path) -> None:
        self._staged.append((None, target))

    def __enter__(self) -> Transaction:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        committed = False
        try:
            if kind is None:
                with _ctrl_c_held_back():
                    self._commit()
                committed = True
        finally:
            if not committed:
                for tmp, _ in self._staged:
                    if tmp is not None:
                        tmp.unlink(missing_ok=True)
                for folder in reversed(self._made):
                    rmdir_if_empty(folder)

    def _aside(self, target: Path) -> Path:
        """Where `target`'s staged file and backup go: `root`'s trash, else its folder."""
        if self._root is None:
            self._mkdirs(target.parent)
            return target.parent
        if self._trash is None:
            self._trash = self._root / TRASH
            self._trash.mkdir(exist_ok=True)
        return self._trash

    def _mkdirs(self, folder: Path) -> None:
        missing = [p for p in [folder, *folder.parents] if not p.exists()]
        for path in reversed(missing):
            path.mkdir()
            self._made.append(path)

    def _commit(self) -> None:
        done: list[tuple[Path, Path | None]] = []  # (target, its backup or None)
        try:
            for tmp, target in self._staged:
                # A file to replace is linked to its backup and stays in place until the
                # rename: never missing, not even to a build killed between the two.
                backup = _backup(target, tmp, self._aside(target)) if target.exists() else None
                done.append((target, backup))
                if tmp is not None:
                    self._mkdirs(target.parent)
                    os.replace(tmp, target)
                elif self._root is not None:
                    prune_empty_folders(self._root, target.parent)
        except BaseException:
            for target, backup in reversed(done):
                if backup is not None:
                    target.parent.mkdir(parents=True, exist_ok=True)  # pruned: back it comes
                    os.replace(backup, target)
                    backup.unlink(missing_ok=True)  # left if it was a link to `target` still
                else:
                    target.unlink(missing_ok=True)
            raise
        for _, backup in done:
            if backup is not None:
                backup.unlink(missing_ok=True)


def _backup(target: Path, tmp: Path | None, folder: Path) -> Path:
    """A backup of `target`: if it is to be replaced by `tmp`, a second link to it (where
    the file system has them); if it is to be removed, the file itself, moved. Either goes
    to `folder` (the trash), or beside `target` where `folder` is on another file system."""
    if tmp is not None:
        linked = folder / f"{BACKUP_PREFIX}{secrets.token_hex(8)}.part"
        with contextlib.suppress(OSError, NotImplementedError):  # no hard links here: moved
            os.link(target, linked, follow_symlinks=False)
            return linked
    try:
        return _moved(target, folder)
    except OSError as exc:
        if exc.errno != errno.EXDEV or folder == target.parent:
            raise
    return _moved(target, target.parent)


def empty_trash(root: Path) -> None:
    """Delete what a build killed outright left in `root`'s trash (run where no other build
    writes: in the build's lock)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(root / TRASH):
            with contextlib.suppress(OSError):
                os.unlink(root / TRASH / name)


def _moved(target: Path, folder: Path) -> Path:
    fd, name = tempfile.mkstemp(dir=folder, prefix=BACKUP_PREFIX, suffix=".part")
    os.close(fd)
    try:
        os.replace(target, name)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


@contextmanager
def _ctrl_c_held_back() -> Iterator[None]:
    """Defer SIGINT until the block ends (only the main thread can handle signals)."""
    caught: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    try:
        previous = signal.signal(signal.SIGINT, hold)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def prune_empty_folders(out: Path, folder: Path) -> None:
    while folder != out and folder.is_relative_to(out) and rmdir_if_empty(folder):
        folder = folder.parent


def rmdir_if_empty(folder: Path) -> bool:
    try:
        folder.rmdir()
    except OSError:
        return False
    return True
