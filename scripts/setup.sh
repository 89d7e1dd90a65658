#!/usr/bin/env bash
# Create .venv with the project and its pinned dependencies. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[dev]"
# Bytecode for the project's own modules, as a wheel install would have: an editable install
# has none, and where PYTHONDONTWRITEBYTECODE is set every build would compile them again.
.venv/bin/python -m compileall -q generator hooks benchmarks >/dev/null
