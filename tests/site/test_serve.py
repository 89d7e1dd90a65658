"""`mkdocs serve` regenerates the pages when a seed is added (hooks/generate.py + watch)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

TIMEOUT = 90.0
NEW_SEED = "010_editor_preview.txt"
NEW_TEXT = (
    "---\nlang: en\ndate: 2021-05-12\n---\n"
    "Editors See Their New Seed At Once\n\n"
    # Long enough for the language detector's fast path (short texts load every n-gram model).
    "The preview server regenerated this page as soon as the seed was saved in the folder, "
    "so the editor could read it in the browser without running a second command at all.\n"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _project_copy(target: Path) -> None:
    """The project's MkDocs configuration, hooks, theme and hand-written pages, and one seed."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("hooks", "overrides"):
        if (ROOT / folder).is_dir():
            shutil.copytree(
                ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__")
            )
    generated = [p.name for p in (ROOT / "site_src").iterdir() if p.is_dir() and p.name != "assets"]
    shutil.copytree(
        ROOT / "site_src",
        target / "site_src",
        ignore=shutil.ignore_patterns(*generated, "archive.json", ".generator-files", "index.md"),
    )
    (target / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / "001_38ad4a385a39e8e7.txt", target / "seeds")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, wanted: str, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve exited"
        body = _get(url)
        if body is not None and wanted in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {wanted!r} within {TIMEOUT} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[bytes]]]:
    _project_copy(tmp_path)
    port = _free_port()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/archive.json", "001_38ad4a385a39e8e7.txt", server)
        yield tmp_path, f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_serve_picks_up_a_new_seed(served: tuple[Path, str, subprocess.Popen[bytes]]) -> None:
    project, url, server = served
    (project / "seeds" / NEW_SEED).write_text(NEW_TEXT, encoding="utf-8")
    manifest = json.loads(_wait_for(url + "archive.json", NEW_SEED, server))
    article = next(a for s in manifest["stories"] for a in s["articles"] if a["seed"] == NEW_SEED)
    assert article["date"] == "2021-05-12"
    page = _get(url + article["url"])
    assert page is not None
    assert "Editors See Their New Seed At Once" in page
