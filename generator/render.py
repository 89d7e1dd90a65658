"""Stage 6a, render: the text of every generated file (pages and manifest), nothing written yet."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence

import yaml

from .duplicates import Duplicate
from .records import Page, Story
from .slug import disambiguate, make_slug

MANIFEST = "archive.json"
_CONTROLS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")


def plan_pages(stories: Sequence[Story]) -> tuple[Page, ...]:
    """One page per article at `<lang>/<slug>.md`; slugs are unique across the archive."""
    taken: set[str] = set()
    pages = []
    for story in stories:
        for article in story.articles:
            slug = disambiguate(make_slug(article.title.text, article.name), article.name, taken)
            taken.add(slug)
            # The code may come from an editor's front matter: never trust it as a folder name.
            path = f"{make_slug(article.lang.code, 'und')}/{slug}.md"
            pages.append(Page(article=article, story_id=story.id, path=path, url=page_url(path)))
    return tuple(pages)


def page_url(path: str) -> str:
    """The URL MkDocs gives a page with `use_directory_urls` (its default)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def escape(text: str) -> str:
    """Seed text as inert HTML: nothing in it can become a tag, an entity or Markdown.

    Line breaks become character references too: a blank line would end the raw HTML
    block and let Markdown (and pymdownx snippets) read the rest of the text.
    Other control characters have no place in an article, and Python-Markdown uses two of
    them (STX, ETX) to mark its stash: they become U+FFFD.
    """
    text = _CONTROLS.sub("\ufffd", text)
    escaped = html.escape(text, quote=True).replace("\t", "&#9;")
    return escaped.replace("\r", "&#13;").replace("\n", "&#10;")


def render_page(page: Page) -> str:
    article = page.article
    meta = {
        # MkDocs themes print the title as HTML (Material's header does): escape it here.
        "title": escape(article.title.text),
        "lang": article.lang.code,
        "story": page.story_id,
        "seed": article.name,
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    # Raw HTML blocks: Markdown leaves their content alone, so seed text stays literal.
    body = [f"<h1>{escape(article.title.text)}</h1>"]
    body += [f"<p>{escape(p)}</p>" for p in article.body]
    return f"---\n{front}---\n\n" + "\n\n".join(body) + "\n"


def render_manifest(
    stories: Sequence[Story], pages: Sequence[Page], duplicates: Sequence[Duplicate] = ()
) -> str:
    by_seed = {page.article.name: page for page in pages}
    data = {
        "stories": [
            {
                "id": story.id,
                "title": story.title,
                "articles": [
                    entry
                    for a in story.articles
                    for entry in _with_copies(_manifest_article(by_seed[a.name]), duplicates)
                ],
            }
            for story in stories
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _with_copies(
    entry: dict[str, object], duplicates: Sequence[Duplicate]
) -> list[dict[str, object]]:
    """The article, then one entry per seed with the same text: same page, `duplicate_of`."""
    copies = [d for d in duplicates if d.of == entry["seed"]]
    return [entry] + [
        {**entry, "seed": d.seed.name, "encoding": d.seed.encoding, "duplicate_of": d.of}
        for d in copies
    ]


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
