"""Zensical (the `zensical` extra) builds the same docs as MkDocs, from the same mkdocs.yml:
every page's lang, dir, title, hreflang links and switcher as its front matter says
(scripts/check_pages.py, which the CI's zensical job runs), the same search, and links
that lead where MkDocs' do (scripts/check_links.py): Zensical resolves a relative link in
raw HTML from the Markdown file, the generator writes each page as its URL's `index.md`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SITE_URL, BuiltSite, copy_hand_written, mkdocs
from searchable import index_folder, load_script

from generator.records import Article, CleanText, Language, SeedText, Story, Title
from generator.rendering.files import plan_pages, render_indexes, render_pages
from generator.rendering.pagination import PAGE_ITEMS
from generator.rendering.side_by_side import render_index
from generator.writing.site import write_files

check_pages = load_script("check_pages")
check_links = load_script("check_links")
ZENSICAL = shutil.which("zensical", path=str(Path(__file__).resolve().parents[2] / ".venv/bin"))


def zensical_project(docs: Path, folder: Path) -> Path:
    """A copy of `docs` and of the project's overrides with its mkdocs.yml (its site_url
    set), in `folder`: Zensical takes folders inside its configuration's folder only."""
    shutil.copytree(docs, folder / "site_src")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "seeds").mkdir()  # mkdocs.yml watches it
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    lines = [
        f"site_url: {SITE_URL}" if line.startswith("site_url:") else line
        for line in text.splitlines()
    ]
    config = folder / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def zensical_build(docs: Path, folder: Path) -> Path:
    """`zensical build --strict` of `docs` with the project's configuration; the site."""
    if ZENSICAL is None:
        pytest.skip("Zensical is not installed (pip install -e '.[zensical]')")
    config = zensical_project(docs, folder)
    done = subprocess.run(
        [ZENSICAL, "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def zensical_site(grouped_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = zensical_build(grouped_site.docs, tmp_path_factory.mktemp("zensical"))
    index_folder(site)
    return site


def test_zensical_pages_show_what_their_front_matter_says(
    zensical_site: Path, grouped_site: BuiltSite
) -> None:
    assert check_pages.check_site(zensical_site, grouped_site.docs, SITE_URL) == []


def test_zensical_right_to_left_and_search(zensical_site: Path, grouped_site: BuiltSite) -> None:
    arabic = next(p for p in grouped_site.report.pages if p.article.lang.code == "ar")
    text = (zensical_site / arabic.url / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl"' in text and '<body dir="rtl"' in text
    assert 'class="site-search"' in text and "javascripts/bundle." not in text
    entry = (zensical_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"ar"' in entry and '"kk"' in entry


def test_the_home_page_lists_the_stories_with_either_engine(
    zensical_site: Path, grouped_site: BuiltSite
) -> None:
    """The list is in the generated index.md itself, not put there by a MkDocs hook."""
    for site in (zensical_site, grouped_site.site):
        home = (site / "index.html").read_text(encoding="utf-8")
        assert '<ul class="story-list">' in home and '<ul class="language-list">' in home
        assert 'href="stories/' in home and "&lt;!-- stories --&gt;" not in home


def test_the_check_sees_a_page_without_its_language(zensical_site: Path) -> None:
    """The check is not vacuous: Zensical's own templates give every page lang="en"."""
    seen = check_pages.read_page('<html lang="en" class="no-js"><title>x</title>')
    meta = {"lang": "fr", "title": "x", "versions": [{"lang": "fr", "url": "fr/x/"}]}
    problems = check_pages.check_page(meta, "fr/x.md", seen, None)
    assert any("lang" in p for p in problems) and any("hreflang" in p for p in problems)


def test_zensical_links_lead_where_they_do_with_mkdocs(
    zensical_site: Path, grouped_site: BuiltSite
) -> None:
    """Story, parallel and article pages (and their "Side by side" link) included."""
    assert check_links.check_site(zensical_site) == []
    assert check_links.check_site(grouped_site.site) == []


def _article(i: int, lang: str) -> Article:
    title = f"Headline {i:03} {lang}"
    seed = SeedText(f"{i:03}-{lang}.txt", title, "utf-8", "0" * 64)
    return Article(seed, Language(lang, 1.0), CleanText((title, "Body.")), Title(title, 0))


def test_numbered_list_pages_link_alike_with_both_engines(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The story list and a language index long enough for `page/<n>/`: two folders down."""
    stories = tuple(
        Story(f"s{i:03}", (_article(i, "fr"), *((_article(i, "en"),) if i % 2 else ())))
        for i in range(PAGE_ITEMS + 30)
    )
    docs = tmp_path_factory.mktemp("paged") / "docs"
    copy_hand_written(docs)
    pages = plan_pages(stories)
    files = {**render_pages(pages), **render_indexes(stories, pages), **render_index(())}
    write_files(docs, files)
    assert (docs / "stories/page/2/index.md").is_file() and (docs / "fr/page/2/index.md").is_file()
    built = docs.parent / "mkdocs-site"
    mkdocs(docs, built)
    for site in (built, zensical_build(docs, docs.parent / "zensical")):
        assert (site / "fr/page/2/index.html").is_file()
        assert check_links.check_site(site) == [], site
