"""`seeds/urls.yml`: the URL each article was published at, so that it keeps it.

A page's URL is made from its title (`pages.title_slug`); a better slug rule, or a title
an editor corrects, must not move a page readers have linked to. The build records every
article's URL here and, for an article it lists, uses the recorded one. An editor may
edit a URL to move a page, or delete a line to let the build name it again.

URLs, not files, are recorded: the file behind a URL is the generator's business (it was
`<lang>/<slug>.md`, and is `<lang>/<slug>/index.md`, `pages.page_file`). A record of
either file is still read, as the URL it gave.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.messages import one_line
from generator.safe_yaml import URLS_YML, dump_flat_mapping, load_yaml, read_text

HEADER = (
    "# Each article's URL, by seed file: written by `python -m generator build` so that a\n"
    "# published page keeps it. Edit a URL to move a page; delete a line to rename it.\n"
)
# `<language folder>/<slug>/`: one folder below the site root, a slug of letters, digits
# and hyphens (any script's letters: right-to-left languages keep theirs), never `index`.
_URL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/(?!index/$)[^\W_](?:[\w-]{0,199})/")
MAX_PATH = 240
# The generator's own folders: a recorded path there would overwrite one of its pages.
RESERVED = frozenset({"stories", "parallel", "assets", "pagefind", "search"})


@dataclass(frozen=True)
class Published:
    """What the file's text says: each seed's URL, and the lines set aside (why, without
    the file's path: the same text says the same wherever it lies)."""

    urls: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()


Parse = Callable[[str], Published]


def load_published(
    path: Path, parse: Parse | None = None
) -> tuple[dict[str, str], tuple[str, ...]]:
    """Seed name -> recorded URL, and the problems met: a file that cannot be read is
    set aside whole (the build names every page, and leaves the file as it is); a bad line
    alone is set aside.

    `parse`: `published_of`, or the build's memo of it (the file lists every article, and
    a rebuild need not parse 10,000 lines of YAML it wrote itself)."""
    if not path.exists():
        return {}, ()
    try:
        found = (parse or published_of)(read_text(path, URLS_YML))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return {}, (f"{path}: cannot read: {one_line(str(exc))}; pages named afresh",)
    except ValueError as exc:
        return {}, (f"{path}: {exc}",)
    return dict(found.urls), tuple(f"{path}: {problem}" for problem in found.problems)


def published_of(text: str) -> Published:
    """What `text` says; yaml.YAMLError, or ValueError if it is not a mapping."""
    return published_from(load_yaml(text, URLS_YML))


def published_from(data: Any) -> Published:
    """What the file's data says (`published_of` once its YAML is read)."""
    if data is None:
        return Published()
    if not isinstance(data, dict):
        raise ValueError("expected a mapping of seed file to page URL")
    found, problems = [], []
    for seed, page in data.items():
        url = as_url(page) if isinstance(seed, str) and isinstance(page, str) else None
        if url is not None:
            found.append((seed, url))
        else:
            problems.append(f"{one_line(repr(seed))}: not a page URL: {one_line(repr(page))}")
    return Published(tuple(found), tuple(problems))


def as_url(recorded: str) -> str | None:
    """The URL a record gives (`en/slug/`, or the file `en/slug.md` or `en/slug/index.md`
    of earlier records), None when it is no article's URL."""
    if len(recorded) > MAX_PATH:
        return None
    if recorded.endswith("/index.md"):
        url = recorded.removesuffix("index.md")
    elif recorded.endswith(".md"):
        url = recorded.removesuffix(".md") + "/"
    else:
        url = recorded
    valid = _URL.fullmatch(url) is not None and url.split("/", 1)[0] not in RESERVED
    return url if valid else None


def dump_published(urls: Mapping[str, str]) -> str:
    """The file's text: one `seed: URL` line each, by seed name (a pull request shows every
    page that moves)."""
    return recorded(urls)[0]


def recorded(urls: Mapping[str, str]) -> tuple[str, Published]:
    """The file's text for `urls`, and what it reads back as (`published_of` of that text),
    worked out from `urls` without parsing the text."""
    ordered = dict(sorted(urls.items()))
    return HEADER + dump_flat_mapping(ordered), published_from(ordered)
