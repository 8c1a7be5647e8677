#!/usr/bin/env bash
# Quick start 2/2: install what is needed, then run the whole test suite
# (architecture contracts, then pytest: unit, hostile servers, Chromium, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
.venv/bin/ruff check --quiet src tests
.venv/bin/lint-imports --no-cache
exec .venv/bin/python -m pytest "$@"
