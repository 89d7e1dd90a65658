"""MkDocs hook: each page speaks its own language, and search ignores accents.

- `<html lang dir>` and the theme's own words follow the page's front matter `lang`
  (Material otherwise uses one site-wide `theme.language`); a language the theme has no
  words for gets English words but keeps its own `lang` and direction, so nothing crashes.
- Titles from front matter are seed text: Material prints `page.meta.title` unescaped in
  `<title>` and in the header, so they are escaped here, once.
- The hand-written home page gets the generated story list at its `<!-- stories -->` mark.
- The search index gets a `folded` field per entry: the entry's words without their
  accents, so "declaration" finds "déclaration" (lunr itself keeps accents).
- Pagefind indexes the built articles, one index per language, for the search box of each
  language's index page (search limited to one language).
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from generator.rendering.indexes import HOME_LIST
from generator.rendering.ui import strings, ui_lang
from generator.text.languages import direction

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
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = html.escape(title, quote=True)
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
    lang = page_language(page, config)
    context["page_lang"] = lang
    context["page_dir"] = direction(lang)
    context["ui_lang"] = ui_lang(lang)
    context["ui_dir"] = direction(ui_lang(lang))
    context["ui"] = strings(lang)
    name_navigation(nav, lang)
    return context


def name_navigation(nav: Any, lang: str) -> None:
    """The nav's entries in the page's language. The nav is shared by every page, and each
    page renders right after this runs for it, so every page gets its own language's words."""
    words = strings(lang)
    for item in getattr(nav, "items", ()):
        key = NAV_WORDS.get(getattr(getattr(item, "file", None), "src_uri", ""))
        if key:
            item.title = words[key]


def on_post_page(output: str, page: Any, config: Any) -> str:
    # Material puts `dir` on <body> only; the root element should carry it too.
    dir_ = direction(page_language(page, config))
    return output.replace("<html lang=", f'<html dir="{dir_}" lang=', 1)


TAG = re.compile(r"<[^>]+>")


def fold(text: str) -> str:
    """Latin letters without their accents (é -> e, ç -> c) and Russian ё -> е.

    Other scripts keep their marks: Kazakh й, ә or Arabic hamza are letters of their own
    that readers type, not optional accents.
    """
    return text.translate(_FOLDED)


def fold_char(char: str) -> str:
    """`fold` of one character: the rule looks at each character alone."""
    base = unicodedata.normalize("NFD", char)
    if len(base) > 1 and (char in "ёЁ" or unicodedata.name(char, "").startswith("LATIN")):
        return "".join(c for c in base if unicodedata.category(c) != "Mn")
    return char


class _Folded(dict[int, str]):
    """`fold_char` of each character met so far, for `str.translate`: the search index of
    2,000 articles holds a million words, whose folding character by character in Python
    took 0.76 s of each `mkdocs build` (0.34 s this way)."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold_char(chr(code))
        return folded


_FOLDED = _Folded()


def folded_words(*texts: str) -> str:
    """The words of `texts` that lose an accent when folded, folded, each once, in order."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in text.split():
            plain = fold(word)
            if plain != word:
                seen.setdefault(plain, None)
    return " ".join(seen)


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: Any) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        text = html.unescape(TAG.sub(" ", doc.get("text", "")))
        doc["folded"] = folded_words(html.unescape(doc.get("title", "")), text)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    run_pagefind(Path(config.site_dir))


def run_pagefind(site: Path) -> None:
    """One Pagefind index per `<html lang>`, of the articles (`data-pagefind-body`) only."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("Pagefind could not run: %s; search by language is unavailable", exc)
        return
    if done.returncode != 0:
        log.warning("Pagefind failed (%s): %s", done.returncode, done.stderr.strip()[-2000:])
        return
    sort_languages(site / "pagefind" / "pagefind-entry.json")


def sort_languages(entry: Path) -> None:
    """Pagefind lists its language indexes in an order of its own, another at every run:
    in the order of their codes, the same site is the same bytes."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["languages"] = dict(sorted(data["languages"].items()))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("Pagefind's %s left as it is: %s", entry.name, exc)
        return
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
