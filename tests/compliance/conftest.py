"""One investigation of the recheck demo clinic, rechecked in every state by the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vigipub.demo.recheck_site import RecheckDemo
from vigipub.pipeline import InvestigateOptions, investigate


@pytest.fixture(scope="module")
def demo() -> Iterator[RecheckDemo]:
    with RecheckDemo(timeout_delay=2.5) as site:
        yield site


@pytest.fixture(scope="module")
def original(demo: RecheckDemo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    demo.state = "original"
    out = tmp_path_factory.mktemp("case") / "case-2026-001"
    investigate(demo.url, out, InvestigateOptions(capture={"allow_private": True, "browser": False}))
    return out


def tree_digest(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
