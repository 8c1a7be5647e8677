#!/usr/bin/env bash
# Set up everything vigipub needs on a Debian machine, idempotently:
#   - Debian packages: Chromium (browser capture), Pango (PDF rendering), OpenSSL, fonts;
#   - a virtual environment in .venv with the locked dependencies (requirements.lock, hashed);
#   - vigipub itself, installed in editable mode.
# Re-running it does nothing that is already done. Usage: scripts/bootstrap.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium fonts-dejavu-core fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 openssl)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "bootstrap: need root (or sudo) to install Debian packages: $*" >&2; return 1; fi
}

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A Python >= 3.11 with venv: $PYTHON if set, else python3.11, else python3 (Debian 12 has 3.11).
python_ok() { "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
pick_python() {
  for candidate in ${PYTHON:-} python3.11 python3; do
    if command -v "$candidate" >/dev/null && python_ok "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}
PY="$(pick_python || true)"
[ -n "$PY" ] || missing+=(python3 python3-venv)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ -z "$PY" ]; then
  PY="$(pick_python)" || { echo "bootstrap: no Python >= 3.11 with venv found (set PYTHON=...)" >&2; exit 1; }
fi

if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv" >&2
  "$PY" -m venv .venv
fi

# Reinstall only when the lock file or the project metadata changed.
stamp=".venv/.vigipub-installed"
want="$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "bootstrap: installing locked Python dependencies into .venv" >&2
  # Everything, build tools included (setuptools, wheel), comes from the hashed lock file;
  # vigipub itself is then built with those locked tools, without network.
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$want" > "$stamp"
fi
