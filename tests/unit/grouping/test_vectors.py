"""Stage group, an article's vectors: which sentences stand for it, their digest, and the
cache in front of the encoder."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_group import ConceptEncoder

from generator.grouping.vectors import (
    LEAD,
    MAX_CHARS,
    MAX_SENTENCES,
    MIN_CHARS,
    Sentences,
    article_sentences,
    article_vectors,
    digested_sentences,
    sentences_digest,
)
from generator.incremental.embeddings import CachedEncoder
from generator.records import Article, CleanText, Language, SeedText, Title
from generator.text.similarity import SCALE


def written(lang: str, body: list[str], headline: str | None = None) -> Article:
    """An article of `body`, under a headline line if one is given, else under a title
    made from its first sentence (no paragraph of its own)."""
    paragraphs = tuple(body) if headline is None else (headline, *body)
    seed = SeedText(f"s.{lang}", "\n".join(paragraphs), "utf-8", "0" * 64)
    title = Title(headline, 0) if headline is not None else Title(" ".join(body)[:25], None)
    return Article(seed, Language(lang, 1.0), CleanText(paragraphs), title)


SENTENCES_CASES = [
    (
        "en: the headline first, then the body",
        written(
            "en",
            ["The minister spoke in Astana today. Trade grew by a tenth."],
            "Big news from Astana",
        ),
        ("Big news from Astana", "The minister spoke in Astana today.", "Trade grew by a tenth."),
    ),
    (
        "fr: a title made from the first sentence is not counted twice",
        written("fr", ["Le ministre a parlé à Astana. Le commerce a crû."]),
        ("Le ministre a parlé à Astana.",),  # "Le commerce a crû." is too short
    ),
    (
        "ru: a headline repeated in the body counts once",
        written(
            "ru",
            ["Министр выступил в Астане.", "Министр выступил в Астане."],
            "Министр выступил в Астане.",
        ),
        ("Министр выступил в Астане.",),
    ),
    (
        "kk: short lines are left out",
        written("kk", ["Бөлісу", "Министр Астанада сөз сөйледі.", "Жариялау"]),
        ("Министр Астанада сөз сөйледі.",),
    ),
    (
        "ar: every sentence, in order",
        written("ar", ["تحدث الوزير في أستانا مساء أمس. نما التبادل التجاري بمقدار العشر."]),
        ("تحدث الوزير في أستانا مساء أمس.", "نما التبادل التجاري بمقدار العشر."),
    ),
    (
        "only short lines: the first stands for the article",
        written("en", ["Share.", "Print."]),
        ("Share.",),
    ),
    ("nothing at all", written("en", []), ()),
]


@pytest.mark.parametrize(
    ("case", "found", "expected"), SENTENCES_CASES, ids=[c[0] for c in SENTENCES_CASES]
)
def test_article_sentences(case: str, found: Article, expected: tuple[str, ...]) -> None:
    assert article_sentences(found) == expected


def test_a_long_article_is_capped_and_a_long_sentence_cut() -> None:
    body = [f"Sentence number {i} of a long report." for i in range(MAX_SENTENCES + 5)]
    found = article_sentences(written("en", ["x" * (MAX_CHARS + 50) + ".", *body]))
    assert len(found) == MAX_SENTENCES
    assert found[0] == "x" * MAX_CHARS
    assert found[1:] == tuple(body[: MAX_SENTENCES - 1])


paragraphs = st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=600), max_size=20)


@given(paragraphs, st.text(max_size=60))
def test_article_sentences_are_few_bounded_and_distinct(body: list[str], headline: str) -> None:
    found = article_sentences(written("en", body, headline))
    assert len(found) <= MAX_SENTENCES
    assert len(set(found)) == len(found)
    assert all(len(s) <= MAX_CHARS for s in found)
    assert sum(len(s) < MIN_CHARS for s in found) <= 1  # a short one only when all are


def test_the_digest_is_of_the_sentences_in_order() -> None:
    sentences = ("Министр выступил в Астане.", "تحدث الوزير في أستانا.")
    expected = hashlib.sha256("\0".join(sentences).encode()).hexdigest()
    assert sentences_digest(sentences) == expected
    assert sentences_digest(sentences[::-1]) != expected
    found = written("ru", list(sentences))
    assert digested_sentences(found) == Sentences(expected, article_sentences(found))


def test_vectors_are_rounded_rows_with_a_unit_lead() -> None:
    body = [f"K{i} est une phrase assez longue, numéro {i}." for i in range(LEAD + 3)]
    (found,) = article_vectors([written("fr", body)], ConceptEncoder())
    assert found.matrix.shape == (len(body), ConceptEncoder.dim)
    assert np.array_equal(found.matrix * SCALE, np.rint(found.matrix * SCALE))  # exact products
    assert np.linalg.norm(found.lead) == pytest.approx(1.0, abs=1e-5)
    first = found.matrix[:LEAD].astype(np.float64).sum(axis=0)
    assert np.allclose(found.lead, first / np.linalg.norm(first), atol=1e-5)


def test_an_article_without_sentences_has_a_zero_lead() -> None:
    encoder = ConceptEncoder()
    (found,) = article_vectors([written("ar", [])], encoder)
    assert found.matrix.shape == (0, encoder.dim)
    assert not found.lead.any() and encoder.calls == []


def test_vectors_are_embedded_once_per_sentence() -> None:
    encoder = ConceptEncoder()
    cached = CachedEncoder(encoder)
    en = written("en", ["K1 the minister spoke in Astana.", "K2 trade grew by a tenth."])
    kk = written("kk", ["K1 министр Астанада сөз сөйледі.", "K2 trade grew by a tenth."])
    (before,) = article_vectors([en], cached)
    encoder.calls.clear()
    again, other = article_vectors([en, kk], cached)
    assert encoder.calls == ["K1 министр Астанада сөз сөйледі."]  # the new sentence only
    assert np.array_equal(again.matrix, before.matrix)
    assert np.array_equal(other.matrix[1], before.matrix[1])  # the shared sentence's vector
