#!/usr/bin/env bash
# Quick start 2/2: install what is needed, then run the whole test suite
# (lint, architecture contracts, strict typing, then pytest: unit, hostile servers, Chromium,
# end-to-end), then the web application's suite a second time on a real PostgreSQL server
# (started by the tests in a temporary folder; the first pass runs it on SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
.venv/bin/ruff check --quiet src tests
.venv/bin/lint-imports --no-cache
# strict typing of the files listed in pyproject.toml [tool.mypy]; the cache (.mypy_cache)
# makes later runs take a second, a fresh clone's first run takes ~10 s of CPU
.venv/bin/mypy
# Tests run on every core (pytest-xdist; VIGIPUB_TEST_WORKERS=0 runs them in one process); a
# test file stays on one worker so its module fixtures (out-of-fold runs, servers) are built once.
workers=(-n "${VIGIPUB_TEST_WORKERS:-auto}" --dist loadfile)
.venv/bin/python -m pytest "${workers[@]}" "$@"
# Unless tests were selected by path (scripts/test.sh tests/detect), the web suite also runs
# on PostgreSQL (options such as CI's -p no:cacheprovider are passed on).
for arg in "$@"; do
  [ -e "${arg%%::*}" ] && exit 0
done
VIGIPUB_TEST_DATABASE=postgresql exec .venv/bin/python -m pytest "${workers[@]}" tests/web "$@"
