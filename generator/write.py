"""Stage 6b, write: put the rendered files in the docs folder, and only there.

The generator owns exactly the files listed in its ledger (`.generator-files`): it
rewrites and deletes those, and never touches a hand-written page.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

LEDGER = ".generator-files"


class OutputError(Exception):
    """A generated path would escape the output folder or overwrite a hand-written file."""


def safe_target(out: Path, relative: str) -> Path:
    """`out/relative`, refused if `relative` is absolute or climbs out of `out`."""
    rel = PurePosixPath(relative)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise OutputError(f"refusing to write {relative!r}: outside the output folder")
    return out.joinpath(*rel.parts)


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_ledger(out: Path) -> set[str]:
    ledger = out / LEDGER
    if not ledger.exists():
        return set()
    return {line for line in ledger.read_text(encoding="utf-8").splitlines() if line}


def write_files(out: Path, files: Mapping[str, str]) -> list[str]:
    """Write `files` (relative path -> text); returns the hand-written files left alone."""
    out.mkdir(parents=True, exist_ok=True)
    owned = read_ledger(out)
    conflicts = []
    for relative in sorted(files):
        target = safe_target(out, relative)
        if target.exists() and relative not in owned:
            conflicts.append(relative)
            continue
        if not target.exists() or target.read_text(encoding="utf-8") != files[relative]:
            write_atomic(target, files[relative])
    written = set(files) - set(conflicts)
    for stale in sorted(owned - written):
        _remove(out, stale)
    write_atomic(out / LEDGER, "".join(f"{p}\n" for p in sorted(written)))
    return conflicts


def _remove(out: Path, relative: str) -> None:
    try:
        target = safe_target(out, relative)
    except OutputError:
        return
    target.unlink(missing_ok=True)
    parent = target.parent
    while parent != out and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
