#!/usr/bin/env bash
# Quick start 1/2: install what is needed, then run the offline demo
# (local demo websites on 127.0.0.1 → capture → detection → registers → qualification → drafts).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/vigipub demo "$@"
