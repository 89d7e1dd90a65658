#!/usr/bin/env bash
# Create .venv with the project and its pinned dependencies. Idempotent: a second run with
# the same pyproject.toml and constraints.txt installs nothing (and prints nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
STAMP=.venv/.installed
WANTED=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANTED" ] || ! .venv/bin/python -I -c "import generator" 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  # setuptools warns at every editable install that a folder named like the package may
  # shadow it: here it is the package itself, so that warning is left out of the output.
  LOG=$(mktemp)
  if ! .venv/bin/python -m pip install --quiet -c constraints.txt -e ".[dev]" >"$LOG" 2>&1; then
    cat "$LOG" >&2; rm -f "$LOG"; exit 1
  fi
  grep -v -e "BuildBackendWarning" -e "^ *!!$" -e "^ *\*\*\*\*" -e "Please be careful" \
    -e "name as your package" -e "take precedence during imports" -e "with strategy, WheelFile" \
    -e "^ *$" "$LOG" >&2 || true
  rm -f "$LOG"
  echo "$WANTED" > "$STAMP"
fi
# Bytecode for the project's own modules, as a wheel install would have: an editable install
# has none, and where PYTHONDONTWRITEBYTECODE is set every build would compile them again.
.venv/bin/python -m compileall -q generator hooks benchmarks >/dev/null
