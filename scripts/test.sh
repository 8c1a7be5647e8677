#!/usr/bin/env bash
# Quick start 2/2: install what is needed, then run the whole test suite
# (lint, architecture contracts, strict typing, then pytest: unit, hostile servers, Chromium,
# end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
.venv/bin/ruff check --quiet src tests
.venv/bin/lint-imports --no-cache
# strict typing of the files listed in pyproject.toml [tool.mypy]; the cache (.mypy_cache)
# makes later runs take a second, a fresh clone's first run takes ~10 s of CPU
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
