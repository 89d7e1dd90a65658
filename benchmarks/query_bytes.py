"""The bytes a reader's one search transfers: from opening a page of a built site to seeing
the results, measured in Chromium against a local server that counts what it sends.

    .venv/bin/python -m benchmarks.query_bytes SITE_DIR PAGE QUERY [--all-languages]

PAGE is a path in the site (`fr/some-article/`); the site must have been indexed
(`scripts/search_index.py`). Prints the page load's bytes, the query's (as sent, and as a
server that compresses text, as GitHub Pages does, would send them), and the results.
"""

from __future__ import annotations

import argparse
import functools
import gzip
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


# What a server that compresses text (GitHub Pages does) sends compressed; Pagefind's own
# index files are compressed already, and its WebAssembly is not compressed by such servers.
TEXT_TYPES = (".js", ".json", ".css", ".html", ".svg", "/")


def gzipped(path: str, data: bytes) -> int:
    """The bytes a compressing server sends of `data`, served at `path`."""
    text = path.split("?", 1)[0].endswith(TEXT_TYPES)
    return len(gzip.compress(data, 6)) if text else len(data)


@contextmanager
def counting_server(site: Path) -> Iterator[tuple[str, list[tuple[str, int, int]]]]:
    """A local server of `site` and the list it appends (path, body bytes, the bytes a
    compressing server would send) to per file."""
    sent: list[tuple[str, int, int]] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def copyfile(self, source: Any, destination: Any) -> None:
            data = source.read()
            destination.write(data)
            sent.append((self.path, len(data), gzipped(self.path, data)))

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
        "page_load_bytes": sum(size for _, size, _ in sent[:loaded]),
        "query_bytes": sum(size for _, size, _ in sent[loaded:]),
        "query_bytes_compressed": sum(size for _, _, size in sent[loaded:]),
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
