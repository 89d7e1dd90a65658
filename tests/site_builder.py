"""Build a site with stories grouped by the test, not by the grouping stage.

The translation links, the story pages and the language switcher must work for any
grouping; these tests fix one (seeds 000 + 001 together) instead of depending on the
grouping stage's decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.analysis.analyse import analyse
from generator.reading.files import read_seeds
from generator.records import Article, BuildReport, SeedText, Story
from generator.rendering.files import plan_pages, render_files
from generator.text.slug import make_slug
from generator.writing.site import write_files


def group_as(articles: Sequence[Article], groups: Sequence[Sequence[str]]) -> tuple[Story, ...]:
    """One story per group of seed names, and one per seed in no group."""
    by_name = {a.name: a for a in articles}
    grouped = {name for group in groups for name in group}
    stories = [tuple(by_name[n] for n in group) for group in groups]
    stories += [(a,) for a in articles if a.name not in grouped]
    out = []
    for members in stories:
        lead = Story(id="", articles=members).lead
        out.append(Story(id=make_slug(lead.title.text, lead.name), articles=members))
    return tuple(sorted(out, key=lambda s: s.id))


def build_grouped(seeds: Path, docs: Path, groups: Sequence[Sequence[str]]) -> BuildReport:
    articles = [analyse(s) for s in read_seeds(seeds) if isinstance(s, SeedText)]
    stories = group_as(articles, groups)
    pages = plan_pages(stories)
    write_files(docs, render_files(stories, pages))
    return BuildReport(pages=pages)
