"""The five seeds become five pages, a manifest and a strict MkDocs site."""

from __future__ import annotations

import html
import json
import re

from conftest import BuiltSite

EXPECTED_LANGS = {
    "000_c3a19952f2159eca.txt": "fr",
    "001_38ad4a385a39e8e7.txt": "en",
    "002_8976b4f3f2e009c9.txt": "kk",
    "003_6bde35b42e76ada8.txt": "fr",
    "004_7f709111a102fe8d.txt": "ar",
}


def _articles(site: BuiltSite) -> list[dict[str, str]]:
    manifest = json.loads((site.docs / "archive.json").read_text(encoding="utf-8"))
    return [a for story in manifest["stories"] for a in story["articles"]]


def test_every_seed_is_a_page_with_its_language(seed_site: BuiltSite) -> None:
    articles = _articles(seed_site)
    assert {a["seed"]: a["lang"] for a in articles} == EXPECTED_LANGS
    assert not seed_site.report.errors
    assert len({a["page"] for a in articles}) == 5


def test_manifest_points_at_real_pages(seed_site: BuiltSite) -> None:
    for article in _articles(seed_site):
        assert (seed_site.docs / article["page"]).is_file()
        assert (seed_site.site / article["url"] / "index.html").is_file()


def test_each_built_page_carries_its_title(seed_site: BuiltSite) -> None:
    for article in _articles(seed_site):
        page = (seed_site.site / article["url"] / "index.html").read_text(encoding="utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
        assert heading is not None
        assert html.unescape(heading.group(1)).strip() == article["title"]
        assert f"<title>{html.escape(article['title'])}" in page.replace("&#39;", "&#x27;")


def test_manifest_is_published_with_the_site(seed_site: BuiltSite) -> None:
    published = json.loads((seed_site.site / "archive.json").read_text(encoding="utf-8"))
    assert published == json.loads((seed_site.docs / "archive.json").read_text(encoding="utf-8"))
