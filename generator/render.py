"""Stage 6a, render: the text of every generated file (pages and manifest), nothing written yet."""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Sequence

import yaml

from .records import Page, Story
from .slug import disambiguate, make_slug

MANIFEST = "archive.json"


def plan_pages(stories: Sequence[Story]) -> tuple[Page, ...]:
    """One page per article at `<lang>/<slug>.md`; slugs are unique across the archive."""
    taken: set[str] = set()
    pages = []
    for story in stories:
        for article in story.articles:
            slug = disambiguate(make_slug(article.title.text, article.name), article.name, taken)
            taken.add(slug)
            path = f"{article.lang.code}/{slug}.md"
            pages.append(Page(article=article, story_id=story.id, path=path, url=page_url(path)))
    return tuple(pages)


def page_url(path: str) -> str:
    """The URL MkDocs gives a page with `use_directory_urls` (its default)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def escape(text: str) -> str:
    """Seed text as inert HTML: nothing in it can become a tag, an entity or Markdown."""
    return html.escape(text, quote=True)


def render_page(page: Page, parallel: str | None = None) -> str:
    """`parallel`: URL of the story's side-by-side page, when it has one."""
    article = page.article
    meta = {
        "title": article.title.text,
        "lang": article.lang.code,
        "story": page.story_id,
        "seed": article.name,
    }
    if parallel is not None:
        meta["parallel"] = parallel
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    # Raw HTML blocks: Markdown leaves their content alone, so seed text stays literal.
    body = [f"<h1>{escape(article.title.text)}</h1>"]
    if parallel is not None:
        link = posixpath.relpath(parallel, page.url or ".")
        body.append(f'<p class="parallel-link"><a href="{escape(link)}/">⇆ Side by side</a></p>')
    body += [f"<p>{escape(p)}</p>" for p in article.body]
    return f"---\n{front}---\n\n" + "\n\n".join(body) + "\n"


def render_manifest(stories: Sequence[Story], pages: Sequence[Page]) -> str:
    by_seed = {page.article.name: page for page in pages}
    data = {
        "stories": [
            {
                "id": story.id,
                "title": story.title,
                "articles": [_manifest_article(by_seed[a.name]) for a in story.articles],
            }
            for story in stories
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _manifest_article(page: Page) -> dict[str, object]:
    article = page.article
    return {
        "seed": article.name,
        "lang": article.lang.code,
        "title": article.title.text,
        "url": page.url,
        "page": page.path,
        "encoding": article.seed.encoding,
        "removed": [r.text for r in article.clean.removed],
    }
