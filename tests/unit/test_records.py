"""`records`: the immutable records between stages, and the little they work out themselves."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any

import pytest

from generator.records import (
    UNDETERMINED,
    Article,
    BuildReport,
    CleanText,
    Language,
    Overrides,
    Page,
    PublicationDate,
    SeedError,
    SeedText,
    Story,
    Title,
)


def _article(name: str, lang: str, title: str = "T", paragraph: int | None = 0) -> Article:
    return Article(
        SeedText(name, f"{title}\n\nBody.", "utf-8", "0"),
        Language(lang, 0.9),
        CleanText((title, "Body.", "More.")),
        Title(title, paragraph),
    )


@pytest.mark.parametrize(
    ("name", "reason", "printed"),
    [
        ("a.txt", "empty", "a.txt: empty"),
        (
            "fr/été.txt",
            "binary file: a PNG image, not text",
            "fr/été.txt: binary file: a PNG image, not text",
        ),
        ("kk/қазақ.txt", "бос", "kk/қазақ.txt: бос"),
        ("ar/خبر.txt", "فارغ", "ar/خبر.txt: فارغ"),
    ],
)
def test_a_seed_error_prints_as_name_and_reason(name: str, reason: str, printed: str) -> None:
    assert str(SeedError(name, reason)) == printed


@pytest.mark.parametrize(("code", "known"), [("en", True), ("kk", True), (UNDETERMINED, False)])
def test_a_language_is_known_unless_undetermined(code: str, known: bool) -> None:
    assert Language(code, 0.5).known is known


@pytest.mark.parametrize(
    ("paragraph", "body"),
    [
        (0, ("Body.", "More.")),  # the headline line is the title, not repeated in the body
        (1, ("Title", "More.")),
        (None, ("Title", "Body.", "More.")),  # a title made from the first sentence
    ],
)
def test_the_body_is_every_paragraph_but_the_titles(
    paragraph: int | None, body: tuple[str, ...]
) -> None:
    assert _article("a.txt", "en", "Title", paragraph).body == body


@pytest.mark.parametrize(
    ("langs", "lead"),
    [
        (["fr", "en", "ru"], 1),  # English wherever it is
        (["en", "ar"], 0),
        (["kk", "ru", "ar"], 0),  # no English: the first
        (["ar"], 0),
    ],
)
def test_the_lead_of_a_story_is_its_english_article_else_its_first(
    langs: list[str], lead: int
) -> None:
    articles = tuple(_article(f"{i}.txt", lang, f"Title {lang}") for i, lang in enumerate(langs))
    story = Story("s", articles)
    assert story.lead is articles[lead]
    assert story.title == f"Title {langs[lead]}"


@pytest.mark.parametrize(
    "record",
    [
        SeedText("a.txt", "Текст", "cp1251", "0"),
        SeedError("a.txt", "empty"),
        Language("fr", 0.9),
        CleanText(("x",)),
        Title("x", None),
        PublicationDate(None, "not found"),
        Overrides(lang="kk"),
        BuildReport(),
    ],
    ids=lambda record: type(record).__name__,
)
def test_records_cannot_be_changed_in_place(record: Any) -> None:
    field = dataclasses.fields(record)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, field, None)


@pytest.mark.parametrize(
    "text",
    [
        "Steppe rail line opens",
        "L'été à Astana : « oui »",
        "Министр иностранных дел",
        "Қазақстан Республикасы",
        "وزير الخارجية",
        "",
        "caf\udce9",  # a lone surrogate, as surrogateescape leaves one
    ],
)
def test_a_seed_pickles_and_reads_back_equal(text: str) -> None:
    seed = SeedText("s.txt", text, "utf-8", "ab12", Overrides(title="T", story="s"))
    back = pickle.loads(pickle.dumps(seed))
    assert back == seed and back.text == text and hash(back) == hash(seed)


@pytest.mark.parametrize(
    ("paragraphs", "empty"),
    [((), True), (("",), False), (("Абзац.", "فقرة"), False)],
)
def test_clean_text_is_empty_only_without_paragraphs_before_and_after_a_pickle(
    paragraphs: tuple[str, ...], empty: bool
) -> None:
    clean = CleanText(paragraphs)
    assert clean.empty is empty
    back = pickle.loads(pickle.dumps(clean))
    assert back.empty is empty
    assert back.paragraphs == paragraphs


def test_a_build_report_starts_empty_with_nothing_changed() -> None:
    report = BuildReport()
    assert (report.pages, report.errors, report.warnings, report.changed) == ((), (), (), 0)


def test_an_article_is_named_by_its_seed_and_undated_unless_told() -> None:
    article = _article("kk/жаңалық.txt", "kk")
    assert article.name == "kk/жаңалық.txt"
    assert article.date == PublicationDate(None, "not looked for")
    page = Page(article, "story", "kk/a.md", "kk/a/")
    assert page.article.name == article.seed.name
