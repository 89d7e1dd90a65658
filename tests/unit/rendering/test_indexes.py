"""Stage render (indexes): translation links, story, language and home lists, escaping."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import markdown
import pytest
import yaml

from generator.records import (
    Article,
    CleanText,
    Language,
    Page,
    PublicationDate,
    SeedText,
    Story,
    Title,
)
from generator.rendering.files import plan_pages, render_indexes, render_pages
from generator.rendering.home import HOME_PAGE
from generator.rendering.indexes import (
    HOME_BYTES,
    HOME_LIMIT,
    STORY_LIST,
    Link,
)
from generator.rendering.pages import relative_url
from generator.rendering.pagination import PAGE_BYTES, PAGE_ITEMS, PAGE_MIN


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
    fr = _front(rendered["fr/ceinture/index.md"])
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
    assert {f"stories/{s.id}/index.md" for s in STORIES} <= set(files)
    assert STORY_LIST in files and HOME_PAGE in files


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
    home = _hrefs(files[HOME_PAGE])
    assert "stories/belt-and-road/" in home and "fr/ceinture/" in home and "fr/" in home
    listing = _hrefs(files[STORY_LIST])
    assert "belt-and-road/" in listing and "../en/belt/" in listing
    story = files["stories/belt-and-road/index.md"]
    assert _hrefs(story) == ["../../en/belt/", "../../fr/ceinture/"]


def test_story_page_lists_extra_links() -> None:
    links = {"belt-and-road": [Link("Parallel reading", "stories/belt-and-road/parallel/")]}
    files = render_indexes(STORIES, _pages(), links)
    assert 'href="parallel/">Parallel reading</a>' in files["stories/belt-and-road/index.md"]
    assert "Parallel" not in files["stories/wang/index.md"]


def test_home_lists_a_bounded_number_of_stories() -> None:
    many = tuple(Story(f"s{i:05}", (_article(f"{i}.txt", "en", f"T{i}"),)) for i in range(150))
    files = render_indexes(many, plan_pages(many))
    assert files[HOME_PAGE].count('<li><a href="stories/') == HOME_LIMIT
    assert "All stories (150)" in files[HOME_PAGE]
    # The story list goes on to more pages, each story on exactly one of them.
    first, second = files[STORY_LIST], files["stories/page/2/index.md"]
    pages = [first] + [files[p] for p in sorted(files) if p.startswith("stories/page/")]
    listed = [re.findall(r'<li><a href="(?:\.\./\.\./)?(s\d+)/"', p) for p in pages]
    assert sorted(s for page in listed for s in page) == sorted(s.id for s in many)
    assert all(len(page) <= PAGE_ITEMS for page in listed)
    assert '<a href="page/2/" rel="next">Older</a>' in first and 'rel="prev"' not in first
    assert '<a href="../../" rel="prev">Newer</a>' in second
    assert '<span class="pager__current" aria-current="page">2</span>' in second
    assert _front(second)["title"] == "Stories · Page 2"


def _dated(name: str, lang: str, title: str, iso: str | None) -> Article:
    return replace(_article(name, lang, title), date=PublicationDate(iso, "editor"))


def test_lists_are_newest_first_with_their_dates_and_undated_last() -> None:
    stories = (
        Story("old", (_dated("o.txt", "fr", "Ancien", "2021-03-01"),)),
        Story("undated", (_dated("u.txt", "fr", "Aucune date", None),)),
        Story("new", (_dated("n.txt", "fr", "Nouveau", "2025-10-12"),)),
    )
    files = render_indexes(stories, plan_pages(stories))
    for text, order in [
        (files[STORY_LIST], ["new/", "old/", "undated/"]),
        (files[HOME_PAGE], ["stories/new/", "stories/old/", "stories/undated/"]),
        (files["fr/index.md"], ["nouveau/", "ancien/", "aucune-date/"]),
    ]:
        listed = [h for h in _hrefs(text) if h in order]
        assert listed == order
        assert '<time datetime="2025-10-12">2025-10-12</time> <a' in text


def test_a_long_language_index_is_split_into_pages_in_its_language() -> None:
    articles = [
        _dated(f"{i}.txt", "fr", f"Titre {i:03}", f"2024-01-{1 + i % 28:02}") for i in range(230)
    ]
    stories = tuple(Story(f"s{i:03}", (a,)) for i, a in enumerate(articles))
    files = render_indexes(stories, plan_pages(stories))
    count = len([p for p in files if p.startswith("fr/")])
    paths = ["fr/index.md", *(f"fr/page/{n}/index.md" for n in range(2, count + 1))]
    assert count >= 3 and [p for p in files if p.startswith("fr/")] == paths
    listed = [h.rsplit("/", 2)[-2] for p in paths for h in _hrefs(files[p]) if "titre" in h]
    assert sorted(listed) == sorted(f"titre-{i:03}" for i in range(230))  # each exactly once
    assert all(files[p].count("<li>") <= PAGE_ITEMS for p in paths)
    last = files["fr/page/3/index.md"]
    assert _front(last)["lang"] == "fr" and _front(last)["title"] == "Articles en français · Page 3"
    assert '<a href="../2/" rel="prev">Plus récents</a>' in last
    assert '<nav class="pager" aria-label="Pages">' in last
    # Its links resolve from where the page is.
    assert "../../titre-" in last and 'href="../../../stories/' not in last


def test_long_headlines_keep_every_page_small() -> None:
    long = "Ж" * 2_000  # 4 KB of UTF-8 a headline
    stories = tuple(
        Story(f"s{i:03}", (_article(f"{i}.txt", "ru", f"{i} {long}"),)) for i in range(120)
    )
    files = render_indexes(stories, plan_pages(stories))
    lists = [p for p in files if p.startswith(("stories/index", "stories/page/", "ru/"))]
    assert len(lists) > 4
    assert max(len(str(files[p]).encode()) for p in lists) < PAGE_BYTES + 5_000
    assert len(files[HOME_PAGE].encode()) < HOME_BYTES + 5_000


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
    assert "stories/_index/index.md" in files and "Index" not in files[STORY_LIST].split("---")[1]


def test_pages_are_cut_near_their_byte_budget_whatever_the_languages() -> None:
    langs = ["tk", "ar", "ru", "kk", "fr", "en", "ug"]  # Turkmen: English words, marked
    stories = tuple(
        Story(
            f"s{i:03}",
            tuple(
                _dated(f"{i}-{code}.txt", code, f"{HOSTILE} {code} {'ы' * (i * 7 % 300)}", None)
                for code in langs[: 2 + i % 6]
            ),
        )
        for i in range(400)
    )
    files = render_indexes(stories, plan_pages(stories))
    for first in [STORY_LIST, "tk/index.md", "ar/index.md"]:
        later = [p for p in files if p.startswith(first.replace("index.md", "page/"))]
        pages = [first, *sorted(later, key=lambda p: int(re.sub(r"\D", "", p)))]
        assert len(pages) > 2, first
        for path in pages:
            (items,) = re.findall(
                r'<ul class="(?:story|article)-list">.*?</ul>', str(files[path]), re.S
            )
            listed = items.encode()
            assert len(listed) <= PAGE_BYTES, path  # the estimate is never short
            if path != pages[-1]:  # no page of a few items, but the oldest
                assert listed.count(b"<li>") >= PAGE_MIN
