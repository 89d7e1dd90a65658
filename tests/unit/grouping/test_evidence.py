"""Stage group, the evidence of translation for every pair of languages: what is kept, what
a rebuild reads, and the same result however the scoring is spread."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from test_group import ConceptEncoder, article
from test_rescore import archive, full, twin

from generator.grouping import evidence as evidence_module
from generator.grouping import vectors as vectors_module
from generator.grouping.evidence import LEAD_KIND, LEADS_KIND, Evidence, Vectors, evidence
from generator.grouping.vectors import digested_sentences
from generator.incremental.cache import Cache
from generator.incremental.embeddings import CACHE_KIND as EMBED_KIND
from generator.records import Article, CleanText

# One report in five languages: each sentence starts with its concept, as ConceptEncoder
# reads it; the rest is the language's own wording.
REPORT = {
    "en": ("The minister spoke in Astana today.", "Trade grew by a tenth this year."),
    "fr": ("Le ministre a parlé à Astana aujourd'hui.", "Le commerce a crû d'un dixième."),
    "ru": ("Министр выступил сегодня в Астане.", "Торговля выросла на десятую часть."),
    "kk": ("Министр бүгін Астанада сөз сөйледі.", "Сауда биыл оннан бірге өсті."),
    "ar": ("تحدث الوزير اليوم في أستانا.", "نما التبادل التجاري بمقدار العشر."),
}
OTHER = {
    "en": ("Floods closed the northern road.", "Farmers count their losses."),
    "ar": ("أغلقت الفيضانات الطريق الشمالي.", "يحصي المزارعون خسائرهم."),
}


def written(name: str, lang: str, concepts: str, wording: tuple[str, ...]) -> Article:
    sentences = tuple(f"{c} {s}" for c, s in zip(concepts.split(), wording, strict=True))
    return replace(article(name, lang, concepts), clean=CleanText(sentences))


ARTICLES = [written(f"report.{lang}", lang, "R1 R2", text) for lang, text in REPORT.items()]
ARTICLES += [written(f"flood.{lang}", lang, "F1 F2", text) for lang, text in OTHER.items()]


def test_every_translation_is_linked_across_five_languages() -> None:
    found = evidence(ARTICLES, Cache(None), ConceptEncoder())
    assert len(found.kept) == len(list(itertools.combinations(REPORT, 2)))  # a pair of languages
    links = {frozenset((link.left, link.right)) for pair in found.links() for link in pair}
    reports = {frozenset(p) for p in itertools.combinations([f"report.{x}" for x in REPORT], 2)}
    assert links == reports | {frozenset({"flood.en", "flood.ar"})}


def test_a_kept_score_gives_back_its_sentences() -> None:
    found = evidence(ARTICLES, Cache(None), ConceptEncoder())
    (score,) = [s for s in found.scores if {s.left, s.right} == {"report.ru", "report.kk"}]
    pair = found.pair(score)
    assert pair.accepted and pair.coverage == 1.0
    sides = {pair.left: [a.left for a in pair.aligned], pair.right: [a.right for a in pair.aligned]}
    assert sides["report.ru"] == [f"R{i + 1} {s}" for i, s in enumerate(REPORT["ru"])]
    assert sides["report.kk"] == [f"R{i + 1} {s}" for i, s in enumerate(REPORT["kk"])]


@pytest.mark.parametrize(
    "articles",
    [
        pytest.param([], id="no article"),
        pytest.param([a for a in ARTICLES if a.lang.code == "ar"], id="one language"),
    ],
)
def test_without_two_languages_nothing_is_embedded(articles: list[Article]) -> None:
    encoder = ConceptEncoder()
    assert evidence(articles, Cache(None), encoder) == Evidence()
    assert encoder.calls == []
    assert (Evidence().links(), Evidence().scores) == ([], ())


def test_the_same_articles_give_the_same_evidence_from_the_cache() -> None:
    cache, encoder = Cache(None), ConceptEncoder()
    first = evidence(ARTICLES, cache, encoder)
    encoder.calls.clear()
    assert evidence(ARTICLES, cache, encoder) == first == full(ARTICLES)
    assert encoder.calls == []


def test_a_languages_leads_are_stored_as_one_array() -> None:
    cache, encoder = Cache(None), ConceptEncoder()
    by_name = {a.name: a for a in ARTICLES}
    digest = {a.name: digested_sentences(a).digest for a in ARTICLES}
    names = ["report.en", "flood.en"]
    leads = Vectors(by_name, digest, encoder, cache).leads(names)
    assert leads.shape == (2, encoder.dim)
    encoder.calls.clear()
    # Without each article's own lead and vectors, only the language's array gives them.
    for kind in (LEAD_KIND, EMBED_KIND):
        cache._db.execute("DELETE FROM cache WHERE kind = ?", (kind,))
    again = Vectors(by_name, digest, encoder, cache)  # another build, the same cache
    assert np.array_equal(again.leads(names), leads)
    assert encoder.calls == [] and again.loaded == {}  # read back, no sentence loaded
    assert again.leads([]).shape == (0, encoder.dim)
    cache.used.clear()
    again.keep_leads(names)
    assert [kind for kind, _ in cache.used] == [LEADS_KIND]


def test_vectors_are_loaded_without_splitting_the_articles_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The grouping knows each article's sentences: loading thousands of articles' vectors
    # after one new seed must not split their text again.
    draws = [(lang, [i % 10, (i * 7 + 3) % 10]) for i in range(60) for lang in ["en", "fr"]]
    articles = archive(draws)
    cache, encoder = Cache(None), ConceptEncoder()
    evidence(articles, cache, encoder)
    split: list[str] = []
    real = vectors_module.article_sentences

    def counting(found: Article) -> tuple[str, ...]:
        split.append(found.name)
        return real(found)

    grown = [*articles, twin("999.fr", "fr", [1, 2, 3])]
    expected = full(grown)
    monkeypatch.setattr(vectors_module, "article_sentences", counting)
    assert evidence(grown, cache, encoder) == expected
    assert split == ["999.fr"]  # the new article's, once: the memo's stage


def test_language_pairs_scored_on_every_core_give_the_same_evidence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.incremental import cores

    pools: list[int] = []
    chunks: list[int] = []

    class Pool(cores.ProcessPoolExecutor):
        def __init__(self, workers: int, **options: Any) -> None:
            pools.append(workers)
            super().__init__(workers, **options)

        def map(self, fn: Any, *iterables: Any, timeout: Any = None, chunksize: int = 1) -> Any:
            chunks.append(chunksize)
            return super().map(fn, *iterables, timeout=timeout, chunksize=chunksize)

    draws = [(lang, [i % 7, (i * 3) % 11]) for i in range(30) for lang in ("en", "fr", "de")]
    before, after = archive(draws[:60]), archive(draws)
    serial = [full(before), full(after)]
    monkeypatch.setattr(evidence_module, "SPREAD_FROM", 2)  # three language pairs: forked
    monkeypatch.setattr(cores, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(cores.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cores.threading, "active_count", lambda: 1)  # other tests' servers
    cache, encoder = Cache(None), ConceptEncoder()
    assert evidence(before, cache, encoder) == serial[0]
    assert evidence(after, cache, encoder) == serial[1]  # rescored from the history, forked
    assert pools == [2, 2]
    assert chunks == [1, 1]  # each pair's scores come back on their own (memory)
