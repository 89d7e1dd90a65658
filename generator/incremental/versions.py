"""Which code made a stored result: a digest of a module's source and of all it depends on."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import sys
import types
from pathlib import Path

DISTRIBUTION = "news-archive-generator"
DATA_FILE_LIMIT = 4 << 20  # bytes; larger package data (models) is versioned by its package


@functools.cache
def code_version(module_name: str) -> str:
    """A digest of everything the module's results depend on, besides their arguments."""
    digest = hashlib.sha256()
    for name in sorted(_package_modules(module_name)):
        module = sys.modules[name]
        digest.update(name.encode() + b"\0" + _source(module) + b"\0")
        digest.update(str(getattr(module, "CACHE_VERSION", "")).encode() + b"\0")
    digest.update(_data_files(module_name.partition(".")[0]))
    digest.update(_dependencies().encode())
    return digest.hexdigest()


# How results are stored, cached and reported, not how they are computed: editing these
# must not throw away every stored result (the cache's FORMAT and the shape check guard them).
NOT_RESULTS = frozenset(
    {
        "incremental.memo",
        "incremental.stored",
        "incremental.versions",
        "incremental.cache",
        "incremental.cache_file",
        "progress",
    }
)


def _package_modules(start: str) -> set[str]:
    """`start` and every module of its package that it uses, directly or not."""
    package = start.partition(".")[0]
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in sys.modules or _infrastructure(name, package):
            continue
        seen.add(name)
        for value in vars(sys.modules[name]).values():
            used = value.__name__ if isinstance(value, types.ModuleType) else None
            used = used or getattr(value, "__module__", None)
            if isinstance(used, str) and used.partition(".")[0] == package:
                todo.append(used)
    return seen


def _infrastructure(name: str, package: str) -> bool:
    return name.removeprefix(package + ".") in NOT_RESULTS


def _source(module: types.ModuleType) -> bytes:
    file = getattr(module, "__file__", None)
    try:
        return Path(file).read_bytes() if file else b""
    except OSError:
        return b""


def _data_files(package: str) -> bytes:
    module = sys.modules.get(package)
    file = getattr(module, "__file__", None)
    if not file:
        return b""
    data = Path(file).parent / "data"
    digest = hashlib.sha256()
    for path in sorted(data.rglob("*")) if data.is_dir() else ():
        if path.is_file() and path.stat().st_size <= DATA_FILE_LIMIT:
            digest.update(path.relative_to(data).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.digest()


@functools.cache
def _dependencies() -> str:
    """Installed versions of the project's dependencies: a new lingua may detect differently."""
    try:
        requires = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        return ""
    names = sorted({_requirement_name(r) for r in requires if "extra ==" not in r})
    return ";".join(f"{n}={_installed(n)}" for n in names)


def _requirement_name(requirement: str) -> str:
    for i, char in enumerate(requirement):
        if not (char.isalnum() or char in "-_."):
            return requirement[:i]
    return requirement


def _installed(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"
