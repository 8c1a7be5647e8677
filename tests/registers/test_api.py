"""Opening the database: default path, first build, bad files, stale index, CLI output."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from vigipub.cli.main import main
from vigipub.registers import RegisterDatabaseError, Registers, default_db_path


def test_default_path_honours_vigipub_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VIGIPUB_DATA_DIR", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "registers.sqlite"
    monkeypatch.delenv("VIGIPUB_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "vigipub" / "registers.sqlite"


def test_corrupted_database_is_a_one_line_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "registers.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(RegisterDatabaseError, match="not a vigipub register database"):
        Registers.open(bad)
    assert main(["registry", "lookup", "Kymriah", "--db", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {bad}: not a vigipub register database") and "\n" not in err


def test_missing_database_without_build(tmp_path: Path) -> None:
    with pytest.raises(RegisterDatabaseError, match="not found"):
        Registers.open(tmp_path / "none.sqlite", build=False)


def test_stale_index_is_rebuilt_from_the_files_inside_the_database(db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "registers.sqlite"
    shutil.copyfile(db_path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE meta SET value = 'old' WHERE key = 'config_digest'")
    conn.execute("UPDATE meta SET value = 'dir:/somewhere' WHERE key = 'origin'")
    conn.commit()
    conn.close()
    with Registers.open(copy) as reg:
        assert reg.status()["origin"] == "dir:/somewhere"  # kept: rebuilt from its own files
        assert reg.lookup("Kymriah")


def test_context_manager_closes(db_path: Path) -> None:
    with Registers.open(db_path) as reg:
        assert reg.lookup("Yescarta")
    with pytest.raises(sqlite3.ProgrammingError):
        reg.lookup("Yescarta")


def test_cli_lookup_json_and_table(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["registry", "lookup", "tisagenlecleucel", "--format", "json", "--db", str(db_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["matches"][0]["identifier"] == "EMEA/H/C/004090"
    assert data["matches"][0]["raw"]["Advanced therapy"] == "Yes"
    assert {s["registry"] for s in data["sources"]} == {"BDPM", "EMA"}
    assert main(["registry", "lookup", "plasma", "--db", str(db_path)]) == 0
    assert "no register entry matches 'plasma'" in capsys.readouterr().out
    assert main(["registry", "lookup", "x" * 10_000, "--db", str(db_path)]) == 2
    assert "the limit is 200" in capsys.readouterr().err


def test_cli_status_and_check(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["registry", "status", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "2026-07-07" in out and "2026-03-14" in out and "Licence Ouverte" in out
    assert (
        main(
            [
                "registry",
                "check",
                "dendritic_cells",
                "--disease",
                "C61",
                "--format",
                "json",
                "--db",
                str(db_path),
            ]
        )
        == 0
    )
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "withdrawn" and "6 mai 2015" in answer["text_fr"].replace("\u00a0", " ")


@pytest.mark.parametrize("code", ["XX", "autisme", "C6", "F84.0.1"])
def test_cli_check_refuses_what_is_not_an_icd10_code(
    db_path: Path, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    """QA: « --disease XX » was accepted and silently made the answer « uncertain »."""
    args = ["registry", "check", "stem_cells", "--disease", code, "--db", str(db_path)]
    assert main(args) == 2
    assert "is not an ICD-10 code" in capsys.readouterr().err
    assert main(["registry", "check", "stem_cells", "--disease", "f84.0", "--db", str(db_path)]) == 0
    assert "authorised_other_indication" in capsys.readouterr().out


def test_database_path_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(RegisterDatabaseError, match="cannot create the database"):
        Registers.open(blocker / "registers.sqlite")


def test_missing_or_corrupted_shipped_snapshot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from vigipub.registers import RegisterFileError, snapshot
    from vigipub.registers.config import data_path

    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(snapshot, "data_path", lambda name: empty / name)
    with pytest.raises(RegisterFileError, match=r"CIS_bdpm\.txt\.gz: shipped register file unreadable"):
        Registers.open(tmp_path / "a.sqlite")
    # a copy whose bytes changed: refused by its sha256
    for name in ("CIS_bdpm.txt.gz", "CIS_COMPO_bdpm.txt.gz", "medicines-output-medicines-report_en.xlsx"):
        shutil.copyfile(data_path(name), empty / name)
    import gzip

    (empty / "CIS_bdpm.txt.gz").write_bytes(
        gzip.compress(gzip.decompress(data_path("CIS_bdpm.txt.gz").read_bytes())[:-10])
    )
    with pytest.raises(RegisterFileError, match=r"CIS_bdpm\.txt: sha256 .* \(corrupted copy\)"):
        Registers.open(tmp_path / "b.sqlite")
    assert not (tmp_path / "a.sqlite").exists() and not (tmp_path / "b.sqlite").exists()


def test_database_path_with_uri_special_characters(db_path: Path, tmp_path: Path) -> None:
    weird = tmp_path / "dossier ?#%20 d'été" / "registers.sqlite"
    weird.parent.mkdir()
    shutil.copyfile(db_path, weird)
    with Registers.open(weird) as reg:
        assert reg.lookup("Kymriah")[0].product == "Kymriah"
