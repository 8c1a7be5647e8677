"""Fixtures of the registers tests: one database built from the shipped snapshot per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vigipub.registers import Registers
from vigipub.registers.snapshot import shipped_files
from vigipub.registers.store import SourceFile

SHARED_REGISTRIES = Path(__file__).resolve().parents[3] / "shared" / "data" / "registries"


@pytest.fixture(scope="session")
def shipped() -> dict[str, SourceFile]:
    return shipped_files()


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("registers") / "registers.sqlite"
    Registers.open(path).close()  # builds from the shipped snapshot
    return path


@pytest.fixture(scope="session")
def reg(db_path: Path) -> Iterator[Registers]:
    with Registers.open(db_path) as registers:
        yield registers
