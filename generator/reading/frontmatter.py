"""Seed front matter: what an editor states about a seed, overriding what is detected.

A seed may begin with a YAML block between two `---` lines. A first line `---` with no
closing `---` is plain text (some pages start with a rule), not an error. Every problem of a
block is reported at once, each naming the seed and the key.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from generator.records import UNDETERMINED, Article, Language, Overrides, SeedError, SeedText, Title
from generator.safe_yaml import FRONT_MATTER, LimitError, YamlProblem, load_yaml
from generator.text.invisible import visible
from generator.text.languages import NATIVE_NAMES

FENCE = "---"
STORY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_CODE = re.compile(r"^[a-z]{2,3}$")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
SHOWN = 80  # characters of a bad value quoted in an error line


def with_front_matter(seed: SeedText) -> SeedText | SeedError:
    """The seed with its front matter parsed into `overrides` and cut from `text`."""
    block = _split(seed.text)
    if block is None:
        return seed
    yaml_text, body = block
    parsed = parse_overrides(yaml_text)
    if isinstance(parsed, list):
        return SeedError(seed.name, "front matter: " + "; ".join(parsed))
    if not body.strip():
        return SeedError(seed.name, "empty: no text after the front matter")
    return replace(seed, text=body, overrides=parsed)


def _split(text: str) -> tuple[str, str] | None:
    """(YAML, rest) when the text opens with a closed `---` block, else None."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() == FENCE:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :])
    return None


def parse_overrides(yaml_text: str) -> Overrides | list[str]:
    """The Overrides a YAML block states, or every problem found in it."""
    try:
        data = load_yaml(yaml_text, FRONT_MATTER)  # dates stay text: `date: 2021-02-30` is ours
    except LimitError as exc:
        return [str(exc)]
    except YamlProblem as exc:
        return [f"not valid YAML ({exc})"]
    if data is None:
        return Overrides()
    if not isinstance(data, dict):
        return [f"must be a mapping of key: value, got {type(data).__name__}"]
    problems: list[str] = []
    values: dict[str, str] = {}
    for key, value in data.items():
        check = CHECKS.get(key) if isinstance(key, str) else None
        if check is None:
            known = ", ".join(sorted(CHECKS))
            problems.append(f"unknown key {_shown(key)} (known: {known})")
            continue
        result = check(value)
        if isinstance(result, _Bad):
            problems.append(f"{key}: {_shown(value)} {result.why}")
        else:
            values[key] = result
    return problems or Overrides(**values)


class _Bad:
    def __init__(self, why: str) -> None:
        self.why = why


def _text(value: Any) -> str | _Bad:
    """One line of text: a name or a title is shown on one line, in tags and lists. Control
    characters (YAML's "\\x02" escapes make them) and invisible ones (`invisible.visible`:
    a bidi override disguises a title) are dropped; the rest is escaped where printed."""
    if isinstance(value, str):
        value = " ".join(visible(_CONTROL.sub(" ", value)).split())
    if not isinstance(value, str) or not value:
        return _Bad("must be non-empty text (quote it if YAML reads it as something else)")
    return value


def _lang(value: Any) -> str | _Bad:
    if not isinstance(value, str):
        return _Bad("must be a language code such as en, fr, kk")
    code = value.strip().lower()
    if code == UNDETERMINED or not (code in NATIVE_NAMES or LANG_CODE.match(code)):
        return _Bad("is not a language code (ISO 639-1 such as en, fr, kk, ru, ar)")
    return code


def _story(value: Any) -> str | _Bad:
    if not isinstance(value, str) or not STORY_ID.match(value):
        return _Bad("is not a story id (lowercase letters, digits and single hyphens)")
    return value


def _date(value: Any) -> str | _Bad:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return _Bad("is not a real calendar date")
    return _Bad("must be a date YYYY-MM-DD")


def _source(value: Any) -> str | _Bad:
    """An http(s) URL with a host, shown as a link: nothing a browser would drop from it or
    read another way (whitespace, control or invisible characters) is let through."""
    if isinstance(value, str):
        url = value.strip()
        parts = urlsplit(url)
        hidden = any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in url)
        if parts.scheme in ("http", "https") and parts.netloc and not hidden:
            return url
    return _Bad("must be an http:// or https:// URL")


CHECKS: dict[str, Callable[[Any], str | _Bad]] = {
    "author": _text,
    "date": _date,
    "lang": _lang,
    "source": _source,
    "story": _story,
    "title": _text,
}


def _shown(value: object) -> str:
    """`value` as an error line quotes it: a value of thousands of nodes is cut short."""
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


def apply_overrides(article: Article) -> Article:
    """What the editor stated wins over what was detected; the detection is kept as evidence."""
    stated = article.seed.overrides
    if stated.lang:
        detected = article.lang
        lang = Language(stated.lang, 1.0, "editor", detected.candidates, detected.script)
        article = replace(article, lang=lang)
    if stated.title:
        # The found headline line stays out of the body: it is the headline the editor renamed.
        title = Title(stated.title, article.title.paragraph, "editor")
        article = replace(article, title=title)
    return article
