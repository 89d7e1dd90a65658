"""The build, top to bottom: gather the seeds, analyse each, group stories, render, write.

Each stage's batch entry gets the memo of the build's cache session; nothing below them
sees the cache. The docs folder is locked against any other build of it throughout.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from generator.analysis.analyse import analyse_all, clean_context
from generator.config import Config
from generator.grouping.group import NOTHING_RECORDED, Grouping, group_stories
from generator.grouping.rescore import History
from generator.grouping.story_file import StoryFile, canonical, read_recorded, story_file_of
from generator.incremental.cache import Cache
from generator.incremental.memo import Memo
from generator.incremental.session import session, sweep
from generator.progress import Steps
from generator.reading.gather import Gathered, gather, settle
from generator.records import BuildReport, Page, SeedError
from generator.rendering.files import plan_pages, render_files
from generator.rendering.home import load_home
from generator.rendering.published import load_published, published_of
from generator.text.embed import ENCODER_TIME
from generator.writing.lock import project_lock
from generator.writing.site import Skipped, publish
from generator.writing.stories import record_pages, record_stories

log = logging.getLogger(__name__)


def build(config: Config) -> BuildReport:
    steps, encoded = Steps(), replace(ENCODER_TIME)  # the encoder's count: this build's is the rest
    with project_lock(config.out), session(config.cache) as memo:
        found = decide(config, memo, steps)
        problems = found.problems
        if found.recorded is not None:  # one that cannot be read holds an editor's work
            decided = found.grouping.story_file
            text, failed = record_stories(config.stories_file, decided)
            memo.remember(story_file_of, (text,), canonical(decided))  # read back unparsed
            problems += failed

        stories = found.grouping.stories
        published, unusable = load_published(config.urls_file, lambda t: memo(published_of, t))
        pages = plan_pages(stories, memo, published)
        if not unusable or published:  # a file that cannot be read is left as it is
            text, known, failed = record_pages(config.urls_file, pages)
            memo.remember(published_of, (text,), known)  # read back unparsed
            problems += failed
        home, unread = load_home(config.home)
        problems += unusable + unread
        files = render_files(stories, pages, found.read.duplicates, memo, home)
        memo.commit()
        steps.done("render", f"{len(files)} files")
        skipped, changed = publish(config.out, files, memo)
        steps.done("write", f"{changed} files written or removed, of {len(files) - len(skipped)}")
        log.info(
            "embedding: %d sentences in %.2f s (part of group and render)",
            ENCODER_TIME.texts - encoded.texts,
            ENCODER_TIME.seconds - encoded.seconds,
        )
        sweep(memo, [History.KIND], lambda cache: settle(cache, found.read.racy))
    return BuildReport(
        pages=tuple(p for p in pages if p.path not in {s.path for s in skipped}),
        errors=found.errors + _not_written(skipped, pages),
        warnings=found.warnings + problems,
        changed=changed,
    )


@dataclass(frozen=True)
class Decided:
    """What the build decides before it renders: the seeds read, analysed and grouped
    (what `python -m generator stories` reports)."""

    read: Gathered
    grouping: Grouping
    recorded: StoryFile | None  # None: the story file cannot be read, and is left alone
    errors: tuple[SeedError, ...]
    warnings: tuple[str, ...]
    problems: tuple[str, ...]  # of the story file


def decide(config: Config, memo: Memo, steps: Steps) -> Decided:
    read = gather(config.seeds, memo)
    prepared = clean_context(config.seeds, read.seeds, memo)
    articles, errors, warnings = analyse_all(
        read.seeds, prepared.context, read.duplicates, memo, prepared.lines
    )
    memo.commit()
    steps.done("analyse", f"{len(articles)} seeds ({memo.summary()})")

    recorded, problems = read_recorded(config.stories_file, lambda text: memo(story_file_of, text))
    # Embeddings share the stage cache; without one they are kept for this run only.
    cache = memo.cache or Cache(None)
    grouping = group_stories(articles, recorded or NOTHING_RECORDED, cache=cache, memo=memo)
    steps.done("group", f"{len(grouping.stories)} stories")
    return Decided(
        read=read,
        grouping=grouping,
        recorded=recorded,
        errors=prepared.errors + read.errors + tuple(errors),
        warnings=read.warnings + prepared.warnings + tuple(warnings),
        problems=problems,
    )


def _not_written(skipped: list[Skipped], pages: tuple[Page, ...]) -> tuple[SeedError, ...]:
    by_path = {page.path: page for page in pages}
    return tuple(
        SeedError(by_path[s.path].article.name if s.path in by_path else s.path, s.reason)
        for s in skipped
    )
