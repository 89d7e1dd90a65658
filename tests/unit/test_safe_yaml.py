"""The bounded YAML loader: what it counts, that it reads what yaml.safe_load reads, and that
PyYAML's pure-Python parser (where libyaml is missing) keeps the same limits."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator import safe_yaml
from generator.grouping.story_file import StoryEntry, StoryFile, dump_story_file, load_story_file
from generator.safe_yaml import (
    FRONT_MATTER,
    STORIES_YML,
    LimitError,
    Limits,
    YamlProblem,
    dump_flat_mapping,
    load_yaml,
    yaml_scalar,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The test runs with libyaml's parser and with PyYAML's own."""
    if request.param == "python":
        monkeypatch.setattr(safe_yaml, "_LOADER", safe_yaml._PyLoader)
    yield request.param


def _limits(nodes: int = 1_000, depth: int = 50) -> Limits:
    return Limits("test.yml", 10_000, nodes, depth)


# root, the anchored list and its two items (3), then each alias repeats those 3
TEN_NODES = "[&a [x, x], *a, *a]"


@pytest.mark.parametrize(("limit", "refused"), [(10, False), (9, True)])
def test_an_alias_counts_as_the_nodes_it_repeats(limit: int, refused: bool, parser: str) -> None:
    if refused:
        with pytest.raises(LimitError, match="more than 9 nodes"):
            load_yaml(TEN_NODES, _limits(nodes=limit))
    else:
        assert load_yaml(TEN_NODES, _limits(nodes=limit)) == [["x", "x"]] * 3


# [*a] puts the three levels of &a one level down: the data is five levels deep
FIVE_LEVELS = "[&a [[x]], [*a]]"


@pytest.mark.parametrize(("limit", "refused"), [(5, False), (4, True)])
def test_an_alias_counts_as_deep_as_the_node_it_repeats(
    limit: int, refused: bool, parser: str
) -> None:
    if refused:
        with pytest.raises(LimitError, match="deeper than 4 levels"):
            load_yaml(FIVE_LEVELS, _limits(depth=limit))
    else:
        assert load_yaml(FIVE_LEVELS, _limits(depth=limit)) == [[["x"]], [[["x"]]]]


def test_an_alias_inside_the_node_it_names_is_refused(parser: str) -> None:
    with pytest.raises(LimitError, match="inside the node it repeats"):
        load_yaml("a: &a [1, *a]", _limits())


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: [1, 2\nb: 3", "line 2, column 2"),
        ("a: b\n  c: d", "line 2, column 4"),
        ("a: *nowhere", "undefined alias"),
        ("a: !!python/object:os.system x", "could not determine a constructor"),
        ("when: 2021-02-30", "bad value: day is out of range"),
        ("n: " + "9" * 5_000, "bad value: Exceeds the limit"),
        ("a: b\x00", "characters are not allowed"),
    ],
)
def test_a_yaml_problem_is_one_short_line(text: str, where: str, parser: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text, _limits())
    assert where in str(caught.value) and "\n" not in str(caught.value)
    assert len(str(caught.value)) <= safe_yaml.SHOWN


TRICKY = """\
base: &base {lang: fr, n: 1}
merged: {<<: *base, n: 2}
when: 2021-02-03
stamp: 2021-02-03T04:05:06Z
flags: [yes, no, on, off, ~, null, 0x1F, 0o17, 1e3, .inf, .nan]
text: |
  two
  lines
folded: >
  one
  line
set: !!set {a, b}
binary: !!binary aGVsbG8=
quoted: "\\u0444 \\e"
"""


def test_it_reads_what_yaml_safe_load_reads(parser: str) -> None:
    expected = yaml.safe_load(TRICKY)
    got = load_yaml(TRICKY, _limits())
    expected["flags"][-1] = got["flags"][-1] = "nan"  # nan != nan
    assert got == expected


def test_front_matter_keeps_dates_as_text() -> None:
    assert load_yaml("date: 2021-02-03", FRONT_MATTER) == {"date": "2021-02-03"}
    assert load_yaml("date: 2021-02-03", _limits()) == {"date": dt.date(2021, 2, 3)}


@pytest.mark.parametrize(
    ("path", "limits"),
    [
        ("generator/data/boilerplate.yml", safe_yaml.PHRASES_YML),
        ("seeds/stories.yml", STORIES_YML),
    ],
)
def test_the_projects_own_files_read_the_same(path: str, limits: Limits, parser: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert load_yaml(text, limits) == yaml.safe_load(text)


def test_the_phrase_lists_are_well_within_their_limits() -> None:
    text = resources.files("generator").joinpath("data/boilerplate.yml").read_text("utf-8")
    load_yaml(text, Limits("x", 1 << 20, safe_yaml.PHRASES_YML.max_nodes // 5, 10))


def test_a_story_file_of_10000_seeds_is_well_within_its_limits(tmp_path: Path) -> None:
    rnd = random.Random(0)
    seeds = [f"{i:05d}_{rnd.getrandbits(64):016x}.txt" for i in range(10_000)]
    stories, i = [], 0
    while i < len(seeds):
        size = rnd.choice([1, 1, 2, 3, 5])
        stories.append(StoryEntry(f"story-{len(stories)}", tuple(sorted(seeds[i : i + size]))))
        i += size
    story_file = StoryFile(tuple(sorted(stories, key=lambda s: s.id)))
    (tmp_path / "stories.yml").write_text(dump_story_file(story_file), encoding="utf-8")
    assert load_story_file(tmp_path / "stories.yml") == story_file
    tenth = Limits("x", STORIES_YML.max_bytes // 10, STORIES_YML.max_nodes // 10, 10)
    load_yaml(dump_story_file(story_file), tenth)


@given(
    st.dictionaries(
        st.one_of(st.text(min_size=1), st.from_regex(r"[\w.-]{1,20}\.(txt|html)", fullmatch=True)),
        st.one_of(st.text(), st.from_regex(r"[a-z]{2}/[\w-]{1,30}(\.md|/)", fullmatch=True)),
        max_size=8,
    )
)
def test_a_flat_mapping_reads_back_as_itself(mapping: dict[str, str]) -> None:
    assert yaml.safe_load(dump_flat_mapping(mapping) or "{}") == mapping


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("000_c3a19952f2159eca.txt", "000_c3a19952f2159eca.txt"),
        ("kk/қазақстан-әлемде.md", "kk/қазақстан-әлемде.md"),
        ("kk-latn/qazaqstan-älemde/", "kk-latn/qazaqstan-älemde/"),
        ("ar/وزير-الخارجية.md", "ar/وزير-الخارجية.md"),
        ("2025-01-05", '"2025-01-05"'),  # a date without quotes
        ("yes", '"yes"'),
        ("a: b.txt", '"a: b.txt"'),
        ('say "hi".txt', '"say \\"hi\\".txt"'),
        ("line\u2028break.txt", '"line\\u2028break.txt"'),
        ("\U000e0001.txt", '"\\U000e0001.txt"'),  # a tag character, beyond U+FFFF
    ],
)
def test_a_scalar_is_plain_only_when_it_reads_back_as_itself(text: str, written: str) -> None:
    assert yaml_scalar(text) == written
    assert yaml.safe_load(f"k: {written}") == {"k": text}
