"""The largest generated pages of synthetic archives: no page may grow with the archive.

    nice -n 10 .venv/bin/python -m benchmarks.page_sizes [--articles 2000 10000]
        [--eval ../shared/eval] [--keep DIR] [--build]

Archives are made of the evaluation corpora's stories (benchmarks/synth.py), analysed
without the slow stages: each seed's language is the corpus's, its headline the title
stage's, and its story the synthetic one, with a made-up date (some stories undated).
Pages are rendered as benchmarks/site_size.py does (plan_pages, render_*); side-by-side
pages, which need the embedding model, are left out. Prints, for each size, the largest
Markdown file of each kind; with `--build` (and `--keep`), `mkdocs build`s the last
size's docs folder once and prints its largest HTML pages (a minute or two at 10,000).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from benchmarks.synth import Source, _pick_parts, _story_texts, load_corpora
from generator.analysis.title import find_title
from generator.records import Article, CleanText, Language, PublicationDate, SeedText, Story
from generator.rendering.files import plan_pages, render_indexes, render_pages
from generator.rendering.pages import MANIFEST, render_manifest
from generator.writing.site import write_files

ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY = dt.date(2023, 1, 1).toordinal()
DAYS = 3 * 365  # stories are spread over three years
UNDATED = 0.1  # the share of stories without a date

KINDS = {  # a generated file's kind, from its path
    "story list": re.compile(r"stories/(page/\d+/)?index\.md$"),
    "home list": re.compile(r"stories/\.home\.html$"),
    "story page": re.compile(r"stories/[^/]+/index\.md$"),
    "language index": re.compile(r"[^/]+/(page/\d+/)?index\.md$"),
    "article": re.compile(r"[^/]+/[^/]+/index\.md$"),
    "manifest": re.compile(re.escape(MANIFEST) + "$"),
}


def synthetic_stories(sources: list[Source], count: int, seed: int = 0) -> list[Story]:
    """About `count` articles (a story's last versions may go over), the same for the same
    `seed`: synth.py's combinations of the corpora's stories, one article per language."""
    rng = random.Random(seed)
    families: dict[str, list[Source]] = {}
    for source in sources:
        families.setdefault(source.family, []).append(source)
    stories: list[Story] = []
    used: set[tuple[str, ...]] = set()
    made, misses = 0, 0
    while made < count:
        parts = _pick_parts(rng, families[rng.choice(sorted(families))])
        key = tuple(p.story for p in parts)
        texts = list(_story_texts(rng, parts))
        if key in used:
            misses += 1
            if misses > 1000:
                raise ValueError("the corpora cannot make that many distinct stories")
            continue
        used.add(key)
        misses = 0
        day = None if rng.random() < UNDATED else FIRST_DAY + rng.randrange(DAYS)
        iso = dt.date.fromordinal(day).isoformat() if day else None
        n = len(stories)
        articles = tuple(
            _article(f"{n:06}-{i}.txt", text, parts, iso) for i, text in enumerate(texts)
        )
        stories.append(Story(f"story-{n:06}", articles))
        made += len(articles)
    return stories


def _article(name: str, text: str, parts: list[Source], iso: str | None) -> Article:
    # _story_texts joins the parts' texts in each language: the first part's tells which.
    lang = next(code for code in sorted(parts[0].texts) if text.startswith(parts[0].texts[code]))
    paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    clean = CleanText(paragraphs)
    seed = SeedText(name, text, "utf-8", "0" * 64)
    date = PublicationDate(iso, "synthetic" if iso else "none")
    return Article(seed, Language(lang, 1.0), clean, find_title(clean), date)


def kind_of(path: str) -> str:
    return next((kind for kind, pattern in KINDS.items() if pattern.match(path)), "other")


def largest(files: Mapping[str, str]) -> dict[str, tuple[int, int, str]]:
    """Per kind: how many files, the largest one's size in bytes and its path."""
    out: dict[str, tuple[int, int, str]] = {}
    for path, text in files.items():
        kind, size = kind_of(path), len(text.encode("utf-8"))
        count, top, where = out.get(kind, (0, -1, ""))
        out[kind] = (count + 1, *max((top, where), (size, path)))
    return out


def measure(stories: list[Story]) -> dict[str, str]:
    started = time.monotonic()
    pages = plan_pages(stories)
    files = {k: str(v) for k, v in render_pages(pages).items()}
    rendered = time.monotonic()
    files |= {k: str(v) for k, v in render_indexes(stories, pages).items()}
    indexes = time.monotonic() - rendered
    files[MANIFEST] = render_manifest(stories, pages)
    langs = len({p.article.lang.tag for p in pages})
    print(f"\narticles: {len(pages):,}  stories: {len(stories):,}  languages: {langs}")
    print(f"render: {rendered - started:.1f} s articles, {indexes:.1f} s indexes and story pages")
    markdown = [p for p in files if p.endswith(".md")]
    overall = max(markdown, key=lambda p: len(files[p].encode("utf-8")))
    print(f"largest Markdown file: {len(files[overall].encode('utf-8')):,} B  {overall}")
    for kind, (count, size, path) in sorted(largest(files).items()):
        print(f"  {kind:15} {count:6,} files  largest {size:9,} B  {path}")
    return files


def build_site(docs: Path, files: Mapping[str, str], base: Path) -> None:
    """`mkdocs build` of the project's configuration on `files`; the largest HTML pages."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    for hand_written in ["about.md"]:  # index.md is generated (the home page)
        shutil.copy(ROOT / "site_src" / hand_written, docs / hand_written)
    shutil.copytree(ROOT / "site_src" / "assets", docs / "assets", dirs_exist_ok=True)
    site = base / "site"
    started = time.monotonic()
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site))
    config.validation.nav.omitted_files = 10  # DEBUG: thousands of "not in nav" lines
    mkdocs_build(config)
    print(f"\nmkdocs build: {time.monotonic() - started:.0f} s")
    pages = sorted(((f.stat().st_size, f) for f in site.rglob("*.html")), reverse=True)
    for size, html_file in pages[:5]:
        print(f"  largest HTML page: {size:9,} B  {html_file.relative_to(site)}")
    home = site / "index.html"
    print(f"  home page:         {home.stat().st_size:9,} B  index.html")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[2_000, 10_000])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--keep", type=Path, help="write the last size's docs here")
    parser.add_argument("--build", action="store_true", help="mkdocs build the last size")
    args = parser.parse_args()
    sources = load_corpora(args.eval)
    files: dict[str, str] = {}
    for count in args.articles:
        files = measure(synthetic_stories(sources, count))
    if args.keep or args.build:
        base = args.keep or Path(tempfile.mkdtemp(prefix="page-sizes-"))
        docs = base / "docs"
        docs.mkdir(parents=True, exist_ok=True)
        write_files(docs, files)
        if args.build:
            build_site(docs, files, base)
        if not args.keep:
            shutil.rmtree(base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
