"""MkDocs hook: the search index for `mkdocs serve`'s preview only.

The search index is a step of its own after the build (scripts/search_index.py, run by
scripts/build.sh and the workflows), so that any engine's build gets the same search. The
preview has no such step: this hook runs it after each of `mkdocs serve`'s builds, and only
there (a plain `mkdocs build` is followed by the step, or has no search).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

STEP = Path(__file__).resolve().parent.parent / "scripts" / "search_index.py"
log = logging.getLogger("mkdocs.hooks.search")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(config: Any) -> None:
    if not _serving:
        return
    command = [sys.executable, str(STEP), str(config.site_dir)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # A warning, not an error: the preview stays up, without search.
        log.warning("search index: %s", done.stderr.strip() or done.returncode)
