"""seeds/stories.yml: read, validated, written back in a stable order."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.grouping.story_file import (
    StoryEntry,
    StoryFile,
    StoryFileError,
    canonical,
    dump_story_file,
    load_story_file,
    parse_story_file,
    story_file_of,
)

ROOT = Path(__file__).resolve().parents[3]

EXAMPLE = """\
# Story decisions: written by `python -m generator build`, editable by hand.
stories:
  - id: kazakh-foreign-minister-addresses-high-level-belt-and-road
    seeds: [000_c3a19952f2159eca.txt, 001_38ad4a385a39e8e7.txt]
  - id: telefon-arkyly-soilesuge-buu-nyn-bas-khatshysy-bastamashy
    seeds: [002_8976b4f3f2e009c9.txt]
    locked: true
apart:
  - [003_6bde35b42e76ada8.txt, 004_7f709111a102fe8d.txt]
"""


def test_the_contract_example_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "stories.yml"
    path.write_text(EXAMPLE, encoding="utf-8")
    loaded = load_story_file(path)
    assert loaded.stories[1] == StoryEntry(
        "telefon-arkyly-soilesuge-buu-nyn-bas-khatshysy-bastamashy",
        ("002_8976b4f3f2e009c9.txt",),
        locked=True,
    )
    assert loaded.apart == (frozenset({"003_6bde35b42e76ada8.txt", "004_7f709111a102fe8d.txt"}),)
    assert dump_story_file(loaded) == EXAMPLE


def test_a_missing_file_is_empty(tmp_path: Path) -> None:
    assert load_story_file(tmp_path / "none.yml") == StoryFile()


def test_the_committed_file_is_valid_and_in_canonical_form() -> None:
    path = ROOT / "seeds" / "stories.yml"
    assert dump_story_file(load_story_file(path)) == path.read_text(encoding="utf-8")


BAD = [
    ("stories: [oops", "cannot read"),
    ("- a list\n", "must be a mapping"),
    ("stories: []\nother: 1\n", "must be a mapping"),
    ("stories:\n  - seeds: [a.txt]\n", "id must be"),
    ("stories:\n  - id: x\n    seeds: a.txt\n", "seeds must be a list"),
    ("stories:\n  - id: x\n    seeds: [a.txt]\n    locked: yes please\n", "locked must be"),
    ("stories:\n  - id: x\n    seeds: [a.txt]\n  - id: x\n    seeds: [b.txt]\n", "recorded twice"),
    ("stories:\n  - id: x\n    seeds: [a.txt]\n  - id: y\n    seeds: [a.txt]\n", "two stories"),
    ("apart:\n  - [a.txt]\n", "two or more"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_files_are_reported_with_their_path(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "stories.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoryFileError, match=message) as caught:
        load_story_file(path)
    assert str(path) in str(caught.value)


names = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() == s and s)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(names, st.lists(names, max_size=3, unique=True), st.booleans()),
        max_size=4,
        unique_by=lambda t: t[0],
    ),
    st.lists(st.lists(names, min_size=2, max_size=3, unique=True), max_size=2),
)
def test_any_story_file_round_trips(
    stories: list[tuple[str, list[str], bool]], apart: list[list[str]]
) -> None:
    seen: set[str] = set()
    entries = []
    for story_id, seeds, locked in stories:
        mine = tuple(s for s in seeds if s not in seen)
        seen |= set(mine)
        entries.append(StoryEntry(story_id, mine, locked))
    original = StoryFile(tuple(entries), tuple(frozenset(a) for a in apart))
    # What a build remembers as the reading of the text it writes (group_and_record).
    assert story_file_of(dump_story_file(original)) == canonical(original)
    assert parse_story_file(yaml.safe_load(dump_story_file(original))) == canonical(original)
