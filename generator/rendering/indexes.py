"""The pages that lead readers to the articles.

- `stories/index.md`, then `stories/page/2/index.md`...: every story, newest first, its headline
  and the languages it has;
- the home page's list (`render_home_list`): the languages and the newest stories, linked
  from the site root (`home.py` puts it in the editors' text);
- `<lang>/index.md`, then `<lang>/page/2/index.md`...: the articles of one language, newest
  first;
- `stories/<id>/index.md`: one story, every version of it, and any extra links (parallel
  reading).

Seed text (headlines) only ever appears html-escaped; links are computed here, relative to
the page they are on, because MkDocs does not rewrite links inside raw HTML (Zensical does,
from the Markdown file's folder: every page is its URL's `index.md`, `pages.page_file`, so
that both read a link alike).

A list longer than a page goes on to numbered pages (`pagination.py`): no page grows with
the archive.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.analysis.dates import story_date
from generator.records import Page, Story
from generator.rendering.pages import (
    escape,
    front_matter,
    lang_folder,
    page_url,
    relative_url,
    story_url,
)
from generator.rendering.pagination import (
    first_page,
    lang_attrs,
    page_path,
    page_title,
    pager,
    split_pages,
)
from generator.rendering.ui import ui, ui_lang
from generator.text.languages import direction, native_name

STORY_LIST = "stories/index.md"
HOME_LIMIT = 50  # stories listed on the home page; the rest are one click away
HOME_BYTES = 60_000  # of them: the home page is the one every visit loads

Entry = tuple[Page, Sequence[Page]]  # an article of a language index, its other versions


@dataclass(frozen=True)
class Link:
    """An extra link on a story page, e.g. to its parallel reading page."""

    label: str
    url: str  # relative to the site root


def by_language(pages: Sequence[Page]) -> dict[str, list[Page]]:
    out: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        out[page.article.lang.tag].append(page)
    return {lang: out[lang] for lang in sorted(out)}


def _versions(pages: Sequence[Page]) -> list[Page]:
    return sorted(pages, key=lambda p: p.article.lang.tag)


def other_versions(page: Page, story: Sequence[Page]) -> tuple[Page, ...]:
    """The other versions of `page`'s story, by language."""
    return tuple(p for p in _versions(story) if p.path != page.path)


def _text(text: str) -> str:
    """Seed text for one line of raw HTML: escaped, and no blank line that would end the block."""
    return escape(" ".join(text.split()))


def _article_link(page: Page, here: str, text: str) -> str:
    code = page.article.lang.tag
    href = escape(relative_url(here, page.url))
    return f'<a href="{href}" hreflang="{escape(code)}" {lang_attrs(code)}>{text}</a>'


def _languages_line(pages: Sequence[Page], here: str) -> str:
    names = [_article_link(p, here, escape(native_name(p.article.lang.tag))) for p in pages]
    return ", ".join(names)


def _date(iso: str | None) -> str:
    """A known date before a list item: readers of a list of news look for it first."""
    return f'<time datetime="{escape(iso)}">{escape(iso)}</time> ' if iso else ""


def _story_item(story: Story, versions: Sequence[Page], here: str) -> str:
    lead = story.lead.lang.tag
    href = escape(relative_url(here, story_url(story.id)))
    headline = f'<a href="{href}" {lang_attrs(lead)}>{_text(story.title)}</a>'
    langs = _languages_line(_versions(versions), here)
    return (
        f'<li>{_date(story_date(story))}{headline} <span class="story-langs">({langs})</span></li>'
    )


def story_list_html(
    stories: Sequence[Story], by_story: Mapping[str, Sequence[Page]], here: str
) -> str:
    """Each story's headline (linking to its story page) and the languages it has."""
    items = [_story_item(story, by_story[story.id], here) for story in stories]
    return '<ul class="story-list">\n' + "\n".join(items) + "\n</ul>\n"


# What a list item's links add to the text they show, at most: `<a href="" hreflang=""
# lang="" dir="ltr"></a>` and the "../../../" of a page two folders down (`x/page/<n>/`).
LINK_BYTES = 54
ITEM_BYTES = 72  # `<li>`, the span around the other languages, its `lang` and words


def _link_bytes(url: str, code: str, text_bytes: int) -> int:
    return LINK_BYTES + 2 * len(code) + len(url.encode()) + text_bytes


@functools.lru_cache(maxsize=256)
def _name_bytes(code: str) -> int:
    return len(escape(native_name(code)).encode()) + 2  # and ", "


def _languages_bytes(pages: Sequence[Page]) -> int:
    return sum(
        _link_bytes(p.url, p.article.lang.tag, _name_bytes(p.article.lang.tag)) for p in pages
    )


def _item_bytes(url: str, code: str, title: str, iso: str | None, others: Sequence[Page]) -> int:
    """At most the bytes of a list item: the size that cuts lists into pages, worked out
    without the links themselves (which take a no-change rebuild of 10,000 articles most of
    a second to write out)."""
    date = 46 if iso else 0  # `<time datetime="…">…</time> `
    title_bytes = len(_text(title).encode())
    return ITEM_BYTES + date + _link_bytes(url, code, title_bytes) + _languages_bytes(others)


def story_pages(
    stories: Sequence[Story], by_story: Mapping[str, Sequence[Page]]
) -> list[Sequence[Story]]:
    """`stories` (in the order they are listed) cut into the story list's pages."""
    keys = [s.id for s in stories]
    return [stories[r.start : r.stop] for r in split_pages(keys, _story_sizes(stories, by_story))]


def _story_sizes(stories: Sequence[Story], by_story: Mapping[str, Sequence[Page]]) -> list[int]:
    return [
        _item_bytes(story_url(s.id), s.lead.lang.tag, s.title, story_date(s), by_story[s.id])
        for s in stories
    ]


def _more_link(shown: int, count: int, here: str) -> str:
    if count <= shown:
        return ""
    href = escape(relative_url(here, page_url(STORY_LIST)))
    return f'<p><a href="{href}">{escape(ui("en", "more_stories"))} ({count})</a></p>\n'


def language_counts(by_story: Mapping[str, Sequence[Page]]) -> tuple[tuple[str, int], ...]:
    """Each language version's tag and how many articles it has, by tag."""
    counts: dict[str, int] = defaultdict(int)
    for pages in by_story.values():
        for page in pages:
            counts[page.article.lang.tag] += 1
    return tuple(sorted(counts.items()))


def _language_list_html(counts: Sequence[tuple[str, int]], here: str) -> str:
    items = []
    for code, count in counts:
        href = escape(relative_url(here, f"{lang_folder(code)}/"))
        name = escape(native_name(code))
        link = f'<a href="{href}" hreflang="{escape(code)}" {lang_attrs(code)}>{name}</a>'
        items.append(f"<li>{link} ({count})</li>")
    return '<ul class="language-list">\n' + "\n".join(items) + "\n</ul>\n"


def render_home_list(stories: Sequence[Story], by_story: Mapping[str, Sequence[Page]]) -> str:
    """The home page's part: the languages, then the newest stories (as many as fit on one
    page, at most `HOME_LIMIT`) and a link to the rest; links from the root."""
    shown = first_page(_story_sizes(stories[:HOME_LIMIT], by_story), HOME_LIMIT, HOME_BYTES)
    newest = stories[shown.start : shown.stop]
    return "\n\n".join(
        [
            f"<h2>{escape(ui('en', 'languages'))}</h2>",
            _language_list_html(language_counts(by_story), ""),
            f"<h2>{escape(ui('en', 'stories'))}</h2>",
            story_list_html(newest, by_story, "") + _more_link(len(newest), len(stories), ""),
        ]
    )


def render_story_list(
    stories: Sequence[Story],
    versions: Sequence[Sequence[Page]],
    number: int = 1,
    count: int = 1,
    languages: Sequence[tuple[str, int]] = (),
) -> str:
    """Page `number` of `count` of the story list: its `stories`, newest first, each with
    its `versions`; the first page also lists the `languages` (`language_counts`)."""
    here = page_url(page_path(STORY_LIST, number))
    title = page_title(ui("en", "stories"), "en", number)
    meta = {"title": title, "lang": "en", "search": {"exclude": True}}
    body = [f"<h1>{escape(title)}</h1>"]
    if number == 1:
        body += [
            f"<h2>{escape(ui('en', 'languages'))}</h2>",
            _language_list_html(languages, here),
            f"<h2>{escape(ui('en', 'stories'))}</h2>",
        ]
    nav = pager(STORY_LIST, number, count)
    by_story = {story.id: pages for story, pages in zip(stories, versions, strict=True)}
    body += [story_list_html(stories, by_story, here)] + ([nav] if nav else [])
    return front_matter(meta) + "\n" + "\n\n".join(body) + "\n"


def language_index_path(lang: str, number: int = 1) -> str:
    return page_path(f"{lang_folder(lang)}/index.md", number)


def _newest_article(entry: Entry) -> tuple[bool, int, str, str]:
    """Newest first where dates are known; then undated articles by headline."""
    article = entry[0].article
    day = -dt.date.fromisoformat(article.date.iso).toordinal() if article.date.iso else 0
    return (article.date.iso is None, day, article.title.text, entry[0].path)


def _language_item(lang: str, entry: Entry, here: str) -> str:
    page, others = entry
    link = _article_link(page, here, _text(page.article.title.text))
    also = ""
    if others:
        words = ui_lang(lang)
        mark = "" if words == lang else f" {lang_attrs(words)}"
        also = f' <span class="story-langs"{mark}>({escape(ui(lang, "also_in"))}: '
        also += _languages_line(others, here) + ")</span>"
    return f"<li>{_date(page.article.date.iso)}{link}{also}</li>"


def language_pages(
    lang: str, entries: Sequence[Entry]
) -> list[tuple[str, tuple[Entry, ...], int, int]]:
    """The `render_language_index` calls of a language: its articles, newest first, cut
    into pages; each call is the key of its page. A new article re-renders the page it joins
    (all of them when the pages' count changes: their numbers and pagers do), and those
    listing its story's other versions."""
    ordered = sorted(entries, key=_newest_article)
    also = len(ui(lang, "also_in").encode())
    sizes = [
        _item_bytes(p.url, p.article.lang.tag, p.article.title.text, p.article.date.iso, others)
        + also
        for p, others in ordered
    ]
    ranges = split_pages([p.path for p, _ in ordered], sizes)
    return [
        (lang, tuple(ordered[r.start : r.stop]), n, len(ranges)) for n, r in enumerate(ranges, 1)
    ]


def render_language_index(
    lang: str, entries: Sequence[Entry], number: int = 1, count: int = 1
) -> str:
    """Page `number` of `count` of the articles of one language (each with its story's
    other versions).

    The page is labelled `lang`: its headlines are in it, and the header's search box
    searches the index of the page's `<html lang>` (this language) by default. The site's
    words on it are in `lang` when the site has them, else in English, and then marked
    `lang="en"`.
    """
    here = page_url(language_index_path(lang, number))
    words = ui_lang(lang)
    mark = "" if words == lang else f" {lang_attrs(words)}"
    title = page_title(ui(lang, "articles_in"), lang, number)
    meta = {"title": title, "lang": lang, "dir": direction(lang), "search": {"exclude": True}}
    items = [_language_item(lang, entry, here) for entry in entries]
    body = [
        f"<h1{mark}>{escape(title)}</h1>",
        '<ul class="article-list">\n' + "\n".join(items) + "\n</ul>",
    ]
    nav = pager(language_index_path(lang), number, count, lang)
    return front_matter(meta) + "\n" + "\n\n".join(body + ([nav] if nav else [])) + "\n"


def render_story_page(story: Story, pages: Sequence[Page], links: Sequence[Link] = ()) -> str:
    """One story: its headline, then every version with its language and headline."""
    here = story_url(story.id)
    lead = story.lead.lang.tag
    meta = {"title": story.title, "lang": "en", "story": story.id, "search": {"exclude": True}}
    items = []
    for page in _versions(pages):
        code = page.article.lang.tag
        name = _article_link(page, here, escape(native_name(code)))
        headline = f"<span {lang_attrs(code)}>{_text(page.article.title.text)}</span>"
        items.append(f"<li>{name}: {headline}</li>")
    body = [
        f"<h1 {lang_attrs(lead)}>{_text(story.title)}</h1>",
        f"<h2>{escape(ui('en', 'versions'))}</h2>",
        '<ul class="version-list">\n' + "\n".join(items) + "\n</ul>",
    ]
    if links:
        extra = [
            f'<li><a href="{escape(relative_url(here, k.url))}">{escape(k.label)}</a></li>'
            for k in links
        ]
        body.append('<ul class="story-links">\n' + "\n".join(extra) + "\n</ul>")
    return front_matter(meta) + "\n" + "\n\n".join(body) + "\n"
