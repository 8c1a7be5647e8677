#!/usr/bin/env bash
# Quick start 2/2: install what is needed, then run the whole test suite
# (architecture contracts, then pytest: unit, hostile servers, Chromium, end-to-end), then the
# web application's suite a second time on a real PostgreSQL server (started by the tests in
# a temporary folder; the first pass runs it on SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
.venv/bin/ruff check --quiet src tests
.venv/bin/lint-imports --no-cache
.venv/bin/python -m pytest "$@"
# Only options given (e.g. CI's -p no:cacheprovider), not a selection of tests: the web suite
# also runs on PostgreSQL.
for arg in "$@"; do
  case "$arg" in -*) ;; *) exit 0 ;; esac
done
VIGIPUB_TEST_DATABASE=postgresql exec .venv/bin/python -m pytest tests/web "$@"
