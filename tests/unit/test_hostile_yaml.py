"""Hostile YAML, through every entry point that reads it: alias bombs, deep nesting and huge
files are refused in one line naming the file and the limit, at a bounded cost, and the rest
of the build goes on. Only the entry points are used here, so each test runs on old code too
(where it fails: the build crashed, or the line was hundreds of megabytes)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import generator.analysis.boilerplate_rules as boilerplate_rules
from generator.analysis.editor_rules import EDITOR_FILE, load_editor_rules
from generator.build import build
from generator.check.command import CheckError, read_committed_stories
from generator.config import Config, ConfigError, load_config
from generator.grouping.story_file import StoryFileError, load_story_file
from generator.reading.files import decode_seed
from generator.records import SeedError

ROOT = Path(__file__).resolve().parents[2]
BODY = "Kazakh foreign minister addresses the forum\nThe minister spoke for an hour.\n"


def bomb(levels: int, key: str) -> str:
    """The "billion laughs": each level nine aliases of the one before, `key` the last."""
    lines = ['l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, levels):
        name = key if i == levels - 1 else f"l{i}"
        lines.append(f"{name}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def deep(key: str, levels: int = 500) -> str:
    return f"{key}: " + "[" * levels + "\n"


def huge(key: str, size: int) -> str:
    """A valid file of just over `size` bytes: a long comment, then `key`."""
    return "#" + "x" * size + f"\n{key}: value\n"


@dataclass(frozen=True)
class Entry:
    """One way YAML gets in: `read` returns the line a user sees for `text`."""

    name: str
    key: str  # the key a real file of this kind uses (what an attacker would fill)
    max_bytes: int
    max_nodes: int
    read: Callable[[Path, str], str]


def _front_matter(tmp: Path, text: str) -> str:
    result = decode_seed("bomb.txt", f"---\n{text}---\n{BODY}".encode())
    assert isinstance(result, SeedError)
    return str(result)


def _stories(tmp: Path, text: str) -> str:
    (tmp / "stories.yml").write_text(text, encoding="utf-8")
    with pytest.raises(StoryFileError) as caught:
        load_story_file(tmp / "stories.yml")
    return str(caught.value)


def _committed_stories(tmp: Path, text: str) -> str:  # `generator check`
    with pytest.raises(CheckError) as caught:
        read_committed_stories(text)
    return str(caught.value)


def _editor(tmp: Path, text: str) -> str:
    (tmp / EDITOR_FILE).write_text(text, encoding="utf-8")
    _, problems = load_editor_rules(tmp / EDITOR_FILE)
    (problem,) = problems
    return str(SeedError(EDITOR_FILE, problem))  # as the build reports it


def _config(tmp: Path, text: str) -> str:
    (tmp / "generator.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config({"seeds": str(tmp)}, tmp / "generator.yml")
    (problem,) = caught.value.problems
    return problem


def _phrase_lists(tmp: Path, text: str) -> str:
    """The package's own lists: read by the same loader (a bad one is a bug: it raises)."""
    (tmp / "data").mkdir()
    (tmp / "data" / "boilerplate.yml").write_text(text, encoding="utf-8")
    boilerplate_rules.rules.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(boilerplate_rules.resources, "files", lambda package: tmp)
        with pytest.raises(yaml.YAMLError) as caught:
            boilerplate_rules.rules()
    boilerplate_rules.rules.cache_clear()
    return str(caught.value)


ENTRIES = [
    Entry("bomb.txt", "title", 64 << 10, 1_000, _front_matter),
    Entry("stories.yml", "stories", 32 << 20, 1_000_000, _stories),
    Entry("stories.yml", "stories", 32 << 20, 1_000_000, _committed_stories),
    Entry(EDITOR_FILE, "keep", 4 << 20, 200_000, _editor),
    Entry("generator.yml", "seeds", 64 << 10, 1_000, _config),
    Entry("generator/data/boilerplate.yml", "rules", 1 << 20, 20_000, _phrase_lists),
]
CASES: list[tuple[str, Callable[[Entry], str], Callable[[Entry], str]]] = [
    ("alias bomb, 9 levels", lambda e: bomb(9, e.key), lambda e: f"{e.max_nodes:,} nodes"),
    ("alias bomb, 10 levels", lambda e: bomb(10, e.key), lambda e: f"{e.max_nodes:,} nodes"),
    ("500 nested [", lambda e: deep(e.key), lambda e: "deeper than 50 levels"),
    ("over the size limit", lambda e: huge(e.key, e.max_bytes), lambda e: f"{e.max_bytes:,} bytes"),
]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.read.__name__.strip("_"))
@pytest.mark.parametrize(("case", "text", "limit"), CASES, ids=[c[0] for c in CASES])
def test_hostile_yaml_is_one_line_naming_the_file_and_the_limit(
    tmp_path: Path,
    entry: Entry,
    case: str,
    text: Callable[[Entry], str],
    limit: Callable[[Entry], str],
) -> None:
    line = entry.read(tmp_path, text(entry))
    assert "\n" not in line and len(line) < 300, line[:300]
    assert entry.name in line
    assert limit(entry) in line


@pytest.mark.parametrize("entry", [ENTRIES[3], ENTRIES[4]], ids=["editor", "config"])
@pytest.mark.parametrize(
    ("value", "why"),
    [("2021-02-30", "day is out of range"), ("9" * 5_000, "Exceeds the limit (4300 digits)")],
    ids=["impossible date", "5,000 digits"],
)
def test_a_value_yaml_cannot_make_is_one_line_not_a_crash(
    tmp_path: Path, entry: Entry, value: str, why: str
) -> None:
    """A ValueError from PyYAML's constructor ended the build."""
    line = entry.read(tmp_path, f"{entry.key}: {value}\n")
    assert entry.name in line and f"bad value: {why}" in line and "\n" not in line


def test_a_story_file_130000_levels_deep_is_an_error_not_a_segfault(tmp_path: Path) -> None:
    """libyaml's C composer recursed once per level: exit 139, no message."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "stories.yml").write_text(deep("stories", 130_000), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "stories", "--seeds", "seeds"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr[-500:]
    (line,) = done.stderr.splitlines()
    assert "stories.yml" in line and "deeper than 50 levels" in line


MEMORY_SCRIPT = """
    import resource, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    import test_hostile_yaml as t

    def megabytes():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

    before = megabytes()  # the libraries the build imports
    for i, entry in enumerate(t.ENTRIES):
        for levels in (9, 10):
            folder = Path({tmp!r}) / f"{{i}}-{{levels}}"
            folder.mkdir()
            line = entry.read(folder, t.bomb(levels, entry.key))
            assert len(line) < 300, len(line)
    print(before, megabytes())
"""


def test_alias_bombs_cost_little_memory_and_time(tmp_path: Path) -> None:
    """Before: a 9-level bomb in front matter or generator.yml took over a minute and
    gigabytes, and ended in MemoryError."""
    script = textwrap.dedent(MEMORY_SCRIPT).format(
        tests=str(Path(__file__).resolve().parent), tmp=str(tmp_path)
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    before, after = map(int, done.stdout.split())
    assert after - before < 20  # MB, for the twelve bombs


def test_a_story_file_naming_thousands_of_seeds_twice_fails_fast_in_one_line(
    tmp_path: Path,
) -> None:
    """Each name was counted over the whole list: quadratic, and every one was listed."""
    names = ", ".join(f"s{i}.txt, s{i}.txt" for i in range(10_000))
    (tmp_path / "stories.yml").write_text(f"stories: [{{id: a, seeds: [{names}]}}]\n", "utf-8")
    start = time.perf_counter()
    with pytest.raises(StoryFileError) as caught:
        load_story_file(tmp_path / "stories.yml")
    assert time.perf_counter() - start < 1.0
    assert "seeds listed in two stories" in str(caught.value) and "9,990 more" in str(caught.value)
    assert len(str(caught.value)) < 300


# --- a whole build: the hostile file fails alone --------------------------------------------


@dataclass(frozen=True)
class Built:
    seeds: Path
    errors: dict[str, str]
    warnings: tuple[str, ...]
    pages: frozenset[str]


STORY_FILE = deep("stories")
GOOD = ("000_c3a19952f2159eca.txt", "003_6bde35b42e76ada8.txt")  # two stories: no alignment


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("hostile-yaml")
    seeds = base / "seeds"
    seeds.mkdir()
    for name in GOOD:
        (seeds / name).write_bytes((ROOT / "seeds" / name).read_bytes())
    (seeds / "bomb.txt").write_text(f"---\n{bomb(10, 'title')}---\n{BODY}", encoding="utf-8")
    (seeds / "deep.txt").write_text(f"---\n{deep('title')}---\n{BODY}", encoding="utf-8")
    (seeds / EDITOR_FILE).write_text(bomb(10, "keep"), encoding="utf-8")
    (seeds / "stories.yml").write_text(STORY_FILE, encoding="utf-8")
    report = build(Config(seeds=seeds, out=base / "docs", strict=False))
    errors = {e.name: str(e) for e in report.errors}
    pages = frozenset(p.article.name for p in report.pages)
    return Built(seeds, errors, report.warnings, pages)


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("bomb.txt", "1,000 nodes"),
        ("deep.txt", "deeper than 50 levels"),
        (EDITOR_FILE, "200,000 nodes"),
    ],
)
def test_a_hostile_file_is_a_one_line_error_of_its_own(built: Built, name: str, limit: str) -> None:
    line = built.errors[name]
    assert limit in line and "\n" not in line and len(line) < 300


def test_the_other_seeds_still_build(built: Built) -> None:
    assert built.pages == set(GOOD)
    assert set(built.errors) == {"bomb.txt", "deep.txt", EDITOR_FILE}


def test_a_hostile_story_file_is_reported_and_left_as_it_was(built: Built) -> None:
    (line,) = [w for w in built.warnings if "stories.yml" in w]
    assert "deeper than 50 levels" in line and "\n" not in line
    assert (built.seeds / "stories.yml").read_text(encoding="utf-8") == STORY_FILE
