"""The build, top to bottom: read every seed, analyse it, group stories, then write."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from .clean import CleanContext, clean_text, repeated_lines
from .config import Config
from .dates import publication_date
from .detect import detect_language
from .editor_rules import EDITOR_FILE, load_editor_rules
from .frontmatter import apply_overrides
from .group import group_stories
from .indexes import render_indexes
from .parallel import parallel_urls, render_parallel_pages
from .read import read_seeds
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


def render_files(stories: Sequence[Story], pages: Sequence[Page]) -> dict[str, str]:
    """Every generated file: articles, indexes, parallel pages and the manifest."""
    parallel = parallel_urls(stories)
    files = render_pages(pages, parallel)
    files |= render_indexes(stories, pages)
    files |= render_parallel_pages(stories, pages)
    files[MANIFEST] = render_manifest(stories, pages)
    return files


def build(config: Config) -> BuildReport:
    errors: list[SeedError] = []
    warnings: list[str] = []
    articles: list[Article] = []
    items = list(read_seeds(config.seeds))
    editor, problems = load_editor_rules(config.seeds / EDITOR_FILE)
    errors += [SeedError(EDITOR_FILE, problem) for problem in problems]
    seeds = [item for item in items if isinstance(item, SeedText)]
    warnings += [f"{EDITOR_FILE}: no seed named {n}" for n in editor.unknown(s.name for s in seeds)]
    context = CleanContext(repeated=repeated_lines(seeds), editor=editor)
    for item in items:
        if isinstance(item, SeedError):
            errors.append(item)
            continue
        article = analyse(item, context)
        if not article.lang.known:
            warnings.append(
                f"{item.name}: language undetermined ({article.lang.reason}; "
                f"candidates {article.lang.candidates})"
            )
        articles.append(article)

    stories = group_stories(articles)
    pages = plan_pages(stories)

    files = render_files(stories, pages)
    conflicts = write_files(config.out, files)
    by_path = {page.path: page for page in pages}
    errors += [
        SeedError(by_path[c].article.name, f"{c} is a hand-written page; not overwritten")
        for c in conflicts
        if c in by_path
    ]
    warnings += [
        f"{c} is a hand-written page; not overwritten" for c in conflicts if c not in by_path
    ]
    kept = tuple(p for p in pages if p.path not in conflicts)
    return BuildReport(pages=kept, errors=tuple(errors), warnings=tuple(warnings))
