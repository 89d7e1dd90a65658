"""Seed front matter: each key overrides what is detected; each bad value names seed and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import generator.reading.files as read_module
from generator.analysis.analyse import analyse
from generator.build import build
from generator.config import Config
from generator.reading.files import decode_seed
from generator.records import Overrides, SeedError, SeedText
from generator.text.invisible import visible

# Longer than 120 characters: the language detector loads every n-gram model for short texts.
BODY = (
    "Kazakh Foreign Minister Addresses Meeting\n\n"
    "The minister spoke to the assembly today about trade, transport and the pandemic, "
    "and the delegates of twenty-five countries answered him in turn.\n"
)


def _seed(front: str, body: str = BODY) -> SeedText | SeedError:
    return decode_seed("a.txt", f"---\n{front}\n---\n{body}".encode())


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title: Un autre titre", Overrides(title="Un autre titre")),
        ("lang: fr", Overrides(lang="fr")),
        ("lang: KK", Overrides(lang="kk")),
        ("lang: ky", Overrides(lang="ky")),
        ("story: kazakh-minister-2021", Overrides(story="kazakh-minister-2021")),
        ("date: 2021-05-12", Overrides(date="2021-05-12")),
        ("date: '2021-05-12'", Overrides(date="2021-05-12")),
        ("source: https://example.org/a?b=1", Overrides(source="https://example.org/a?b=1")),
        ("author: Айгүл Сәрсенова", Overrides(author="Айгүл Сәрсенова")),
        ("", Overrides()),
    ],
)
def test_each_key_is_read(front: str, expected: Overrides) -> None:
    seed = _seed(front)
    assert isinstance(seed, SeedText)
    assert seed.overrides == expected
    assert seed.text == BODY  # the block is cut from the text


@pytest.mark.parametrize(
    ("front", "key"),
    [
        ("titel: x", "'titel'"),
        ("title: 2021", "title"),
        ("title: ''", "title"),
        ("title: [a, b]", "title"),
        ("lang: french", "lang"),
        ("lang: und", "lang"),
        ("lang: 12", "lang"),
        ("story: Not A Slug", "story"),
        ("story: a--b", "story"),
        ("date: 2021-02-30", "date"),
        ("date: 12.05.2021", "date"),
        ("date: 2021-05-12 10:00:00", "date"),
        ("source: example.org/a", "source"),
        ("source: ftp://example.org/a", "source"),
        ("author: {name: x}", "author"),
    ],
)
def test_each_bad_value_names_seed_and_key(front: str, key: str) -> None:
    result = _seed(front)
    assert isinstance(result, SeedError)
    assert result.name == "a.txt"
    assert key in result.reason


def test_every_problem_is_reported_at_once() -> None:
    result = _seed("lang: xyzw\ndate: tomorrow\nsource: nowhere\ncolour: red")
    assert isinstance(result, SeedError)
    for key in ("lang", "date", "source", "'colour'"):
        assert key in result.reason


@pytest.mark.parametrize("front", ["title: [unclosed", "- a list", "just text"])
def test_bad_yaml_is_an_error(front: str) -> None:
    assert isinstance(_seed(front), SeedError)


@pytest.mark.parametrize(
    "raw",
    [
        BODY,  # no front matter at all
        "---\nNo closing fence, so this is text.\n" + BODY,
        "Headline\n---\ntitle: not front matter\n---\n",  # a block not at the top is text
    ],
)
def test_seeds_without_front_matter_are_plain_text(raw: str) -> None:
    seed = decode_seed("a.txt", raw.encode())
    assert isinstance(seed, SeedText)
    assert seed.text == raw
    assert seed.overrides == Overrides()


def test_front_matter_with_no_text_after_is_empty() -> None:
    result = _seed("title: x", body="\n \n")
    assert isinstance(result, SeedError)
    assert "empty" in result.reason


def test_overrides_replace_detection_and_title() -> None:
    seed = _seed("lang: fr\ntitle: Le ministre s'adresse à la réunion\ndate: 2021-05-12")
    assert isinstance(seed, SeedText)
    article = analyse(seed)
    assert (article.lang.code, article.lang.confidence, article.lang.reason) == (
        "fr",
        1.0,
        "editor",
    )
    assert article.lang.candidates[0][0] == "en"  # what the detector said is kept as evidence
    assert article.title.text == "Le ministre s'adresse à la réunion"
    assert article.title.reason == "editor"
    assert article.date.iso == "2021-05-12"
    assert "Kazakh Foreign Minister" not in article.body  # the found headline is not repeated


def test_without_overrides_detection_stands() -> None:
    seed = decode_seed("a.txt", BODY.encode())
    assert isinstance(seed, SeedText)
    article = analyse(seed)
    assert article.lang.code == "en"
    assert article.title.text == "Kazakh Foreign Minister Addresses Meeting"
    assert article.date.iso is None


def test_build_reports_bad_front_matter_and_goes_on(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(
        "---\nlang: en\nsource: https://x.org/1\ndate: 2021-05-12\n---\n" + BODY
    )
    # Not the same text as good.txt, which would make it a duplicate (one page for both).
    (seeds / "undated.txt").write_text(BODY + "A second paragraph follows with more news.\n")
    (seeds / "bad.txt").write_text("---\nlang: zzzz\n---\n" + BODY)
    report = build(Config(seeds=seeds, out=tmp_path / "docs", strict=False))
    assert [(e.name, "lang" in e.reason) for e in report.errors] == [("bad.txt", True)]
    assert sorted(p.article.name for p in report.pages) == ["good.txt", "undated.txt"]
    good = next(p for p in report.pages if p.article.name == "good.txt")
    page = (tmp_path / "docs" / good.path).read_text(encoding="utf-8")
    assert "source: https://x.org/1\n" in page
    assert "date: '2021-05-12'\n" in page
    manifest = json.loads((tmp_path / "docs" / "archive.json").read_text(encoding="utf-8"))
    articles = {a["seed"]: a for story in manifest["stories"] for a in story["articles"]}
    assert (articles["good.txt"]["date"], articles["undated.txt"]["date"]) == ("2021-05-12", None)
    assert articles["good.txt"]["source"] == "https://x.org/1"
    assert "source" not in articles["undated.txt"]


@given(st.text())
def test_never_crashes_and_plain_text_is_left_alone(text: str) -> None:
    result = decode_seed("a.txt", text.encode())
    assert isinstance(result, SeedText | SeedError)
    normalised = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    normalised = read_module._CONTROLS.sub("", normalised)  # read drops stray control characters
    # NUL bytes make the reader consider UTF-16 or binary (issue 7): not plain text.
    plain = "\x00" not in text
    if plain and isinstance(result, SeedText) and not normalised.startswith("---"):
        assert result.text == normalised
        assert result.overrides == Overrides()


@given(st.text(min_size=1).filter(lambda t: "\n" not in t and "\r" not in t))
def test_any_title_survives_a_round_trip_through_yaml(title: str) -> None:
    front = yaml.safe_dump({"title": title}, allow_unicode=True)
    result = _seed(front.strip())
    # Control characters count as spaces, bidi controls and zero-width ones as nothing.
    shown = " ".join(
        visible("".join(" " if c < " " or "\x7f" <= c <= "\x9f" else c for c in title)).split()
    )
    if shown:
        assert isinstance(result, SeedText)
        assert result.overrides.title == shown
    else:
        assert isinstance(result, SeedError)
