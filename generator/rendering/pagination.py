"""Lists longer than a page go on to numbered pages (`page/<n>/`, as news sites number
them), each with a "newer / older" navigation: no page grows with the archive.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from generator.rendering.pages import escape, page_file, page_url, relative_url
from generator.rendering.ui import ui, ui_lang
from generator.text.languages import direction

# One page of a list: at most this many items and this many bytes of them. The theme adds
# 30-40 KB of its own to each page, and no page may reach 150 KB.
PAGE_ITEMS = 100
PAGE_BYTES = 90_000
# A page ends where an item's key says so, about one item in BREAK_EVERY, never before
# PAGE_MIN items (`split_pages`).
BREAK_EVERY = 40
PAGE_MIN = 10
PAGER_WINDOW = 2  # page numbers shown on each side of the current one (and the first, last)


def lang_attrs(code: str) -> str:
    return f'lang="{escape(code)}" dir="{direction(code)}"'


def page_path(first: str, number: int) -> str:
    """The file of page `number` of the list whose first page is `first` (`x/index.md`):
    `x/page/<n>/index.md`, in a folder of its own, where no article or story slug can be."""
    if number == 1:
        return first
    return page_file(f"{first.removesuffix('index.md')}page/{number}/")


def split_pages(
    keys: Sequence[str], sizes: Sequence[int], items: int = PAGE_ITEMS, budget: int = PAGE_BYTES
) -> list[range]:
    """Consecutive items, in order (newest first), cut into pages of at most `items` items
    and `budget` bytes (an item longer than that has a page of its own).

    Where to cut is the items' own say, as rsync cuts files: a page ends after an item
    whose key hashes to a multiple of `BREAK_EVERY` (and holds at least `PAGE_MIN` items).
    A new article, wherever its date or headline puts it, then changes the page it joins
    alone; cut by count, every page on one side of it would shift (an undated article,
    listed by headline, re-rendered half a language's pages)."""
    pages: list[range] = []
    start, used = 0, 0
    for i, size in enumerate(sizes):
        if i > start and (i - start >= items or used + size > budget):
            pages.append(range(start, i))
            start, used = i, 0
        used += size
        if i + 1 - start >= PAGE_MIN and _ends_page(keys[i]):
            pages.append(range(start, i + 1))
            start, used = i + 1, 0
    if start < len(sizes) or not pages:
        pages.append(range(start, len(sizes)))
    return pages


def _ends_page(key: str) -> bool:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % BREAK_EVERY == 0


def first_page(sizes: Sequence[int], items: int, budget: int) -> range:
    """The first items, as many as fit in `items` items and `budget` bytes (at least one)."""
    used = 0
    for i, size in enumerate(sizes[:items]):
        used += size
        if i and used > budget:
            return range(0, i)
    return range(0, min(len(sizes), items))


def page_numbers(number: int, count: int) -> list[int | None]:
    """The page numbers a pager shows: the first, the last and those near `number`; None
    where numbers are left out."""
    shown = sorted({1, count, *range(number - PAGER_WINDOW, number + PAGER_WINDOW + 1)})
    out: list[int | None] = []
    for n in (n for n in shown if 1 <= n <= count):
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def pager(first: str, number: int, count: int, lang: str = "en") -> str:
    """Links to the newer and older pages of a list and to its pages by number."""
    if count <= 1:
        return ""
    here = page_url(page_path(first, number))
    words = ui_lang(lang)
    mark = "" if words == lang else f" {lang_attrs(words)}"

    def link(n: int, text: str, rel: str = "") -> str:
        href = escape(relative_url(here, page_url(page_path(first, n))))
        return f'<a href="{href}"{rel}>{escape(text)}</a>'

    parts = [link(number - 1, ui(lang, "newer"), ' rel="prev"')] if number > 1 else []
    for n in page_numbers(number, count):
        if n is None:
            parts.append('<span class="pager__gap">…</span>')
        elif n == number:
            parts.append(f'<span class="pager__current" aria-current="page">{n}</span>')
        else:
            parts.append(link(n, str(n)))
    if number < count:
        parts.append(link(number + 1, ui(lang, "older"), ' rel="next"'))
    label = escape(ui(lang, "pages"))
    return f'<nav class="pager" aria-label="{label}"{mark}>' + " ".join(parts) + "</nav>"


def page_title(title: str, lang: str, number: int) -> str:
    return title if number == 1 else f"{title} · {ui(lang, 'page')} {number}"
