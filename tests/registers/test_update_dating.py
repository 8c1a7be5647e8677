"""``registry update --from-dir`` dates a local copy from its data, never from the file's
modification time (which says when it was copied, not what state of the register it holds)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from vigipub.cli.main import main
from vigipub.registers import Registers
from vigipub.registers.store import SourceFile


def test_a_local_copy_is_dated_from_its_data(
    tmp_path: Path, shipped: dict[str, SourceFile], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    for name, source in shipped.items():
        path = folder / name
        path.write_bytes(source.data)
        os.utime(path, (1_000_000_000, 1_000_000_000))  # copied long ago: 2001-09-09
    db = tmp_path / "fresh.sqlite"
    assert main(["registry", "update", "--from-dir", str(folder), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "CIS_COMPO_bdpm.txt date unknown" in out and "2001" not in out
    with Registers.open(db) as reg:
        sources = {s.registry: s for s in reg.sources()}
        bdpm = sources["BDPM"]
        # the shipped CIS_bdpm.txt's newest marketing authorisation date (its download: 2026-07-07)
        assert bdpm.snapshot_date is not None and date(2026, 1, 1) <= bdpm.snapshot_date <= date(2026, 7, 7)
        assert bdpm.files_snapshot_dates["CIS_COMPO_bdpm.txt"] is None
        assert str(sources["EMA"].snapshot_date) == "2026-03-14"  # written in the file by EMA
