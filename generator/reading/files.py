"""Find the seed files and decode them to text.

Every `*.txt` file, and every web page saved as `*.html` (`html_page.py`), under the seeds
folder becomes a SeedText or a SeedError with the reason; other files are listed as notes,
so nothing in the folder is silently skipped: a folder that cannot be read, or a symbolic
link that loops, is an error of its own.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.reading.decode import decode_bytes
from generator.reading.frontmatter import with_front_matter
from generator.reading.html_page import MAX_HTML_BYTES, is_html_name, read_html_page
from generator.records import SeedError, SeedText

SEED_SUFFIX = ".txt"
_CONTROLS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_NAME_CONTROLS = re.compile("[\x00-\x1f\x7f]")
# The longest news articles are a few tens of thousands of words, under 400 KB even in
# Cyrillic UTF-8. A bigger seed is a mistaken paste (a whole site, a log, a data dump): it
# is refused before it is read, so a 50 MB file costs neither time nor memory.
MAX_SEED_BYTES = 1024 * 1024
# Files the editors keep next to the seeds on purpose: not seeds, not worth a note.
EXPECTED_FILES = frozenset({"stories.yml", "urls.yml", "boilerplate.yml", ".gitkeep", ".gitignore"})
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
            if not (filename.lower().endswith(SEED_SUFFIX) or is_html_name(filename)):
                if _loops(path):  # a folder's link, maybe: what it was meant to be is lost
                    refused.append(SeedError(name, LOOP))
                elif not (here == folder and _expected(filename)):
                    notes.append(f"{name}: not a .txt file; ignored")
                continue
            problem = _inspect(path, root)
            if isinstance(problem, str):
                refused.append(SeedError(name, problem))
            else:
                seeds.append((name, path, file_status(problem)))
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
    if _NAME_CONTROLS.search(raw_name):
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
    limit = _limit(raw_name)
    if info.st_size > limit:
        return (
            f"too large: {info.st_size:,} bytes, the limit is {limit:,} "
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
            raw = handle.read(_limit(name) + 1)  # the file may have grown since stat
    except OSError as exc:
        return SeedError(name, f"cannot read: {exc.strerror or exc}")
    if len(raw) > _limit(name):
        return SeedError(name, f"too large: over {_limit(name):,} bytes")
    if is_html_name(name):
        return read_html_page(name, raw)
    return decode_seed(name, raw)


def _limit(name: str) -> int:
    """A saved web page carries its markup: it may be larger than a text seed."""
    return MAX_HTML_BYTES if is_html_name(name) else MAX_SEED_BYTES


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


def read_seeds(folder: Path, found: Found | None = None) -> list[SeedText | SeedError]:
    """Every seed in name order, read or refused; other files go to `discover(...).notes`.

    `found`: the folder's `discover` result when the caller has it already (one walk)."""
    found = found if found is not None else discover(folder)
    root = folder.resolve()
    items = [*found.refused, *(read_seed(path, folder, root) for path in found.seeds)]
    return sorted(items, key=lambda item: item.name)


def file_status(info: os.stat_result) -> Status:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
