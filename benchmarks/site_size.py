"""Build a synthetic archive of N articles with the project's mkdocs.yml; measure page sizes.

    python benchmarks/site_size.py --articles 10000 [--keep DIR]

Prints bytes per article page (mean, max), the largest pages, the whole site's size, and
checks that no page's navigation lists articles (it must stay small at any archive size).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.records import Article, CleanText, Language, SeedText, Story, Title
from generator.rendering.files import plan_pages, render_indexes, render_pages
from generator.rendering.pages import MANIFEST, render_manifest
from generator.writing.site import write_files

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "fr", "ru", "kk", "ar"]
PARAGRAPH = (
    "Foreign ministers discussed cooperation, trade corridors and the energy transition "
    "at a meeting held online with officials from twenty-five countries. "
) * 3


def synthetic_stories(count: int) -> list[Story]:
    """`count` articles: stories of one to three languages, twelve paragraphs each."""
    stories, made, n = [], 0, 0
    while made < count:
        size = min(1 + n % 3, count - made)
        articles = []
        for k in range(size):
            lang = LANGS[(n + k) % len(LANGS)]
            title = f"Story {n} headline in {lang}"
            paragraphs = (title, *(f"{PARAGRAPH} ({n}.{i})" for i in range(12)))
            seed = SeedText(f"{n:06}-{lang}.txt", "\n".join(paragraphs), "utf-8", "0" * 64)
            articles.append(
                Article(seed, Language(lang, 1.0), CleanText(paragraphs), Title(title, 0))
            )
        stories.append(Story(f"story-{n:06}", tuple(articles)))
        made += size
        n += 1
    return stories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp dir)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="site-size-"))
    docs, site = base / "docs", base / "site"
    for hand_written in ["about.md"]:  # index.md is generated (the home page)
        docs.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "site_src" / hand_written, docs / hand_written)
    shutil.copytree(ROOT / "site_src" / "assets", docs / "assets", dirs_exist_ok=True)

    stories = synthetic_stories(args.articles)
    pages = plan_pages(stories)
    files = render_pages(pages)
    files.update(render_indexes(stories, pages))
    files[MANIFEST] = render_manifest(stories, pages)
    write_files(docs, files)

    started = time.monotonic()
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site))
    config.validation.nav.omitted_files = 10  # DEBUG: 10,000 "not in nav" lines are noise here
    mkdocs_build(config)
    seconds = time.monotonic() - started

    article_sizes = [(site / p.url / "index.html").stat().st_size for p in pages]
    all_html = sorted(((f.stat().st_size, f) for f in site.rglob("*.html")), reverse=True)
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    urls = [p.url for p in pages]
    fat_navs = 0
    for _, html_file in all_html:
        text = html_file.read_text(encoding="utf-8")
        nav = "".join(re.findall(r'<nav class="md-nav md-nav--primary".*?</nav>', text, re.S))
        fat_navs += any(url in nav for url in urls[:50])
    print(f"articles: {len(pages)}  stories: {len(stories)}  mkdocs build: {seconds:.0f} s")
    print(
        f"article page bytes: mean {statistics.mean(article_sizes):,.0f}  "
        f"max {max(article_sizes):,}"
    )
    for size, html_file in all_html[:3]:
        print(f"largest page: {size:,} bytes  {html_file.relative_to(site)}")
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        size = sum(f.stat().st_size for f in pagefind.rglob("*") if f.is_file())
        print(f"pagefind bundle (search by language, fetched in chunks): {size:,} bytes")
    print(f"whole site: {total:,} bytes ({total / 2**20:.1f} MiB)")
    print(f"pages whose navigation lists articles: {fat_navs}")
    if not args.keep:
        shutil.rmtree(base)
    return 1 if fat_navs else 0


if __name__ == "__main__":
    sys.exit(main())
