"""What the seeds do to the archive compared with the committed story file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.records import BuildReport, Page


@dataclass(frozen=True)
class Change:
    """What the seeds do to the archive compared with the committed story file."""

    new_seeds: tuple[Page, ...]  # seeds absent from the story file, or changed since --base
    new_stories: tuple[tuple[str, tuple[str, ...]], ...]  # (story id, its seeds)
    joined: tuple[tuple[str, str, str], ...]  # (seed, existing story id, evidence)
    moved: tuple[tuple[str, str, str], ...]  # (seed, committed story id, story id now)
    gone: tuple[str, ...]  # seeds in the story file that are no longer in the folder


def compare(
    committed: Mapping[str, Sequence[str]],
    pages: Sequence[Page],
    changed: frozenset[str] = frozenset(),
    evidence: Mapping[str, str] | None = None,
    failed: frozenset[str] = frozenset(),
) -> Change:
    """`failed`: seeds in the folder that did not build (reported as errors, not as gone)."""
    evidence = evidence or {}
    story_of = {seed: story for story, seeds in committed.items() for seed in seeds}
    pages = sorted(pages, key=lambda p: p.article.name)
    new = tuple(p for p in pages if p.article.name not in story_of or p.article.name in changed)
    built: dict[str, list[str]] = {}
    for page in pages:
        built.setdefault(page.story_id, []).append(page.article.name)
    names = {p.article.name for p in pages} | failed
    return Change(
        new_seeds=new,
        new_stories=tuple((s, tuple(seeds)) for s, seeds in built.items() if s not in committed),
        joined=tuple(
            (p.article.name, p.story_id, evidence.get(p.article.name, ""))
            for p in new
            if p.story_id in committed
        ),
        moved=tuple(
            (p.article.name, story_of[p.article.name], p.story_id)
            for p in pages
            if p.article.name in story_of and story_of[p.article.name] != p.story_id
        ),
        gone=tuple(sorted(s for s in story_of if s not in names)),
    )


@dataclass(frozen=True)
class CheckResult:
    report: BuildReport
    change: Change
    story_file: str  # where the committed story decisions were read from
    story_file_found: bool
    note: str = ""  # why the comparison is not with a committed file, when it is not
