#!/usr/bin/env bash
# Build the site from seeds/ into site/: set up, generate the pages, run MkDocs strictly,
# then index the built site for search (Pagefind, a step of its own: any engine's output).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Material for MkDocs prints its end-of-life notice (May 5, 2027) at every build: the plan for
# it is in docs/site.md (an engine-independent site, Zensical), so it is not repeated here.
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m generator build "$@"
.venv/bin/mkdocs build --strict
.venv/bin/python scripts/search_index.py site
echo "Site built in site/. Browse it with: .venv/bin/mkdocs serve"
