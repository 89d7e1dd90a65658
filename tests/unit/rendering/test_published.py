"""`seeds/urls.yml`: a published page keeps its URL when the slug rule or its title changes;
a bad record is reported and set aside, never trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.config import Config
from generator.records import Article, CleanText, Language, SeedText, Story, Title
from generator.rendering.files import plan_pages
from generator.rendering.published import (
    dump_published,
    load_published,
    published_of,
    recorded,
)
from generator.writing.site import write_files


def _article(name: str, lang: str, title: str) -> Article:
    seed = SeedText(name, f"{title}\nBody.", "utf-8", "0" * 64)
    return Article(seed, Language(lang, 1.0), CleanText(("Body.",)), Title(title, None))


STORY = Story(
    "s1",
    (
        _article("a.txt", "kk", "Қазақстан әлемде"),
        _article("b.txt", "ar", "وزير الخارجية"),
        _article("c.txt", "en", "Paris summit"),
    ),
)


def test_a_recorded_page_keeps_its_url_and_its_slug_is_not_given_again() -> None:
    recorded = {"a.txt": "kk/kazakstan-lemde/", "gone.txt": "en/paris-summit/"}
    paths = {p.article.name: p.path for p in plan_pages([STORY], published=recorded)}
    assert paths["a.txt"] == "kk/kazakstan-lemde/index.md"  # the slug rule of its day
    assert paths["b.txt"] == "ar/وزير-الخارجية/index.md"
    assert paths["c.txt"] == "en/paris-summit/index.md"  # a removed seed's record holds nothing


def test_two_seeds_recorded_at_one_slug_keep_it_for_the_first_only() -> None:
    recorded = {"a.txt": "kk/same/", "c.txt": "en/same/"}
    paths = {p.article.name: p.path for p in plan_pages([STORY], published=recorded)}
    assert paths["a.txt"] == "kk/same/index.md" and paths["c.txt"] == "en/paris-summit/index.md"


def test_the_record_reads_back_what_it_wrote(tmp_path: Path) -> None:
    urls = {"b.txt": "ar/وزير-الخارجية/", "a.txt": "kk/qazaqstan-alemde/"}
    (tmp_path / "urls.yml").write_text(dump_published(urls), encoding="utf-8")
    assert load_published(tmp_path / "urls.yml") == (urls, ())
    assert load_published(tmp_path / "none.yml") == ({}, ())


@pytest.mark.parametrize(
    "urls",
    [
        {},
        {"b.txt": "ar/وزير-الخارجية/", "a.txt": "kk/qazaqstan-alemde/"},
        {"z: odd.txt": "en/x/", "q'uote\".txt": "en/index/", "sub/c.txt": "stories/x/"},
    ],
)
def test_what_a_build_remembers_of_its_record_is_what_the_record_reads_back_as(
    urls: dict[str, str],
) -> None:
    """The build stores `recorded`'s reading of the URLs it wrote as the memo of the file's
    text (`build.py`): the next build takes it instead of parsing the file."""
    text, known = recorded(urls)
    assert known == published_of(text) and text == dump_published(urls)


def test_a_record_of_a_page_file_reads_as_its_url(tmp_path: Path) -> None:
    """Records made when pages were `<lang>/<slug>.md` keep those pages at their URLs."""
    (tmp_path / "urls.yml").write_text(
        "a.txt: kk/qazaqstan-alemde.md\nb.txt: ar/وزير-الخارجية/index.md\n", encoding="utf-8"
    )
    urls = {"a.txt": "kk/qazaqstan-alemde/", "b.txt": "ar/وزير-الخارجية/"}
    assert load_published(tmp_path / "urls.yml") == (urls, ())
    pages = plan_pages([STORY], published=urls)
    assert {p.article.name: p.url for p in pages if p.article.name in urls} == urls


@pytest.mark.parametrize(
    "page",
    [
        "../outside.md",
        "en/../../x.md",
        "/etc/passwd.md",
        "en/index.md",  # the language's index page
        "en/",
        "en/index/",
        "stories/s1.md",  # the generator's own folder
        "stories/s1/",
        "en/a b.md",
        "en/page.html",
        "en/page",
        "EN/page.md",
        "en/sub/page.md",
        "en/sub/page/",
        "x" * 300 + "/a.md",
        42,
    ],
)
def test_a_path_that_is_no_page_url_is_reported_and_set_aside(tmp_path: Path, page: object) -> None:
    (tmp_path / "urls.yml").write_text(
        dump_published({"ok.txt": "en/ok/"}) + f"bad.txt: {page!r}\n", encoding="utf-8"
    )
    found, problems = load_published(tmp_path / "urls.yml")
    assert found == {"ok.txt": "en/ok/"}
    assert len(problems) == 1 and "bad.txt" in problems[0]


def test_a_file_that_cannot_be_read_is_reported_and_left_as_it_is(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Paris summit opens\n\nThe leaders met today.\n", "utf-8")
    (seeds / "urls.yml").write_text("a.txt: [unclosed\n", encoding="utf-8")
    report = build(Config(seeds=seeds, out=tmp_path / "docs", strict=False))
    assert any("urls.yml: cannot read" in w for w in report.warnings)
    assert (seeds / "urls.yml").read_text(encoding="utf-8") == "a.txt: [unclosed\n"


def test_a_build_records_each_page_and_a_new_title_does_not_move_it(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Paris summit opens\n\nThe leaders met today.\n", "utf-8")
    first = build(Config(seeds=seeds, out=docs, strict=False))
    (page,) = first.pages
    assert load_published(seeds / "urls.yml") == ({"a.txt": page.url}, ())
    assert page.path == page.url + "index.md"
    (seeds / "a.txt").write_text("Summit ends in Paris\n\nThe leaders met today.\n", "utf-8")
    (again,) = build(Config(seeds=seeds, out=docs, strict=False)).pages
    assert again.path == page.path and again.article.title.text == "Summit ends in Paris"


def test_a_build_over_the_earlier_layout_keeps_every_url_and_leaves_no_old_page(
    tmp_path: Path,
) -> None:
    """Pages were `<lang>/<slug>.md`, recorded so: a build keeps their URLs, records them as
    URLs and removes the old files (MkDocs would otherwise see two pages at one URL)."""
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Paris summit opens\n\nThe leaders met today.\n", "utf-8")
    (seeds / "urls.yml").write_text("a.txt: en/an-older-slug.md\n", encoding="utf-8")
    old = {"en/an-older-slug.md": "old", "stories/paris-summit-opens.md": "old"}
    write_files(docs, old)
    (page,) = build(Config(seeds=seeds, out=docs, strict=False)).pages
    assert (page.path, page.url) == ("en/an-older-slug/index.md", "en/an-older-slug/")
    assert load_published(seeds / "urls.yml") == ({"a.txt": "en/an-older-slug/"}, ())
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert not pages & set(old) and all(p.endswith("index.md") for p in pages)
