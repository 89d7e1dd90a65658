"""Check that a built site shows what each page's front matter says, whichever engine built it.

    .venv/bin/python scripts/check_pages.py SITE_DIR [DOCS_DIR]    # default docs: site_src

For every page of DOCS_DIR whose front matter has a `lang`: the built page's `<html lang dir>`
(dir: the front matter's, else the language's direction), its `<title>` (the title as text,
not entities), its `<link rel="alternate" hreflang>` links (one per version, to that
version's page) and its language switcher (a link to each other version). Prints each
problem and exits 1 if there is any: the CI runs it on MkDocs' and Zensical's outputs.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import yaml

from generator.text.languages import direction

BASE = "http://site.invalid/"  # where relative links are resolved from


@dataclass
class Seen:
    """What a built page says about its language and its versions."""

    lang: str | None = None
    dir: str | None = None
    title: str = ""
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> href
    switcher: dict[str, str] = field(default_factory=dict)  # hreflang -> href


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen = Seen()
        self._in_title = False
        self._switcher_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.seen.lang, self.seen.dir = a.get("lang"), a.get("dir")
        elif tag == "title":
            self._in_title = True
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.seen.alternates[a["hreflang"]] = a.get("href", "")
        elif tag == "nav" and "lang-switcher" in a.get("class", "").split():
            self._switcher_depth = 1
        elif tag == "nav" and self._switcher_depth:
            self._switcher_depth += 1
        elif tag == "a" and self._switcher_depth and "hreflang" in a:
            self.seen.switcher[a["hreflang"]] = a.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "nav" and self._switcher_depth:
            self._switcher_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.seen.title += data


def read_page(html: str) -> Seen:
    reader = _Reader()
    reader.feed(html)
    return reader.seen


def front_matter(markdown: str) -> dict[str, object]:
    if not markdown.startswith("---\n"):
        return {}
    end = markdown.find("\n---", 4)
    meta = yaml.safe_load(markdown[4:end]) if end > 0 else None
    return meta if isinstance(meta, dict) else {}


def built_path(source: str) -> str:
    """The HTML file of the Markdown page `source` (`use_directory_urls`)."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def page_url(source: str) -> str:
    return built_path(source).removesuffix("index.html")


def resolve(href: str, here: str, site_url: str | None) -> str:
    """`href`, found on the page at `here`, as a path from the site's root."""
    if site_url and href.startswith(site_url):
        return href[len(site_url) :]
    absolute = urljoin(BASE + here, href)
    return absolute[len(BASE) :] if absolute.startswith(BASE) else absolute


def check_page(meta: dict[str, object], source: str, seen: Seen, site_url: str | None) -> list[str]:
    lang = str(meta["lang"])
    want_dir = str(meta.get("dir") or direction(lang))
    problems = []
    if (seen.lang, seen.dir) != (lang, want_dir):
        problems.append(f'<html lang="{seen.lang}" dir="{seen.dir}">, not {lang} {want_dir}')
    title = str(meta.get("title") or "")
    if title and not seen.title.strip().startswith(title):
        problems.append(f"<title> {seen.title.strip()!r} does not show {title!r}")
    here = page_url(source)
    versions = meta.get("versions")
    listed = versions if isinstance(versions, list) else []
    want = {str(v["lang"]): str(v["url"]) for v in listed if isinstance(v, dict)}
    got = {k: resolve(v, here, site_url) for k, v in seen.alternates.items()}
    if got != want:
        problems.append(f"hreflang links {got}, not {want}")
    others = {k: v for k, v in want.items() if k != lang}
    links = {k: resolve(v, here, None) for k, v in seen.switcher.items()}
    if links != others:
        problems.append(f"switcher links {links}, not {others}")
    return problems


def check_site(site: Path, docs: Path, site_url: str | None = None) -> list[str]:
    problems = []
    for source in sorted(docs.rglob("*.md")):
        rel = source.relative_to(docs).as_posix()
        meta = front_matter(source.read_text(encoding="utf-8"))
        if not meta.get("lang"):
            continue
        built = site / built_path(rel)
        if not built.is_file():
            problems.append(f"{rel}: no {built}")
            continue
        seen = read_page(built.read_text(encoding="utf-8"))
        problems += [f"{rel}: {p}" for p in check_page(meta, rel, seen, site_url)]
    return problems


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    site, docs = Path(argv[0]), Path(argv[1] if len(argv) > 1 else "site_src")
    site_url = argv[2] if len(argv) > 2 else None
    problems = check_site(site, docs, site_url)
    for problem in problems:
        print(problem)
    pages = sum(1 for _ in docs.rglob("*.md"))
    print(f"{site}: {len(problems)} problems in {pages} pages")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
