"""Put the rendered files in the docs folder, and only there.

The generator owns exactly the files listed in its ledger (`.generator-files`): it
rewrites and deletes those, and never touches a hand-written page. A build's files are
written as one transaction (see `Transaction`): a failure or Ctrl-C leaves the previous
site as it was. A build killed outright leaves a site the next one completes: the ledger
is renamed into place first claiming every file the build may write, and last with the
files it did write; its temporary files and backups, in the trash, go with the next build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.incremental.cache import Cache
from generator.incremental.memo import Deferred, Memo, Text
from generator.incremental.stored import PICKLE_PROTOCOL, load_records
from generator.writing.transaction import (
    BACKUP_PREFIX,
    TEMP_PREFIX,
    Transaction,
    empty_trash,
    prune_empty_folders,
)

LEDGER = ".generator-files"


class OutputError(Exception):
    """A generated path would escape the output folder or overwrite a hand-written file."""


@dataclass(frozen=True)
class Skipped:
    """A generated file that was not written, and why."""

    path: str
    reason: str


def safe_target(out: Path, relative: str, real: Callable[[str], str] = os.path.realpath) -> Path:
    """`out/relative`, refused if `relative` is absolute, climbs out of `out` or into a link.

    `real` resolves a folder's links; `write_files` resolves each folder once, from its
    parent's answer (`_folder_resolver`)."""
    return Path(_safe_path(str(out), relative, real)[0])


def _safe_path(
    out: str, relative: str, real: Callable[[str], str]
) -> tuple[str, os.stat_result | None]:
    """The target, and its own status (None: there is no file there yet)."""
    # Strings, not paths: a build checks every one of thousands of files (pathlib's
    # parsing of them was a second at 18,000 files).
    parts = relative.split("/")  # an absolute path starts with an empty part
    if any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts):
        raise OutputError(f"refusing to write {relative!r}: outside the output folder")
    target = os.path.join(out, *parts)
    try:
        info: os.stat_result | None = os.lstat(target)
    except OSError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        resolved = os.path.realpath(target)
    else:
        folder, name = os.path.split(target)
        resolved = os.path.join(real(folder), name)
    if not _inside(resolved, real(out)):
        raise OutputError(f"refusing to write {relative!r}: a symbolic link leads outside")
    return target, info


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a page.

    Leftovers of a write killed beside it go first: `stories.yml` lives among the seeds,
    where nothing else would sweep them."""
    for leftover in _leftovers_beside(path.parent):
        leftover.unlink(missing_ok=True)
    with Transaction() as transaction:
        transaction.put(path, text)


def _leftovers_beside(folder: Path) -> list[Path]:
    try:
        return _leftovers(str(folder), os.listdir(folder))
    except OSError:
        return []


def _leftovers(folder: str, names: Iterable[str]) -> list[Path]:
    """The temporary files and backups of a killed write among `names` (in `folder`)."""
    found = [Path(folder, n) for n in names if n.startswith((TEMP_PREFIX, BACKUP_PREFIX))]
    return [p for p in found if p.is_file() and not p.is_symlink()]


def read_ledger(out: Path) -> set[str]:
    ledger = out / LEDGER
    if not ledger.exists():
        return set()
    return {line for line in ledger.read_text(encoding="utf-8").splitlines() if line}


FileStatus = tuple[int, int, int, int]  # size, modification and change times, inode
# path -> (key of its text, its status once written), for the files a build wrote from a
# `Deferred` text: the next build takes a file of the same key and status to hold that
# text still, as read.py takes a seed file of the same status to be the one it read. Any
# change to the file changes its change time, which no tool can set back; only a change
# made in the instant between the build's write and its `stat` would go unseen.
Written = dict[str, tuple[str, FileStatus]]


def write_files(out: Path, files: Mapping[str, Text]) -> list[Skipped]:
    """Write `files` (relative path -> text) all or nothing; returns the files not written."""
    return write_site(out, files, {})[0]


def publish(out: Path, files: Mapping[str, Text], memo: Memo) -> tuple[list[Skipped], int]:
    """The write stage's batch entry: `write_site`, told what the last build wrote to `out`
    (see `Written`); returns the files not written and how many files changed."""
    skipped, written, changed = write_site(out, files, known_files(memo.cache, out))
    remember_files(memo.cache, out, written)
    return skipped, changed


def write_site(
    out: Path, files: Mapping[str, Text], before: Written
) -> tuple[list[Skipped], Written, int]:
    """`write_files`, trusting the files `before` says the last build wrote (only a
    `Deferred` text is looked up there); returns what to tell the next build."""
    out.mkdir(parents=True, exist_ok=True)
    empty_trash(out)
    owned = read_ledger(out)
    targets, skipped = _targets(out, files, owned)
    stale = [_owned_target(out, p) for p in sorted(owned - set(targets))]
    after: Written = {}
    fresh: dict[str, tuple[str, str]] = {}  # written now from a Deferred: (key, target)
    changed = 0
    with Transaction(out) as transaction:
        # Renamed first: every file this build may put there is claimed before it is, so
        # that one killed among its renames leaves none for a hand-written page.
        claim = _ledger_text(owned | set(targets))
        if not _holds(str(out / LEDGER), claim):
            transaction.put(out / LEDGER, claim)
        for relative, (target, status) in targets.items():
            text = files[relative]
            key = text.key if isinstance(text, Deferred) else None
            if key is not None and status is not None and before.get(relative) == (key, status):
                after[relative] = (key, status)  # the last build's file of this very text
                continue
            text = text.load() if isinstance(text, Deferred) else text
            if status is not None and _holds(target, text):
                if key is not None:
                    after[relative] = (key, status)
                continue
            transaction.put(Path(target), text)
            changed += 1
            if key is not None:
                fresh[relative] = (key, target)
        for old in stale:
            if old is not None and old.is_file():
                transaction.remove(old)
                changed += 1
        if _ledger_text(targets) != claim:
            transaction.put(out / LEDGER, _ledger_text(targets))
    for old in stale:
        if old is not None:
            prune_empty_folders(out, old.parent)
    for relative, (key, target) in fresh.items():
        with contextlib.suppress(OSError):
            after[relative] = (key, _status(os.stat(target)))
    return skipped, after, changed


Targets = dict[str, tuple[str, FileStatus | None]]  # path -> (target, status of its file)


def _targets(
    out: Path, files: Mapping[str, Text], owned: set[str]
) -> tuple[Targets, list[Skipped]]:
    """The files of `files` this build may write, and those it must not."""
    targets: Targets = {}
    skipped: list[Skipped] = []
    real = _folder_resolver()  # this build's folders, as they are now
    for relative in sorted(files):
        try:
            target, info = _safe_path(str(out), relative, real)
        except OutputError as exc:
            skipped.append(Skipped(relative, str(exc)))
            continue
        if relative not in owned and os.path.exists(target):
            skipped.append(Skipped(relative, "a hand-written page is there; not overwritten"))
            continue
        if relative not in owned and _url_taken(target, relative, owned):
            skipped.append(Skipped(relative, "a hand-written page has its URL; not written"))
            continue
        targets[relative] = (target, _file_status(target, info))
    return targets, skipped


def _folder_resolver() -> Callable[[str], str]:
    """`os.path.realpath`, remembered per folder, each worked out from its parent's: every
    page is a folder of its own (`<lang>/<slug>/index.md`), and realpath's lstat of every
    part of every folder's path was most of the write stage of a rebuild that changed
    nothing (at 12,000 pages)."""

    @functools.cache
    def real(folder: str) -> str:
        parent, name = os.path.split(folder)
        if not parent or parent == folder or name in ("", ".", ".."):
            return os.path.realpath(folder)
        try:
            link = stat.S_ISLNK(os.lstat(folder).st_mode)
        except OSError:
            link = False  # not there (yet): realpath keeps the name as it is too
        return os.path.realpath(folder) if link else os.path.join(real(parent), name)

    return real


def _url_taken(target: str, relative: str, owned: set[str]) -> bool:
    """Whether a page not the generator's gives `x/y/index.md` its URL: `x/y.md` (a file
    of the generator's own there is a page of an earlier layout, which this build removes)."""
    if not relative.endswith("/index.md"):
        return False
    twin = relative.removesuffix("/index.md") + ".md"
    return twin not in owned and os.path.exists(target.removesuffix(os.sep + "index.md") + ".md")


def _ledger_text(paths: Iterable[str]) -> str:
    return "".join(f"{p}\n" for p in sorted(paths))


def _file_status(target: str, info: os.stat_result | None) -> FileStatus | None:
    """The status of the file at `target`, given its own (`lstat`'s): a link's target's."""
    if info is not None and stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(target)
        except OSError:
            return None
    return None if info is None else _status(info)


def _status(info: os.stat_result) -> FileStatus:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


WRITTEN_KIND = "memo:write.written"  # "memo:": swept when no build uses it


def _written_key(out: Path) -> str:
    return hashlib.sha256(str(out.resolve()).encode("utf-8", "surrogateescape")).hexdigest()


def known_files(cache: Cache | None, out: Path) -> Written:
    """What the last build told this one about the files it wrote to `out` (see `Written`)."""
    raw = cache.get(WRITTEN_KIND, _written_key(out)) if cache is not None else None
    found = load_records(raw, dict, None) if raw else None
    if not isinstance(found, dict):
        return {}
    return {path: entry for path, entry in found.items() if _is_entry(path, entry)}


def _is_entry(path: object, entry: object) -> bool:
    if not (isinstance(path, str) and isinstance(entry, tuple) and len(entry) == 2):
        return False
    key, status = entry
    return (
        isinstance(key, str)
        and isinstance(status, tuple)
        and len(status) == 4
        and all(type(n) is int for n in status)
    )


def remember_files(cache: Cache | None, out: Path, written: Written) -> None:
    if cache is not None:
        value = pickle.dumps(written, protocol=PICKLE_PROTOCOL)
        cache.put(WRITTEN_KIND, _written_key(out), value)


def _holds(target: str, text: str) -> bool:
    """Whether the file at `target` already says `text`. Bytes, not text, and no other call
    on the file: an unchanged site is thousands of files compared, none decoded."""
    try:
        with open(target, "rb") as file:
            return file.read() == text.encode("utf-8")
    except OSError:  # missing, a folder, unreadable: (re)write it
        return False


def _owned_target(out: Path, relative: str) -> Path | None:
    try:
        return safe_target(out, relative)
    except OutputError:
        return None  # a tampered ledger line: never act on it
