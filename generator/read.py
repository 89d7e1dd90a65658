"""Stage 1, read: find the seed files and decode them to text."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from .frontmatter import with_front_matter
from .records import SeedError, SeedText

SEED_SUFFIX = ".txt"


def find_seeds(folder: Path) -> list[Path]:
    """Every `*.txt` file under `folder`, sorted by name so builds do not depend on disk order."""
    return sorted(
        (p for p in folder.rglob(f"*{SEED_SUFFIX}") if p.is_file()),
        key=lambda p: p.relative_to(folder).as_posix(),
    )


def read_seed(path: Path, folder: Path) -> SeedText | SeedError:
    name = path.relative_to(folder).as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SeedError(name, f"cannot read: {exc.strerror or exc}")
    return decode_seed(name, raw)


def decode_seed(name: str, raw: bytes) -> SeedText | SeedError:
    """Decode UTF-8 (a byte-order mark is dropped); anything else is reported, not guessed."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SeedError(
            name, f"not UTF-8 text (byte {exc.start}: {raw[exc.start : exc.start + 1]!r})"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return SeedError(name, "empty: no text in the file")
    seed = SeedText(name=name, text=text, encoding="utf-8", sha256=hashlib.sha256(raw).hexdigest())
    return with_front_matter(seed)


def read_seeds(folder: Path) -> Iterator[SeedText | SeedError]:
    for path in find_seeds(folder):
        yield read_seed(path, folder)
