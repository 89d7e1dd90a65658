"""Gather translations of the same article into one story.

Who decides, in order: a story locked in `stories.yml`; a seed's front-matter `story:` pin
(which adds the seed to the story of that id, recorded or new); an `apart` list of
`stories.yml`; then the evidence of sentence alignment (match.py). A story
holds at most one article per language ("und" counts as one language: an article whose
language is unknown can join a story of any other languages, once). A story keeps the id
recorded for the seeds it holds; a new story is named after its lead article's title.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.grouping.evidence import Evidence, evidence
from generator.grouping.match import PairScore
from generator.grouping.score_table import Link, StoredScore
from generator.grouping.story_file import (
    StoryEntry,
    StoryFile,
)
from generator.incremental.cache import Cache
from generator.incremental.memo import Memo
from generator.records import Article, Story
from generator.text.embed import Encoder
from generator.text.slug import disambiguate, make_slug

NOTHING_RECORDED = StoryFile()


@dataclass(frozen=True)
class Decision:
    """Why a seed is in its story, with the evidence a reviewer needs to check it."""

    seed: str
    story: str
    reason: str
    evidence: PairScore | None = None  # the link that joined it to its story
    runner_up: PairScore | None = None  # its best candidate outside its story


@dataclass(frozen=True)
class Grouping:
    stories: tuple[Story, ...]
    story_file: StoryFile  # what stories.yml should now say
    # Why each seed is where it is: worked out only when asked (`stories` command, tests),
    # since a build does not need it.
    explain: Callable[[], tuple[Decision, ...]] = field(compare=False, repr=False)

    @functools.cached_property
    def decisions(self) -> tuple[Decision, ...]:
        return self.explain()


@dataclass
class _Cluster:
    seeds: set[str]
    langs: set[str]
    pin: str | None = None  # story id an editor fixed for it
    links: list[Link] = field(default_factory=list)
    held: set[str] = field(default_factory=set)  # recorded in the story `pin` names


def group_stories(
    articles: Sequence[Article],
    recorded: StoryFile = NOTHING_RECORDED,
    *,
    cache: Cache | None = None,
    encoder: Encoder | None = None,
    memo: Memo | None = None,
) -> Grouping:
    by_name = {a.name: a for a in articles}
    pins = {a.name: a.seed.overrides.story for a in articles if a.seed.overrides.story}
    # A seed's own front-matter pin beats another story's lock.
    locked = {
        e.id: [s for s in e.seeds if s in by_name and pins.get(s, e.id) == e.id]
        for e in recorded.stories
        if e.locked
    }
    for seed, pin in sorted(pins.items()):
        if pin in locked and seed not in locked[pin]:
            locked[pin].append(seed)
    in_locked = {s: story for story, seeds in locked.items() for s in seeds}
    free = [a for a in sorted(articles, key=lambda a: a.name) if a.name not in in_locked]
    clusters = _pinned_clusters(free, recorded)
    found = evidence(free, cache, encoder, memo)
    _merge(clusters, found.links(), recorded.apart)
    ids = _story_ids(clusters, recorded, set(locked), by_name)
    members = {story: seeds for story, seeds in locked.items() if seeds}
    members |= {ids[id(c)]: sorted(c.seeds) for c in clusters}
    stories = tuple(
        Story(id=story, articles=_ordered(by_name, seeds))
        for story, seeds in sorted(members.items())
    )
    kept = {e.id for e in recorded.stories if e.locked}
    entries = tuple(
        StoryEntry(s.id, tuple(a.name for a in s.articles), s.id in kept) for s in stories
    )
    explain = functools.partial(_decisions, stories, clusters, found, pins, in_locked)
    return Grouping(stories, StoryFile(entries, recorded.apart), explain)


def _ordered(by_name: Mapping[str, Article], seeds: Iterable[str]) -> tuple[Article, ...]:
    return tuple(sorted((by_name[s] for s in seeds), key=lambda a: (a.lang.tag, a.name)))


def _pinned_clusters(free: Sequence[Article], recorded: StoryFile) -> list[_Cluster]:
    """One cluster per seed, except that seeds pinned to the same story id start together,
    with the seeds recorded in that story: a pin adds a seed to a story and never takes the
    story's id from the seeds it holds. A recorded seed of a language a pinned one already
    brings, or kept `apart` from one, is left to the evidence (the pin wins)."""
    pinned: dict[str, _Cluster] = {}
    clusters = []
    for article in free:
        pin = article.seed.overrides.story
        if pin:
            if pin not in pinned:
                pinned[pin] = _Cluster(set(), set(), pin)
                clusters.append(pinned[pin])
            _add(pinned[pin], article)
    recorded_in = {s: e.id for e in recorded.stories if not e.locked for s in e.seeds}
    for article in (a for a in free if not a.seed.overrides.story):
        cluster = pinned.get(recorded_in.get(article.name, ""))
        if cluster is None or not _may_hold(cluster, article, recorded.apart):
            cluster = _Cluster(set(), set())
            clusters.append(cluster)
        else:
            cluster.held.add(article.name)
        _add(cluster, article)
    return clusters


def _add(cluster: _Cluster, article: Article) -> None:
    cluster.seeds.add(article.name)
    cluster.langs.add(article.lang.tag)


def _may_hold(cluster: _Cluster, article: Article, apart: Sequence[frozenset[str]]) -> bool:
    if article.lang.tag in cluster.langs:
        return False
    return not any(article.name in group and group & cluster.seeds for group in apart)


def _merge(
    clusters: list[_Cluster],
    pairs: Iterable[Sequence[Link]],
    apart: Iterable[frozenset[str]],
) -> None:
    """Join clusters along the strongest links (`pairs`: each language pair's one-to-one
    links, `Evidence.links`) that break no rule (in place)."""
    owner = {seed: c for c in clusters for seed in c.seeds}
    links = [link for group in pairs for link in group]
    apart_sets = list(apart)
    joined: set[int] = set()  # id() of the clusters merged into another
    for link in sorted(links, reverse=True):  # by rank
        a, b = owner[link.left], owner[link.right]
        if a is b or not _may_join(a, b, apart_sets):
            continue
        a.seeds |= b.seeds
        a.langs |= b.langs
        a.pin = a.pin or b.pin
        a.held |= b.held
        a.links += [*b.links, link]
        for seed in b.seeds:
            owner[seed] = a
        joined.add(id(b))
    clusters[:] = [c for c in clusters if id(c) not in joined]  # list.remove each: quadratic


def _may_join(a: _Cluster, b: _Cluster, apart: Sequence[frozenset[str]]) -> bool:
    if a.langs & b.langs or (a.pin and b.pin and a.pin != b.pin):
        return False
    return not any(group & a.seeds and group & b.seeds for group in apart)


def _story_ids(
    clusters: Sequence[_Cluster],
    recorded: StoryFile,
    taken: set[str],
    by_name: Mapping[str, Article],
) -> dict[int, str]:
    """Story id of each cluster (keyed by id()): its pin, else the recorded id of the story
    it shares most seeds with, else a new slug of its lead article's title."""
    taken = set(taken) | {c.pin for c in clusters if c.pin}
    ids = {id(c): c.pin for c in clusters if c.pin}
    recorded_in = {s: e.id for e in recorded.stories if not e.locked for s in e.seeds}
    overlaps = sorted(
        (
            (-shared, story, min(c.seeds), c)
            for c in clusters
            if not c.pin
            for story, shared in Counter(
                recorded_in[s] for s in c.seeds if s in recorded_in
            ).items()
        ),
        key=lambda row: row[:3],
    )
    for _, story, _, cluster in overlaps:
        if id(cluster) not in ids and story not in taken:
            ids[id(cluster)] = story
            taken.add(story)
    fresh = [c for c in clusters if id(c) not in ids]
    for cluster in sorted(fresh, key=lambda c: min(c.seeds)):
        lead = Story(id="", articles=_ordered(by_name, cluster.seeds)).lead
        story = disambiguate(make_slug(lead.title.text, lead.name, lead.lang.tag), lead.name, taken)
        ids[id(cluster)] = story
        taken.add(story)
    return {k: v for k, v in ids.items() if v is not None}


def _decisions(
    stories: Sequence[Story],
    clusters: Sequence[_Cluster],
    found: Evidence,
    pins: Mapping[str, str],
    in_locked: Mapping[str, str],
) -> tuple[Decision, ...]:
    story_of = {a.name: s.id for s in stories for a in s.articles}
    links = {seed: c.links for c in clusters for seed in c.seeds}
    held = {seed for c in clusters for seed in c.held}
    by_seed: dict[str, list[StoredScore]] = defaultdict(list)
    by_pair: dict[tuple[str, str], StoredScore] = {}
    for score in found.scores:
        by_seed[score.left].append(score)
        by_seed[score.right].append(score)
        by_pair[score.left, score.right] = score
    decisions = []
    for seed, story in sorted(story_of.items()):
        mine = by_seed.get(seed, [])
        outside = [s for s in mine if story_of.get(s.other(seed)) != story]
        runner_up = max(outside, key=lambda s: s.rank, default=None)
        link = max((k for k in links.get(seed, []) if seed in (k.left, k.right)), default=None)
        joined = None if link is None else by_pair[link.left, link.right]
        reason = _reason(seed, story, joined, pins.get(seed), in_locked)
        if seed in held and joined is None:
            reason = "recorded in this story in stories.yml, which a seed's front matter pins"
        decisions.append(
            Decision(seed, story, reason, _pair(found, joined), _pair(found, runner_up))
        )
    return tuple(decisions)


def _pair(found: Evidence, score: StoredScore | None) -> PairScore | None:
    return None if score is None else found.pair(score)


def _reason(
    seed: str, story: str, joined: StoredScore | None, pin: str | None, in_locked: Mapping[str, str]
) -> str:
    if pin == story:
        return "pinned by the seed's front matter (story: ...)"
    if seed in in_locked:
        return "locked in stories.yml"
    if joined is not None:
        return f"aligned with {joined.other(seed)}"
    return "no translation found among the candidates"
