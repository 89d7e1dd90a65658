"""Stage render: page text, escaping, URLs and the manifest."""

from __future__ import annotations

import html
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.incremental import cores
from generator.records import Article, CleanText, Language, Page, SeedText, Story, Title
from generator.rendering import files as files_module
from generator.rendering.files import plan_pages, render_pages
from generator.rendering.pages import escape, page_file, page_url, render_page, story_page_path


def _article(paragraphs: tuple[str, ...], title: str = "Title") -> Article:
    seed = SeedText(name="s.txt", text="\n".join(paragraphs), encoding="utf-8", sha256="0" * 64)
    return Article(
        seed=seed, lang=Language("en", 1.0), clean=CleanText(paragraphs), title=Title(title, None)
    )


def _render(paragraphs: tuple[str, ...], title: str = "Title") -> str:
    page = Page(
        article=_article(paragraphs, title), story_id="s", path="en/s/index.md", url="en/s/"
    )
    return render_page(page)


# Control characters (other than tab and line ends) are replaced, so they are left out here.
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r")))
def test_escape_round_trips(text: str) -> None:
    assert html.unescape(escape(text)) == text
    assert "<" not in escape(text) and ">" not in escape(text)


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "# Not a heading",
    "| a | b |",
    "* not a list",
    "{{ config }} {% include 'x' %}",
    '--8<-- "/etc/passwd"',
    "**bold** _em_ `code`",
]


def test_seed_text_stays_literal_through_markdown() -> None:
    text = _render(tuple(HOSTILE))
    body = text.split("---\n", 2)[2]
    rendered = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables"])
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<table" not in rendered and "<li>" not in rendered and "<strong>" not in rendered
    for line in HOSTILE:
        assert f"<p>{html.escape(line)}</p>" in rendered


def test_front_matter_is_yaml_whatever_the_title() -> None:
    title = 'a: "b" --- #c\n'
    front = _render(("body",), title).split("---\n")[1]
    # Themes print the title as HTML, so it is stored escaped and reads back unescaped.
    assert html.unescape(yaml.safe_load(front)["title"]) == title


def test_page_urls() -> None:
    assert page_url("fr/x.md") == "fr/x/"
    assert page_url("index.md") == ""
    assert page_url("fr/index.md") == "fr/"
    assert page_url(page_file("fr/x/")) == "fr/x/" and page_file("fr/x/") == "fr/x/index.md"
    assert page_url(story_page_path("index")) == "stories/_index/"  # as it always was


def _titled(name: str, lang: str, title: str) -> Article:
    seed = SeedText(name=name, text=title, encoding="utf-8", sha256="0" * 64)
    return Article(
        seed=seed, lang=Language(lang, 1.0), clean=CleanText((title,)), title=Title(title, None)
    )


def test_an_article_keeps_its_url_when_stories_are_regrouped() -> None:
    # Three articles with one headline; a new seed regroups them (b joins another story,
    # whose id sorts first): no page may take another's URL.
    a, b, c = (_titled(f"{n}.txt", "en", "Rally in Ohio") for n in "abc")
    fr = _titled("d.txt", "fr", "Meeting dans l'Ohio")
    before = plan_pages([Story("s1", (a,)), Story("s2", (b,)), Story("s3", (c,))])
    after = plan_pages([Story("s0", (b, fr)), Story("s1", (a,)), Story("s3", (c,))])
    paths = {p.article.name: p.path for p in before}
    assert {p.article.name: p.path for p in after if p.article.name in paths} == paths
    assert paths["a.txt"] == "en/rally-in-ohio/index.md"  # the first by seed name: the plain slug
    assert len(set(paths.values())) == 3


def test_pages_rendered_on_every_core_are_the_serial_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    langs = ("en", "fr", "kk", "ar")
    stories = [
        Story(
            f"s{i}",
            tuple(_titled(f"{i:02d}{lang}.txt", lang, f"Title {i} {lang}") for lang in langs),
        )
        for i in range(5)
    ]
    pages = plan_pages(stories)
    serial = render_pages(pages, {"s1": "parallel/s1.md"})
    pools: list[int] = []

    class Pool(cores.ProcessPoolExecutor):
        def __init__(self, workers: int, **options: Any) -> None:
            pools.append(workers)
            super().__init__(workers, **options)

    monkeypatch.setattr(files_module, "PAGES_SPREAD_FROM", 2)  # 20 pages: to the workers
    monkeypatch.setattr(cores, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(cores.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cores.threading, "active_count", lambda: 1)  # other tests' servers
    assert render_pages(pages, {"s1": "parallel/s1.md"}) == serial
    assert pools == [2]
    assert cores._INHERITED is None  # the workers' copy of the pages is not kept here
