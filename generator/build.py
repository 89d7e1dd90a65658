"""The build, top to bottom: gather the seeds, analyse each, group stories, then write."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from .analyse import analyse_all
from .cache import Cache
from .clean import CleanContext, LineSet, repeated_lines, seed_lines
from .config import Config
from .duplicates import Duplicate, seed_key, split_duplicates
from .editor_rules import EDITOR_FILE, load_editor_rules
from .embed import ENCODER_TIME
from .group import group_and_record
from .indexes import render_indexes
from .lock import project_lock
from .memo import DIRECT, Memo, Text
from .parallel import parallel_urls, render_parallel_pages
from .progress import Steps
from .read import Racy, discover, read_seeds, seed_digest, settle
from .records import BuildReport, Page, SeedError, SeedText, Story
from .render import MANIFEST, plan_pages, render_manifest, render_pages
from .rescore import History
from .write import known_files, remember_files, write_site

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Gathered:
    """Every seed read, and what cleaning needs to know about all of them."""

    seeds: tuple[SeedText, ...]
    lines: tuple[LineSet, ...]  # each seed's
    duplicates: tuple[Duplicate, ...]
    context: CleanContext
    errors: tuple[SeedError, ...]
    warnings: tuple[str, ...]
    racy: tuple[Racy, ...]  # seeds read within seconds of a change (`read.settle`)


def gather(config: Config, memo: Memo = DIRECT) -> Gathered:
    found, racy = discover(config.seeds), list[Racy]()
    items = list(read_seeds(config.seeds, found, memo.cache, racy))
    editor, problems = load_editor_rules(config.seeds / EDITOR_FILE)
    texts = [item for item in items if isinstance(item, SeedText)]
    for seed in texts:  # its digest stands for it in keys and in stored analyses
        memo.name(seed, seed_digest(seed), shared=True)
    seeds, duplicates = split_duplicates(texts, memo.many(seed_key, [(s,) for s in texts]))
    lines = memo.many(seed_lines, [(seed,) for seed in seeds])
    errors = [SeedError(EDITOR_FILE, problem) for problem in problems]
    errors += [item for item in items if isinstance(item, SeedError)]
    warnings = list(found.notes) + [str(d) for d in duplicates]
    warnings += [f"{EDITOR_FILE}: no seed named {n}" for n in editor.unknown(s.name for s in seeds)]
    context = CleanContext(repeated=repeated_lines(seeds, lines), editor=editor)
    return Gathered(
        tuple(seeds),
        tuple(lines),
        tuple(duplicates),
        context,
        tuple(errors),
        tuple(warnings),
        tuple(racy),
    )


def render_files(
    stories: Sequence[Story],
    pages: Sequence[Page],
    duplicates: Sequence[Duplicate] = (),
    memo: Memo = DIRECT,
) -> dict[str, Text]:
    """Every generated file: articles, indexes, parallel pages and the manifest (a page's
    text may be left unread until the write stage needs it: `Memo.texts`)."""
    parallel = parallel_urls(stories)
    files = render_pages(pages, parallel, memo)
    files |= render_indexes(stories, pages, memo=memo)
    files |= render_parallel_pages(stories, pages, memo=memo)
    files[MANIFEST] = render_manifest(stories, pages, duplicates)
    return files


def build(config: Config) -> BuildReport:
    """The whole build, with the docs folder locked against any other build of it
    (`lock`): from reading the seeds and the stories file to the last write."""
    with project_lock(config.out), _few_collections():
        return _build(config)


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Python's cycle collector, run less often: a rebuild reads back a hundred thousand
    records that live to its end, and with the default thresholds it traverses all of
    them again and again (a quarter of a rebuild's time at 10,000 seeds). The pipeline
    makes few reference cycles, so memory stays as it was."""
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


GC_THRESHOLD = 2_000_000  # allocations between two young collections (Python's default: 700)


def _build(config: Config) -> BuildReport:
    steps, memo = Steps(), Memo.open(config.cache)
    memo.defer_texts = True  # the write stage reads a page's text only if its file changed
    encoded = replace(ENCODER_TIME)  # the encoder's count so far: this build's is the rest
    try:
        gathered = gather(config, memo)
        articles, errors, warnings = analyse_all(
            gathered.seeds, gathered.context, gathered.duplicates, memo, gathered.lines
        )
        memo.commit()
        steps.done("analyse", f"{len(articles)} seeds ({memo.summary()})")

        # Embeddings share the stage cache; without one they are kept for this run only.
        grouping, problems = group_and_record(
            articles, config.stories_file, memo.cache or Cache(None), memo
        )
        warnings += problems
        stories = grouping.stories
        steps.done("group", f"{len(stories)} stories")

        pages = plan_pages(stories, memo)
        files = render_files(stories, pages, gathered.duplicates, memo)
        memo.commit()
        steps.done("render", f"{len(files)} files")
        skipped, written = write_site(config.out, files, known_files(memo.cache, config.out))
        remember_files(memo.cache, config.out, written)
        steps.done("write", f"{len(files) - len(skipped)} files checked")
        log.info(
            "embedding: %d sentences in %.2f s (part of group and render)",
            ENCODER_TIME.texts - encoded.texts,
            ENCODER_TIME.seconds - encoded.seconds,
        )
        # Results this complete build did not use are an older code's or a removed seed's.
        if memo.cache is not None:
            memo.forget_unused("memo:")
            memo.cache.forget_unused(History.KIND)
            settle(memo.cache, gathered.racy)
            memo.cache.compact()
    finally:
        memo.close()

    by_path = {page.path: page for page in pages}
    errors += [
        SeedError(by_path[s.path].article.name if s.path in by_path else s.path, s.reason)
        for s in skipped
    ]
    kept = tuple(p for p in pages if p.path not in {s.path for s in skipped})
    return BuildReport(
        pages=kept,
        errors=gathered.errors + tuple(errors),
        warnings=gathered.warnings + tuple(warnings),
    )
