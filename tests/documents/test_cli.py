"""``vigipub draft``: procedure checks, exit codes, digest printed, format from the suffix."""

from __future__ import annotations

import importlib
import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from vigipub.cli import draft as draft_cli
from vigipub.cli.main import main
from vigipub.evidence import sha256_bytes

from .conftest import IASO_CASE, iaso_qualification

EARLY = """\
company: {name: "Clinique Exemple SA", addresses: ["1 rue de l'Exemple, Bruxelles"]}
websites: ["https://clinique.example"]
product: "la thérapie cellulaire dendritique"
claims: ["Guérit le cancer"]
events: [{date: 2025-03-03, kind: letter_of_intent}]
decision: {date: 2025-03-10, signatory: {name: "Jeanne Martin", title: "Directrice générale adjointe"}}
"""


@pytest.fixture
def fixture_qualification(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decouple these tests from the engine: the CLI gets the fixture qualification."""
    monkeypatch.setattr(
        draft_cli, "obtain_qualification", lambda case, **_: (iaso_qualification(), "fixture")
    )


def test_draft_decision_prints_the_digest_of_the_file(tmp_path: Path, capsys, fixture_qualification) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "decision.html"
    assert main(["draft", "decision", str(IASO_CASE), "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert f"{sha256_bytes(out.read_bytes())}  {out}" in stdout
    assert "producer: vigipub.documents.decision" in stdout
    sidecar = (tmp_path / "decision.html.sha256").read_text()
    assert sidecar == f"{sha256_bytes(out.read_bytes()).split(':')[1]}  decision.html\n"
    assert (
        subprocess.run(
            ["sha256sum", "-c", sidecar_name := "decision.html.sha256"], cwd=tmp_path, capture_output=True
        ).returncode
        == 0
    ), sidecar_name
    assert "Décision du 28" in out.read_text(encoding="utf-8")


def test_format_from_suffix_and_explicit(tmp_path: Path, fixture_qualification) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "decision.docx"
    assert main(["draft", "decision", str(IASO_CASE), "--out", str(out)]) == 0
    assert zipfile.is_zipfile(out)
    out = tmp_path / "alert.txt"
    assert main(["draft", "alert", str(IASO_CASE), "--format", "md", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("PROJET\n\nANSM")


def test_decision_during_observation_period_refused_then_forced(
    tmp_path: Path, capsys, fixture_qualification
) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.yaml"
    case.write_text(EARLY, encoding="utf-8")
    out = tmp_path / "d.html"
    assert main(["draft", "decision", str(case), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    # the French sentence of the law package's procedure.yaml, dated as the documents are
    assert f"{case}:6" in err and "--force" in err and "court jusqu’au 18\u00a0mars\u00a02025" in err
    assert not out.exists()
    assert main(["draft", "decision", str(case), "--out", str(out), "--force"]) == 0
    assert out.exists()


def test_bad_case_file_exit_2_with_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.yaml"
    case.write_text(EARLY.replace("claims:", "claimz:"), encoding="utf-8")
    assert main(["draft", "decision", str(case), "--out", str(tmp_path / "d.html")]) == 2
    assert f"{case}:4: unknown key 'claimz'" in capsys.readouterr().err


def test_letter_is_dated_and_limited_to_its_own_date(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen = {}

    def fake(case, **_):  # type: ignore[no-untyped-def]
        seen["case"] = case
        return iaso_qualification(), "fixture"

    monkeypatch.setattr(draft_cli, "obtain_qualification", fake)
    out = tmp_path / "letter.md"
    assert main(["draft", "letter", str(IASO_CASE), "--out", str(out)]) == 0
    case = seen["case"]
    assert {e.kind for e in case.events} == {"letter_of_intent"} and case.decision is None
    text = out.read_text(encoding="utf-8")
    # Iaso is established in Switzerland and the letter, drafted as of its own date, knows of no
    # receipt yet: the longer period for a company abroad applies (30 days from sending)
    assert "au plus tard le 5\u00a0décembre\u00a02024" in text


def test_letter_without_a_letter_event_uses_date(tmp_path: Path, fixture_qualification) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.yaml"
    case.write_text(
        EARLY.replace("events: [{date: 2025-03-03, kind: letter_of_intent}]\n", "").replace(
            "decision: {date: 2025-03-10, ", "decision: {date: 2025-04-10, "
        ),
        encoding="utf-8",
    )
    out = tmp_path / "letter.md"
    assert main(["draft", "letter", str(case), "--out", str(out), "--date", "2025-03-03"]) == 0
    assert "au plus tard le 18\u00a0mars\u00a02025" in out.read_text(encoding="utf-8")


def test_real_engine_end_to_end(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        importlib.import_module("vigipub.qualify").qualify  # noqa: B018
    except (ImportError, AttributeError) as exc:
        pytest.skip(f"vigipub.qualify not available: {exc}")
    out = tmp_path / "decision.pdf"
    assert main(["draft", "decision", str(IASO_CASE), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    captured = capsys.readouterr()
    assert "qualification (vigipub.qualify (register answers of" in captured.err and ": manquement" in captured.err
    # the only warning: the oral observations of 26/11 and the letter of 27/11 have no summary
    # in the case file, so the draft leaves a highlighted gap for each
    warnings = [line for line in captured.err.splitlines() if line.startswith("avertissement")]
    assert warnings == [
        "avertissement : projet incomplet : 1 point à compléter avant signature : [résumé des observations "
        "et réponse de l’Agence à chacun des arguments (2 fois)]"
    ], captured.err


def test_undetermined_qualification_is_refused_with_its_questions(
    tmp_path: Path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        draft_cli,
        "obtain_qualification",
        lambda case, **_: (iaso_qualification(conclusion="undetermined"), "fixture"),
    )
    assert main(["draft", "decision", str(IASO_CASE), "--out", str(tmp_path / "d.html"), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "question ouverte" in err and "French patients" in err and "undetermined" in err
    # QA: the refusal pointed CLI users to a Python function (render_decision_draft)
    assert "render_decision_draft" not in err and f"{IASO_CASE}: the qualification concludes" in err


def test_blocking_issue_printed_once_on_one_line_and_forced_is_not_an_error(
    tmp_path: Path, capsys, fixture_qualification
) -> None:  # type: ignore[no-untyped-def]
    """QA: the blocking issue was printed twice, wrapped over three lines, and still labelled
    « error » when --force drafted over it."""
    case = tmp_path / "case.yaml"
    case.write_text(EARLY, encoding="utf-8")
    out = tmp_path / "d.html"
    assert main(["draft", "decision", str(case), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("court jusqu’au 18\u00a0mars\u00a02025") == 1
    assert len([line for line in err.splitlines() if line.strip()]) == 1, err
    assert main(["draft", "decision", str(case), "--out", str(out), "--force"]) == 0
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if "court jusqu’au" in line)
    assert line.startswith("passé outre (--force) : ") and line.endswith("l’abrégerait"), err


def test_unwritable_output_is_a_one_line_input_error(tmp_path: Path, capsys, fixture_qualification) -> None:  # type: ignore[no-untyped-def]
    """QA: an --out under a missing, uncreatable folder raised a FileNotFoundError traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "sub" / "decision.html"
    assert main(["draft", "decision", str(IASO_CASE), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"{out}: cannot write the document" in err


def test_format_contradicting_the_suffix_is_refused(tmp_path: Path, capsys, fixture_qualification) -> None:  # type: ignore[no-untyped-def]
    """QA: ``--out decision.pdf --format md`` silently wrote Markdown into a .pdf file."""
    out = tmp_path / "decision.pdf"
    assert main(["draft", "decision", str(IASO_CASE), "--format", "md", "--out", str(out)]) == 2
    assert "--format md does not match the file suffix .pdf" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("name", ["findings.json", "qualification.json"])
def test_dossier_file_of_another_major_schema_version_is_refused(tmp_path: Path, capsys, name: str) -> None:  # type: ignore[no-untyped-def]
    """QA: a dossier whose findings.json said schema_version 9.0 was drafted from without a word,
    whereas `vigipub qualify` refuses it."""
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    data = (
        json.loads(iaso_qualification().model_dump_json())
        if name == "qualification.json"
        else {
            "producer": {"name": "x", "version": "0"},
            "pages": [],
        }
    )
    data["schema_version"] = "9.0"
    (dossier / name).write_text(json.dumps(data), encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(EARLY + "dossier: dossier\n", encoding="utf-8")
    assert main(["draft", "decision", str(case), "--out", str(tmp_path / "d.html"), "--force"]) == 2
    err = capsys.readouterr().err
    assert f"{dossier / name}: schema_version 9.0 is not compatible" in err


def test_out_never_overwrites_the_case_file_or_the_dossier(
    tmp_path: Path, capsys, fixture_qualification
) -> None:  # type: ignore[no-untyped-def]
    """QA: `--out case.yaml` replaced the case file with HTML, and `--out dossier/findings.json`
    the dossier's findings; nothing may be written into the sealed evidence folder either."""
    dossier = tmp_path / "dossier"
    (dossier / "evidence").mkdir(parents=True)
    (dossier / "findings.json").write_text('{"pages": []}', encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(EARLY + "dossier: dossier\n", encoding="utf-8")
    before = case.read_bytes()
    for out in (case, dossier / "findings.json", dossier / "evidence" / "decision.html"):
        assert main(["draft", "decision", str(case), "--out", str(out), "--format", "html", "--force"]) == 2
        assert "refusing to" in capsys.readouterr().err
    assert case.read_bytes() == before
    assert (dossier / "findings.json").read_text(encoding="utf-8") == '{"pages": []}'
    assert list((dossier / "evidence").iterdir()) == []
    assert main(["draft", "decision", str(case), "--out", str(dossier / "decision.html"), "--force"]) == 0
