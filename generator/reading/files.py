"""Find the seed files and decode them to text.

Every `*.txt` file under the seeds folder becomes a SeedText or a SeedError with the
reason; other files are listed as notes, so nothing in the folder is silently skipped: a
folder that cannot be read, or a symbolic link that loops, is an error of its own.
"""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import re
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.incremental.cache import Cache
from generator.incremental.stored import PICKLE_PROTOCOL, load_records
from generator.incremental.versions import code_version
from generator.reading.decode import decode_bytes
from generator.reading.frontmatter import with_front_matter
from generator.records import SeedError, SeedText

SEED_SUFFIX = ".txt"
_CONTROLS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
# The longest news articles are a few tens of thousands of words, under 400 KB even in
# Cyrillic UTF-8. A bigger seed is a mistaken paste (a whole site, a log, a data dump): it
# is refused before it is read, so a 50 MB file costs neither time nor memory.
MAX_SEED_BYTES = 1024 * 1024
# Files the editors keep next to the seeds on purpose: not seeds, not worth a note.
EXPECTED_FILES = frozenset({"stories.yml", "boilerplate.yml", ".gitkeep", ".gitignore"})
# What a write of `stories.yml` killed midway leaves beside it (`writing.transaction`'s
# prefixes: the reading stage cannot use the writing stage's code).
LEFTOVER_PREFIXES = (".gen-tmp-", ".gen-old-")
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "__pycache__"})
LOOP = "symbolic link loop: following the link never reaches a file; fix or remove it"


@dataclass(frozen=True)
class Found:
    """What is in the seeds folder: seed files, refused entries and notes on the rest."""

    seeds: tuple[Path, ...]
    refused: tuple[SeedError, ...]
    notes: tuple[str, ...]
    status: tuple[Status, ...]  # each seed file's, as found (see `_status`)
    names: tuple[str, ...]  # each seed's `seed_name`


Status = tuple[int, int, int, int, int]


def discover(folder: Path) -> Found:
    """Walk `folder` in name order without following links to folders."""
    root = folder.resolve()
    seeds: list[tuple[str, Path, Status]] = []
    refused: list[SeedError] = []
    notes: list[str] = []
    unread: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=unread.append):
        dirnames.sort()
        here = Path(dirpath)
        prefix = "" if here == folder else here.relative_to(folder).as_posix() + "/"
        for sub in list(dirnames):
            if sub in SKIPPED_FOLDERS:
                dirnames.remove(sub)
            elif os.path.islink(here / sub):  # False if unsearchable: the walk reports it
                dirnames.remove(sub)
                refused += _link_folder(here / sub, folder, root)
        for filename in sorted(filenames):
            path = here / filename
            name = _printable(prefix + filename)  # seed_name(path, folder), without pathlib
            if not filename.lower().endswith(SEED_SUFFIX):
                if _loops(path):  # a folder's link, maybe: what it was meant to be is lost
                    refused.append(SeedError(name, LOOP))
                elif not (here == folder and _expected(filename)):
                    notes.append(f"{name}: not a .txt file; ignored")
                continue
            problem = _inspect(path, root)
            if isinstance(problem, str):
                refused.append(SeedError(name, problem))
            else:
                seeds.append((name, path, _status(problem)))
    refused += [_unread_folder(exc, folder) for exc in unread]
    seeds.sort(key=lambda found: found[0])
    refused.sort(key=lambda e: e.name)
    paths, status = tuple(p for _, p, _ in seeds), tuple(s for _, _, s in seeds)
    names = tuple(n for n, _, _ in seeds)
    return Found(paths, tuple(refused), tuple(sorted(notes)), status, names)


def _expected(filename: str) -> bool:
    """Kept beside the seeds on purpose, or left by a killed write of `stories.yml` (the
    next one sweeps it): not worth a note."""
    return filename in EXPECTED_FILES or filename.startswith(LEFTOVER_PREFIXES)


def find_seeds(folder: Path) -> list[Path]:
    """Every seed file that may be read, sorted by name so builds do not depend on disk order."""
    return list(discover(folder).seeds)


def seed_name(path: Path, folder: Path) -> str:
    """The seed's name relative to the folder, printable even if the file name is not UTF-8."""
    return _printable(path.relative_to(folder).as_posix())


def _printable(name: str) -> str:
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _refusal(path: Path, root: Path) -> str | None:
    """Why `path` must not be read, or None."""
    problem = _inspect(path, root)
    return problem if isinstance(problem, str) else None


def _inspect(path: Path, root: Path) -> str | os.stat_result:
    """Why `path` must not be read, or its status (a rebuild's key: stat-ed once)."""
    raw_name = path.name
    if raw_name != raw_name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"):
        return "file name is not valid UTF-8; rename the file"
    if any(ord(c) < 32 or ord(c) == 127 for c in raw_name):
        return "file name contains control characters (a line break?); rename the file"
    try:
        info = os.lstat(path)  # a link's own status: a regular file is stat-ed once
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISLNK(info.st_mode):
        followed = _followed(path, root)
        if isinstance(followed, str):
            return followed
        info = followed
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > MAX_SEED_BYTES:
        return (
            f"too large: {info.st_size:,} bytes, the limit is {MAX_SEED_BYTES:,} "
            "(a news article is far smaller; split it or check what was pasted)"
        )
    return info


def _followed(path: Path, root: Path) -> str | os.stat_result:
    """The status of the file the link `path` leads to, or why it is not followed."""
    outside = _outside(path, root)
    if outside:
        return outside
    try:
        return path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return LOOP
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "broken symbolic link"
        return f"cannot read: {exc.strerror or exc}"


def _outside(path: Path, root: Path) -> str | None:
    """Why the link `path` must not be followed out of the seeds folder, or None.
    (`os.path.realpath` leaves a loop unresolved where `Path.resolve` raises.)"""
    target = Path(os.path.realpath(path))
    if target.is_relative_to(root):
        return None
    return f"symbolic link to {target}, outside the seeds folder; refused"


def _loops(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _link_folder(path: Path, folder: Path, root: Path) -> list[SeedError]:
    """A link to a folder is never followed; one pointing outside is refused loudly."""
    outside = _outside(path, root)
    return [SeedError(seed_name(path, folder), outside)] if outside else []


def _unread_folder(exc: OSError, folder: Path) -> SeedError:
    """A folder that cannot be listed hides its seeds as surely as an unreadable seed file
    is lost: an error like the file's, not a note, so that `--strict` fails and the MkDocs
    hook reports it on every build until it is fixed."""
    where = Path(exc.filename) if exc.filename else folder
    name = seed_name(where, folder) if where.is_relative_to(folder) else str(where)
    reason = f"folder cannot be read: {exc.strerror or exc}; the seeds in it are left out"
    return SeedError(name, reason)


def read_seed(path: Path, folder: Path, root: Path | None = None) -> SeedText | SeedError:
    """`root`: `folder` resolved, when the caller has it (resolving costs a call per part)."""
    name = seed_name(path, folder)
    problem = _refusal(path, root or folder.resolve())
    if problem:
        return SeedError(name, problem)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SEED_BYTES + 1)  # the file may have grown since stat
    except OSError as exc:
        return SeedError(name, f"cannot read: {exc.strerror or exc}")
    if len(raw) > MAX_SEED_BYTES:
        return SeedError(name, f"too large: over {MAX_SEED_BYTES:,} bytes")
    return decode_seed(name, raw)


def decode_seed(name: str, raw: bytes) -> SeedText | SeedError:
    """Decode `raw` (see decode.py for how the encoding is told) and normalise line ends."""
    decoded = decode_bytes(raw)
    if isinstance(decoded, str):
        return SeedError(name, decoded)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)  # a stray control character is never part of an article
    if not any(ch.isalnum() for ch in text):
        return SeedError(name, "empty: no letters or digits in the file")
    seed = SeedText(
        name=name, text=text, encoding=decoded.encoding, sha256=hashlib.sha256(raw).hexdigest()
    )
    return with_front_matter(seed)


def read_seeds(
    folder: Path,
    found: Found | None = None,
    cache: Cache | None = None,
    racy: list[Racy] | None = None,
) -> Iterator[SeedText | SeedError]:
    """Every seed in name order, read or refused; other files go to `discover(...).notes`.

    `found`: the folder's `discover` result when the caller has it already (one walk).
    `cache`: where the seeds read by an earlier build are kept, by file status (below).
    `racy`: gets the seeds read while racy, for `settle` once the build is done.
    """
    found = found if found is not None else discover(folder)
    items: list[SeedText | SeedError] = [*found.refused]
    root = folder.resolve()
    if cache is None:
        items += [read_seed(path, folder, root) for path in found.seeds]
    else:
        items += _read_unless_known(found, folder, root, cache, racy if racy is not None else [])
    yield from sorted(items, key=lambda item: item.name)


# Like git's index, a file whose size, times, inode and device are those of the file read
# before is taken to be that file: a rebuild then stats every seed and decodes only the
# changed ones. An edit changes the ctime, which no tool can set back. A file written
# within a few seconds of its reading is "racy": a second write in the same clock tick
# could leave its status unchanged, so the next build reads its bytes again and trusts
# what it knows only if their hash is the same; once the file is settled, its racy mark
# goes (the seed is not stored again: a first rebuild may settle thousands).
SEED_KIND = "memo:read.seed"  # "memo:": swept with the stage results no build used
RACY_KIND = "memo:read.racy"  # status keys of the seeds read while racy (no value)
SETTLED_NS = 5_000_000_000


@dataclass(frozen=True)
class Racy:
    """A seed read within SETTLED_NS of its last change: its status key is marked racy."""

    path: Path
    key: str
    sha256: str


def _read_unless_known(
    found: Found, folder: Path, root: Path, cache: Cache, racy_now: list[Racy]
) -> list[SeedText | SeedError]:
    keys = [_status_key(n, s) for n, s in zip(found.names, found.status, strict=True)]
    stored = cache.get_many(SEED_KIND, keys)
    racy = cache.present(RACY_KIND, stored)
    items: list[SeedText | SeedError] = []
    settled: list[str] = []  # racy marks to remove
    now = time.time_ns()
    for path, key in zip(found.seeds, keys, strict=True):
        known = load_records(stored.get(key, b""), SeedText)
        if known is None or (key in racy and not _confirmed(path, known)):
            item = read_seed(path, folder, root)
            if isinstance(item, SeedText):
                cache.put(SEED_KIND, key, pickle.dumps(item, protocol=PICKLE_PROTOCOL))
                if not _settled(path, now):
                    cache.put(RACY_KIND, key, b"")
                    racy_now.append(Racy(path, key, item.sha256))
                elif key in racy:
                    settled.append(key)
            items.append(item)
            continue
        if key in racy:
            if _settled(path, now):
                settled.append(key)
            else:
                racy_now.append(Racy(path, key, known.sha256))
        items.append(known)
    cache.forget(RACY_KIND, settled)
    return items


def settle(cache: Cache, racy: Sequence[Racy]) -> None:
    """Remove the racy marks of the seeds that have settled since they were read, their
    bytes unchanged: called at the end of a build, so that copying thousands of seeds in
    and building at once costs their second reading in that long build, not in the next
    rebuild. A seed changed since, or not yet settled, keeps its mark."""
    now = time.time_ns()
    cache.forget(
        RACY_KIND,
        [r.key for r in racy if _settled(r.path, now) and _same_bytes(r.path, r.sha256)],
    )


def _confirmed(path: Path, seed: SeedText) -> bool:
    """Whether the file's bytes still have the seed's hash (a racy entry)."""
    return _same_bytes(path, seed.sha256)


def _same_bytes(path: Path, sha256: str) -> bool:
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    return hashlib.sha256(raw).hexdigest() == sha256


def _status(info: os.stat_result) -> Status:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _status_key(name: str, status: Status) -> str:
    text = f"{code_version(__name__)}\0{name}\0{status}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _settled(path: Path, now: int) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return now - max(info.st_mtime_ns, info.st_ctime_ns) > SETTLED_NS


def seed_digest(seed: SeedText) -> str:
    """A digest that determines the seed: its name, its bytes' hash and the reader's code."""
    text = f"{code_version(__name__)}\0{seed.name}\0{seed.sha256}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
