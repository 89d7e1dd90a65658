"""`seeds/urls.yml`: the page each article was published at, so that it keeps its URL.

A page's path is made from its title (`pages.title_slug`); a better slug rule, or a title
an editor corrects, must not move a page readers have linked to. The build records every
article's path here and, for an article it lists, uses the recorded path. An editor may
edit a path to move a page, or delete a line to let the build name it again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from generator.messages import one_line
from generator.safe_yaml import URLS_YML, dump_flat_mapping, load_yaml, read_text

HEADER = (
    "# Each article's page, by seed file: written by `python -m generator build` so that a\n"
    "# published page keeps its URL. Edit a path to move a page; delete a line to rename it.\n"
)
# `<language folder>/<slug>.md`: one folder below the docs root, a slug of letters, digits
# and hyphens (any script's letters: right-to-left languages keep theirs), never `index`.
_PATH = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/(?!index\.md$)[^\W_](?:[\w-]{0,199})\.md")
MAX_PATH = 240
# The generator's own folders: a recorded path there would overwrite one of its pages.
RESERVED = frozenset({"stories", "parallel", "assets", "pagefind", "search"})


def load_published(path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    """Seed name -> recorded page path, and the problems met: a file that cannot be read is
    set aside whole (the build names every page, and leaves the file as it is); a bad line
    alone is set aside."""
    if not path.exists():
        return {}, ()
    try:
        data = load_yaml(read_text(path, URLS_YML), URLS_YML)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return {}, (f"{path}: cannot read: {one_line(str(exc))}; pages named afresh",)
    if data is None:
        return {}, ()
    if not isinstance(data, dict):
        return {}, (f"{path}: expected a mapping of seed file to page path",)
    found, problems = {}, []
    for seed, page in data.items():
        if isinstance(seed, str) and isinstance(page, str) and _valid(page):
            found[seed] = page
        else:
            problems.append(
                f"{path}: {one_line(repr(seed))}: not a page path: {one_line(repr(page))}"
            )
    return found, tuple(problems)


def _valid(page: str) -> bool:
    valid = len(page) <= MAX_PATH and _PATH.fullmatch(page) is not None
    return valid and page.split("/", 1)[0] not in RESERVED


def dump_published(paths: Mapping[str, str]) -> str:
    """The file's text: one `seed: path` line each, by seed name (a pull request shows every
    page that moves)."""
    return HEADER + dump_flat_mapping(dict(sorted(paths.items())))
