"""The pages that lead readers to the articles.

- `stories/index.md`: every story, its headline and the languages it has;
- `stories/.home.html`: the first stories of that list, linked from the site root, which
  the hook `hooks/i18n.py` puts on the hand-written home page at its `<!-- stories -->` mark;
- `<lang>/index.md`: the articles of one language;
- `stories/<id>.md`: one story, every version of it, and any extra links (parallel reading).

Seed text (headlines) only ever appears html-escaped; links are computed here, relative to
the page they are on, because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.records import Page, Story
from generator.rendering.pages import (
    escape,
    front_matter,
    page_url,
    relative_url,
    story_url,
)
from generator.rendering.ui import ui, ui_lang
from generator.text.languages import direction, native_name

STORY_LIST = "stories/index.md"
HOME_LIST = "stories/.home.html"  # a dotfile: MkDocs leaves it out of the site
HOME_LIMIT = 100  # stories listed on the home page; the rest are one click away


@dataclass(frozen=True)
class Link:
    """An extra link on a story page, e.g. to its parallel reading page."""

    label: str
    url: str  # relative to the site root


def by_language(pages: Sequence[Page]) -> dict[str, list[Page]]:
    out: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        out[page.article.lang.code].append(page)
    return {lang: out[lang] for lang in sorted(out)}


def _versions(pages: Sequence[Page]) -> list[Page]:
    return sorted(pages, key=lambda p: p.article.lang.code)


def other_versions(page: Page, story: Sequence[Page]) -> tuple[Page, ...]:
    """The other versions of `page`'s story, by language."""
    return tuple(p for p in _versions(story) if p.path != page.path)


def _text(text: str) -> str:
    """Seed text for one line of raw HTML: escaped, and no blank line that would end the block."""
    return escape(" ".join(text.split()))


def _lang_attrs(code: str) -> str:
    return f'lang="{escape(code)}" dir="{direction(code)}"'


def _article_link(page: Page, here: str, text: str) -> str:
    code = page.article.lang.code
    href = escape(relative_url(here, page.url))
    return f'<a href="{href}" hreflang="{escape(code)}" {_lang_attrs(code)}>{text}</a>'


def _languages_line(pages: Sequence[Page], here: str) -> str:
    names = [_article_link(p, here, escape(native_name(p.article.lang.code))) for p in pages]
    return ", ".join(names)


def story_list_html(
    stories: Sequence[Story], by_story: Mapping[str, Sequence[Page]], here: str
) -> str:
    """Each story's headline (linking to its story page) and the languages it has."""
    items = []
    for story in stories:
        versions = _versions(by_story[story.id])
        lead = story.lead.lang.code
        href = escape(relative_url(here, story_url(story.id)))
        headline = f'<a href="{href}" {_lang_attrs(lead)}>{_text(story.title)}</a>'
        langs = _languages_line(versions, here)
        items.append(f'<li>{headline} <span class="story-langs">({langs})</span></li>')
    return '<ul class="story-list">\n' + "\n".join(items) + "\n</ul>\n"


def _more_link(count: int, here: str) -> str:
    if count <= HOME_LIMIT:
        return ""
    href = escape(relative_url(here, page_url(STORY_LIST)))
    return f'<p><a href="{href}">{escape(ui("en", "more_stories"))} ({count})</a></p>\n'


def _language_list_html(by_story: Mapping[str, Sequence[Page]], here: str) -> str:
    counts: dict[str, int] = defaultdict(int)
    for pages in by_story.values():
        for page in pages:
            counts[page.article.lang.code] += 1
    items = []
    for code in sorted(counts):
        href = escape(relative_url(here, f"{code}/"))
        name = escape(native_name(code))
        link = f'<a href="{href}" hreflang="{escape(code)}" {_lang_attrs(code)}>{name}</a>'
        items.append(f"<li>{link} ({counts[code]})</li>")
    return '<ul class="language-list">\n' + "\n".join(items) + "\n</ul>\n"


def render_home_list(stories: Sequence[Story], by_story: Mapping[str, Sequence[Page]]) -> str:
    """The home page's part: the languages, then the first stories (links from the root)."""
    return "\n\n".join(
        [
            f"<h2>{escape(ui('en', 'languages'))}</h2>",
            _language_list_html(by_story, ""),
            f"<h2>{escape(ui('en', 'stories'))}</h2>",
            story_list_html(stories[:HOME_LIMIT], by_story, "") + _more_link(len(stories), ""),
        ]
    )


def render_story_list(stories: Sequence[Story], by_story: Mapping[str, Sequence[Page]]) -> str:
    here = page_url(STORY_LIST)
    meta = {"title": ui("en", "stories"), "lang": "en", "search": {"exclude": True}}
    body = [
        f"<h1>{escape(ui('en', 'stories'))}</h1>",
        f"<h2>{escape(ui('en', 'languages'))}</h2>",
        _language_list_html(by_story, here),
        f"<h2>{escape(ui('en', 'stories'))}</h2>",
        story_list_html(stories, by_story, here),
    ]
    return front_matter(meta) + "\n" + "\n\n".join(body)


def render_language_index(lang: str, entries: Sequence[tuple[Page, Sequence[Page]]]) -> str:
    """The articles of one language (each with its story's other versions), and a search
    box limited to that language.

    The page is labelled `lang`: its headlines are in it, and Pagefind searches the index of
    the page's `<html lang>`. The site's words on it are in `lang` when the site has them,
    else in English, and then marked `lang="en"`.
    """
    here = page_url(f"{lang}/index.md")
    words = ui_lang(lang)
    mark = "" if words == lang else f" {_lang_attrs(words)}"
    title = ui(lang, "articles_in")
    meta = {"title": title, "lang": lang, "dir": direction(lang), "search": {"exclude": True}}
    items = []
    for page, others in sorted(entries, key=lambda e: (e[0].article.title.text, e[0].path)):
        link = _article_link(page, here, _text(page.article.title.text))
        also = ""
        if others:
            also = f' <span class="story-langs"{mark}>({escape(ui(lang, "also_in"))}: '
            also += _languages_line(others, here) + ")</span>"
        items.append(f"<li>{link}{also}</li>")
    body = [
        f"<h1{mark}>{escape(title)}</h1>",
        # Filled by assets/language-search.js with Pagefind's search of this language only.
        f'<div class="language-search" role="search" aria-label="{escape(ui(lang, "search_in"))}"'
        f"{mark}></div>",
        '<ul class="article-list">\n' + "\n".join(items) + "\n</ul>",
    ]
    return front_matter(meta) + "\n" + "\n\n".join(body) + "\n"


def render_story_page(story: Story, pages: Sequence[Page], links: Sequence[Link] = ()) -> str:
    """One story: its headline, then every version with its language and headline."""
    here = story_url(story.id)
    lead = story.lead.lang.code
    meta = {"title": story.title, "lang": "en", "story": story.id, "search": {"exclude": True}}
    items = []
    for page in _versions(pages):
        code = page.article.lang.code
        name = _article_link(page, here, escape(native_name(code)))
        headline = f"<span {_lang_attrs(code)}>{_text(page.article.title.text)}</span>"
        items.append(f"<li>{name}: {headline}</li>")
    body = [
        f"<h1 {_lang_attrs(lead)}>{_text(story.title)}</h1>",
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
