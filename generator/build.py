"""The build, top to bottom: read every seed, analyse it, group stories, then write."""

from __future__ import annotations

import logging

from .clean import clean_text
from .config import Config
from .detect import detect_language
from .duplicates import split_duplicates
from .group import group_stories
from .read import discover, read_seeds
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
    warnings: list[str] = list(discover(config.seeds).notes)
    articles: list[Article] = []
    seeds: list[SeedText] = []
    for item in read_seeds(config.seeds):
        if isinstance(item, SeedError):
            errors.append(item)
            continue
        seeds.append(item)
    seeds, duplicates = split_duplicates(seeds)
    warnings += [str(d) for d in duplicates]
    for item in seeds:
        article = analyse(item)
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

    files = {page.path: render_page(page) for page in pages}
    published = {a.name for a in articles}
    errors += [
        SeedError(d.seed.name, f"same text as {d.of}, which failed")
        for d in duplicates
        if d.of not in published
    ]
    files[MANIFEST] = render_manifest(stories, pages, duplicates)
    skipped = write_files(config.out, files)
    by_path = {page.path: page for page in pages}
    errors += [
        SeedError(by_path[s.path].article.name if s.path in by_path else s.path, s.reason)
        for s in skipped
    ]
    kept = tuple(p for p in pages if p.path not in {s.path for s in skipped})
    return BuildReport(pages=kept, errors=tuple(errors), warnings=tuple(warnings))
