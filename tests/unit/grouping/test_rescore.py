"""Stage group, evidence after a change: scoring only the pairs of the articles it moved
gives exactly the result of scoring every pair again, and scores far fewer pairs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_group import ConceptEncoder, article

from generator.grouping import evidence as evidence_module
from generator.grouping import vectors as vectors_module
from generator.grouping.evidence import LEADS_KIND, Evidence, evidence
from generator.grouping.match import PairScore
from generator.grouping.rescore import History
from generator.incremental.cache import Cache
from generator.records import Article, CleanText

VOCABULARY = [f"K{i}" for i in range(40)]  # neighbourhoods of related articles, not of all


def archive(draws: Sequence[tuple[str, list[int]]]) -> list[Article]:
    """Articles named by position, each saying the concepts drawn (a fr copy of an en
    article's concepts is its translation). Two draws alike in one language are twins,
    the same sentences under two names, whose order as neighbours is a tie."""
    return [twin(f"{i:03d}.{lang}", lang, concepts) for i, (lang, concepts) in enumerate(draws)]


def twin(name: str, lang: str, concepts: list[int]) -> Article:
    made = article(name, lang, " ".join(VOCABULARY[c] for c in concepts))
    sentences = tuple(f"{VOCABULARY[c]} is said in {lang} by the seeds here." for c in concepts)
    return replace(made, clean=CleanText(sentences))


def full(articles: Sequence[Article]) -> Evidence:
    return evidence(articles, Cache(None), ConceptEncoder())


concepts = st.lists(st.integers(0, len(VOCABULARY) - 1), min_size=1, max_size=3, unique=True)
# Two languages, so that each has more articles than a neighbourhood holds (POOL).
draw = st.tuples(st.sampled_from(["en", "fr"]), concepts)


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(draw, min_size=2, max_size=120),
    added=st.lists(draw, max_size=4),
    removed=st.sets(st.integers(0, 119), max_size=4),
    edited=st.dictionaries(st.integers(0, 119), concepts, max_size=3),
)
def test_a_change_gives_what_scoring_everything_gives(
    before: list[tuple[str, list[int]]],
    added: list[tuple[str, list[int]]],
    removed: set[int],
    edited: dict[int, list[int]],
) -> None:
    cache, encoder = Cache(None), ConceptEncoder()
    evidence(archive(before), cache, encoder)
    after = [
        (lang, edited.get(i, found)) for i, (lang, found) in enumerate(before) if i not in removed
    ]
    # Names are positions: an edit keeps its name, the added come after every old one.
    changed = archive(after + added)
    assert evidence(changed, cache, encoder) == full(changed)


def test_one_new_article_scores_few_pairs_and_loads_few_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draws = [
        (lang, [i % 10, (i * 7 + 3) % 10, i // 15]) for i in range(150) for lang in ["en", "fr"]
    ]
    articles = archive(draws)
    scored: list[int] = []
    loaded: list[int] = []
    align_pairs, article_vectors = evidence_module.align_pairs, evidence_module.article_vectors

    def count_pairs(xs: Any, ys: Any, pairs: Any, rx: Any, ry: Any) -> list[PairScore]:
        scored.append(len(pairs))
        return align_pairs(xs, ys, pairs, rx, ry)

    def count_loads(chosen: Sequence[Article], *rest: Any) -> Any:
        loaded.append(len(chosen))
        return article_vectors(chosen, *rest)

    monkeypatch.setattr(evidence_module, "align_pairs", count_pairs)
    monkeypatch.setattr(evidence_module, "article_vectors", count_loads)
    cache, encoder = Cache(None), ConceptEncoder()
    evidence(articles, cache, encoder)
    grown = [*articles, twin("999.fr", "fr", [1, 2, 3])]
    scored.clear()
    loaded.clear()
    expected = full(grown)
    pairs, loads = sum(scored), sum(loaded)
    scored.clear()
    loaded.clear()
    assert evidence(grown, cache, encoder) == expected
    assert 0 < sum(scored) < pairs / 10
    assert 0 < sum(loaded) < loads / 2


def test_unreadable_history_means_scoring_everything() -> None:
    cache, encoder = Cache(None), ConceptEncoder()
    articles = archive([("en", [1, 2]), ("fr", [1, 2]), ("fr", [3, 4])])
    evidence(articles, cache, encoder)
    for (key,) in cache._db.execute("SELECT key FROM cache WHERE kind = ?", (History.KIND,)):
        cache.put(History.KIND, key, b'{"xs": [["000.en", "0"]], "near_y": [[7]]}')
    grown = [*articles, article("003.en", "en", "K3 K4")]
    assert evidence(grown, cache, encoder) == full(grown)


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(History.KIND, id="a language pair's history"),
        pytest.param(LEADS_KIND, id="a language's lead vectors"),
    ],
)
def test_what_a_change_reads_outlives_the_builds_that_do_not_read_it(kind: str) -> None:
    cache, encoder = Cache(None), ConceptEncoder()
    articles = archive([("en", [1, 2]), ("fr", [1, 2]), ("de", [3, 4])])
    evidence(articles, cache, encoder)
    query = "SELECT key FROM cache WHERE kind = ?"
    kept = {key for (key,) in cache._db.execute(query, (kind,))}
    assert len(kept) == 3
    cache.put(kind, "an older code version's", b"")
    cache.used.clear()  # the next build: every pair's evidence is in the memo, nothing read
    evidence(articles, cache, encoder)
    assert cache.forget_unused(kind) == 1
    assert {key for (key,) in cache._db.execute(query, (kind,))} == kept


LANGS = ["en", "fr", "de", "es", "ru"]  # a new article's language pairs: 4


def _grown(tmp_path: Path) -> tuple[list[Article], list[Article], Cache]:
    before = archive([(lang, [i % 7, (i * 3) % 11]) for i in range(12) for lang in LANGS])
    cache = Cache(tmp_path / "c.sqlite")
    evidence(before, cache, ConceptEncoder())
    cache.commit()
    new = twin("999.fr", "fr", [1, 2, 3])  # in words no article used: to embed
    new = replace(new, clean=CleanText(tuple(f"{c} is said anew in fr." for c in ("K1", "K2"))))
    return before, [*before, new], cache


def test_a_new_articles_language_pairs_are_scored_again_and_kept(tmp_path: Path) -> None:
    _, grown, cache = _grown(tmp_path)
    encoder = ConceptEncoder()
    assert evidence(grown, cache, encoder) == full(grown)
    assert sorted(encoder.calls) == sorted(vectors_module.article_sentences(grown[-1]))
    cache.commit()  # the next build reads it all back
    assert evidence(grown, cache, ConceptEncoder()) == full(grown)
    rows = cache._db.execute("SELECT count(*) FROM cache WHERE kind = ?", (History.KIND,))
    assert rows.fetchone() == (len(LANGS) * (len(LANGS) - 1) // 2,)
