"""The evidence that two articles of different languages are translations.

For every pair of languages present, match.py scores the candidate pairs; what is worth
keeping (accepted pairs, and each article's best one, the runner-up a reviewer wants to see)
is memoised per language pair, keyed by the digests of the sentences its articles embed: a
rebuild after one new seed scores only its own language's pairs, and within them only the
pairs of the articles whose neighbourhood it changed (rescore.py); it reads no sentence
vector for the others. The cache keeps sentence numbers, not the sentences again: they are
the articles'.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from generator.grouping.match import PairScore, align_pairs, candidate_pairs, neighbourhoods, radii
from generator.grouping.rescore import History, Neighbourhoods, Previous, moved
from generator.grouping.score_table import (
    Entry,
    Kept,
    Link,
    ScoreTable,
    StoredScore,
    by_names,
    concatenate,
    worth_keeping,
)
from generator.grouping.vectors import (
    LEAD,
    ArticleVectors,
    article_vectors,
    digested_sentences,
    sentences_digest,
)
from generator.incremental.cache import Cache
from generator.incremental.cores import on_cores
from generator.incremental.embeddings import CachedEncoder
from generator.incremental.memo import DIRECT, Args, Memo
from generator.incremental.versions import code_version
from generator.records import Article
from generator.text.embed import Encoder, default_encoder


@dataclass(frozen=True)
class Evidence:
    """The scores worth keeping, as stored: a score's sentences are looked up only for
    the few a reviewer is shown (`pair`), not for the hundred thousand a build weighs."""

    kept: tuple[Kept, ...] = ()  # each language pair's
    sentences: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def links(self) -> list[list[Link]]:
        """Each language pair's one-to-one links (`match.one_to_one`): all grouping needs."""
        return [kept.links() for kept in self.kept]

    @functools.cached_property
    def scores(self) -> tuple[StoredScore, ...]:
        """Every score kept, for the reviewer's explanations."""
        return tuple(score for kept in self.kept for score in kept.scores())

    def pair(self, score: StoredScore) -> PairScore:
        return score.score(self.sentences)


def evidence(
    articles: Sequence[Article],
    cache: Cache | None,
    encoder: Encoder | None,
    memo: Memo | None = None,
) -> Evidence:
    """Candidate pairs with their evidence, for every pair of languages present.

    `memo`: the build's (its articles' digests make the keys), else one over `cache`."""
    by_lang: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_lang[article.lang.tag].append(article)
    if len(by_lang) < 2:
        return Evidence()  # nothing can be a translation of anything: no model to load
    store = cache if cache is not None else Cache(None)
    memo = memo or (Memo(cache) if cache is not None else DIRECT)
    # Loads nothing until it embeds; its vectors go to the stage cache.
    model = CachedEncoder(encoder or default_encoder(), store)
    found = memo.many(digested_sentences, [(a,) for a in articles])
    sentences = {a.name: s.texts for a, s in zip(articles, found, strict=True)}
    digest = {a.name: s.digest for a, s in zip(articles, found, strict=True)}
    source = Vectors({a.name: a for a in articles}, digest, model, store, sentences)
    sides = {
        lang: tuple((a.name, digest[a.name]) for a in found) for lang, found in by_lang.items()
    }
    # A language's articles, as one digest: the key of each of its pairs (18 languages make
    # 153 pairs; encoding the entries themselves for every pair cost seconds).
    keys = {
        lang: sentences_digest([f"{name}\0{d}" for name, d in side]) for lang, side in sides.items()
    }
    pairs = list(itertools.combinations(sorted(by_lang), 2))
    # The previous scores and radii stand for this code's own: another version of the
    # scoring (match.py, similarity.py) must not leave them to a rebuild.
    version = code_version(__name__)
    history = {(a, b): History(store, (a, b, model.name, version)) for a, b in pairs}
    for entry in history.values():
        entry.keep()
    for side in sides.values():
        source.keep_leads([name for name, _ in side])
    named = {(keys[a], keys[b]): (a, b) for a, b in pairs}

    def run(stage: Callable[..., Kept], missing: Sequence[Args]) -> Iterator[Kept]:
        langs = [named[x, y] for x, y, _ in missing]
        jobs = [_prepare(sides[a], sides[b], source, history[a, b]) for a, b in langs]
        return map(_finish, jobs, _scored(jobs), [history[pair] for pair in langs])

    calls = [(keys[a], keys[b], model.name) for a, b in pairs]
    found_scores = memo.many(language_pair, calls, run)
    return Evidence(tuple(found_scores), sentences)


class Vectors:
    """Articles' sentence vectors and lead vectors, loaded only for the articles asked for."""

    def __init__(
        self,
        articles: Mapping[str, Article],
        digest: Mapping[str, str],
        model: Encoder,
        cache: Cache,
        sentences: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.articles, self.digest, self.model, self.cache = articles, digest, model, cache
        self.recipe = f"{model.name}\0{LEAD}\0{code_version(__name__)}"  # how a lead is made
        self.sentences = sentences or {}  # each article's `article_sentences`, if known
        self.loaded: dict[str, ArticleVectors] = {}
        self.lead_rows: dict[str, np.ndarray] = {}
        self.lead_arrays: dict[str, np.ndarray] = {}  # a language's leads serve all its pairs

    def __call__(self, names: Iterable[str]) -> dict[str, ArticleVectors]:
        wanted = list(dict.fromkeys(names))
        missing = [self.articles[n] for n in wanted if n not in self.loaded]
        found = article_vectors(missing, self.model, self.sentences)
        self.loaded |= {v.name: v for v in found}
        return {n: self.loaded[n] for n in wanted}

    def leads(self, names: Sequence[str]) -> np.ndarray:
        """The lead vectors of `names`, one row each: kept apart from the sentence vectors,
        since a rebuild needs every article's lead but few articles' sentences. A
        language's are also stored as one array: reading 10,000 rows one by one took a
        second of every rebuild."""
        key = self._leads_key(names)
        if key not in self.lead_arrays:
            found = self.cache.get_array(LEADS_KIND, key, self.model.dim)
            if found is None or len(found) != len(names):
                found = self._each_lead(names)
                self.cache.put_array(LEADS_KIND, key, found)
            self.lead_arrays[key] = found
        return self.lead_arrays[key]

    def keep_leads(self, names: Sequence[str]) -> None:
        """Count the stored lead array of `names` as used, though no pair of theirs needs it
        now: the next change to another language reads it (not its 2,000 rows one by one)."""
        self.cache.keep(LEADS_KIND, self._leads_key(names))

    def _leads_key(self, names: Sequence[str]) -> str:
        text = "\0".join([self.recipe, *(f"{n}\0{self.digest[n]}" for n in names)])
        return hashlib.sha256(text.encode()).hexdigest()

    def _each_lead(self, names: Sequence[str]) -> np.ndarray:
        keys = {n: self._lead_key(n) for n in names if n not in self.lead_rows}
        found = self.cache.get_arrays(LEAD_KIND, keys.values(), self.model.dim)
        self.lead_rows |= {n: found[k] for n, k in keys.items() if k in found}
        for name, vectors in self([n for n in keys if keys[n] not in found]).items():
            self.lead_rows[name] = vectors.lead.reshape(1, -1)
            self.cache.put_array(LEAD_KIND, keys[name], self.lead_rows[name])
        if not names:
            return np.zeros((0, self.model.dim), dtype=np.float32)
        return np.concatenate([self.lead_rows[n] for n in names])

    def _lead_key(self, name: str) -> str:
        text = f"{self.recipe}\0{self.digest[name]}"
        return hashlib.sha256(text.encode()).hexdigest()


LEAD_KIND = "lead"
LEADS_KIND = "memo:evidence.leads"  # a memo kind: swept once no build uses it


def language_pair(
    x_key: str,
    y_key: str,
    encoder_name: str,
    *,
    xs: Sequence[tuple[str, str]],
    ys: Sequence[tuple[str, str]],
    vectors: Vectors,
    history: History,
) -> Kept:
    """The evidence worth keeping between two languages' articles, given as (name, digest
    of the sentences embedded): those and the encoder are all the result depends on, and
    `x_key` and `y_key` are the digests of `xs` and `ys`, what the result is cached under.

    After a change, only the pairs of the articles it moved are scored again: the others
    keep the scores of the previous build (`rescore.py` says why that is exact). A build
    runs the three steps itself (`evidence`), to share the scoring among the cores."""
    return _one(xs, ys, vectors, history)


@dataclass(frozen=True)
class _Job:
    """A language pair's pairs to score, with everything the scoring reads: it touches
    neither the cache nor the encoder, so it may run in a forked worker."""

    now: Neighbourhoods
    todo: frozenset[tuple[int, int]]
    x_vectors: Mapping[int, ArticleVectors]  # by row of `now.xs`: those the scoring reads
    y_vectors: Mapping[int, ArticleVectors]
    kept: Mapping[str, np.ndarray]  # the previous build's radii still valid
    known: ScoreTable  # the previous build's scores still valid, of candidate pairs


def _prepare(xs: Sequence[Entry], ys: Sequence[Entry], vectors: Vectors, history: History) -> _Job:
    """What is left to score, and the vectors it reads (embedded here if they are new): an
    article's radius is the previous build's if it did not move, else it is computed from
    its neighbourhood, so a rebuild loads the moved articles and their partners only."""
    lead_x, lead_y = vectors.leads([n for n, _ in xs]), vectors.leads([n for n, _ in ys])
    near_y, near_x = neighbourhoods(lead_x, lead_y)
    now = Neighbourhoods(tuple(xs), tuple(ys), near_y, near_x)
    pairs = np.array(sorted(candidate_pairs(near_y, near_x)), dtype=np.int64).reshape(-1, 2)
    before = history.load()
    known, kept = ScoreTable.of((), xs, ys), dict[str, np.ndarray]()
    if before is not None:
        changed = moved(before.neighbourhoods, now)
        known = _still_valid(before, now, changed)
        kept = {name: r for name, r in before.radii.items() if name not in changed}
    # A candidate pair is scored again unless the previous build scored it and neither of
    # its articles moved; a known score of a pair no longer a candidate is dropped.
    codes = pairs[:, 0] * max(1, len(ys)) + pairs[:, 1]
    known_codes = known.left * max(1, len(ys)) + known.right
    todo = frozenset(map(tuple, pairs[~np.isin(codes, known_codes)].tolist()))
    known = known.take(np.flatnonzero(np.isin(known_codes, codes)), None, None)
    new_x, new_y = _unkept(now, todo, kept)
    need_x = {i for i, _ in todo} | {int(i) for j in new_y for i in near_x[j]}
    need_y = {j for _, j in todo} | {int(j) for i in new_x for j in near_y[i]}
    found = vectors([xs[i][0] for i in need_x] + [ys[j][0] for j in need_y])
    x_vectors = {i: found[xs[i][0]] for i in need_x}
    return _Job(now, todo, x_vectors, {j: found[ys[j][0]] for j in need_y}, kept, known)


def _still_valid(before: Previous, now: Neighbourhoods, changed: set[str]) -> ScoreTable:
    """The previous build's scores whose articles did not move, renumbered for `now`."""
    old = before.neighbourhoods
    x_row = _renumber(old.xs, now.xs, changed)
    y_row = _renumber(old.ys, now.ys, changed)
    table = before.scores
    valid = (x_row[table.left] >= 0) & (y_row[table.right] >= 0)
    return table.take(np.flatnonzero(valid), x_row, y_row)


def _renumber(old: Sequence[Entry], new: Sequence[Entry], changed: set[str]) -> np.ndarray:
    """Each old row's row in `new`, or -1 if its article moved or is gone."""
    row = {name: j for j, (name, _) in enumerate(new)}
    found = [-1 if name in changed else row.get(name, -1) for name, _ in old]
    return np.asarray(found, dtype=np.int64)


def _unkept(
    sides: Neighbourhoods, pairs: frozenset[tuple[int, int]], kept: Mapping[str, np.ndarray]
) -> tuple[set[int], set[int]]:
    """The rows of each side, among `pairs`, whose radius is not `kept`: to compute."""
    new_x = {i for i, _ in pairs if sides.xs[i][0] not in kept}
    return new_x, {j for _, j in pairs if sides.ys[j][0] not in kept}


Found = tuple[list[StoredScore], dict[str, np.ndarray]]


def _score(job: _Job) -> Found:
    """The pairs scored, and every radius known now."""
    xs, ys, near_y, near_x, kept = job.now.xs, job.now.ys, job.now.near_y, job.now.near_x, job.kept
    lefts, rights = {i for i, _ in job.todo}, {j for _, j in job.todo}
    new_x, new_y = _unkept(job.now, job.todo, kept)
    x_vectors, y_vectors = job.x_vectors, job.y_vectors
    rx = {i: kept[xs[i][0]] for i in lefts - new_x} | radii(x_vectors, y_vectors, near_y, new_x)
    ry = {j: kept[ys[j][0]] for j in rights - new_y} | radii(y_vectors, x_vectors, near_x, new_y)
    scores = align_pairs(x_vectors, y_vectors, job.todo, rx, ry)
    radius = {
        **kept,
        **{xs[i][0]: r for i, r in rx.items()},
        **{ys[j][0]: r for j, r in ry.items()},
    }
    sentences = {v.name: v.sentences for v in [*x_vectors.values(), *y_vectors.values()]}
    return [StoredScore.of(s, sentences) for s in scores], radius


def _finish(job: _Job, scored: Found, history: History) -> Kept:
    """The previous build's scores and the new ones, saved for the next build; what is
    worth keeping of them."""
    found, radius = scored
    xs, ys = job.now.xs, job.now.ys
    scores = by_names(concatenate([job.known, ScoreTable.of(found, xs, ys)]), xs, ys)
    history.save(Previous(job.now, scores, radius))
    return worth_keeping(scores, xs, ys)


SPREAD_FROM = 24  # language pairs to score before it pays to start processes (8 languages)

Pair = tuple[str, str]  # two languages' codes


def _one(xs: Sequence[Entry], ys: Sequence[Entry], vectors: Vectors, history: History) -> Kept:
    job = _prepare(xs, ys, vectors, history)
    return _finish(job, _score(job), history)


def _scored(jobs: list[_Job]) -> Iterator[Found]:
    """`_score` of each job, on every core when there are many (a first build's); workers
    inherit the jobs instead of receiving them pickled (their vectors are large), and hand
    back each job's scores on its own (larger chunks raised the peak memory of a first
    grouping: docs/benchmark.md)."""
    calls = [(job,) for job in jobs]
    return on_cores(_score, calls, "group", SPREAD_FROM, inherit=True, chunk=1)
