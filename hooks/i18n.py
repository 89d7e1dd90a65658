"""MkDocs hook: the navigation in each page's language, and the home page's story list.

What a page needs to be right (its `<html lang dir>`, escaped title, hreflang links,
switcher and its words) comes from its front matter through the templates (overrides/),
with any engine; this hook only adds what MkDocs alone can:
- the navigation's entries in the page's language (generator/rendering/ui.py);
- the hand-written home page gets the generated story list at its `<!-- stories -->` mark.
Search is a step of its own after the build (scripts/search_index.py; hooks/search.py runs
it for `mkdocs serve`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from generator.rendering.indexes import HOME_LIST
from generator.rendering.ui import strings

HOME_MARK = "<!-- stories -->"
# The navigation's pages (mkdocs.yml `nav`) and the site's word naming each of them.
NAV_WORDS = {
    "index.md": "home",
    "stories/index.md": "stories",
    "parallel/index.md": "parallel",
    "about.md": "about",
}
log = logging.getLogger("mkdocs.hooks.i18n")


def page_language(page: Any, config: Any) -> str:
    lang = page.meta.get("lang") if page is not None else None
    return str(lang) if lang else str(config.theme["language"])


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.is_homepage:
        return insert_story_list(markdown, Path(config.docs_dir) / HOME_LIST)
    return markdown


def insert_story_list(markdown: str, listing: Path) -> str:
    """The generated list at the editor's mark, or after the text when there is no mark."""
    if not listing.is_file():
        return markdown
    block = "\n\n" + listing.read_text(encoding="utf-8") + "\n\n"
    if HOME_MARK in markdown:
        return markdown.replace(HOME_MARK, block, 1)
    return markdown + block


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    name_navigation(nav, page_language(page, config))
    return context


def name_navigation(nav: Any, lang: str) -> None:
    """The nav's entries in the page's language. The nav is shared by every page, and each
    page renders right after this runs for it, so every page gets its own language's words."""
    words = strings(lang)
    for item in getattr(nav, "items", ()):
        key = NAV_WORDS.get(getattr(getattr(item, "file", None), "src_uri", ""))
        if key:
            item.title = words[key]
