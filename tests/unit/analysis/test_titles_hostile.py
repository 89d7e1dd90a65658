"""Titles, names and slugs a seed cannot disguise: no bidi controls or zero-width
characters, no URL won by a look-alike headline or by a title shaped like a suffix."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.analysis.title import find_title
from generator.build import build
from generator.config import Config
from generator.reading.frontmatter import parse_overrides
from generator.records import Article, CleanText, Language, Overrides, SeedText, Story, Title
from generator.rendering.files import plan_pages
from generator.text.invisible import BIDI_CONTROLS, ZERO_WIDTH, ZWNJ, visible

HIDDEN = BIDI_CONTROLS + ZERO_WIDTH  # never in a title, a name or a slug

# Half the characters at stake, half any (`st.text` would merge the two alphabets into one
# range of code points, where the few invisible ones are seldom drawn).
CHARS = st.sampled_from(HIDDEN + ZWNJ + " aдب\u064e.#") | st.characters(
    blacklist_categories=("Cs",)
)
TEXT = st.lists(CHARS, max_size=160).map("".join)  # past MAX_TITLE_CHARS: titles are cut


def _letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def _shown(text: str) -> None:
    """No hidden character; a ZWNJ only alone between two letters (or marks): Persian."""
    assert not any(char in HIDDEN for char in text), ascii(text)
    for i, char in enumerate(text):
        if char == ZWNJ:
            assert 0 < i < len(text) - 1, ascii(text)
            assert _letter(text[i - 1]) and _letter(text[i + 1]), ascii(text)


@given(st.lists(TEXT, min_size=1, max_size=3), st.booleans())
def test_no_title_contains_an_invisible_character(paragraphs: list[str], headline: bool) -> None:
    title = find_title(CleanText(tuple(paragraphs), headline=0 if headline else None))
    _shown(title.text)


@given(TEXT)
def test_no_editor_title_or_author_contains_an_invisible_character(text: str) -> None:
    stated = parse_overrides(yaml.safe_dump({"title": text, "author": text}))
    if isinstance(stated, Overrides):
        for value in (stated.title, stated.author):
            assert value is not None
            _shown(value)
            assert not re.search(r"[\x00-\x1f\x7f-\x9f]", value)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Invoice \u202egnp.exe", "Invoice gnp.exe"),  # displayed "Invoice exe.png" before
        ("\u2067Pa\u200bris\u2069 sum\u2060mit\ufeff", "Paris summit"),
        ("\u200f\u0645\u0631\u062d\u0628\u0627\u061c", "\u0645\u0631\u062d\u0628\u0627"),
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),
        ("\u200cword\u200c \u200c\u200cword", "word word"),  # ZWNJ: kept only inside words
    ],
)
def test_invisible_characters_are_left_out_of_titles(line: str, title: str) -> None:
    assert visible(line).replace("  ", " ") == title
    assert find_title(CleanText((line, "Body."), headline=0)).text.replace("  ", " ") == title
    stated = parse_overrides(yaml.safe_dump({"title": line}))
    assert isinstance(stated, Overrides) and stated.title == title


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//news.example/a",
        "https:///path-only",
        "https://news.example/a b",
        "https://news.example/a\tb",
        "https://news.example/\u202egnp.exe",
        "https://news.example/a\u200b",
    ],
)
def test_a_source_is_a_plain_http_url(url: str) -> None:
    assert isinstance(parse_overrides(yaml.safe_dump({"source": url})), list)


LATIN, LOOK_ALIKE = "Paris summit opens today", "P\u0430ris summit opens today"  # Cyrillic а
BODY = "Leaders met in Paris on Monday to discuss climate finance. They agreed on a plan."


@pytest.mark.parametrize(("first", "second"), [(LATIN, LOOK_ALIKE), (LOOK_ALIKE, LATIN)])
def test_the_plain_slug_goes_to_the_first_seed_by_name_whatever_the_script(
    tmp_path: Path, first: str, second: str
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(f"{first}\n{BODY}\n", encoding="utf-8")
    (seeds / "b.txt").write_text(f"{second}\n{BODY} Both sides praised it.\n", encoding="utf-8")
    report = build(Config(seeds=seeds, out=tmp_path / "docs", strict=False))
    paths = {p.article.name: (p.article.title.text, p.path) for p in report.pages}
    suffix = hashlib.sha1(b"b.txt").hexdigest()[:6]
    assert paths == {
        "a.txt": (first, "en/paris-summit-opens-today/index.md"),
        "b.txt": (second, f"en/paris-summit-opens-today-{suffix}/index.md"),
    }


def _article(name: str, title: str) -> Article:
    seed = SeedText(name=name, text=title, encoding="utf-8", sha256=name)
    return Article(seed, Language("en", 1.0), CleanText((title,)), Title(title, None))


def test_a_title_shaped_like_a_suffixed_slug_keeps_its_plain_slug() -> None:
    # b.txt's suffix would be "-aceba9": c.txt's own title slugs to exactly that, and being
    # the only one with that title, c.txt is first by name for it.
    suffix = hashlib.sha1(b"b.txt").hexdigest()[:6]
    articles = [
        _article("a.txt", "Paris summit"),
        _article("b.txt", "Paris summit"),
        _article("c.txt", f"Paris summit {suffix}"),
    ]
    pages = plan_pages([Story(id=a.name, articles=(a,)) for a in articles])
    paths = {p.article.name: p.path for p in pages}
    assert paths["a.txt"] == "en/paris-summit/index.md"
    assert paths["c.txt"] == f"en/paris-summit-{suffix}/index.md"
    assert paths["b.txt"].startswith(f"en/paris-summit-{suffix}") and paths["b.txt"] not in (
        paths["a.txt"],
        paths["c.txt"],
    )
