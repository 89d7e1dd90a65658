"""The built site: languages, directions, translation links, hreflang, sitemap, search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SITE_URL, TRANSLATED, BuiltSite, generate, mkdocs
from searchable import indexed, load_script

from generator.records import Article, CleanText, Language, Page, SeedText, Story, Title
from generator.rendering.files import plan_pages, render_files
from generator.writing.site import write_files

FR, EN = TRANSLATED
check_pages = load_script("check_pages")


@pytest.fixture(scope="module")
def grouped_site(grouped_site: BuiltSite) -> BuiltSite:
    return indexed(grouped_site)


def _page(site: BuiltSite, seed: str) -> Page:
    return next(p for p in site.report.pages if p.article.name == seed)


def _html(site: BuiltSite, url: str) -> str:
    return (site.site / url / "index.html").read_text(encoding="utf-8")


def _switcher(page_html: str) -> str:
    found = re.search(r'<nav class="lang-switcher".*?</nav>', page_html, re.S)
    assert found, "no language switcher"
    return found.group(0)


def _alternates(page_html: str) -> dict[str, str]:
    head = page_html.split("</head>")[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', head))


def test_french_and_english_versions_link_to_each_other(grouped_site: BuiltSite) -> None:
    fr, en = _page(grouped_site, FR), _page(grouped_site, EN)
    fr_html, en_html = _html(grouped_site, fr.url), _html(grouped_site, en.url)
    assert _alternates(fr_html) == {"fr": SITE_URL + fr.url, "en": SITE_URL + en.url}
    assert _alternates(en_html) == {"en": SITE_URL + en.url, "fr": SITE_URL + fr.url}
    fr_to_en = f'href="../../{en.url}" hreflang="en" lang="en" dir="ltr" rel="alternate"'
    assert fr_to_en in _switcher(fr_html)
    assert ">English</a>" in _switcher(fr_html) and ">Français</a>" in _switcher(en_html)
    # The page's own language is named, not linked.
    assert 'aria-current="page" lang="fr" dir="ltr">Français</span>' in _switcher(fr_html)


def test_single_language_stories_name_only_their_own_language(grouped_site: BuiltSite) -> None:
    for page in grouped_site.report.pages:
        if page.article.name in TRANSLATED:
            continue
        page_html = _html(grouped_site, page.url)
        assert list(_alternates(page_html)) == [page.article.lang.code]
        switcher = _switcher(page_html)
        assert "hreflang" not in switcher and switcher.count("<li>") == 1


def test_the_five_seeds_as_the_build_groups_them(seed_site: BuiltSite) -> None:
    """Acceptance: 000 (fr) and 001 (en) link to each other with hreflang; the other three
    pages name only their own language."""
    for page in seed_site.report.pages:
        page_html = _html(seed_site, page.url)
        switcher = _switcher(page_html)
        if page.article.name in TRANSLATED:
            assert sorted(_alternates(page_html)) == ["en", "fr"]
            assert switcher.count("hreflang") == 1 and switcher.count("<li>") == 2
        else:
            assert list(_alternates(page_html)) == [page.article.lang.code]
            assert "hreflang" not in switcher and switcher.count("<li>") == 1


@pytest.mark.parametrize(
    ("lang", "direction", "search_word"),
    [
        ("fr", "ltr", "Rechercher"),
        ("kk", "ltr", "Іздеу"),
        ("ar", "rtl", "بحث"),
        ("en", "ltr", "Search"),
    ],
)
def test_pages_carry_their_language_direction_and_theme_words(
    grouped_site: BuiltSite, lang: str, direction: str, search_word: str
) -> None:
    page = next(p for p in grouped_site.report.pages if p.article.lang.code == lang)
    page_html = _html(grouped_site, page.url)
    assert f'<html lang="{lang}" dir="{direction}"' in page_html
    assert f'<body dir="{direction}"' in page_html
    assert f'placeholder="{search_word}"' in page_html


def test_hand_written_pages_stay_english_left_to_right(grouped_site: BuiltSite) -> None:
    for url in ["", "about/", "stories/"]:
        assert '<html lang="en" dir="ltr"' in _html(grouped_site, url)


def test_sitemap_lists_every_version_as_alternate(grouped_site: BuiltSite) -> None:
    sitemap = (grouped_site.site / "sitemap.xml").read_text(encoding="utf-8")
    fr, en = _page(grouped_site, FR), _page(grouped_site, EN)
    entry = re.search(rf"<url>\s*<loc>{re.escape(SITE_URL + fr.url)}</loc>.*?</url>", sitemap, re.S)
    assert entry
    links = re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry.group(0))
    assert links == [("fr", SITE_URL + fr.url), ("en", SITE_URL + en.url)]


def test_home_lists_stories_with_their_languages(grouped_site: BuiltSite) -> None:
    home = _html(grouped_site, "")
    stories = re.findall(r'<li><a href="stories/[^"]+/".*?</li>', home)
    assert len(stories) == 4  # five seeds, 000 and 001 one story
    both = next(s for s in stories if "Français" in s and "English" in s)
    assert _page(grouped_site, FR).url in both and _page(grouped_site, EN).url in both
    for lang in ["en", "fr", "kk", "ar"]:
        assert f'<a href="{lang}/" hreflang="{lang}"' in home


def test_every_internal_link_resolves(grouped_site: BuiltSite) -> None:
    for page in grouped_site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a [^>]*href="([^"#:?]+)"', text):
            if href.startswith("/"):  # 404.html links from the site root (site_url)
                continue
            target = (page.parent / href).resolve()
            assert target.is_file() or (target / "index.html").is_file(), f"{page}: {href}"


def test_no_page_repeats_the_archive_in_its_navigation(grouped_site: BuiltSite) -> None:
    article_urls = {p.url for p in grouped_site.report.pages}
    for page in grouped_site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        navs = "".join(re.findall(r'<nav class="md-nav md-nav--primary".*?</nav>', text, re.S))
        assert not any(url in navs for url in article_urls), page


def test_every_page_shows_what_its_front_matter_says(grouped_site: BuiltSite) -> None:
    """scripts/check_pages.py, which the CI runs on the MkDocs and the Zensical builds."""
    assert check_pages.check_site(grouped_site.site, grouped_site.docs, SITE_URL) == []


def test_no_theme_search_nor_theme_script(grouped_site: BuiltSite) -> None:
    """Search is Pagefind's; the theme's script fetched a sitemap per hreflang link."""
    assert not (grouped_site.site / "search" / "search_index.json").exists()
    for page in grouped_site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "javascripts/bundle." not in text and "__config" not in text, page
        assert "assets/search/search.js" in text or page.name == "404.html", page


def test_seed_titles_are_escaped_in_the_theme(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    title = "</title><script>alert(1)</script> Le ministre & <b>la</b> déclaration"
    (seeds / "x.txt").write_text(title + "\nLe ministre a parlé de la coopération.\n", "utf-8")
    report = generate(seeds, tmp_path / "docs")
    mkdocs(tmp_path / "docs", tmp_path / "site")
    for page in [report.pages[0].url, "", "stories/", f"stories/{report.pages[0].story_id}/"]:
        text = _html(BuiltSite(tmp_path / "docs", tmp_path / "site", report), page)
        assert "<script>alert" not in text and "<b>la</b>" not in text, page


def test_pagefind_has_one_index_per_language_of_articles_only(grouped_site: BuiltSite) -> None:
    entry = json.loads((grouped_site.site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    languages = entry["languages"]
    assert list(languages) == ["ar", "en", "fr", "kk"]  # sorted: the same site, the same bytes
    assert sum(lang["page_count"] for lang in languages.values()) == 5  # articles, no lists
    assert languages["fr"]["page_count"] == 2


def test_assets_are_published(grouped_site: BuiltSite) -> None:
    for asset in [
        "assets/site.css",
        "assets/search/search.js",
        "assets/search/search.css",
    ]:
        assert (grouped_site.site / asset).is_file()
        assert asset in _html(grouped_site, "")


def _nav_labels(page_html: str) -> list[str]:
    pattern = r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*(.*?)\s*</span>'
    return re.findall(pattern, page_html, re.S)


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("en", ["Home", "Stories", "Parallel reading", "About"]),
        ("fr", ["Accueil", "Articles", "Lecture parallèle", "À propos"]),
        ("kk", ["Басты бет", "Жаңалықтар", "Қатар оқу", "Сайт туралы"]),
        ("ar", ["الرئيسية", "الأخبار", "القراءة المتوازية", "حول الموقع"]),
    ],
)
def test_navigation_speaks_the_page_language(
    grouped_site: BuiltSite, lang: str, labels: list[str]
) -> None:
    page = next(p for p in grouped_site.report.pages if p.article.lang.code == lang)
    assert _nav_labels(_html(grouped_site, page.url)) == labels
    assert _nav_labels(_html(grouped_site, "about/")) == [
        "Home",
        "Stories",
        "Parallel reading",
        "About",
    ]


def _story(name: str, lang: str, text: str) -> Story:
    seed = SeedText(name=name, text=text, encoding="utf-8", sha256="0" * 64)
    article = Article(seed, Language(lang, 1.0), CleanText((text, text)), Title(text, 0))
    return Story(name.removesuffix(".txt"), (article,))


@pytest.mark.parametrize(
    ("lang", "text", "direction"),
    [
        ("fa", "وزیر امور خارجه قزاقستان", "rtl"),  # the theme has Persian words
        ("ug", "قازاقىستان تاشقى ئىشلار مىنىستىرى", "rtl"),  # the theme has no Uyghur words
        ("tk", "Gazagystanyň daşary işler ministri", "ltr"),
        ("und", "12 345", "ltr"),
    ],
)
def test_languages_without_site_words_build_with_their_direction(
    tmp_path: Path, lang: str, text: str, direction: str
) -> None:
    stories = (_story(f"{lang}.txt", lang, text),)
    pages = plan_pages(stories)
    docs = tmp_path / "docs"
    write_files(docs, render_files(stories, pages))
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    mkdocs(docs, tmp_path / "site")
    page_html = (tmp_path / "site" / pages[0].url / "index.html").read_text("utf-8")
    assert f'<html lang="{lang}" dir="{direction}"' in page_html
    assert f'<body dir="{direction}"' in page_html
