"""The build, top to bottom: gather the seeds, analyse each, group stories, render, write.

Each stage's batch entry gets the memo of the build's cache session; nothing below them
sees the cache. The docs folder is locked against any other build of it throughout.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from generator.analysis.analyse import analyse_all
from generator.analysis.context import clean_context
from generator.config import Config
from generator.grouping.group import NOTHING_RECORDED, group_stories
from generator.grouping.rescore import History
from generator.grouping.story_file import read_recorded
from generator.incremental.cache import Cache
from generator.incremental.session import session, sweep
from generator.progress import Steps
from generator.reading.files import settle
from generator.reading.gather import gather
from generator.records import BuildReport, Page, SeedError
from generator.rendering.files import render_files
from generator.rendering.pages import plan_pages
from generator.text.embed import ENCODER_TIME
from generator.writing.lock import project_lock
from generator.writing.site import Skipped, publish
from generator.writing.stories import record_stories

log = logging.getLogger(__name__)


def build(config: Config) -> BuildReport:
    steps, encoded = Steps(), replace(ENCODER_TIME)  # the encoder's count: this build's is the rest
    with project_lock(config.out), session(config.cache) as memo:
        read = gather(config.seeds, memo)
        prepared = clean_context(config.seeds, read.seeds, memo)
        articles, errors, warnings = analyse_all(
            read.seeds, prepared.context, read.duplicates, memo, prepared.lines
        )
        memo.commit()
        steps.done("analyse", f"{len(articles)} seeds ({memo.summary()})")

        recorded, problems = read_recorded(config.stories_file, memo)
        # Embeddings share the stage cache; without one they are kept for this run only.
        cache = memo.cache or Cache(None)
        grouping = group_stories(articles, recorded or NOTHING_RECORDED, cache=cache, memo=memo)
        if recorded is not None:  # one that cannot be read holds an editor's work: left alone
            problems += record_stories(config.stories_file, grouping.story_file, memo)
        steps.done("group", f"{len(grouping.stories)} stories")

        pages = plan_pages(grouping.stories, memo)
        files = render_files(grouping.stories, pages, read.duplicates, memo)
        memo.commit()
        steps.done("render", f"{len(files)} files")
        skipped, changed = publish(config.out, files, memo)
        steps.done("write", f"{changed} of {len(files) - len(skipped)} files changed")
        log.info(
            "embedding: %d sentences in %.2f s (part of group and render)",
            ENCODER_TIME.texts - encoded.texts,
            ENCODER_TIME.seconds - encoded.seconds,
        )
        sweep(memo, [History.KIND], lambda cache: settle(cache, read.racy))
    return BuildReport(
        pages=tuple(p for p in pages if p.path not in {s.path for s in skipped}),
        errors=prepared.errors + read.errors + tuple(errors) + _not_written(skipped, pages),
        warnings=read.warnings + prepared.warnings + tuple(warnings) + problems,
        changed=changed,
    )


def _not_written(skipped: list[Skipped], pages: tuple[Page, ...]) -> tuple[SeedError, ...]:
    by_path = {page.path: page for page in pages}
    return tuple(
        SeedError(by_path[s.path].article.name if s.path in by_path else s.path, s.reason)
        for s in skipped
    )
