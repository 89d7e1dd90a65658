#!/usr/bin/env bash
# Build the site from seeds/ into site/: set up, generate the pages, run MkDocs strictly.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m generator build "$@"
.venv/bin/mkdocs build --strict
echo "Site built in site/. Browse it with: .venv/bin/mkdocs serve"
