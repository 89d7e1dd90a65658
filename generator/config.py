"""Every setting of the generator, declared once, with where each value came from.

Values come from the defaults below, then `generator.yml` in the project folder, then
the command line. All bad values are reported together, each with its source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.safe_yaml import CONFIG_YML, LimitError, YamlProblem, read_yaml

CONFIG_FILE = "generator.yml"
HOME_FILE = "home.md"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    check: Callable[[Any], str | None]


def _folder(value: Any) -> str | None:
    if not isinstance(value, (str, Path)) or not str(value):
        return "must be a folder path"
    return None


def _existing_folder(value: Any) -> str | None:
    return _folder(value) or (None if Path(value).is_dir() else "is not an existing folder")


def _cache_file(value: Any) -> str | None:
    if value is None or value is False:  # `cache: null` or --no-cache: build without one
        return None
    if not isinstance(value, (str, Path)) or not str(value):
        return "must be a file path, or null for no cache"
    return "is a folder, not a file" if Path(value).is_dir() else None


def _optional_file(value: Any) -> str | None:
    return None if value is None else _folder(value) and "must be a file path"


def _file(value: Any) -> str | None:
    if not isinstance(value, (str, Path)) or not str(value):
        return "must be a file path"
    return "is a folder, not a file" if Path(value).is_dir() else None


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


SETTINGS: tuple[Setting, ...] = (
    Setting("seeds", "seeds", "folder of seed files (*.txt)", _existing_folder),
    Setting("out", "site_src", "MkDocs docs folder the pages are written to", _folder),
    Setting("strict", False, "exit non-zero when any seed fails", _bool),
    Setting("stories", None, "story decisions file [<seeds>/stories.yml]", _optional_file),
    Setting("cache", ".cache/generator.sqlite", "cache of per-seed work (null: none)", _cache_file),
    Setting("home", HOME_FILE, "the home page's text; the newest stories go at its mark", _file),
)


@dataclass(frozen=True)
class Config:
    seeds: Path
    out: Path
    strict: bool
    cache: Path | None = None  # None: no cache
    stories: Path | None = None  # None: stories.yml in the seeds folder
    home: Path | None = None  # None: the default home page text

    @property
    def stories_file(self) -> Path:
        return self.stories if self.stories is not None else self.seeds / "stories.yml"

    @property
    def urls_file(self) -> Path:
        """Each article's published page, recorded beside the story decisions."""
        return self.stories_file.with_name("urls.yml")


class ConfigError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_config(cli: Mapping[str, Any], file: Path | None = None) -> Config:
    """Merge defaults, the config file (if any) and the command line; report every error."""
    known = {s.name: s for s in SETTINGS}
    values: dict[str, tuple[Any, str]] = {s.name: (s.default, "default") for s in SETTINGS}
    problems: list[str] = []
    path = file if file is not None else Path(CONFIG_FILE)
    if path.exists():
        problems += _merge_file(path, known, values)
    elif file is not None:
        problems.append(f"{file}: no such config file")
    for name, value in cli.items():
        if value is not None:
            values[name] = (value, f"--{name}")
    for name, (value, source) in values.items():
        problem = known[name].check(value)
        if problem:
            problems.append(f"{source}: {name}: {value!r} {problem}")
    if problems:
        raise ConfigError(problems)
    return Config(
        seeds=Path(values["seeds"][0]),
        out=Path(values["out"][0]),
        strict=values["strict"][0],
        stories=None if values["stories"][0] is None else Path(values["stories"][0]),
        cache=Path(values["cache"][0]) if values["cache"][0] else None,
        home=Path(values["home"][0]),
    )


def _merge_file(
    path: Path, known: Mapping[str, Setting], values: dict[str, tuple[Any, str]]
) -> list[str]:
    try:
        data = read_yaml(path, CONFIG_YML) or {}
    except LimitError as exc:
        return [f"{path}: {exc}"]
    except (OSError, UnicodeDecodeError, YamlProblem) as exc:
        return [f"{path}: cannot read: {exc}"]
    if not isinstance(data, dict):
        return [f"{path}: must be a mapping of setting: value, got {type(data).__name__}"]
    problems = []
    for key, value in data.items():
        if key not in known:
            problems.append(f"{path}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
        else:
            values[key] = (value, str(path))
    return problems
