"""Stage render, its batch entry (generator/rendering/files.py): every generated file, by
path, the same whether rendered directly or through the memo.

(Named after its folder as well: tests/unit/reading/test_files.py holds the name, and test
file names are unique across tests/.)"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from generator.incremental.cache import Cache
from generator.incremental.memo import Deferred, Memo
from generator.reading.duplicates import Duplicate
from generator.records import (
    Article,
    CleanText,
    Language,
    PublicationDate,
    SeedText,
    Story,
    Title,
)
from generator.rendering import files as files_module
from generator.rendering.files import plan_pages, render_files
from generator.rendering.home import HOME_PAGE
from generator.rendering.indexes import STORY_LIST
from generator.rendering.pages import MANIFEST, story_page_path
from generator.rendering.side_by_side import INDEX, parallel_path


class LetterEncoder:
    """Sentences as letter counts: no model to load, and the same vectors every run."""

    name, dim = "letters", 27

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += texts
        rows = [[t.lower().count(c) + 0.1 for c in "abcdefghijklmnopqrstuvwxyzа"] for t in texts]
        matrix = np.asarray(rows, dtype=np.float32).reshape(-1, self.dim)
        normalised: np.ndarray = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
        return normalised


@pytest.fixture(autouse=True)
def letters(monkeypatch: pytest.MonkeyPatch) -> LetterEncoder:
    encoder = LetterEncoder()
    monkeypatch.setattr(files_module, "default_encoder", lambda: encoder)
    return encoder


def written(name: str, lang: str, title: str, body: str) -> Article:
    seed = SeedText(name, f"{title}\n{body}", "utf-8", "0" * 64)
    return Article(seed, Language(lang, 1.0), CleanText((title, body)), Title(title, 0))


EN = written("rail.en.txt", "en", "New railway link", "The line opens in May. Trains run daily.")
FR = written("rail.fr.txt", "fr", "Nouvelle ligne", "La ligne ouvre en mai. Un train par jour.")
AR = written("rail.ar.txt", "ar", "خط سكة حديد جديد", "يفتتح الخط في مايو. القطارات يومية.")
KK = written("grain.kk.txt", "kk", "Астық жинау", "Биыл астық мол болды.")
RU = written("grain.ru.txt", "ru", "Уборка зерна", "В этом году урожай большой.")
STORIES = (
    Story("new-railway-link", (EN, FR, AR)),
    Story("astyq-zhinau", (KK,)),
    Story("uborka-zerna", (RU,)),
)


def test_every_file_of_the_archive_is_rendered() -> None:
    pages = plan_pages(STORIES)
    files = render_files(STORIES, pages)
    indexes = {f"{lang}/index.md" for lang in ("en", "fr", "ar", "kk", "ru")}
    indexes |= {STORY_LIST, HOME_PAGE, INDEX, *(story_page_path(s.id) for s in STORIES)}
    # The only story in two languages or more has a parallel page.
    expected = {p.path for p in pages} | indexes | {parallel_path("new-railway-link"), MANIFEST}
    assert files.keys() == expected
    assert all(isinstance(text, str) for text in files.values())
    assert "Астық жинау" in str(files[next(p.path for p in pages if p.article is KK)])
    # Each article page links its story's parallel page, when there is one.
    linked = {
        p.article.name for p in pages if "parallel: stories/new-railway-link/" in str(files[p.path])
    }
    assert linked == {EN.name, FR.name, AR.name}


def test_the_manifest_lists_every_seed_and_its_copies() -> None:
    pages = plan_pages(STORIES)
    copy = SeedText("rail-copy.ar.txt", AR.seed.text, "windows-1256", "0" * 64)
    files = render_files(STORIES, pages, [Duplicate(copy, AR.name)])
    manifest = json.loads(str(files[MANIFEST]))
    seeds = [a["seed"] for story in manifest["stories"] for a in story["articles"]]
    assert sorted(seeds) == sorted([*(a.name for s in STORIES for a in s.articles), copy.name])
    (duplicate,) = [
        a for story in manifest["stories"] for a in story["articles"] if "duplicate_of" in a
    ]
    assert duplicate["duplicate_of"] == AR.name and duplicate["encoding"] == "windows-1256"


def _text(value: str | Deferred) -> str:
    return value.load() if isinstance(value, Deferred) else value


def test_the_memo_gives_the_same_files_and_renders_nothing_twice(letters: LetterEncoder) -> None:
    direct = render_files(STORIES, plan_pages(STORIES))
    memo = Memo(Cache(None))
    memo.defer_texts = True
    first = render_files(STORIES, plan_pages(STORIES, memo), memo=memo)
    assert {path: _text(text) for path, text in first.items()} == direct
    plain = {MANIFEST, STORY_LIST, HOME_PAGE, INDEX}  # small, rendered every time
    assert all(isinstance(text, Deferred) for path, text in first.items() if path not in plain)
    assert set(memo.computed) >= {
        "article_page",
        "render_language_index",
        "render_story_page",
        "parallel_page",
    }
    letters.seen.clear()
    computed = dict(memo.computed)
    again = render_files(STORIES, plan_pages(STORIES, memo), memo=memo)
    assert again == first  # the same keys: a page already written is not even read
    assert dict(memo.computed) == computed and letters.seen == []


def test_no_story_is_still_an_archive() -> None:
    files = render_files((), ())
    assert json.loads(str(files[MANIFEST])) == {"stories": []}
    assert {STORY_LIST, HOME_PAGE, INDEX} <= files.keys()


def test_a_new_article_renders_only_the_language_pages_it_changes() -> None:
    # 150 Russian articles, one a day: two pages, newest first; the news of the next day
    # joins the first page, and the older page, cut from the oldest end, stays as it was.
    def dated(i: int) -> Article:
        day = (dt.date(2025, 1, 1) + dt.timedelta(days=i)).isoformat()
        article = written(f"{i}.ru.txt", "ru", f"Новость {i:03}", "Текст.")
        return replace(article, date=PublicationDate(day, "editor"))

    stories = [Story(f"n{i:03}", (dated(i),)) for i in range(150)]
    memo = Memo(Cache(None))
    first = render_files(stories, plan_pages(stories, memo), memo=memo)
    assert {
        "ru/index.md",
        "ru/page/2/index.md",
    } <= first.keys() and "ru/page/3/index.md" not in first
    before = memo.computed["render_language_index"]
    late = Story("z", (dated(999),))
    again = render_files([*stories, late], plan_pages([*stories, late], memo), memo=memo)
    assert memo.computed["render_language_index"] == before + 1  # the first page only
    assert _text(again["ru/page/2/index.md"]) == _text(first["ru/page/2/index.md"])
    assert "novost-999" in _text(again["ru/index.md"])
