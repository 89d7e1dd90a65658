"""The layout's rules, read from the code: stages in pipeline order, no cycle, short modules,
and the incremental machinery behind its seam."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
# The pipeline's stages in order: a stage may use an earlier one, never a later one.
STAGES = ("reading", "analysis", "grouping", "rendering", "writing")
# Below every stage: text tools, the incremental layer, and the shared top-level modules.
SHARED = ("text", "incremental", "records", "safe_yaml", "messages", "progress", "config")
MAX_LINES = 400
# The only modules that see the cache: the command line and the build, which open the
# session, and each stage's batch entry, which decides what is computed again. Grouping's
# evidence is kept per pair of languages (the unit a rebuild rescores), not per article, so
# its batch has two more modules. Everything else works on records and never sees it.
BATCH_ENTRIES = frozenset(
    {
        "generator.cli",
        "generator.build",
        "generator.reading.gather",
        "generator.analysis.analyse",
        "generator.grouping.group",
        "generator.grouping.evidence",
        "generator.grouping.rescore",
        "generator.rendering.files",
        "generator.writing.site",
    }
)


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> Iterator[str]:
    """Every module of the package that `path` imports, at its top or inside a function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                yield candidate if candidate in MODULES else node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def _uses(name: str) -> set[str]:
    return {used for used in _imports(MODULES[name]) if used in MODULES and used != name}


def _part(name: str) -> str:
    """The stage or shared part a module belongs to: `generator.grouping.match` -> grouping."""
    return name.split(".")[1] if "." in name else ""


def test_no_module_is_over_400_lines() -> None:
    long = {n: len(p.read_text(encoding="utf-8").splitlines()) for n, p in MODULES.items()}
    assert {n: lines for n, lines in long.items() if lines > MAX_LINES} == {}


def test_no_relative_imports() -> None:
    """Absolute imports name a module's stage where it is used."""
    relative = [
        name
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert relative == []


def test_there_is_no_import_cycle() -> None:
    graph = {name: _uses(name) for name in MODULES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = 1
        for used in sorted(graph[name]):
            if state.get(used) == 1:
                return [*path, name, used]
            if used not in state and (cycle := visit(used, [*path, name])):
                return cycle
        state[name] = 2
        return None

    cycles = [c for n in sorted(graph) if n not in state and (c := visit(n, []))]
    assert cycles == []


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_uses_no_later_stage(stage: str) -> None:
    later = set(STAGES[STAGES.index(stage) + 1 :]) | {"check", "build", "cli"}
    wrong = {
        (name, used)
        for name in MODULES
        if _part(name) == stage
        for used in _uses(name)
        if _part(used) in later
    }
    assert wrong == set()


@pytest.mark.parametrize("part", ["text", "incremental", "records", "safe_yaml", "messages"])
def test_shared_code_uses_no_stage(part: str) -> None:
    """The incremental layer knows nothing of what it keeps; text tools know no stage."""
    wrong = {
        (name, used)
        for name in MODULES
        if _part(name) == part
        for used in _uses(name)
        if _part(used) in (*STAGES, "check", "build", "cli")
    }
    assert wrong == set()


def test_every_module_is_in_a_stage_or_shared() -> None:
    parts = {_part(name) for name in MODULES} - {""}
    assert parts <= {*STAGES, *SHARED, "check", "build", "cli", "__main__"}


def test_only_the_batch_entries_see_the_incremental_layer() -> None:
    seeing = {
        name
        for name in MODULES
        if _part(name) != "incremental"
        and any(_part(used) == "incremental" for used in _uses(name))
    }
    assert seeing == BATCH_ENTRIES
