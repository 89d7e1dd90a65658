"""The text of every generated file (pages and manifest), nothing written yet."""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import yaml

from generator.analysis.dates import story_date
from generator.reading.duplicates import Duplicate
from generator.records import Article, Page, Story
from generator.rendering.ui import ui, ui_lang
from generator.text.languages import direction, native_name
from generator.text.slug import disambiguate, make_slug

MANIFEST = "archive.json"
_CONTROLS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f&<>\"']")  # what `escape` changes


def unique_slugs(
    articles: Sequence[Article], slugs: Sequence[str], reserved: Iterable[str] = ()
) -> dict[str, str]:
    """Seed name -> its page's slug. Of articles with the same slug, the first by seed name
    has the plain slug, the others a suffix made of their own name: an article keeps its
    URL when stories are regrouped or seeds added (and once published, `published.py`,
    whatever sorts before it). Only the name decides, never the title's script or letters:
    a look-alike headline ("Pаris", Cyrillic а) wins the plain slug only by being first by name.

    Plain slugs are all handed out before any suffix, so that no title can be made to look
    like another's suffixed slug ("Paris summit 1a2b3c") and take it first."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for slug, name in sorted(zip(slugs, (a.name for a in articles), strict=True)):
        by_slug[slug].append(name)
    # `index` was `<lang>/index.md`, the language's index page, when articles were
    # `<lang>/<slug>.md`: still never a slug, so no slug moves. `reserved`: recorded pages' slugs.
    taken: set[str] = {"index", *reserved}
    unique = {}
    for slug, names in by_slug.items():
        if slug not in taken:
            unique[names[0]] = slug
            taken.add(slug)
    for slug, names in by_slug.items():
        for name in names:
            if name not in unique:
                unique[name] = disambiguate(slug, name, taken)
                taken.add(unique[name])
    return unique


def title_slug(article: Article) -> str:
    """The slug of the article's title (transliterating it is worth remembering)."""
    return make_slug(article.title.text, article.name, article.lang.tag)


@functools.lru_cache(maxsize=1024)
def lang_folder(code: str) -> str:
    return make_slug(code, "und")  # a handful of codes, slugified thousands of times


def page_url(path: str) -> str:
    """The URL MkDocs gives a page with `use_directory_urls` (its default): for the
    generated pages, all written as `<url>/index.md`, their folder."""
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
    if not _SPECIAL.search(text):
        return text  # most headlines and names: an index page escapes 100,000s of them
    text = _CONTROLS.sub("\ufffd", text)
    escaped = html.escape(text, quote=True).replace("\t", "&#9;")
    return escaped.replace("\r", "&#13;").replace("\n", "&#10;")


def story_url(story_id: str) -> str:
    return page_url(story_page_path(story_id))


def page_file(url: str) -> str:
    """The Markdown file of the generated page at `url` (`x/y/`): `x/y/index.md`.

    Every generated page is its URL's folder's index: Zensical resolves a relative link in
    raw HTML from the Markdown file's folder, MkDocs leaves it to the browser, which
    resolves it from the URL's; with the two folders the same, one link serves both."""
    return f"{url}index.md"


def story_page_path(story_id: str) -> str:
    # The story "index" kept the URL its old `stories/_index.md` had (`stories/index.md`
    # lists every story); ids are slugs, so they never contain "_".
    folder = story_id if story_id != "index" else "_index"
    return page_file(f"stories/{folder}/")


def relative_url(from_url: str, to_url: str) -> str:
    """`to_url` as a link from the page at `from_url` (both relative to the site root)."""
    src, dst = from_url.split("/"), to_url.split("/")
    if "." in src or ".." in src or "." in dst or ".." in dst:
        rel = posixpath.relpath("/" + to_url, "/" + from_url if from_url else "/")
    else:  # what relpath says, without its path normalising: indexes link thousands of pages
        src, dst = [s for s in src if s], [s for s in dst if s]
        same = 0
        while same < min(len(src), len(dst)) and src[same] == dst[same]:
            same += 1
        rel = "/".join([".."] * (len(src) - same) + dst[same:]) or "."
    if rel == ".":
        return "./"
    directory = to_url.endswith("/") or not to_url
    return rel + "/" if directory and not rel.endswith("/") else rel


# libyaml's emitter writes what PyYAML's own does, six times faster (pages by the thousand).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: Mapping[str, object]) -> str:
    text = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n"


def article_page(page: Page, versions: Sequence[Page], parallel: str | None) -> str:
    """The text of `page`; its arguments are its key (a page's article is keyed by its
    digest, so a rebuild does not encode every article's text again)."""
    return page_text(*page_parts(page, versions, parallel))


def version_entry(page: Page) -> dict[str, str]:
    """One version of a story, as the theme's language switcher and hreflang links need it."""
    code = page.article.lang.tag
    return {
        "lang": code,
        "name": native_name(code),
        "dir": direction(code),
        "title": page.article.title.text,
        "url": page.url,
    }


def render_page(page: Page, versions: Sequence[Page] = (), parallel: str | None = None) -> str:
    """The article's Markdown; `versions` are its story's pages (itself included or not),
    `parallel` the URL of the story's side-by-side page when it has one."""
    return page_text(*page_parts(page, versions, parallel))


PageParts = tuple[tuple[tuple[str, object], ...], str, str, tuple[str, ...], str | None]

# The site's words an article page's templates print (overrides/main.html, article-source).
PAGE_WORDS = ("language", "translations", "all_versions", "source")


def page_parts(page: Page, versions: Sequence[Page], parallel: str | None) -> PageParts:
    """All that an article's page shows: front matter items, URL, language, body, parallel."""
    article = page.article
    others = sorted((v for v in versions if v.path != page.path), key=lambda v: v.article.lang.tag)
    meta: dict[str, object] = {
        "title": article.title.text,
        "lang": article.lang.tag,
        "dir": direction(article.lang.tag),
        "story": page.story_id,
        "story_url": story_url(page.story_id),
        "seed": article.name,
        "date": article.date.iso,
        **_stated(article),
        # Every version, this one first: the switcher names the page's own language too.
        "versions": [version_entry(page)] + [version_entry(v) for v in others],
        # The site's words the templates print (switcher, source line), for any engine.
        "words_lang": ui_lang(article.lang.tag),
        "words": {key: ui(article.lang.tag, key) for key in PAGE_WORDS},
    }
    if parallel is not None:
        meta["parallel"] = parallel
    return tuple(meta.items()), page.url, article.lang.tag, article.body, parallel


def page_text(
    meta: Sequence[tuple[str, object]],
    url: str,
    lang: str,
    body: Sequence[str],
    parallel: str | None,
) -> str:
    # Raw HTML blocks: Markdown leaves their content alone, so seed text stays literal.
    front = dict(meta)
    blocks = [f"<h1>{escape(str(front['title']))}</h1>"]
    if parallel is not None:
        link = posixpath.relpath(parallel, url or ".")
        label = escape(ui(lang, "side_by_side"))
        blocks.append(f'<p class="parallel-link"><a href="{escape(link)}/">{label}</a></p>')
    blocks += [f"<p>{escape(p)}</p>" for p in body]
    return front_matter(front) + "\n" + "\n\n".join(blocks) + "\n"


def render_manifest(
    stories: Sequence[Story], pages: Sequence[Page], duplicates: Sequence[Duplicate] = ()
) -> str:
    by_seed = {page.article.name: page for page in pages}
    copies: dict[str, list[Duplicate]] = defaultdict(list)
    for duplicate in duplicates:
        copies[duplicate.of].append(duplicate)
    entries = [
        {
            "id": story.id,
            "title": story.title,
            "date": story_date(story),
            "articles": [
                entry
                for a in story.articles
                for entry in _with_copies(_manifest_article(by_seed[a.name]), copies[a.name])
            ],
        }
        for story in stories
    ]
    # One story per line: a pull request's diff shows the stories it changed, and without
    # `indent` the json module encodes in C (several times faster).
    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
    return '{"stories": [\n' + lines + ("\n" if lines else "") + "]}\n"


def _with_copies(entry: dict[str, object], copies: Sequence[Duplicate]) -> list[dict[str, object]]:
    """The article, then one entry per seed with the same text: same page, `duplicate_of`."""
    return [entry] + [
        {**entry, "seed": d.seed.name, "encoding": d.seed.encoding, "duplicate_of": d.of}
        for d in copies
    ]


def _manifest_article(page: Page) -> dict[str, object]:
    article = page.article
    return {
        "seed": article.name,
        "lang": article.lang.code,
        "script": article.lang.script,
        "title": article.title.text,
        "url": page.url,
        "page": page.path,
        "encoding": article.seed.encoding,
        "removed": [r.text for r in article.clean.removed],
        # For editors: each removed line, why, and where (from 1, below any front matter).
        "removed_why": [
            {"line": r.line + 1, "text": r.text, "reason": r.reason} for r in article.clean.removed
        ],
        "date": article.date.iso,
        **_stated(article),
    }


def _stated(article: Article) -> dict[str, str]:
    """Facts only an editor can state (front matter), shown where they are given."""
    stated = article.seed.overrides
    return {k: v for k, v in (("source", stated.source), ("author", stated.author)) if v}
