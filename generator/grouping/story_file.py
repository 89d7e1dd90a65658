"""`seeds/stories.yml`: the story decisions, recorded for editors to read and override.

The build reads it (recorded ids are kept, locked stories and `apart` pairs are obeyed) and
rewrites it in a deterministic order, so a pull request shows every change of grouping.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.safe_yaml import STORIES_YML, LimitError, load_yaml, read_text

FILE_NAME = "stories.yml"
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
HEADER = "# Story decisions: written by `python -m generator build`, editable by hand.\n"


class StoryFileError(Exception):
    """The file exists but cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class StoryEntry:
    id: str
    seeds: tuple[str, ...]
    locked: bool = False


@dataclass(frozen=True)
class StoryFile:
    stories: tuple[StoryEntry, ...] = ()
    apart: tuple[frozenset[str], ...] = ()


Parse = Callable[[str], "StoryFile"]


def load_story_file(path: Path, parse: Parse | None = None) -> StoryFile:
    """The recorded decisions; an empty StoryFile when the file does not exist.

    `parse`: `story_file_of`, or the build's memo of it (the file read back as the build
    that wrote it left it then costs no YAML parse)."""
    if not path.exists():
        return StoryFile()
    try:
        text = read_text(path, STORIES_YML)
        return (parse or story_file_of)(text)
    except LimitError as exc:
        raise StoryFileError(f"{path}: {exc}") from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise StoryFileError(f"{path}: cannot read: {exc}") from exc
    except ValueError as exc:
        raise StoryFileError(f"{path}: {exc}") from exc


def read_recorded(
    path: Path, parse: Parse | None = None
) -> tuple[StoryFile | None, tuple[str, ...]]:
    """The recorded decisions, or None with the problem when the file cannot be read: it
    holds an editor's work, so the build groups without it and leaves it as it is."""
    try:
        return load_story_file(path, parse), ()
    except StoryFileError as exc:
        return None, (f"{exc}; grouped without it and left it unchanged",)


def story_file_of(text: str) -> StoryFile:
    """The StoryFile that `text` says; yaml.YAMLError or ValueError if it says none."""
    return parse_story_file(load_yaml(text, STORIES_YML))


def parse_story_file(data: Any) -> StoryFile:
    if data is None:
        return StoryFile()
    if not isinstance(data, dict) or set(data) - {"stories", "apart"}:
        raise ValueError("must be a mapping with keys 'stories' and optionally 'apart'")
    stories = tuple(_entry(i, item) for i, item in enumerate(data.get("stories") or []))
    apart = tuple(_apart(i, item) for i, item in enumerate(data.get("apart") or []))
    ids = _twice(s.id for s in stories)
    if ids:
        raise ValueError(f"story ids recorded twice: {ids}")
    seeds = _twice(seed for s in stories for seed in s.seeds)
    if seeds:
        raise ValueError(f"seeds listed in two stories: {seeds}")
    return StoryFile(stories=stories, apart=apart)


def _twice(names: Iterable[str], shown: int = 10) -> str:
    """The names that come more than once, the first `shown` of them ("" if none): counted
    once (list.count for each was quadratic), listed short (the message is one line)."""
    twice = sorted(name for name, n in Counter(names).items() if n > 1)
    more = f" and {len(twice) - shown:,} more" if len(twice) > shown else ""
    return f"{twice[:shown]}{more}" if twice else ""


def _entry(index: int, item: Any) -> StoryEntry:
    where = f"stories[{index}]"
    if not isinstance(item, dict) or set(item) - {"id", "seeds", "locked"}:
        raise ValueError(f"{where}: must be a mapping with keys id, seeds and optionally locked")
    story_id, seeds, locked = item.get("id"), item.get("seeds"), item.get("locked", False)
    if not isinstance(story_id, str) or not story_id.strip():
        raise ValueError(f"{where}: id must be a non-empty string")
    if not isinstance(seeds, list) or not all(isinstance(s, str) for s in seeds):
        raise ValueError(f"{where} ({story_id}): seeds must be a list of seed file names")
    if not isinstance(locked, bool):
        raise ValueError(f"{where} ({story_id}): locked must be true or false")
    return StoryEntry(id=story_id, seeds=tuple(seeds), locked=locked)


def _apart(index: int, item: Any) -> frozenset[str]:
    if not isinstance(item, list) or len(item) < 2 or not all(isinstance(s, str) for s in item):
        raise ValueError(f"apart[{index}]: must be a list of two or more seed file names")
    return frozenset(item)


def canonical(story_file: StoryFile) -> StoryFile:
    """What reading `dump_story_file(story_file)` back gives: stories by id, seeds sorted."""
    stories = sorted(story_file.stories, key=lambda e: e.id)
    entries = tuple(StoryEntry(e.id, tuple(sorted(e.seeds)), e.locked) for e in stories)
    return StoryFile(entries, story_file.apart)


def dump_story_file(story_file: StoryFile) -> str:
    """The file's text: stories sorted by id, seeds sorted, `apart` kept as the editor wrote it."""
    lines = [HEADER, "stories:\n"] if story_file.stories else [HEADER, "stories: []\n"]
    for entry in sorted(story_file.stories, key=lambda e: e.id):
        lines.append(f"  - id: {_scalar(entry.id)}\n")
        lines.append(f"    seeds: [{', '.join(_scalar(s) for s in sorted(entry.seeds))}]\n")
        if entry.locked:
            lines.append("    locked: true\n")
    if story_file.apart:
        lines.append("apart:\n")
        for group in story_file.apart:
            lines.append(f"  - [{', '.join(_scalar(s) for s in sorted(group))}]\n")
    return "".join(lines)


_RESOLVER = yaml.resolver.Resolver()


def _implicit_tag(text: str) -> str:
    """The type YAML gives `text` written plain ("yes" is a bool, "1e3" a float): what a
    load of it would say, without parsing a document per seed name."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return str(tag)


def _scalar(text: str) -> str:
    """`text` as a YAML flow scalar: plain when that reads back unchanged, else double-quoted."""
    if _PLAIN.fullmatch(text) and _implicit_tag(text) == "tag:yaml.org,2002:str":
        return text
    escaped = (
        "\\" + ch if ch in '"\\' else ch if ch.isprintable() else f"\\U{ord(ch):08x}" for ch in text
    )
    return '"' + "".join(escaped) + '"'
