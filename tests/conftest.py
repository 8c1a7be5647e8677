"""Shared fixtures: the demo sites served on 127.0.0.1, and dossiers built from them once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """Tests sign their seals with a key of their own, never the user's agency key (the
    environment variable also reaches the vigipub processes that tests start)."""
    import os
    import tempfile

    os.environ["VIGIPUB_KEY_DIR"] = tempfile.mkdtemp(prefix="vigipub-test-keys-")


def chromium_available() -> bool:
    return shutil.which("chromium") is not None or Path("/usr/bin/chromium").exists()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def demo_urls():
    from vigipub.demo import serve_demo_sites

    with serve_demo_sites(host="127.0.0.1") as urls:
        yield urls


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """Run ``vigipub demo --no-browser`` once; the dossiers are inspected by the e2e tests."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("demo") / "dossiers"
    result = subprocess.run(
        [sys.executable, "-m", "vigipub", "demo", "--no-browser", "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    return out, result
