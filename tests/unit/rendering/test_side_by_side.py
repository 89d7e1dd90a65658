"""Parallel reading pages: which stories get one, what they hold, and the built site."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from conftest import FIXTURES, BuiltSite, read_articles

from generator.incremental import cores
from generator.incremental.cache import Cache
from generator.incremental.memo import Memo
from generator.records import Article, CleanText, Language, SeedText, Story, Title
from generator.rendering import files as files_module
from generator.rendering import side_by_side
from generator.rendering.align import Bead
from generator.rendering.files import plan_pages, render_parallel_pages
from generator.rendering.pages import render_page
from generator.rendering.side_by_side import (
    DATA_FILE,
    INDEX,
    Row,
    data_apart,
    parallel_data_path,
    parallel_path,
    parallel_urls,
    render_index,
    rows_of,
)


def _article(name: str, lang: str, title: str, paragraphs: tuple[str, ...]) -> Article:
    seed = SeedText(name=name, text="", encoding="utf-8", sha256="0" * 64)
    return Article(seed, Language(lang, 1.0), CleanText((title, *paragraphs)), Title(title, 0))


@pytest.fixture(scope="module")
def railway() -> Story:
    articles = read_articles(FIXTURES / "parallel", ["en.txt", "fr.txt", "ar.txt"])
    assert [a.lang.code for a in articles] == ["en", "fr", "ar"]
    return Story(id="railway", articles=articles)


@pytest.fixture(scope="module")
def railway_page(railway: Story) -> str:
    files = render_parallel_pages([railway], plan_pages([railway]))
    return files[parallel_path("railway")]


def _data(page: str) -> dict[str, Any]:
    """The versions and the pairs after the first, as the page's script receives them."""
    found = re.search(r'<script type="application/json" class="parallel-data">(.*?)</script>', page)
    assert found, "no pair data in the page"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def _rows(page: str, left: str, right: str) -> list[tuple[str, str]]:
    """(left text, right text) of each row of the pair, tags stripped: from its section when
    the page has it as HTML, else from the data the script builds it from (title row first)."""
    if f'data-left="{left}" data-right="{right}"' not in page:
        data = _data(page)
        langs = [v["lang"] for v in data["versions"]]
        pair = next(
            p for p in data["pairs"] if (langs[p["left"]], langs[p["right"]]) == (left, right)
        )
        a, b = data["versions"][pair["left"]], data["versions"][pair["right"]]
        rows = [(a["title"], b["title"])]
        return rows + [
            (" ".join(a["sentences"][i] for i in x), " ".join(b["sentences"][j] for j in y))
            for x, y, _ in pair["rows"]
        ]
    section = re.search(
        rf'<section class="parallel-pair" data-left="{left}" data-right="{right}".*?</section>',
        page,
        re.S,
    )
    assert section, (left, right)
    rows = re.findall(
        r'<div class="parallel-row[^"]*">(<div class="parallel-cell.*?</div>)'
        r'(<div class="parallel-cell.*?</div>)</div>',
        section.group(0),
    )
    strip = lambda cell: html.unescape(re.sub(r"<[^>]+>", "", cell))  # noqa: E731
    return [(strip(a), strip(b)) for a, b in rows]


def test_only_stories_in_two_languages_get_a_page(railway: Story) -> None:
    alone = Story(id="alone", articles=(railway.articles[0],))
    assert parallel_urls([railway, alone]) == {"railway": "stories/railway/parallel/"}
    files = render_parallel_pages([alone], plan_pages([alone]))
    assert set(files) == {INDEX}
    assert "No story is available in two languages yet." in files[INDEX]


def test_the_index_of_a_large_archive_goes_on_to_more_pages(railway: Story) -> None:
    stories = [
        Story(f"s{i:04}", (_article(f"{i}.en", "en", f"<T{i}>", ("A.",)), railway.articles[1]))
        for i in range(1_500)
    ]
    files = render_index(stories)
    assert INDEX in files and "parallel/page/2/index.md" in files
    assert max(len(text.encode()) for text in files.values()) < 100_000
    links = [re.findall(r'<li><a href="([^"]+)">', text) for text in files.values()]
    assert sum(map(len, links)) == len(stories)
    assert links[0][0] == "../stories/s0000/parallel/"
    assert links[1][0].startswith("../../../stories/s0")
    assert "&lt;T0&gt;" in files[INDEX] and "<T0>" not in files[INDEX]
    second = files["parallel/page/2/index.md"]
    assert "title: Parallel reading · Page 2" in second and 'rel="prev"' in second


def test_every_pair_of_languages_is_there_the_first_as_html(railway_page: str) -> None:
    sections = re.findall(r"<section [^>]*>", railway_page)
    assert [(s.split('"')[3], s.split('"')[5], "hidden" in s) for s in sections] == [
        ("en", "fr", False)
    ]
    data = _data(railway_page)
    langs = [v["lang"] for v in data["versions"]]
    assert langs == ["en", "fr", "ar"]
    assert [(langs[p["left"]], langs[p["right"]]) for p in data["pairs"]] == [
        ("en", "ar"),
        ("fr", "ar"),
    ]
    # Each version's text is in the page once, not once per pair it belongs to.
    assert railway_page.count("The first train left on Monday morning.") == 2  # HTML, data


def test_a_story_in_two_languages_needs_no_data() -> None:
    story = Story(
        id="s",
        articles=(
            _article("a.txt", "en", "Title", ("Text.",)),
            _article("b.txt", "fr", "Titre", ("Texte.",)),
        ),
    )
    page = render_parallel_pages([story], plan_pages([story]))
    assert "parallel-data" not in page[parallel_path("s")]


def test_sentences_are_aligned_with_merges_and_missing_ones(railway_page: str) -> None:
    rows = _rows(railway_page, "en", "fr")
    assert rows[0][0].startswith("Kazakhstan opens") and rows[0][1].startswith("Le Kazakhstan")
    assert rows[1:] == [
        (
            "The new railway line connects Almaty with the port of Aktau. "
            "It is 1,200 kilometres long.",
            "La nouvelle ligne relie Almaty au port d'Aktaou, "
            "sur une longueur de 1 200 kilomètres.",
        ),
        ("The first train left on Monday morning.", "Le premier train est parti lundi matin."),
        (
            "Officials said it carried grain and cotton.",
            "Selon les responsables, il transportait des céréales et du coton.",
        ),
        ("", "Partagez cet article sur Facebook et Twitter !"),
        (
            "The government hopes that trade with Europe will double by 2030.",
            "Le gouvernement espère que le commerce avec l'Europe doublera d'ici 2030.",
        ),
    ]
    assert len(_rows(railway_page, "en", "ar")) == 6  # title + five 1-1 sentence pairs


def test_cells_carry_language_and_direction(railway_page: str) -> None:
    cells = re.findall(r'<div class="parallel-cell[^"]*" ([^>]*)>', railway_page)
    assert cells
    for attrs in cells:
        lang = re.search(r'lang="(\w+)"', attrs)
        assert lang, attrs
        expected = "rtl" if lang.group(1) == "ar" else "ltr"
        assert f'dir="{expected}"' in attrs
    versions = _data(railway_page)["versions"]
    assert [(v["lang"], v["dir"]) for v in versions] == [
        ("en", "ltr"),
        ("fr", "ltr"),
        ("ar", "rtl"),
    ]


def test_page_is_excluded_from_search_and_links_each_article(railway_page: str) -> None:
    front = railway_page.split("---\n")[1]
    assert "search:\n  exclude: true" in front
    for link in ("../../../en/", "../../../fr/", "../../../ar/"):
        assert f'<a href="{link}' in railway_page


def test_seed_text_is_escaped() -> None:
    hostile = "<script>alert(1)</script> & <b>bold</b>."
    story = Story(
        id="s",
        articles=(
            _article("a.txt", "en", "Title <i>", (hostile,)),
            _article("b.txt", "fr", "Titre", ("Texte.",)),
        ),
    )
    page = render_parallel_pages([story], plan_pages([story]))
    _, front, body = page[parallel_path("s")].split("---\n", 2)
    text = body + page[INDEX]
    assert "<script>" not in text and "<b>" not in text and "<i>" not in text
    assert html.escape(hostile) in text
    assert yaml.safe_load(front)["title"] == "Side by side: Title <i>"  # the theme escapes it


def test_article_pages_link_their_parallel_page(railway: Story) -> None:
    urls = parallel_urls([railway])
    page = plan_pages([railway])[0]
    text = render_page(page, parallel=urls["railway"])
    assert "parallel: stories/railway/parallel/" in text
    assert 'href="../../stories/railway/parallel/"' in text
    assert "parallel" not in render_page(page)


def test_confident_beads_are_rows_and_a_weak_run_is_one_block() -> None:
    beads = [
        Bead((0,), (0,), 0.3),
        Bead((1,), (), 0.55),
        Bead((), (1,), 0.55),
        Bead((2,), (2,), 1.4),
        Bead((3, 4), (3,), 0.5),
    ]
    assert rows_of(beads) == (
        Row((0,), (0,), loose=False),
        Row((1, 2), (1, 2), loose=True),
        Row((3, 4), (3,), loose=False),
    )


def test_the_seed_story_aligns_french_and_english(parallel_site: BuiltSite) -> None:
    page = (parallel_site.docs / parallel_path("kazakh-foreign-minister")).read_text("utf-8")
    rows = _rows(page, "en", "fr")
    assert (
        "The sides called for greater investments in building quality healthcare "
        "infrastructure and supporting frontline workers.",
        "Les parties ont appelé à davantage d'investissements dans la construction "
        "d'infrastructures de soins de santé de qualité et le soutien aux travailleurs de "
        "première ligne.",
    ) in rows
    english = [r[0] for r in rows[1:] if r[0]]
    assert "In his remarks, Tileuberdi stressed" in " ".join(english)


def test_built_site_has_the_pages_linked_and_unsearchable(parallel_site: BuiltSite) -> None:
    site = parallel_site.site
    assert (site / "stories/railway/parallel/index.html").is_file()
    assert not (site / "stories/arabic-alone/parallel/index.html").exists()
    index = (site / "parallel/index.html").read_text("utf-8")
    assert 'href="../stories/railway/parallel/"' in index
    # Search indexes what is marked as an article's body: never a side-by-side page.
    parallel = (site / "stories/railway/parallel/index.html").read_text("utf-8")
    assert "data-pagefind-body" not in parallel
    english = next(site.glob("en/*/index.html")).read_text("utf-8")
    assert "data-pagefind-body" in english
    manifest = json.loads((parallel_site.docs / "archive.json").read_text("utf-8"))
    for story in manifest["stories"]:
        for article in story["articles"]:
            built = Path(site / article["url"] / "index.html").read_text("utf-8")
            has_link = "stories/" + story["id"] + "/parallel/" in built
            assert has_link == (len(story["articles"]) > 1), article["url"]


class _Recording:
    """An encoder that embeds by letter counts and remembers what it was asked."""

    name, dim = "recording", 26

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += texts
        rows = [[t.lower().count(c) + 0.1 for c in "abcdefghijklmnopqrstuvwxyz"] for t in texts]
        matrix = np.asarray(rows, dtype=np.float32).reshape(-1, self.dim)
        normalised: np.ndarray = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
        return normalised


def test_a_rebuild_aligns_only_the_stories_that_changed(railway: Story) -> None:
    memo = Memo(Cache(None))
    en = _article("o-en.txt", "en", "Grain harvest", ("The harvest was large this year.",))
    fr = _article("o-fr.txt", "fr", "La récolte", ("La récolte a été grande cette année.",))
    ar = _article("o-ar.txt", "ar", "الحصاد", ("كان الحصاد كبيرا هذا العام.",))

    def render(other: Story, encoder: _Recording) -> dict[str, str]:
        stories = [railway, other]
        return render_parallel_pages(stories, plan_pages(stories), encoder, memo=memo)

    first, again, third = _Recording(), _Recording(), _Recording()
    before = render(Story("other", (en, fr)), first)
    assert first.seen  # both stories aligned
    assert render(Story("other", (en, fr)), again) == before
    assert again.seen == []  # nothing changed: nothing embedded
    after = render(Story("other", (en, ar)), third)
    assert after[parallel_path("railway")] == before[parallel_path("railway")]
    assert after[parallel_path("other")] != before[parallel_path("other")]
    # Railway's page and pairs once; the other story's page twice (it changed), but its
    # second page aligned only its new pair.
    railway_pairs = len(railway.articles) * (len(railway.articles) - 1) // 2
    assert memo.computed == {"parallel_page": 3, "aligned_rows": railway_pairs + 2}
    fourth = _Recording()
    render(Story("other", (en, fr, ar)), fourth)  # en-fr and en-ar are known: fr-ar is not
    assert fourth.seen == []  # and its sentences' vectors are
    assert memo.computed == {"parallel_page": 4, "aligned_rows": railway_pairs + 3}


def test_a_page_read_back_keeps_its_pairs_for_the_story_to_grow(
    railway: Story, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Build 1 aligns en-fr; build 2 reads the page back, aligns nothing and sweeps what it
    # did not use; build 3, with Arabic added, must align only the two pairs with Arabic.
    monkeypatch.setattr("generator.incremental.cache.SLACK", 0.0)
    en, fr, _ = railway.articles
    computed = []
    for story in [Story("railway", (en, fr)), Story("railway", (en, fr)), railway]:
        with Cache(tmp_path / "c.sqlite") as cache:
            memo = Memo(cache)
            memo.defer_texts = True
            render_parallel_pages([story], plan_pages([story]), _Recording(), memo=memo)
            memo.forget_unused("memo:")
            computed.append(dict(memo.computed))
    pairs_and_page = [{"aligned_rows": 1, "parallel_page": 1}, {}]
    assert computed == [*pairs_and_page, {"aligned_rows": 2, "parallel_page": 1}]


def test_pairs_aligned_on_every_core_give_the_same_page(
    railway: Story, railway_page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files_module, "ALIGN_SPREAD_FROM", 2)  # three pairs: to the workers
    pools: list[int] = []

    class Pool(cores.ProcessPoolExecutor):
        def __init__(self, workers: int, **options: Any) -> None:
            pools.append(workers)
            super().__init__(workers, **options)

    monkeypatch.setattr(cores, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(cores.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cores.threading, "active_count", lambda: 1)  # other tests' servers
    files = render_parallel_pages([railway], plan_pages([railway]))
    assert pools == [2]
    assert files[parallel_path("railway")] == railway_page


class _CountingCache(Cache):
    """A cache that counts the sentence-vector lookups made of it."""

    def __init__(self) -> None:
        super().__init__(None)
        self.lookups = 0

    def get_arrays(self, kind: str, keys: Any, dim: int) -> dict[str, np.ndarray]:
        self.lookups += 1
        return super().get_arrays(kind, keys, dim)


def test_a_page_reads_each_versions_vectors_once(railway: Story) -> None:
    # Three versions make three pairs, each version in two of them: three lookups, not six
    # (an archive's 18-language story would read each version 17 times).
    cache = _CountingCache()
    render_parallel_pages([railway], plan_pages([railway]), _Recording(), Memo(cache))
    assert cache.lookups == len(railway.articles) == 3


def test_seed_text_in_the_pair_data_cannot_leave_the_script() -> None:
    hostile = "</script><script>alert(1)</script> <!-- & &amp; <b>bold</b>."
    story = Story(
        id="s",
        articles=(
            _article("a.txt", "en", "Title", (hostile,)),
            _article("b.txt", "fr", "Titre", ("Texte.",)),
            _article("c.txt", "ar", "عنوان", ("نص.",)),
        ),
    )
    page = render_parallel_pages([story], plan_pages([story]))
    data = re.search(r'class="parallel-data">(.*?)</script>', page[parallel_path("s")])
    assert data and "<" not in data.group(1)
    assert hostile in json.loads(data.group(1))["versions"][0]["sentences"][0]


def test_a_long_storys_pairs_are_a_file_beside_its_page(
    railway: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    inline = render_parallel_pages([railway], plan_pages([railway]))
    assert set(inline) == {INDEX, parallel_path("railway")}
    monkeypatch.setattr(side_by_side, "INLINE_BYTES", 0)
    apart = render_parallel_pages([railway], plan_pages([railway]))
    page, data = apart[parallel_path("railway")], apart[parallel_data_path("railway")]
    assert f'<div class="parallel-data" data-src="{DATA_FILE}" hidden></div>' in page
    assert "<script" not in page and len(page) < len(inline[parallel_path("railway")])
    assert json.loads(data) == _data(inline[parallel_path("railway")])  # the same data
    two = Story("two", railway.articles[:2])  # one pair: the page's HTML, no data at all
    assert not data_apart(plan_pages([two]))
    assert set(render_parallel_pages([two], plan_pages([two]))) == {INDEX, parallel_path("two")}
