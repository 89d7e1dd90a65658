"""The site's steps on a generated docs folder: what a reader's site costs to build and to
search, with each engine (issue 29's figures), without the generator's cold build.

    .venv/bin/python -m benchmarks.site_steps DOCS --work W [--repeat 3]
        [--query PAGE WORD] [--query PAGE WORD ...] [--no-zensical]

DOCS is a docs folder the generator built (e.g. `benchmarks.bench --keep`'s, or one built
from `benchmarks.machinery prepare`'s seeds). For each engine installed (MkDocs; Zensical,
the `zensical` extra): the build's wall and CPU time (median of `--repeat` runs), the search
step after it (`scripts/search_index.py`), the index's bytes, the largest HTML page; then,
on MkDocs' site, the bytes each query transfers in Chromium (`benchmarks.query_bytes`).
Results go to `benchmarks/results/<date>-site-steps-N<articles>.json`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.bench import (
    ROOT,
    Run,
    folder_bytes,
    head_commit,
    median_run,
    mkdocs,
    run,
    search_step,
    write_results,
)
from benchmarks.query_bytes import measure as query_bytes

ZENSICAL = Path(sys.executable).parent / "zensical"


def zensical(docs: Path, project: Path) -> Run:
    """`zensical build --clean` (no cache of an earlier build) of the project's configuration
    on a copy of `docs`, into `project/site`: Zensical takes folders inside its
    configuration's folder only."""
    if not project.exists():
        shutil.copytree(docs, project / "site_src")
        shutil.copytree(ROOT / "overrides", project / "overrides")
        (project / "seeds").mkdir()  # mkdocs.yml watches it
        shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.rmtree(project / "site", ignore_errors=True)
    return run([str(ZENSICAL), "build", "--clean", "-f", str(project / "mkdocs.yml")])


def site_figures(site: Path) -> dict[str, Any]:
    """The search step on `site`, and what it and the site weigh."""
    pages = {p: p.stat().st_size for p in site.rglob("*.html")}
    largest = max(pages, key=lambda p: (pages[p], str(p)))
    return {
        "search_step": asdict(search_step(site)),
        "search_index_bytes": folder_bytes(site / "pagefind"),
        "site_bytes": folder_bytes(site),
        "html_pages": len(pages),
        "largest_page": {"path": str(largest.relative_to(site)), "bytes": pages[largest]},
    }


def engine(build: Callable[[], Run], repeat: int) -> dict[str, Any]:
    runs = [asdict(build()) for _ in range(repeat)]
    return {"build": median_run(runs), "build_runs": [r["seconds"] for r in runs]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--query", nargs=2, action="append", default=[], metavar=("PAGE", "WORD"))
    parser.add_argument("--no-zensical", dest="zensical", action="store_false")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    archive = json.loads((args.docs / "archive.json").read_text(encoding="utf-8"))
    articles = sum(len(story["articles"]) for story in archive["stories"])
    result: dict[str, Any] = {"commit": head_commit(), "articles": articles}
    site = args.work / "site"
    result["mkdocs"] = engine(lambda: mkdocs(ROOT / "mkdocs.yml", args.docs, site), args.repeat)
    result["mkdocs"] |= site_figures(site)
    result["queries"] = [query_bytes(site, page, word, False) for page, word in args.query]
    if args.zensical and ZENSICAL.exists():
        project = args.work / "zensical-project"
        result["zensical"] = engine(lambda: zensical(args.docs, project), args.repeat)
        result["zensical"] |= site_figures(project / "site")
    path = write_results(args.results, f"site-steps-N{articles}", result)
    print(json.dumps(result, indent=1, default=str)[:4000])
    print(f"results: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
