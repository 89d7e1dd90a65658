"""Stage render (indexes): translation links, story, language and home lists, escaping."""

from __future__ import annotations

import html
import re

import markdown
import pytest
import yaml

from generator.records import Article, CleanText, Language, Page, SeedText, Story, Title
from generator.rendering.files import plan_pages, render_indexes, render_pages
from generator.rendering.indexes import HOME_LIMIT, HOME_LIST, STORY_LIST, Link
from generator.rendering.pages import relative_url


def _article(name: str, lang: str, title: str) -> Article:
    seed = SeedText(name=name, text=title, encoding="utf-8", sha256="0" * 64)
    return Article(
        seed=seed,
        lang=Language(lang, 1.0),
        clean=CleanText((title, "Body.")),
        title=Title(title, 0),
    )


# One story in two languages (a French article and its English translation), and two
# stories in one language each: the shape of the five seeds once 000 and 001 are grouped.
STORIES = (
    Story("belt-and-road", (_article("a.txt", "fr", "Ceinture"), _article("b.txt", "en", "Belt"))),
    Story("tokayev", (_article("c.txt", "kk", "Тоқаев Гутерришпен сөйлесті"),)),
    Story("wang", (_article("d.txt", "ar", "وانغ يي"),)),
)


def _front(text: str) -> dict[str, object]:
    meta = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(meta, dict)
    return meta


def _pages() -> tuple[Page, ...]:
    return plan_pages(STORIES)


def test_each_page_lists_exactly_the_versions_of_its_story() -> None:
    rendered = render_pages(_pages())
    expected = {"fr": ["fr", "en"], "en": ["en", "fr"], "kk": ["kk"], "ar": ["ar"]}
    for path, text in rendered.items():
        meta = _front(text)
        versions = meta["versions"]
        assert isinstance(versions, list)
        assert [v["lang"] for v in versions] == expected[path.split("/")[0]], path


def test_versions_carry_native_names_directions_and_urls() -> None:
    rendered = render_pages(_pages())
    fr = _front(rendered["fr/ceinture.md"])
    assert fr["versions"] == [
        {
            "lang": "fr",
            "name": "Français",
            "dir": "ltr",
            "title": "Ceinture",
            "url": "fr/ceinture/",
        },
        {"lang": "en", "name": "English", "dir": "ltr", "title": "Belt", "url": "en/belt/"},
    ]
    ar = _front(rendered[next(p for p in rendered if p.startswith("ar/"))])
    assert ar["dir"] == "rtl" and ar["versions"][0]["name"] == "العربية"
    assert fr["story_url"] == "stories/belt-and-road/"


def test_index_pages_exist_for_every_language_and_story() -> None:
    files = render_indexes(STORIES, _pages())
    assert {"fr/index.md", "en/index.md", "kk/index.md", "ar/index.md"} <= set(files)
    assert {f"stories/{s.id}.md" for s in STORIES} <= set(files)
    assert STORY_LIST in files and HOME_LIST in files


def test_language_index_speaks_its_language_when_the_site_has_words_for_it() -> None:
    files = render_indexes(STORIES, _pages())
    fr = _front(files["fr/index.md"])
    assert fr["lang"] == "fr" and fr["title"] == "Articles en français"
    kk = _front(files["kk/index.md"])
    assert kk["lang"] == "kk" and kk["title"] == "Қазақ тіліндегі мақалалар"
    assert _front(files["ar/index.md"])["dir"] == "rtl"


def test_unknown_language_keeps_its_label_and_marks_english_words() -> None:
    story = Story("x", (_article("t.txt", "tk", "Türkmen habary"),))
    files = render_indexes((story,), plan_pages((story,)))
    meta = _front(files["tk/index.md"])
    # The headlines are Turkmen and Pagefind picks its index by the page's language, so the
    # page is "tk"; the site has no Turkmen words, so its English words say lang="en".
    assert meta["lang"] == "tk" and meta["title"] == "Articles in Türkmençe"
    assert '<h1 lang="en" dir="ltr">Articles in Türkmençe</h1>' in files["tk/index.md"]
    assert 'hreflang="tk" lang="tk"' in files["tk/index.md"]
    assert "<h1>Articles en français</h1>" in render_indexes(STORIES, _pages())["fr/index.md"]


def _hrefs(text: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', text)


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("", "fr/a/", "fr/a/"),
        ("stories/", "fr/a/", "../fr/a/"),
        ("stories/x/", "fr/a/", "../../fr/a/"),
        ("fr/", "fr/a/", "a/"),
        ("stories/", "", "../"),
        ("fr/a/", "fr/a/", "./"),
    ],
)
def test_relative_urls(here: str, target: str, link: str) -> None:
    assert relative_url(here, target) == link


def test_story_list_links_resolve_from_where_they_are() -> None:
    files = render_indexes(STORIES, _pages())
    home = _hrefs(files[HOME_LIST])
    assert "stories/belt-and-road/" in home and "fr/ceinture/" in home and "fr/" in home
    listing = _hrefs(files[STORY_LIST])
    assert "belt-and-road/" in listing and "../en/belt/" in listing
    story = files["stories/belt-and-road.md"]
    assert _hrefs(story) == ["../../en/belt/", "../../fr/ceinture/"]


def test_story_page_lists_extra_links() -> None:
    links = {"belt-and-road": [Link("Parallel reading", "stories/belt-and-road/parallel/")]}
    files = render_indexes(STORIES, _pages(), links)
    assert 'href="parallel/">Parallel reading</a>' in files["stories/belt-and-road.md"]
    assert "Parallel" not in files["stories/wang.md"]


def test_home_lists_a_bounded_number_of_stories() -> None:
    many = tuple(Story(f"s{i:05}", (_article(f"{i}.txt", "en", f"T{i}"),)) for i in range(150))
    files = render_indexes(many, plan_pages(many))
    assert files[HOME_LIST].count('<li><a href="stories/') == HOME_LIMIT
    assert "All stories (150)" in files[HOME_LIST]
    assert files[STORY_LIST].count('<li><a href="s') == 150


HOSTILE = "<script>alert(1)</script>\n\n# [x](javascript:alert(1)) **b**"


def test_headlines_stay_literal_in_every_index_page() -> None:
    story = Story("h", (_article("h.txt", "en", HOSTILE),))
    files = render_indexes((story,), plan_pages((story,)))
    for path, text in files.items():
        body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
        out = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables"])
        assert "<script" not in out and "<strong>" not in out and 'javascript:alert(1)"' not in out
        assert html.escape(" ".join(HOSTILE.split())) in out, path


def test_an_article_titled_index_does_not_replace_the_language_index() -> None:
    story = Story("index", (_article("i.txt", "en", "Index"),))
    pages = plan_pages((story,))
    assert pages[0].path != "en/index.md"
    files = render_indexes((story,), pages)
    assert "stories/_index.md" in files and "Index" not in files[STORY_LIST].split("---")[1]
