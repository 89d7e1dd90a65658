"""Whether a docs folder holds what the last build made of the seeds, and said so.

`mkdocs build` and `mkdocs serve` regenerate the pages first (hooks/generate.py), unless
the stamp says nothing changed since the last build, whether the hook's or
`python -m generator build`'s: `scripts/build.sh` runs both, and the second build would
print every warning again for pages it leaves as they are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.config import CONFIG_FILE
from generator.writing.site import LEDGER, read_ledger, write_atomic

STAMP = Path(".cache") / "generate-hook.sha256"  # in the project: beside mkdocs.yml
PROJECT_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Stamp:
    fingerprint: str  # of the seeds, settings, code and generated files after the build
    clean: bool  # no seed failed: the build need not run again to report one


def fingerprint(seeds: Path, docs: Path, settings: Iterable[Path] = ()) -> str:
    """Hash of everything the pages depend on: the folders, every seed file, the settings
    files, the generator's code and the generated files."""
    digest = hashlib.sha256()
    for folder in (seeds, docs):
        digest.update(str(folder.resolve()).encode("utf-8", "surrogateescape") + b"\0")
    for path in settings:
        digest.update(_file_digest(path))
    code = Path(__file__).resolve().parents[1]  # the whole generator package
    for root in (seeds, code):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape"))
            digest.update(b"\0" + _file_digest(path))
    try:
        owned = sorted(read_ledger(docs))
    except (OSError, UnicodeDecodeError):  # in the digest below as unreadable
        owned = []
    digest.update(_file_digest(docs / LEDGER))
    digest.update(bytes(int((docs / name).is_file()) for name in owned))
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    """sha256 of the file's bytes; of why it cannot be read (absent, no permission), else:
    the pages are then up to date only until it changes again."""
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError as exc:
        return hashlib.sha256(f"unreadable: {exc.strerror}".encode()).digest()


def read_stamp(path: Path) -> Stamp | None:
    """The stamp at `path`; None when there is none or it cannot be read (build again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Stamp(str(data["fingerprint"]), data["clean"] is True)
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return None


def write_stamp(path: Path, stamp: Stamp) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps({"fingerprint": stamp.fingerprint, "clean": stamp.clean}) + "\n")


def record_build(
    project: Path, seeds: Path, docs: Path, inputs: Sequence[Path | None], clean: bool
) -> str:
    """Stamp the project with what a build of its seeds and `inputs` (the story file, the
    home page's text) into `docs` left there; why it could not, or "" (the next MkDocs
    build then regenerates: slower, not wrong)."""
    files = project_settings(project, *inputs)
    try:
        write_stamp(project / STAMP, Stamp(fingerprint(seeds, docs, files), clean))
    except OSError as exc:
        return str(exc)
    return ""


def project_settings(project: Path, *inputs: Path | None) -> tuple[Path, ...]:
    """The files besides the seeds whose change changes the pages: the settings and
    `inputs`."""
    return (project / CONFIG_FILE, *(path for path in inputs if path is not None))


def project_of(seeds: Path, out: Path, where: Path) -> Path | None:
    """The MkDocs project at `where` if `seeds` and `out` are its own (its seeds folder, a
    docs folder inside it), as the hook would build them; else None."""
    project = where.resolve()
    if not (project / PROJECT_FILE).is_file() or seeds.resolve() != project / "seeds":
        return None
    return project if out.resolve().is_relative_to(project) else None
