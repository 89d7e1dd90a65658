"""Nothing in a seed becomes code or markup, and nothing in it can write outside the output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from browser import chromium, serve
from conftest import generate, mkdocs
from searchable import index_folder

import generator.build as build_module
from generator.build import build
from generator.config import Config
from generator.incremental.memo import Memo
from generator.records import Article, CleanText, Language, Page, SeedText, Story, Title
from generator.rendering.files import plan_pages
from generator.rendering.pages import render_page
from generator.writing.site import write_files

HOSTILE_LINES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">click</a>',
    "[click me](javascript:alert(4))",
    "# Not a heading",
    "| a | b |",
    "|---|---|",
    "* not a list",
    "1. not a list either",
    "{{ config.site_name }} {% include 'base.html' %}",
    '--8<-- "/etc/passwd"',
    '--8<-- "secret.md"',
    "<!-- not a comment -->",
    "<style>body{display:none}</style>",
    "&lt;already escaped&gt; &amp;",
]
# Editor front matter (issue 9): valid hostile values are escaped; invalid ones fail the seed.
FRONT_MATTER = '---\ntitle: "<script>alert(5)</script> Front headline"\nauthor: "<b>x</b>"\n---\n'
EVIL_FRONT_MATTER = (
    "---\n"
    "lang: ../../x\n"
    "story: ../../x\n"
    'source: "javascript:alert(6)"\n'
    "author: !!python/object/apply:os.system ['touch /tmp/generator-pwned']\n"
    "---\n"
)
SEED = "<img src=x onerror=alert(7)> Hostile headline\n" + "\n".join(HOSTILE_LINES)


def _page(paragraphs: tuple[str, ...], title: str) -> Page:
    seed = SeedText(name="s.txt", text="\n".join(paragraphs), encoding="utf-8", sha256="0" * 64)
    article = Article(seed, Language("en", 1.0), CleanText(paragraphs), Title(title, None))
    return Page(article=article, story_id="s", path="en/s.md", url="en/s/")


def _markdown(source: str, base: Path) -> str:
    """Python-Markdown with the extensions a Material site typically turns on."""
    body = source.split("---\n", 2)[2]
    return markdown.markdown(
        body,
        extensions=["attr_list", "md_in_html", "tables", "abbr", "pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(base)], "check_paths": False}},
    )


def test_hostile_lines_render_as_literal_text(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("TOP SECRET", encoding="utf-8")
    rendered = _markdown(render_page(_page(tuple(HOSTILE_LINES), HOSTILE_LINES[0])), tmp_path)
    for tag in ["<script", "<img", "<a ", "<table", "<li>", "<h1>#", "<style", "<!--"]:
        assert tag not in rendered
    assert "TOP SECRET" not in rendered and "root:" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "&amp;lt;already escaped&amp;gt; &amp;amp;" in rendered


def test_a_paragraph_with_blank_lines_cannot_leave_its_html_block(tmp_path: Path) -> None:
    # A later clean stage may join lines; a blank line must not end the raw HTML block.
    rendered = _markdown(render_page(_page(("a\n\n# h\n\n* l\n\n--8<-- 'x'",), "t\n\nx")), tmp_path)
    assert "<h1>h</h1>" not in rendered and "<li>" not in rendered


def test_a_language_code_from_an_override_cannot_make_a_folder() -> None:
    page = _page(("body",), "Title")
    article = Article(
        page.article.seed,
        Language("../../x", 1.0, "editor"),
        page.article.clean,
        page.article.title,
    )
    (planned,) = plan_pages([Story(id="../../x", articles=(article,))])
    assert planned.path == "x/title/index.md"


def test_paths_that_climb_out_are_reported_not_written(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    skipped = write_files(out, {"../../escape.md": "x", "stories/../../y.md": "y", "en/a.md": "a"})
    assert [s.path for s in skipped] == ["../../escape.md", "stories/../../y.md"]
    assert not (tmp_path / "escape.md").exists() and not (tmp_path.parent / "escape.md").exists()
    assert (out / "en/a.md").is_file()


def test_a_link_inside_the_output_cannot_lead_outside(tmp_path: Path) -> None:
    out, outside = tmp_path / "docs", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "en").symlink_to(outside, target_is_directory=True)
    skipped = write_files(out, {"en/a.md": "a"})
    assert [s.path for s in skipped] == ["en/a.md"]
    assert not any(outside.iterdir())


def test_a_bad_page_path_fails_one_seed_and_the_build_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = build_module.plan_pages

    def plan(stories: tuple[Story, ...], memo: Memo, *rest: Any) -> tuple[Page, ...]:
        pages = real(stories, memo, *rest)
        bad = pages[0]
        return (Page(bad.article, bad.story_id, "../../escape.md", "x/"), *pages[1:])

    monkeypatch.setattr(build_module, "plan_pages", plan)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("First article\nIts text.", encoding="utf-8")
    (seeds / "b.txt").write_text("Second article\nIts text.", encoding="utf-8")
    report = build(Config(seeds=seeds, out=tmp_path / "docs", strict=False))
    assert [e.name for e in report.errors] == ["a.txt"]
    assert "outside the output folder" in report.errors[0].reason
    assert [p.article.name for p in report.pages] == ["b.txt"]
    assert not (tmp_path / "escape.md").exists() and not (tmp_path.parent / "escape.md").exists()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    seeds = base / "seeds"
    seeds.mkdir()
    (seeds / "hostile.txt").write_text(SEED, encoding="utf-8")
    # The cleaner would take these odd short lines for page chrome; the editor keeps them, so
    # every hostile line reaches the page.
    keep = {"keep": {"*": SEED.splitlines()}}
    (seeds / "boilerplate.yml").write_text(yaml.safe_dump(keep, allow_unicode=True), "utf-8")
    (seeds / "front.txt").write_text(FRONT_MATTER + SEED.replace("Hostile", "Other"), "utf-8")
    (seeds / "evil.txt").write_text(EVIL_FRONT_MATTER + SEED.replace("Hostile", "Evil"), "utf-8")
    # Without front matter the first line is the title: Material prints titles as HTML.
    title = "<img src=x onerror=alert(8)> Headline\nBody <script>alert(9)</script>"
    (seeds / "title.txt").write_text(title, encoding="utf-8")
    (seeds / "plain.txt").write_text("A plain article\nWith a line of text.", encoding="utf-8")
    report = generate(seeds, base / "docs")
    assert [e.name for e in report.errors] == ["evil.txt"]
    assert not Path("/tmp/generator-pwned").exists()
    mkdocs(base / "docs", base / "site")
    index_folder(base / "site")  # the search step, as after every build
    return base


def _article_pages(base: Path) -> list[str]:
    manifest = json.loads((base / "docs/archive.json").read_text(encoding="utf-8"))
    return [str(a["url"]) for story in manifest["stories"] for a in story["articles"]]


def test_the_built_site_has_no_markup_from_the_seed(hostile_site: Path) -> None:
    for url in _article_pages(hostile_site):
        page = (hostile_site / "site" / url / "index.html").read_text(encoding="utf-8")
        for needle in ["<script>alert", "<img src=x", 'href="javascript:', "<style>body"]:
            assert needle not in page
        assert "root:x:0:0" not in page
    assert not Path("/tmp/generator-pwned").exists()
    assert (hostile_site / "site/pagefind/pagefind-entry.json").is_file()


@pytest.fixture(scope="module")
def served(hostile_site: Path) -> Iterator[str]:
    site = hostile_site / "site"
    # A control page with a real script: proves the browser test can see a dialog.
    (site / "control.html").write_text("<script>alert('control')</script>", encoding="utf-8")
    with serve(site) as url:
        yield url


@pytest.mark.browser
def test_no_script_from_a_seed_runs_in_a_browser(served: str, hostile_site: Path) -> None:
    pytest.importorskip("playwright.sync_api")
    dialogs: list[str] = []
    with chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served + "control.html")
        page.wait_for_timeout(300)
        assert dialogs == ["control"]
        dialogs.clear()
        texts = []
        for url in _article_pages(hostile_site):
            page.goto(served + url, wait_until="networkidle")
            page.wait_for_timeout(300)
            texts.append(page.inner_text("article"))
        text = "\n".join(texts)
        # Search results are put in the page: titles and excerpts must stay text too.
        page.click("input.site-search__input")
        page.keyboard.type("Hostile")
        page.wait_for_selector(".site-search__results a", timeout=10_000)
        results = page.inner_text(".site-search__results")
        page.wait_for_timeout(300)
    assert dialogs == []
    assert "Hostile headline" in results
    assert all(line in text for line in HOSTILE_LINES[:4])  # shown as literal text
