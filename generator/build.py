"""The build, top to bottom: read every seed, analyse it, group stories, then write."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from .clean import CleanContext, clean_text, repeated_lines
from .config import Config
from .dates import publication_date
from .detect import detect_language
from .duplicates import Duplicate, split_duplicates
from .editor_rules import EDITOR_FILE, load_editor_rules
from .frontmatter import apply_overrides
from .group import group_stories
from .indexes import render_indexes
from .parallel import parallel_urls, render_parallel_pages
from .read import discover, read_seeds
from .records import Article, BuildReport, Page, SeedError, SeedText, Story
from .render import MANIFEST, plan_pages, render_manifest, render_pages
from .title import find_title
from .write import write_files

log = logging.getLogger(__name__)


def analyse(seed: SeedText, context: CleanContext | None = None) -> Article:
    # Language first, on the raw text: the cleaner's phrase lists and stoplists depend on it.
    language = detect_language(seed.text)
    clean = clean_text(seed, seed.overrides.lang or language.code, context)
    title = find_title(clean)
    article = Article(
        seed=seed, lang=language, clean=clean, title=title, date=publication_date(seed)
    )
    return apply_overrides(article)


def render_files(
    stories: Sequence[Story], pages: Sequence[Page], duplicates: Sequence[Duplicate] = ()
) -> dict[str, str]:
    """Every generated file: articles, indexes, parallel pages and the manifest."""
    parallel = parallel_urls(stories)
    files = render_pages(pages, parallel)
    files |= render_indexes(stories, pages)
    files |= render_parallel_pages(stories, pages)
    files[MANIFEST] = render_manifest(stories, pages, duplicates)
    return files


def build(config: Config) -> BuildReport:
    errors: list[SeedError] = []
    warnings: list[str] = list(discover(config.seeds).notes)
    articles: list[Article] = []
    items = list(read_seeds(config.seeds))
    editor, problems = load_editor_rules(config.seeds / EDITOR_FILE)
    errors += [SeedError(EDITOR_FILE, problem) for problem in problems]
    errors += [item for item in items if isinstance(item, SeedError)]
    seeds, duplicates = split_duplicates([item for item in items if isinstance(item, SeedText)])
    warnings += [str(d) for d in duplicates]
    warnings += [f"{EDITOR_FILE}: no seed named {n}" for n in editor.unknown(s.name for s in seeds)]
    context = CleanContext(repeated=repeated_lines(seeds), editor=editor)
    for item in seeds:
        article = analyse(item, context)
        if not article.clean.paragraphs:
            errors.append(SeedError(item.name, "no article text: every line is boilerplate"))
            continue
        if not article.lang.known:
            warnings.append(
                f"{item.name}: language undetermined ({article.lang.reason}; "
                f"candidates {article.lang.candidates})"
            )
        articles.append(article)

    stories = group_stories(articles)
    pages = plan_pages(stories)

    published = {a.name for a in articles}
    errors += [
        SeedError(d.seed.name, f"same text as {d.of}, which failed")
        for d in duplicates
        if d.of not in published
    ]
    skipped = write_files(config.out, render_files(stories, pages, duplicates))
    by_path = {page.path: page for page in pages}
    errors += [
        SeedError(by_path[s.path].article.name if s.path in by_path else s.path, s.reason)
        for s in skipped
    ]
    kept = tuple(p for p in pages if p.path not in {s.path for s in skipped})
    return BuildReport(pages=kept, errors=tuple(errors), warnings=tuple(warnings))
