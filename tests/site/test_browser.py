"""The built site in headless Chromium: switch language and back, search every script,
right-to-left Arabic, accessibility. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from browser import browser_fixture, page_fixture, serve  # noqa: F401 (fixtures)
from conftest import ROOT, TRANSLATED, BuiltSite
from playwright.sync_api import Page
from searchable import indexed

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
FR, EN = TRANSLATED


@pytest.fixture(scope="module")
def grouped_site(grouped_site: BuiltSite) -> BuiltSite:
    return indexed(grouped_site)


@pytest.fixture(scope="module")
def base_url(grouped_site: BuiltSite) -> Iterator[str]:
    with serve(grouped_site.site) as url:
        yield url


def _url_of(site: BuiltSite, seed: str) -> str:
    return next(p.url for p in site.report.pages if p.article.name == seed)


def _shot(tab: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_french_to_english_and_back(page: Page, base_url: str, grouped_site: BuiltSite) -> None:
    fr, en = _url_of(grouped_site, FR), _url_of(grouped_site, EN)
    page.goto(base_url + fr)
    assert page.evaluate("document.documentElement.lang") == "fr"
    _shot(page, "article-fr")
    page.click('nav.lang-switcher a[hreflang="en"]')
    page.wait_for_url(base_url + en)
    assert page.evaluate("document.documentElement.lang") == "en"
    _shot(page, "article-en")
    page.click('nav.lang-switcher a[hreflang="fr"]')
    page.wait_for_url(base_url + fr)


SEARCHES = [
    ("Tileuberdi", "001_38ad4a385a39e8e7.txt"),  # English
    ("Гутерриш", "002_8976b4f3f2e009c9.txt"),  # Kazakh text has "Гутерришпен"
    ("Тоқаев", "002_8976b4f3f2e009c9.txt"),  # Kazakh letter қ
    ("сөйлесті", "002_8976b4f3f2e009c9.txt"),  # Kazakh letter ө
    ("وانغ", "004_7f709111a102fe8d.txt"),  # Arabic
    ("declaration", "003_6bde35b42e76ada8.txt"),  # French "déclaration", typed without accent
    ("déclaration", "003_6bde35b42e76ada8.txt"),
    ("initiative", "000_c3a19952f2159eca.txt"),  # French "l’initiative": elision split off
]


@pytest.mark.parametrize(("query", "seed"), SEARCHES)
def test_search_reaches_the_page(
    page: Page, base_url: str, grouped_site: BuiltSite, query: str, seed: str
) -> None:
    target = _url_of(grouped_site, seed)
    page.goto(base_url)  # the home page is English: search every language
    page.click("input.site-search__input")
    page.click('.site-search__scope button[data-scope="all"]')
    page.fill("input.site-search__input", query)
    link = page.locator(f'.site-search__results a[href*="/{target}"]').first
    link.wait_for(timeout=15_000)
    if seed != "000_c3a19952f2159eca.txt":
        _shot(page, f"search-{query}")
    link.click()
    page.wait_for_url(base_url + target + "*")


LANGUAGE_SEARCHES = [
    # The French article 000 also says "Tileuberdi": searching English pages must not show it.
    ("en", "Tileuberdi", "001_38ad4a385a39e8e7.txt"),
    ("fr", "declaration", "003_6bde35b42e76ada8.txt"),
    ("kk", "Гутерриш", "002_8976b4f3f2e009c9.txt"),
    ("ar", "وانغ", "004_7f709111a102fe8d.txt"),
]


@pytest.mark.parametrize(("lang", "query", "seed"), LANGUAGE_SEARCHES)
def test_search_limited_to_one_language(
    page: Page, base_url: str, grouped_site: BuiltSite, lang: str, query: str, seed: str
) -> None:
    """A language's index page searches its language (the header's box, by default)."""
    page.goto(f"{base_url}{lang}/")
    page.click("input.site-search__input")
    page.fill("input.site-search__input", query)
    target = _url_of(grouped_site, seed)
    results = page.locator(".site-search__results a")
    results.first.wait_for(timeout=15_000)
    hrefs = [a.get_attribute("href") or "" for a in results.all()]
    assert hrefs and all(h.startswith(f"/{lang}/") for h in hrefs), hrefs
    assert f"/{target}" in hrefs
    _shot(page, f"language-search-{lang}")
    page.locator(f'.site-search__results a[href="/{target}"]').click()
    page.wait_for_url(base_url + target)


def test_arabic_reads_right_to_left_and_navigation_works(
    page: Page, base_url: str, grouped_site: BuiltSite
) -> None:
    page.goto(base_url + _url_of(grouped_site, "004_7f709111a102fe8d.txt"))
    direction = "getComputedStyle(document.querySelector('article p')).direction"
    assert page.evaluate(direction) == "rtl"
    assert page.evaluate("document.documentElement.dir") == "rtl"
    _shot(page, "article-ar")
    page.click('.md-sidebar--primary a[href$="stories/"]')
    page.wait_for_url(base_url + "stories/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"


def test_left_to_right_pages_stay_left_to_right(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    _shot(page, "home")


@pytest.mark.parametrize(
    "seed", [None, FR, "004_7f709111a102fe8d.txt", "002_8976b4f3f2e009c9.txt", "fr/", "stories/"]
)
def test_no_serious_accessibility_violations(
    page: Page, base_url: str, grouped_site: BuiltSite, seed: str | None
) -> None:
    url = seed if seed and seed.endswith("/") else _url_of(grouped_site, seed) if seed else ""
    page.goto(base_url + url)
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], results.generate_report()
