#!/usr/bin/env bash
# Set up everything vigipub needs on a Debian machine, idempotently:
#   - Debian packages: Chromium (browser capture), Pango (PDF rendering), OpenSSL, fonts;
#     with --test also PostgreSQL (web suite on a real server) and a Java runtime (Spark);
#   - a virtual environment in .venv holding exactly the packages of requirements.lock;
#   - vigipub itself, installed in editable mode.
#
# The lock alone decides what is installed: every package is pinned with its hashes and
# installed with --no-deps, so pip never resolves anything against what an index serves
# today (an extra such as lxml[html_clean] cannot pull a newer release); `pip check` then
# proves the set is consistent. Build tools for the few source distributions come from the
# lock too (--no-build-isolation).
#
# A venv is only trusted when its stamp matches the lock: the stamp is written last, after
# every step succeeded. A failed install removes the half-built venv, so the next run starts
# clean instead of taking it for a good one.
#
# Usage: scripts/bootstrap.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

profile=demo
for arg in "$@"; do
  case "$arg" in
    --test) profile=test ;;
    *) echo "bootstrap: unknown option $arg (usage: scripts/bootstrap.sh [--test])" >&2; exit 2 ;;
  esac
done

APT_PACKAGES=(chromium fonts-dejavu-core fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 openssl)
# The test suite also runs the web application on a real PostgreSQL server and the batch
# triage on Spark's local mode (Spark 4 needs Java 17, which Debian 12 ships).
[ "$profile" = test ] && APT_PACKAGES+=(postgresql openjdk-17-jre-headless)

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
  # The JRE's post-install script needs this folder, which slim images lack.
  as_root mkdir -p /usr/share/man/man1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "bootstrap: FAILED to install the Debian packages ${missing[*]} (see apt's message above)" >&2; exit 1; }
fi
if [ -z "$PY" ]; then
  PY="$(pick_python)" || { echo "bootstrap: no Python >= 3.11 with venv found (set PYTHON=...)" >&2; exit 1; }
fi

pip_install() { .venv/bin/python -m pip install -q --disable-pip-version-check --no-input "$@"; }

# Two stamps: the lock decides the packages (a change rebuilds the venv from nothing, so no
# package of an older lock lingers); pyproject.toml only decides vigipub's own editable
# install (entry points), which is cheap to redo.
lock_stamp=".venv/.vigipub-lock"
self_stamp=".venv/.vigipub-self"
lock_want="$(cat requirements.lock | sha256sum | cut -d' ' -f1)"
self_want="$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)"

venv_good() {
  [ -x .venv/bin/python ] && [ -f "$lock_stamp" ] && [ "$(cat "$lock_stamp")" = "$lock_want" ] \
    && .venv/bin/python -c 'import sys' 2>/dev/null
}

# While the venv is being built, any exit that is not the end of a successful step (a failed
# command, Ctrl-C, a kill) removes it.
step=""
on_exit() {
  local rc=$?
  if [ -n "$step" ]; then
    echo "bootstrap: FAILED while $step (exit $rc); removed the incomplete .venv so that the next run starts clean" >&2
    rm -rf .venv
  fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! venv_good; then
  if [ -e .venv ]; then
    echo "bootstrap: .venv does not match requirements.lock (or is incomplete): rebuilding it" >&2
    rm -rf .venv
  fi
  step="creating .venv with $PY"
  echo "bootstrap: $step" >&2
  "$PY" -m venv .venv
  step="installing the build tools pinned in requirements.lock"
  echo "bootstrap: installing locked Python dependencies into .venv" >&2
  build_tools="$(mktemp)"
  # The setuptools and wheel entries of the lock (name line and its hash lines), so that
  # source distributions build with the locked tools and nothing else.
  awk '/^[a-z0-9]/ { keep = ($0 ~ /^(setuptools|wheel)==/) } keep && !/^ *#/' requirements.lock > "$build_tools"
  pip_install --no-deps --require-hashes -r "$build_tools"
  rm -f "$build_tools"
  step="installing requirements.lock (no dependency resolution: the lock is complete)"
  pip_install --no-deps --require-hashes --no-build-isolation -r requirements.lock
  step="checking that the locked packages are consistent (pip check)"
  .venv/bin/python -m pip check --disable-pip-version-check >&2
  echo "$lock_want" > "$lock_stamp"
  step=""
fi

if [ ! -f "$self_stamp" ] || [ "$(cat "$self_stamp")" != "$self_want" ] \
    || ! .venv/bin/python -c 'import vigipub' 2>/dev/null; then
  step="installing vigipub itself into .venv (editable, with the locked build tools)"
  pip_install --no-deps --no-build-isolation -e .
  .venv/bin/python -c 'import vigipub'
  echo "$self_want" > "$self_stamp"
  step=""
fi
