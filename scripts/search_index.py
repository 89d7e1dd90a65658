"""The site's search: Pagefind over a built site, a step of its own after any engine's build.

    .venv/bin/python scripts/search_index.py [SITE_DIR]    # default: site

Pagefind reads the built HTML, so the same step serves `mkdocs build` and `zensical build`.
It indexes the articles only (the pages with `data-pagefind-body`), one index per
`<html lang>` (each language's own stemmer), in chunks: a query loads the chunks of its
words, not the whole index. The page furniture inside an article's body is left out: the
"Side by side" link and the language switcher. Pagefind itself folds accents (its
`exactDiacritics` is off), so "declaration" finds "déclaration".
Exit status: Pagefind's, 1 if it cannot run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Furniture of an article page that is not its text (see overrides/main.html).
IGNORED = (".parallel-link", ".lang-switcher", ".article-source")


def pagefind_command(site: Path) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    for selector in IGNORED:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site: Path) -> str | None:
    """Index `site`; None when done, else what went wrong (one line)."""
    if not (site / "index.html").is_file():
        return f"{site} is not a built site (no index.html): build it first"
    try:
        done = subprocess.run(
            pagefind_command(site), capture_output=True, text=True, timeout=1800, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"Pagefind could not run: {exc}"
    if done.returncode != 0:
        return f"Pagefind failed ({done.returncode}): {done.stderr.strip()[-2000:]}"
    return sort_languages(site / "pagefind" / "pagefind-entry.json")


def sort_languages(entry: Path) -> str | None:
    """Pagefind lists its language indexes in an order of its own, another at every run:
    in the order of their codes, the same site is the same bytes."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["languages"] = dict(sorted(data["languages"].items()))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return f"Pagefind's {entry.name} left as it is: {exc}"
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return None


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    problem = index_site(site)
    if problem:
        print(f"search index: {problem}", file=sys.stderr)
        return 1
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts = ", ".join(f"{k} {v['page_count']}" for k, v in entry["languages"].items())
    print(f"search index: {site / 'pagefind'} ({counts or 'no article'})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
