"""The rendering stage's batch entry: the text of every generated file."""

from __future__ import annotations

from collections.abc import Sequence

from generator.incremental.memo import DIRECT, Memo, Text
from generator.reading.duplicates import Duplicate
from generator.records import Page, Story
from generator.rendering.indexes import render_indexes
from generator.rendering.pages import MANIFEST, render_manifest, render_pages
from generator.rendering.side_by_side import parallel_urls, render_parallel_pages


def render_files(
    stories: Sequence[Story],
    pages: Sequence[Page],
    duplicates: Sequence[Duplicate] = (),
    memo: Memo = DIRECT,
) -> dict[str, Text]:
    """Every generated file: articles, indexes, side-by-side pages and the manifest (a
    page's text may be left unread until the write stage needs it: `Memo.texts`)."""
    parallel = parallel_urls(stories)
    files = render_pages(pages, parallel, memo)
    files |= render_indexes(stories, pages, memo=memo)
    files |= render_parallel_pages(stories, pages, memo=memo)
    files[MANIFEST] = render_manifest(stories, pages, duplicates)
    return files
