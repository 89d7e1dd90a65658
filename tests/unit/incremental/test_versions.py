"""Code versions: a stored result's version covers the modules it depends on, their data
files and installed dependencies, and none of the machinery that stores it."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.incremental import versions as versions_module
from generator.incremental.versions import code_version


@pytest.fixture
def fresh() -> Iterator[None]:
    """Versions worked out again, before and after: `code_version` remembers them."""
    code_version.cache_clear()
    yield
    code_version.cache_clear()


def test_the_code_version_covers_the_modules_a_stage_uses() -> None:
    used = versions_module._package_modules("generator.analysis.detect")
    assert {"generator.analysis.detect", "generator.records"} <= used
    assert "generator.rendering.pages" not in used


def test_the_cache_machinery_is_not_part_of_a_stage_version() -> None:
    used = versions_module._package_modules("generator.analysis.analyse")
    assert "generator.analysis.clean" in used
    assert used.isdisjoint(
        {"generator.incremental.memo", "generator.incremental.cache", "generator.progress"}
    )


def test_a_version_is_a_stable_digest_of_its_own_modules(fresh: None) -> None:
    found = code_version("generator.analysis.detect")
    assert len(found) == 64 and int(found, 16) >= 0
    code_version.cache_clear()
    assert code_version("generator.analysis.detect") == found
    assert code_version("generator.rendering.pages") != found


@pytest.mark.parametrize(
    ("edited", "changes"),
    [
        ("generator.analysis.clean", True),  # used by the analysis
        ("generator.records", True),
        ("generator.rendering.pages", False),  # a later stage
        ("generator.incremental.memo", False),  # how results are stored
        ("generator.incremental.stored", False),
    ],
)
def test_editing_a_module_changes_the_versions_of_what_uses_it(
    fresh: None, monkeypatch: pytest.MonkeyPatch, edited: str, changes: bool
) -> None:
    before = code_version("generator.analysis.analyse")
    real = versions_module._source
    edited_module = sys.modules[edited]

    def source(module: types.ModuleType) -> bytes:
        return real(module) + (b"# edited" if module is edited_module else b"")

    monkeypatch.setattr(versions_module, "_source", source)
    code_version.cache_clear()
    assert (code_version("generator.analysis.analyse") != before) is changes


def test_a_cache_version_constant_changes_the_version(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = code_version("generator.analysis.title")
    monkeypatch.setattr(
        sys.modules["generator.analysis.title"], "CACHE_VERSION", "7", raising=False
    )
    code_version.cache_clear()
    assert code_version("generator.analysis.title") != before


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package `fakepkg` in `tmp_path`, with a data folder."""
    (tmp_path / "data" / "sub").mkdir(parents=True)
    module = types.ModuleType("fakepkg")
    module.__file__ = str(tmp_path / "__init__.py")
    monkeypatch.setitem(sys.modules, "fakepkg", module)
    monkeypatch.setattr(versions_module, "DATA_FILE_LIMIT", 16)
    return tmp_path / "data"


@pytest.mark.parametrize(
    ("change", "changes"),
    [
        (lambda data: (data / "sub" / "words.txt").write_text("сөздер", "utf-8"), True),
        (lambda data: (data / "rules.txt").write_text("règles", "utf-8"), True),
        (lambda data: (data / "rules.txt").rename(data / "renamed.txt"), True),
        (lambda data: (data / "model.bin").write_bytes(b"weights " * 10), False),  # too large
        (lambda data: (data / "empty").mkdir(), False),
    ],
    ids=["an edit", "a new file", "a rename", "a model", "a folder"],
)
def test_the_data_files_are_part_of_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], object], changes: bool
) -> None:
    data = _package(tmp_path, monkeypatch)
    (data / "sub" / "words.txt").write_text("words", "utf-8")
    (data / "rules.txt").write_bytes(b"rules")
    (data / "model.bin").write_bytes(b"weights " * 8)
    before = versions_module._data_files("fakepkg")
    change(data)
    assert (versions_module._data_files("fakepkg") != before) is changes


def test_a_package_without_data_or_file_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "nofile", types.ModuleType("nofile"))
    assert versions_module._data_files("nofile") == b""
    assert versions_module._data_files("not-imported") == b""
    assert versions_module._source(types.ModuleType("nofile")) == b""
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    assert versions_module._source(gone) == b""


@pytest.mark.parametrize(
    ("requirement", "name"),
    [
        ("numpy>=1.26", "numpy"),
        ("PyYAML==6.0.1", "PyYAML"),
        ("mkdocs-material[imaging]>=9", "mkdocs-material"),
        ("lingua-language-detector<2; python_version >= '3.11'", "lingua-language-detector"),
        ("click", "click"),
        ("zope.interface ~= 6.0", "zope.interface"),
    ],
)
def test_requirement_names(requirement: str, name: str) -> None:
    assert versions_module._requirement_name(requirement) == name


def test_a_missing_dependency_is_a_dash() -> None:
    assert versions_module._installed("no-such-distribution-for-this-test") == "-"
    assert versions_module._installed("numpy") == __import__("numpy").__version__
