"""Stage 5a, group: the evidence that two articles of different languages are translations.

For every pair of languages present, match.py scores the candidate pairs; what is worth
keeping (accepted pairs, and each article's best one, the runner-up a reviewer wants to see)
is memoised per language pair, keyed by the digests of the sentences its articles embed: a
rebuild after one new seed scores only its own language's pairs, and reads no vector for the
others. The cache keeps sentence numbers, not the sentences again: they are the articles'.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .cache import Cache
from .embed import Encoder, default_encoder
from .match import AlignedSentences, PairScore, score_language_pair
from .memo import DIRECT, Memo
from .records import Article
from .vectors import ArticleVectors, article_sentences, article_vectors

Sentences = Mapping[str, Sequence[str]]  # article name -> the sentences it embeds


@dataclass(frozen=True)
class StoredScore:
    """A PairScore as the cache keeps it: (left sentence, right sentence, margin) numbers."""

    left: str
    right: str
    coverage: float
    margin: float
    aligned: tuple[tuple[int, int, float], ...]

    @classmethod
    def of(cls, score: PairScore, sentences: Sentences) -> StoredScore:
        left, right = sentences[score.left], sentences[score.right]
        aligned = tuple((left.index(a.left), right.index(a.right), a.margin) for a in score.aligned)
        return cls(score.left, score.right, score.coverage, score.margin, aligned)

    def score(self, sentences: Sentences) -> PairScore:
        left, right = sentences[self.left], sentences[self.right]
        aligned = tuple(AlignedSentences(left[i], right[j], m) for i, j, m in self.aligned)
        return PairScore(self.left, self.right, self.coverage, self.margin, aligned)


def evidence(
    articles: Sequence[Article], cache: Cache | None, encoder: Encoder | None
) -> list[PairScore]:
    """Candidate pairs with their evidence, for every pair of languages present."""
    by_lang: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_lang[article.lang.code].append(article)
    if len(by_lang) < 2:
        return []  # nothing can be a translation of anything: no need to load the model
    store = cache if cache is not None else Cache(None)
    memo = Memo(cache) if cache is not None else DIRECT
    model = encoder or default_encoder()  # loads nothing until it embeds

    @functools.cache
    def vectors() -> dict[str, ArticleVectors]:
        return {v.name: v for v in article_vectors(articles, model, store)}

    sentences = {a.name: article_sentences(a) for a in articles}
    digest = {name: _digest(found) for name, found in sentences.items()}
    scores: list[PairScore] = []
    for a, b in itertools.combinations(sorted(by_lang), 2):
        xs = tuple((x.name, digest[x.name]) for x in by_lang[a])
        ys = tuple((y.name, digest[y.name]) for y in by_lang[b])
        stored = memo(language_pair, xs, ys, model.name, vectors=vectors)
        scores += [s.score(sentences) for s in stored]
    return scores


def _digest(sentences: Sequence[str]) -> str:
    return hashlib.sha256("\0".join(sentences).encode()).hexdigest()


def language_pair(
    xs: Sequence[tuple[str, str]],
    ys: Sequence[tuple[str, str]],
    encoder_name: str,
    *,
    vectors: Callable[[], Mapping[str, ArticleVectors]],
) -> tuple[StoredScore, ...]:
    """The evidence worth keeping between two languages' articles, given as (name, digest
    of the sentences embedded): those and the encoder are all the result depends on."""
    found = vectors()
    scores = score_language_pair([found[n] for n, _ in xs], [found[n] for n, _ in ys])
    sentences = {name: v.sentences for name, v in found.items()}
    return tuple(StoredScore.of(s, sentences) for s in worth_keeping(scores))


def worth_keeping(scores: Sequence[PairScore]) -> list[PairScore]:
    """Accepted pairs, and each seed's best pair (its runner-up evidence): memory stays
    proportional to the seeds, not to the candidate pairs."""
    best: dict[str, PairScore] = {}
    for score in scores:
        for seed in (score.left, score.right):
            if seed not in best or score.rank > best[seed].rank:
                best[seed] = score
    kept = {id(s): s for s in scores if s.accepted} | {id(s): s for s in best.values()}
    return sorted(kept.values(), key=lambda s: (s.left, s.right))
