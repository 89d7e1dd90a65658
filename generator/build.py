"""The build, top to bottom: read every seed, analyse it, group stories, then write."""

from __future__ import annotations

import logging

from .cache import Cache
from .clean import clean_text
from .config import Config
from .detect import detect_language
from .group import group_and_record
from .read import read_seeds
from .records import Article, BuildReport, SeedError, SeedText
from .render import MANIFEST, plan_pages, render_manifest, render_page
from .title import find_title
from .write import write_files

log = logging.getLogger(__name__)


def analyse(seed: SeedText) -> Article:
    clean = clean_text(seed)
    language = detect_language("\n".join(clean.paragraphs))
    return Article(seed=seed, lang=language, clean=clean, title=find_title(clean))


def build(config: Config) -> BuildReport:
    errors: list[SeedError] = []
    warnings: list[str] = []
    articles: list[Article] = []
    for item in read_seeds(config.seeds):
        if isinstance(item, SeedError):
            errors.append(item)
            continue
        article = analyse(item)
        if not article.lang.known:
            warnings.append(
                f"{item.name}: language undetermined ({article.lang.reason}; "
                f"candidates {article.lang.candidates})"
            )
        articles.append(article)

    grouping, problems = group_and_record(articles, config.stories_file, Cache(config.cache))
    warnings += problems
    stories = grouping.stories
    pages = plan_pages(stories)

    files = {page.path: render_page(page) for page in pages}
    files[MANIFEST] = render_manifest(stories, pages)
    conflicts = write_files(config.out, files)
    by_path = {page.path: page for page in pages}
    errors += [
        SeedError(by_path[c].article.name, f"{c} is a hand-written page; not overwritten")
        for c in conflicts
        if c in by_path
    ]
    kept = tuple(p for p in pages if p.path not in conflicts)
    return BuildReport(pages=kept, errors=tuple(errors), warnings=tuple(warnings))
