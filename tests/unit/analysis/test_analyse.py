"""One seed's analysis (language, clean text, headline, date) and every seed's, with what
went wrong reported by seed name."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.analysis.analyse as analyse_module
from generator.analysis.analyse import analyse, analyse_all, spread
from generator.analysis.clean import EDITOR, CleanContext
from generator.analysis.detect import detect_language
from generator.analysis.editor_rules import parse_editor_rules
from generator.reading.duplicates import Duplicate
from generator.reading.html_page import read_html_page
from generator.records import Overrides, SeedError, SeedText

# (language, headline, body) per language: the headline line names the article.
ARTICLES = [
    (
        "en",
        "Rail link to Aktau opens after three years of work",
        "The ministers met in Astana on Monday to discuss trade. They agreed to meet again.",
    ),
    (
        "fr",
        "La Chine et le Kazakhstan publient une déclaration conjointe",
        "Les ministres se sont réunis lundi à Astana. Ils ont convenu de se revoir.",
    ),
    (
        "ru",
        "Ураган Роза может затопить Феникс и Лас-Вегас",
        "Министры встретились в Астане в понедельник. Они договорились встретиться снова.",
    ),
    (
        "kk",
        "Президент Түркістан облысына жұмыс сапарымен барды",
        "Министрлер дүйсенбі күні Астанада кездесті. Олар қайта кездесуге келісті.",
    ),
    (
        "ar",
        "وزيرا خارجية الصين وقازاقستان يتعهدان بتعزيز التعاون",
        "التقى الوزراء في أستانا يوم الاثنين لبحث التجارة. واتفقوا على اللقاء مجددا.",
    ),
]


def seed(name: str, text: str, **stated: str) -> SeedText:
    return SeedText(name, text, "utf-8", name, Overrides(**stated))  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "headline", "body"), ARTICLES)
def test_an_article_has_its_language_and_headline(lang: str, headline: str, body: str) -> None:
    article = analyse(seed("s.txt", f"Advertisement\n{headline}\n\n{body}\n\nShare"))
    assert (article.lang.code, article.title.text, article.title.paragraph) == (lang, headline, 0)
    assert article.clean.paragraphs == (headline, body)
    assert [r.text for r in article.clean.removed] == ["Advertisement", "Share"]


def test_the_editor_states_the_language_and_title() -> None:
    _, headline, body = ARTICLES[2]
    article = analyse(seed("s.txt", f"{headline}\n{body}", lang="kk", title="Буря"))
    assert (article.lang.code, article.lang.reason) == ("kk", "editor")
    assert article.lang.candidates[0][0] == "ru"  # what was detected stays as evidence
    assert (article.title.text, article.title.reason) == ("Буря", "editor")


def test_the_language_is_told_on_the_article_without_its_boilerplate() -> None:
    footer = [
        "Steppe Post is an independent newsroom based in Almaty since 2009 and publishes "
        "daily news about Central Asia.",
        "All rights reserved. Reproduction of our materials is allowed only with a link to "
        "the original source of the article.",
        "Subscribe to our newsletter to receive the most important news of the day in your "
        "inbox every morning.",
    ]
    text = "\n".join(["Министрлер дүйсенбі күні Астанада кездесті.", *footer])
    assert detect_language(text).code == "en"  # the premise: the footer outweighs the article
    rules, _ = parse_editor_rules({"remove": {"*": footer}})
    one = seed("s.txt", text)
    assert analyse(one, CleanContext(editor=rules).for_seed(one)).lang.code == "kk"


def test_a_stated_date_is_the_publication_date() -> None:
    _, headline, body = ARTICLES[1]
    article = analyse(seed("s.txt", f"{headline}\n{body}", date="2024-03-12"))
    assert article.date.iso == "2024-03-12"


def _seeds() -> list[SeedText]:
    return [seed(f"{lang}.txt", f"{head}\n\n{body}") for lang, head, body in ARTICLES]


def test_every_seed_is_analysed_in_order() -> None:
    seeds = _seeds()
    articles, errors, warnings = analyse_all(seeds, CleanContext())
    assert [a.lang.code for a in articles] == [lang for lang, _, _ in ARTICLES]
    assert all(a.seed is s for a, s in zip(articles, seeds, strict=True))
    assert (errors, warnings) == ([], [])


def test_a_seed_of_nothing_but_boilerplate_is_an_error() -> None:
    seeds = [*_seeds(), seed("empty.txt", "Advertisement\nShare this article\nЖарнама")]
    articles, errors, _ = analyse_all(seeds, CleanContext())
    assert "empty.txt" not in {a.name for a in articles} and len(articles) == len(ARTICLES)
    assert errors == [SeedError("empty.txt", "no article text: every line is boilerplate")]


def test_an_undetermined_language_is_a_warning_with_the_candidates() -> None:
    articles, errors, warnings = analyse_all([seed("x.txt", "xkq zzv prrt wq")], CleanContext())
    assert [a.lang.code for a in articles] == ["und"] and errors == []
    (warning,) = warnings
    assert warning.startswith("x.txt: language undetermined (") and "candidates" in warning


def test_a_copy_of_a_failed_seed_is_reported_with_it() -> None:
    seeds = [*_seeds(), seed("empty.txt", "Advertisement")]
    duplicates = [
        Duplicate(seed("copy-of-empty.txt", "Advertisement"), "empty.txt"),
        Duplicate(seed("copy-of-en.txt", seeds[0].text), "en.txt"),
    ]
    _, errors, _ = analyse_all(seeds, CleanContext(), duplicates)
    assert SeedError("copy-of-empty.txt", "same text as empty.txt, which failed") in errors
    assert "copy-of-en.txt" not in {e.name for e in errors}  # its original was published


@pytest.mark.parametrize("spread_from", [2, 10**9])  # on every core, or here
def test_spread_gives_each_call_its_own_seed(
    spread_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analyse_module, "SPREAD_FROM", spread_from)
    seeds = _seeds()
    calls = [(s, CleanContext()) for s in seeds]
    articles = list(spread(analyse, calls))
    assert articles == [analyse(s) for s in seeds]
    assert all(a.seed is s for a, s in zip(articles, seeds, strict=True))  # not a worker's copy


HTML_PAGE = Path(__file__).resolve().parents[2] / "fixtures" / "html" / "news.html"


def test_a_saved_page_keeps_its_article_whole_but_for_the_editors_rules() -> None:
    # The markup has told the article from the page: the clean stage would only take out
    # article lines (a table, a list of steps); an editor's rule still applies.
    seed = read_html_page("news.html", HTML_PAGE.read_bytes())
    assert isinstance(seed, SeedText)
    lines = [line for line in seed.text.split("\n") if line.strip()]
    article = analyse(seed)
    assert article.clean.paragraphs == tuple(lines) and article.clean.removed == ()
    assert article.title.text == lines[0] == "Minister opens the new rail link to Kyrgyzstan"
    assert lines[0] not in article.body
    rules, problems = parse_editor_rules({"remove": {"news.html": [lines[-1]]}})
    assert problems == ()
    edited = analyse(seed, CleanContext(editor=rules))
    assert [(r.text, r.reason) for r in edited.clean.removed] == [(lines[-1], EDITOR)]
