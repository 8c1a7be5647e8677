"""``vigipub qualify DOSSIER``: files written, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from vigipub.cli.main import main
from vigipub.evidence import Qualification

from .conftest import CaseFixture, findings_dict, write_dossier


def test_writes_qualification_json(tmp_path: Path, iaso: CaseFixture, capsys) -> None:  # type: ignore[no-untyped-def]
    dossier = write_dossier(iaso, tmp_path / "d")
    assert main(["qualify", str(dossier), "--case", str(dossier / "case.yaml"), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "violation" in out and "Considérant" in out and "T8.unauthorised_ad" in out
    q = Qualification.model_validate_json((dossier / "qualification.json").read_text(encoding="utf-8"))
    assert q.conclusion == "violation" and q.date_of_facts.isoformat() == "2024-11-05"
    from .test_iaso import as_published

    assert len(as_published(q.considerants)) == len(iaso.expected["considerant_citations"])


def test_json_format_and_date_option(tmp_path: Path, iaso: CaseFixture, capsys) -> None:  # type: ignore[no-untyped-def]
    dossier = write_dossier(iaso, tmp_path / "d")
    assert main(["qualify", str(dossier), "--format", "json", "--date", "2020-06-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date_of_facts"] == "2020-06-01"
    # judged under the law of 2020: the previous wording of L. 5111-1 is cited
    t1 = next(t for t in data["tests"] if t["id"] == "T1.presentation")
    ref = next(b for b in t1["basis"] if b["article"].endswith("5111-1"))
    assert ref["version_end"] is not None


def test_without_authorisations_t5_is_undetermined(tmp_path: Path, iaso: CaseFixture) -> None:
    dossier = write_dossier(iaso, tmp_path / "d", authorisations=False)
    assert main(["qualify", str(dossier), "--case", str(dossier / "case.yaml")]) == 0
    q = Qualification.model_validate_json((dossier / "qualification.json").read_text(encoding="utf-8"))
    assert q.tests[0].outcome == "undetermined"
    assert next(t for t in q.tests if t.id == "T5.unauthorised").outcome == "undetermined"


def test_bad_input_exit_2(tmp_path: Path, iaso: CaseFixture, capsys) -> None:  # type: ignore[no-untyped-def]
    dossier = tmp_path / "d"
    dossier.mkdir()
    assert main(["qualify", str(dossier)]) == 2  # no findings.json and no case
    data = findings_dict(iaso.raw)
    data["schema_version"] = "9.1"
    (dossier / "findings.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["qualify", str(dossier)]) == 2
    err = capsys.readouterr().err
    assert "findings.json" in err and "schema_version" in err and "Traceback" not in err
    assert main(["qualify", str(tmp_path / "missing")]) == 2


def test_case_file_without_dossier(tmp_path: Path, iaso: CaseFixture) -> None:
    dossier = write_dossier(iaso, tmp_path / "d")
    (dossier / "findings.json").unlink()
    assert main(["qualify", str(dossier), "--case", str(dossier / "case.yaml")]) == 0
    assert (dossier / "qualification.json").exists()
