"""Parallel pages in headless Chromium: columns side by side, the language picker, right to
left Arabic, and stacking on a narrow screen. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import browser_fixture, serve  # noqa: F401 (a fixture)
from conftest import FIXTURES, ROOT, BuiltSite, mkdocs, publish, read_articles

from generator.records import Story
from generator.rendering import side_by_side

pytestmark = pytest.mark.browser

playwright = pytest.importorskip("playwright.sync_api")
SHOTS = ROOT / "artifacts" / "screenshots"
SEED_STORY = "stories/kazakh-foreign-minister/parallel/"
RAILWAY = "stories/railway/parallel/"


@pytest.fixture(scope="module")
def base_url(parallel_site: BuiltSite) -> Iterator[str]:
    with serve(parallel_site.site) as url:
        yield url


def _open(browser: playwright.Browser, url: str, width: int = 1280) -> playwright.Page:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.wait_for_selector(".parallel-js")
    assert not errors
    return page


def _shown_row(page: playwright.Page, row: int) -> list[dict[str, object]]:
    """Language, direction and box of the cells of one row of the pair on display."""
    return page.evaluate(
        """(row) => {
            const pair = [...document.querySelectorAll('.parallel-pair')].find(p => !p.hidden);
            const cells = pair.querySelectorAll('.parallel-row')[row].children;
            return [...cells].map(c => {
                const box = c.getBoundingClientRect();
                return {lang: c.lang, dir: getComputedStyle(c).direction,
                        x: box.x, y: box.y, text: c.textContent};
            }).sort((a, b) => a.x - b.x || a.y - b.y);
        }""",
        row,
    )


def test_seed_story_shows_french_and_english_side_by_side(
    browser: playwright.Browser, base_url: str
) -> None:
    page = _open(browser, base_url + SEED_STORY)
    assert page.locator(".parallel-pair:visible").count() == 1
    left, right = _shown_row(page, 0)
    assert (left["lang"], right["lang"]) == ("en", "fr")
    assert left["y"] == right["y"] and left["x"] < right["x"]
    assert "Kazakh Foreign Minister" in str(left["text"])
    page.screenshot(path=str(SHOTS / "parallel-en-fr.png"), full_page=True)

    page.select_option('[data-side="left"]', "fr")  # the right one takes the left's place
    left, right = _shown_row(page, 3)
    assert (left["lang"], right["lang"]) == ("fr", "en")
    assert page.locator('[data-side="right"]').input_value() == "en"
    page.screenshot(path=str(SHOTS / "parallel-fr-en.png"))


def test_arabic_column_reads_right_to_left(browser: playwright.Browser, base_url: str) -> None:
    page = _open(browser, base_url + RAILWAY)
    page.select_option('[data-side="right"]', "ar")
    left, right = _shown_row(page, 1)
    assert (left["lang"], left["dir"]) == ("en", "ltr")
    assert (right["lang"], right["dir"]) == ("ar", "rtl")
    assert "ألماتي" in str(right["text"]) and "Almaty" in str(left["text"])
    page.screenshot(path=str(SHOTS / "parallel-en-ar.png"), full_page=True)


def test_narrow_screen_stacks_the_pair(browser: playwright.Browser, base_url: str) -> None:
    page = _open(browser, base_url + RAILWAY, width=390)
    page.select_option('[data-side="left"]', "ar")
    page.select_option('[data-side="right"]', "fr")
    first, second = _shown_row(page, 0)
    assert first["x"] == second["x"]
    upper, lower = sorted((first, second), key=lambda c: float(str(c["y"])))
    assert (upper["lang"], lower["lang"]) == ("ar", "fr")
    assert upper["dir"] == "rtl"
    page.screenshot(path=str(SHOTS / "parallel-narrow-ar-fr.png"), full_page=True)


def test_article_page_links_to_the_parallel_page(
    browser: playwright.Browser, base_url: str, parallel_site: BuiltSite
) -> None:
    manifest = json.loads((parallel_site.docs / "archive.json").read_text("utf-8"))
    story = next(s for s in manifest["stories"] if s["id"] == "railway")
    arabic = next(a["url"] for a in story["articles"] if a["lang"] == "ar")
    page = browser.new_page()
    page.goto(base_url + arabic)
    page.click(".parallel-link a")
    page.wait_for_selector(".parallel-js")
    assert page.url == base_url + RAILWAY


@pytest.fixture(scope="module")
def apart_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The railway story with its pairs' data in a file of its own, as a long story has."""
    base = tmp_path_factory.mktemp("apart")
    railway = read_articles(FIXTURES / "parallel", ["en.txt", "fr.txt", "ar.txt"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(side_by_side, "INLINE_BYTES", 0)
        publish((Story(id="railway", articles=railway),), base / "docs")
    mkdocs(base / "docs", base / "site")
    assert (base / "site" / RAILWAY / side_by_side.DATA_FILE).is_file()
    with serve(base / "site") as url:
        yield base / "site", url


def test_a_long_storys_pairs_come_from_their_file(
    browser: playwright.Browser, apart_site: tuple[Path, str]
) -> None:
    site, url = apart_site
    assert "parallel-data" in (site / RAILWAY / "index.html").read_text("utf-8")
    page = _open(browser, url + RAILWAY)
    page.select_option('[data-side="right"]', "ar")
    left, right = _shown_row(page, 1)
    assert (left["lang"], right["lang"], right["dir"]) == ("en", "ar", "rtl")
    assert "ألماتي" in str(right["text"])


def test_a_copy_opened_from_disk_says_why_other_pairs_are_missing(
    browser: playwright.Browser, apart_site: tuple[Path, str]
) -> None:
    site, _ = apart_site
    page = browser.new_page()
    page.goto((site / RAILWAY / "index.html").as_uri())
    page.wait_for_selector(".parallel-note:has-text('could not be loaded')")
    assert page.locator(".parallel-pair:visible").count() == 1  # the first pair, as HTML
