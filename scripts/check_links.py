"""Check a built site for broken internal links and missing anchors.

Usage: python scripts/check_links.py [SITE_DIR]   (default: site)

Every `href`/`src` in every HTML page that stays inside the site must name an existing file
(a folder means its index.html), and a `#fragment` must name an `id` (or `<a name>`) in the
target page. Prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src"}


@dataclass
class _Page:
    links: list[str] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.anchors.add(value)
            elif name in LINK_ATTRIBUTES and tag != "base":
                self.page.links.append(value)


def parse(path: Path) -> _Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector.page


def check_site(site: Path) -> list[str]:
    """Every broken internal link and missing anchor, as `page: link (why)`, sorted."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for name, page in pages.items():
        for link in page.links:
            why = _broken(site, pages, name, link)
            if why:
                problems.append(f"{name}: {link} ({why})")
    return problems


def _broken(site: Path, pages: dict[str, _Page], source: str, link: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        return None  # external, mailto:, data:, javascript: ...
    path = unquote(parts.path)
    if path.startswith("/"):
        target = PurePosixPath(path.lstrip("/"))
    else:
        target = PurePosixPath(source).parent / path if path else PurePosixPath(source)
    resolved = _normalise(target)
    if resolved is None:
        return "leaves the site"
    if (site / resolved).is_dir() or path.endswith("/"):
        resolved = f"{resolved}/index.html".lstrip("/") if resolved else "index.html"
    if not (site / resolved).is_file():
        return "no such file"
    fragment = unquote(parts.fragment)
    if fragment and resolved in pages and fragment not in pages[resolved].anchors:
        return f"no anchor #{fragment}"
    return None


def _normalise(path: PurePosixPath) -> str | None:
    """`a/./b/../c` -> `a/c`; None when `..` climbs out of the site."""
    kept: list[str] = []
    for part in path.parts:
        if part == "..":
            if not kept:
                return None
            kept.pop()
        elif part not in (".", ""):
            kept.append(part)
    return "/".join(kept)


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    if not site.is_dir():
        print(f"error: {site} is not a folder (build the site first)", file=sys.stderr)
        return 2
    problems = check_site(site)
    for problem in problems:
        print(problem)
    pages = len(list(site.rglob("*.html")))
    print(f"{pages} pages checked, {len(problems)} broken links", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
