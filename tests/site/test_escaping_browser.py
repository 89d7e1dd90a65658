"""Every front-matter value that reaches a page is text in the browser, never markup.

One seed carries a hostile value in each field a page prints (title, author, source, its
own file name, the body); another carries hostile values in the fields that are validated
(date, story, lang), which must refuse the seed. The built site is opened in Chromium:
no dialog may open, and every value must read back literally where it is shown.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from browser import chromium, serve
from conftest import generate, mkdocs
from playwright.sync_api import Page

from generator.reading.frontmatter import parse_overrides

pytestmark = pytest.mark.browser

# Each breaks out of the attribute or element it is printed in, if printed raw.
TITLE = '"><script>alert("title-xss")</script> Hostile headline'
AUTHOR = '"><script>alert("author-xss")</script><meta x="'
# A valid http(s) URL (no space, a host) that closes an href and opens a tag.
SOURCE = 'https://news.example/a?q="><svg/onload=alert("source-xss")>&b=1'
BODY = '<img src=x onerror=alert("body-xss")> and </p><script>alert("p-xss")</script>'
NAME = "\"><svg onload=alert('name-xss')>.txt"  # the seed's file name: no "/" allowed
REFUSED = {
    "date": '"><script>alert("date-xss")</script>',
    "story": '"><script>alert("story-xss")</script>',
    "lang": '"><script>alert("lang-xss")</script>',
}


def _front(values: dict[str, str]) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, width=10_000) + "---\n"


@dataclass(frozen=True)
class Hostile:
    site: Path
    url: str  # the hostile article's page, relative to the site root
    story_url: str
    errors: dict[str, str]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    base = tmp_path_factory.mktemp("escaping")
    seeds = base / "seeds"
    seeds.mkdir()
    text = "A line that is plainly body text, with a full stop.\n" + BODY + "\n"
    front = _front({"title": TITLE, "author": AUTHOR, "source": SOURCE})
    (seeds / NAME).write_text(front + text, encoding="utf-8")
    (seeds / "refused.txt").write_text(_front(REFUSED) + text, encoding="utf-8")
    report = generate(seeds, base / "docs")
    mkdocs(base / "docs", base / "site")
    manifest = json.loads((base / "docs/archive.json").read_text(encoding="utf-8"))
    (story,) = manifest["stories"]
    (article,) = story["articles"]
    errors = {e.name: e.reason for e in report.errors}
    return Hostile(base / "site", article["url"], f"stories/{story['id']}/", errors)


@pytest.fixture(scope="module")
def tab(hostile: Hostile) -> Iterator[tuple[Page, str, list[str]]]:
    site = hostile.site
    # A page with a real script: proves this test sees a dialog when one opens.
    (site / "control.html").write_text("<script>alert('control')</script>", encoding="utf-8")
    dialogs: list[str] = []
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + "control.html")
        page.wait_for_timeout(200)
        assert dialogs == ["control"]
        dialogs.clear()
        yield page, url, dialogs


def test_validated_fields_refuse_hostile_values(hostile: Hostile) -> None:
    reason = hostile.errors["refused.txt"]
    assert all(f"{key}: " in reason for key in REFUSED), reason
    assert isinstance(parse_overrides(yaml.safe_dump({"source": "javascript:alert(1)"})), list)


def test_no_value_runs_as_script_on_any_page_showing_it(
    hostile: Hostile, tab: tuple[Page, str, list[str]]
) -> None:
    page, url, dialogs = tab
    lang_index = hostile.url.split("/")[0] + "/"
    for path in [hostile.url, hostile.story_url, lang_index, "stories/", ""]:
        page.goto(url + path)
    page.wait_for_timeout(200)
    assert dialogs == []


def test_each_value_reads_back_literally(
    hostile: Hostile, tab: tuple[Page, str, list[str]]
) -> None:
    page, url, dialogs = tab
    page.goto(url + hostile.url)
    assert page.inner_text("article h1") == TITLE
    assert page.title().startswith(TITLE)
    assert page.get_attribute('meta[name="author"]', "content") == AUTHOR
    assert page.locator("meta[x]").count() == 0  # the author did not open a tag of its own
    link = page.locator(".article-source a")
    assert link.count() == 1
    assert link.get_attribute("href") == SOURCE
    assert link.inner_text() == SOURCE
    assert link.get_attribute("rel") == "noopener nofollow"
    assert BODY in page.inner_text("article")
    assert page.locator("article script, article img, article svg").count() == 0
    assert dialogs == []
