"""The bytes a reader's one search transfers: from opening a page of a built site to seeing
the results, measured in Chromium against a local server that counts what it sends.

    .venv/bin/python -m benchmarks.query_bytes SITE_DIR PAGE QUERY [--all-languages]

PAGE is a path in the site (`fr/some-article/`); the site must have been indexed
(`scripts/search_index.py`). Prints the page load's bytes, the query's, and the results.
"""

from __future__ import annotations

import argparse
import functools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BOX = ".site-search__input"
RESULTS = ".site-search__results a"


@contextmanager
def counting_server(site: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """A local server of `site` and the list it appends (path, body bytes) to per file."""
    sent: list[tuple[str, int]] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def copyfile(self, source: Any, destination: Any) -> None:
            data = source.read()
            destination.write(data)
            sent.append((self.path, len(data)))

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()


def measure(site: Path, page: str, query: str, all_languages: bool) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with counting_server(site) as (root, sent), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page()
        tab.goto(root + page)
        tab.wait_for_load_state("networkidle")
        loaded = len(sent)
        tab.click(BOX)
        if all_languages:
            tab.click(".site-search__scope [data-scope='all']")
        tab.fill(BOX, query)
        tab.wait_for_selector(RESULTS, timeout=30_000)
        tab.wait_for_load_state("networkidle")
        results = tab.locator(RESULTS).count()
        browser.close()
    return {
        "page": page,
        "query": query,
        "page_load_bytes": sum(size for _, size in sent[:loaded]),
        "query_bytes": sum(size for _, size in sent[loaded:]),
        "query_files": len(sent) - loaded,
        "results": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("page")
    parser.add_argument("query")
    parser.add_argument("--all-languages", action="store_true")
    args = parser.parse_args()
    print(json.dumps(measure(args.site, args.page, args.query, args.all_languages), indent=1))


if __name__ == "__main__":
    main()
