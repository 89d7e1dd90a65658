"""MkDocs hook: the navigation's entries in each page's language.

What a page needs to be right (its `<html lang dir>`, escaped title, hreflang links,
switcher and its words, the home page's story list) is in the generated Markdown and its
front matter, rendered by the templates (overrides/) with any engine; this hook only names
the navigation's entries in the page's language (generator/rendering/ui.py), which MkDocs
alone lets a hook do. Search is a step of its own after the build
(scripts/search_index.py; hooks/search.py runs it for `mkdocs serve`).
"""

from __future__ import annotations

import logging
from typing import Any

from generator.rendering.ui import strings

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
