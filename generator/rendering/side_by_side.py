"""Parallel reading: every story in two or more languages gets a page showing two versions
side by side, aligned sentence by sentence, with a control to choose the two languages.

Every pair of the story's languages is aligned at build time and rendered; a small static
script (site_src/assets/parallel/) shows the pair the reader picks. A story has a handful
of languages at most, so the page stays small, and without JavaScript every pair is shown.
"""

from __future__ import annotations

import itertools
import json
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.records import Article, Page, Story
from generator.rendering.align import Bead, Sides, Similarities, align_similarities, similarities
from generator.rendering.pages import escape, front_matter, page_file, page_url, relative_url
from generator.rendering.pagination import page_path, page_title, pager, split_pages
from generator.text.languages import direction, native_name
from generator.text.sentences import split_sentences

INDEX = "parallel/index.md"
# A bead costlier than this is no confident pairing: runs of them are shown as one block,
# paragraph against paragraph, rather than as sentence pairs that would mislead.
LOOSE_COST = 0.9


# Versions whose text passes this many bytes in all have the pairs' data in a file of its
# own, fetched when the reader picks a pair: the page stays light (the theme adds 30-40 KB
# and no page may reach 150 KB); a smaller story's page keeps it, and works from a file://.
INLINE_BYTES = 60_000
DATA_FILE = "pairs.json"


def parallel_path(story_id: str) -> str:
    return page_file(f"stories/{story_id}/parallel/")


def parallel_data_path(story_id: str) -> str:
    return f"stories/{story_id}/parallel/{DATA_FILE}"


def data_apart(pages: Sequence[Page]) -> bool:
    """Whether the pairs' data of a story with these versions goes in a file of its own."""
    if len(pages) <= 2:  # one pair: it is the page's HTML, there is no data
        return False
    return sum(len(part.encode()) for p in pages for part in p.article.body) > INLINE_BYTES


def parallel_urls(stories: Sequence[Story]) -> dict[str, str]:
    """Story id -> URL of its parallel page, for the stories that have one."""
    return {s.id: page_url(parallel_path(s.id)) for s in stories if len(s.articles) >= 2}


@dataclass(frozen=True)
class Version:
    """What a parallel page shows of one article: its body as sentences, each with the
    paragraph it comes from (and nothing else, so that the page's cache key is just this)."""

    lang: str
    url: str
    title: str
    sentences: tuple[str, ...]
    paragraph: tuple[int, ...]

    @classmethod
    def of(cls, page: Page) -> Version:
        article = page.article
        pieces = _pieces(article)
        return cls(
            article.lang.tag,
            page.url,
            article.title.text,
            tuple(s for s, _ in pieces),
            tuple(k for _, k in pieces),
        )


def _pieces(article: Article) -> list[tuple[str, int]]:
    """Each sentence of the article's body, with the number of its paragraph."""
    return [(s, k) for k, p in enumerate(article.body) for s in split_sentences(p)]


def version_sentences(article: Article) -> tuple[str, ...]:
    return tuple(s for s, _ in _pieces(article))


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side view: sentences of the left and the right version."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    loose: bool  # a block without confident sentence pairs


def rows_of(beads: Sequence[Bead]) -> tuple[Row, ...]:
    """Confident beads become rows of their own; runs of the others merge into one block."""
    rows: list[Row] = []
    for bead in beads:
        firm = bool(bead.a and bead.b) and bead.cost <= LOOSE_COST
        if not firm and rows and rows[-1].loose:
            last = rows.pop()
            rows.append(Row(last.left + bead.a, last.right + bead.b, loose=True))
        else:
            rows.append(Row(bead.a, bead.b, loose=not firm))
    return tuple(rows)


def parallel_page(
    story_id: str,
    title: str,
    pages: Sequence[Page],
    encoder_name: str,
    *,
    aligned: Mapping[tuple[str, str], Rows],
) -> str:
    """`render_parallel` of the pages' versions; memoised on the pages (whose articles a
    build keys by their digests) and the encoder's name, not on every sentence of them.

    `aligned`: the rows of each pair of versions, by their names (`_align_ahead`)."""
    versions, rows = _versions_and_rows(pages, aligned)
    return render_parallel(story_id, title, versions, rows, apart=data_apart(pages))


def parallel_data(
    story_id: str,
    title: str,
    pages: Sequence[Page],
    encoder_name: str,
    *,
    aligned: Mapping[tuple[str, str], Rows],
) -> str:
    """The file `DATA_FILE` of a story whose page keeps its pairs' data apart (`data_apart`),
    memoised as its page is."""
    versions, rows = _versions_and_rows(pages, aligned)
    here = page_url(parallel_path(story_id))
    return _data_json(versions, {p: r for p, r in rows.items() if p != (0, 1)}, here) + "\n"


def _versions_and_rows(
    pages: Sequence[Page], aligned: Mapping[tuple[str, str], Rows]
) -> tuple[list[Version], dict[tuple[int, int], Rows]]:
    rows = {
        (i, j): aligned[pages[i].article.name, pages[j].article.name]
        for i, j in itertools.combinations(range(len(pages)), 2)
    }
    return [Version.of(page) for page in pages], rows


Rows = tuple[Row, ...]


def aligned_rows(left: Article, right: Article, encoder_name: str, *, sides: Sides) -> Rows:
    """The rows of two versions side by side (`encoder_name` keys the memo; `sides` embeds
    with that encoder)."""
    return rows_from(similarities(version_sentences(left), version_sentences(right), sides))


def rows_from(sims: Similarities) -> Rows:
    return rows_of(align_similarities(sims))


def render_parallel(
    story_id: str,
    title: str,
    versions: Sequence[Version],
    rows: Mapping[tuple[int, int], Sequence[Row]],
    apart: bool = False,
) -> str:
    """The side-by-side page of one story, given the rows of each pair of its versions;
    `apart`: the other pairs' data is the file `DATA_FILE` beside the page."""
    here = page_url(parallel_path(story_id))
    meta = {
        "title": f"Side by side: {title}",
        "story": story_id,
        "hide": ["toc"],
        # The text is each article's, which search already finds on the article pages;
        # indexing it here again would only list every hit twice (or n-1 times).
        "search": {"exclude": True},
    }
    parts = [f"<h1>{escape(title)}</h1>", _version_links(versions, here), _controls(versions)]
    pairs = list(itertools.combinations(range(len(versions)), 2))
    # The first pair is HTML, readable without JavaScript. The others are data the page's
    # script turns into the same HTML on demand: each version's text is in the page once,
    # not once per pair (a story in five languages would otherwise hold each text 4 times).
    parts.append(_pair(versions[0], versions[1], rows[(0, 1)], here, hidden=False))
    if len(pairs) > 1 and apart:
        parts.append(f'<div class="parallel-data" data-src="{DATA_FILE}" hidden></div>')
    elif len(pairs) > 1:
        parts.append(_pairs_data(versions, {p: r for p, r in rows.items() if p != (0, 1)}, here))
        parts.append(
            '<noscript><p class="parallel-note">Choosing other languages needs JavaScript.'
            "</p></noscript>"
        )
    block = "\n".join(parts)
    return f'{front_matter(meta)}\n<div class="parallel" data-parallel>\n{block}\n</div>\n'


def _version_links(versions: Sequence[Version], here: str) -> str:
    """Every version's article, by language: reachable with or without the script."""
    links = " · ".join(
        f'<a href="{escape(_relative_link(v, here))}" lang="{escape(v.lang)}" '
        f'hreflang="{escape(v.lang)}">{escape(native_name(v.lang))}</a>'
        for v in versions
    )
    return f'<p class="parallel-versions">{links}</p>'


def _controls(versions: Sequence[Version]) -> str:
    def select(side: str, label: str, chosen: int) -> str:
        options = "".join(
            f'<option value="{escape(v.lang)}" lang="{escape(v.lang)}"'
            f"{' selected' if k == chosen else ''}>{escape(native_name(v.lang))}</option>"
            for k, v in enumerate(versions)
        )
        return f'<label>{label} <select data-side="{side}">{options}</select></label>'

    return (
        '<form class="parallel-controls" hidden>'
        f"{select('left', 'Left', 0)} {select('right', 'Right', 1)}</form>"
    )


def _pair(left: Version, right: Version, rows: Sequence[Row], here: str, hidden: bool) -> str:
    head = (
        f'<div class="parallel-row parallel-head">{_title_cell(left, here)}'
        f"{_title_cell(right, here)}</div>"
    )
    lines = [
        f'<section class="parallel-pair" data-left="{escape(left.lang)}" '
        f'data-right="{escape(right.lang)}"{" hidden" if hidden else ""}>',
        f'<h2 class="parallel-pair-name">{escape(native_name(left.lang))} · '
        f"{escape(native_name(right.lang))}</h2>",
        head,
    ]
    for row in rows:
        starts = _starts_paragraph(left, row.left) or _starts_paragraph(right, row.right)
        classes = "parallel-row" + (" parallel-loose" if row.loose else "")
        classes += " parallel-break" if starts else ""
        lines.append(
            f'<div class="{classes}">{_cell(left, row.left)}{_cell(right, row.right)}</div>'
        )
    lines.append("</section>")
    return "\n".join(lines)


def _pairs_data(
    versions: Sequence[Version], rows: Mapping[tuple[int, int], Sequence[Row]], here: str
) -> str:
    """`_data_json` in the page, for the script. Inside <script> nothing is decoded as HTML,
    so "<" is written as \\u003c: no seed text can close the element or open a comment."""
    text = _data_json(versions, rows, here).replace("<", "\\u003c")
    return f'<script type="application/json" class="parallel-data">{text}</script>'


def _data_json(
    versions: Sequence[Version], rows: Mapping[tuple[int, int], Sequence[Row]], here: str
) -> str:
    """The versions (text once each) and the rows of every other pair, as JSON: each row is
    [left sentence indices, right sentence indices, flags]: 1 a loose block, 2 the start of
    a paragraph. Links are relative to the page (`here`), which the file sits beside."""
    data = {
        "versions": [
            {
                "lang": v.lang,
                "dir": direction(v.lang),
                "name": native_name(v.lang),
                "title": v.title,
                "href": _relative_link(v, here),
                "sentences": list(v.sentences),
            }
            for v in versions
        ],
        "pairs": [
            {
                "left": i,
                "right": j,
                "rows": [
                    [list(row.left), list(row.right), _flags(versions[i], versions[j], row)]
                    for row in pair_rows
                ],
            }
            for (i, j), pair_rows in sorted(rows.items())
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _flags(left: Version, right: Version, row: Row) -> int:
    starts = _starts_paragraph(left, row.left) or _starts_paragraph(right, row.right)
    return int(row.loose) | (2 if starts else 0)


def _attrs(version: Version) -> str:
    lang = escape(version.lang)
    return f'lang="{lang}" dir="{direction(version.lang)}" data-lang="{lang}"'


def _relative_link(version: Version, here: str) -> str:
    return relative_url(here, version.url)


def _title_cell(version: Version, here: str) -> str:
    link = escape(_relative_link(version, here))
    return (
        f'<div class="parallel-cell" {_attrs(version)}>'
        f'<a href="{link}">{escape(version.title)}</a></div>'
    )


def _cell(version: Version, indices: Sequence[int]) -> str:
    if not indices:
        return f'<div class="parallel-cell parallel-none" {_attrs(version)}></div>'
    text = " ".join(escape(version.sentences[i]) for i in indices)
    return f'<div class="parallel-cell" {_attrs(version)}>{text}</div>'


def _starts_paragraph(version: Version, indices: Sequence[int]) -> bool:
    if not indices:
        return False
    first = indices[0]
    return first > 0 and version.paragraph[first] != version.paragraph[first - 1]


def render_index(stories: Sequence[Story]) -> dict[str, str]:
    """The list of every story that can be read side by side, by path: cut into pages as
    the story list is (`pagination.split_pages`), since it grows with the archive."""
    urls = parallel_urls(stories)
    listed = [s for s in stories if s.id in urls]
    deepest = page_url(page_path(INDEX, 2))  # the longest links: an upper bound of each size
    sizes = [len(_index_item(s, urls[s.id], deepest).encode()) for s in listed]
    ranges = split_pages([s.id for s in listed], sizes)
    files = {}
    for number, part in enumerate(ranges, 1):
        path = page_path(INDEX, number)
        here = page_url(path)
        items = [_index_item(s, urls[s.id], here) for s in listed[part.start : part.stop]]
        listing = (
            '<ul class="parallel-index">\n' + "\n".join(items) + "\n</ul>"
            if items
            else "<p>No story is available in two languages yet.</p>"
        )
        title = page_title("Parallel reading", "en", number)
        intro = (
            "Each story below exists in several languages: read two of them side by side, "
            "aligned sentence by sentence.\n\n"
            if number == 1
            else ""
        )
        nav = pager(INDEX, number, len(ranges))
        body = f"# {escape(title)}\n\n{intro}{listing}\n" + (f"\n{nav}\n" if nav else "")
        files[path] = front_matter({"title": title}) + "\n" + body
    return files


def _index_item(story: Story, url: str, here: str) -> str:
    languages = ", ".join(native_name(a.lang.tag) for a in story.articles)
    href = escape(posixpath.relpath(url, here)) + "/"
    return f'<li><a href="{href}">{escape(story.title)}</a> — {escape(languages)}</li>'
