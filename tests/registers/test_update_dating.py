"""``registry update --from-dir`` dates a local copy from its data, never from the file's
modification time (which says when it was copied, not what state of the register it holds)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from vigipub.registers.formats import read_bdpm
from vigipub.registers.snapshot import files_from_dir
from vigipub.registers.store import SourceFile
from vigipub.registers.update import date_bdpm_from_data


def test_a_local_copy_is_dated_from_its_data(tmp_path: Path, shipped: dict[str, SourceFile]) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    for name, source in shipped.items():
        path = folder / name
        path.write_bytes(source.data)
        os.utime(path, (1_000_000_000, 1_000_000_000))  # copied long ago: 2001-09-09
    files = files_from_dir(folder)
    assert all(f.snapshot_date is None for f in files.values())  # no file date used
    cis = read_bdpm(files["CIS_bdpm.txt"].data, "CIS_bdpm.txt")
    date_bdpm_from_data(SimpleNamespace(cis=cis), files)  # type: ignore[arg-type]
    dated = files["CIS_bdpm.txt"]
    # the shipped CIS_bdpm.txt (downloaded 2026-07-07) is at least as recent as its newest AMM
    assert dated.snapshot_date is not None and date(2026, 1, 1) <= dated.snapshot_date <= date(2026, 7, 7)
    assert dated.approximate and "newest 'Date d'AMM'" in dated.note
    compo = files["CIS_COMPO_bdpm.txt"]
    assert compo.snapshot_date is None and "unknown" in compo.note
    assert files["medicines-output-medicines-report_en.xlsx"].snapshot_date is None  # EMA: dated by update()


def test_a_typo_in_the_future_is_no_date(shipped: dict[str, SourceFile]) -> None:
    cis = read_bdpm(shipped["CIS_bdpm.txt"].data, "CIS_bdpm.txt")
    column = 7  # Date d'AMM
    cis.rows[0][column] = "29/11/2924"
    files = {"CIS_bdpm.txt": SourceFile("CIS_bdpm.txt", b"", None, None)}
    date_bdpm_from_data(SimpleNamespace(cis=cis), files)  # type: ignore[arg-type]
    assert files["CIS_bdpm.txt"].snapshot_date is not None and files["CIS_bdpm.txt"].snapshot_date.year < 2900
