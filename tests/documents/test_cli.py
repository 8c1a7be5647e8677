"""``vigipub draft``: procedure checks, exit codes, digest printed, format from the suffix."""

from __future__ import annotations

import importlib
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
product: "thérapie cellulaire dendritique"
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
    assert out.read_text(encoding="utf-8").startswith("ANSM")


def test_decision_during_observation_period_refused_then_forced(
    tmp_path: Path, capsys, fixture_qualification
) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.yaml"
    case.write_text(EARLY, encoding="utf-8")
    out = tmp_path / "d.html"
    assert main(["draft", "decision", str(case), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{case}:6" in err and "--force" in err and "runs until 2025-03-18" in err
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
    assert "au plus tard le 20\u00a0novembre\u00a02024" in text


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


def test_no_engine_and_no_stored_qualification(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = importlib.import_module

    def no_qualify(name: str, *a, **k):  # type: ignore[no-untyped-def]
        if name == "vigipub.qualify":
            raise ImportError(name)
        return real(name, *a, **k)

    monkeypatch.setattr(draft_cli.importlib, "import_module", no_qualify)
    case = tmp_path / "case.yaml"
    case.write_text(EARLY, encoding="utf-8")
    assert main(["draft", "decision", str(case), "--out", str(tmp_path / "d.html"), "--force"]) == 2
    assert "no qualification available" in capsys.readouterr().err
    # a dossier with a stored qualification.json is used instead
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    (dossier / "qualification.json").write_text(iaso_qualification().model_dump_json(), encoding="utf-8")
    case.write_text(EARLY + "dossier: dossier\n", encoding="utf-8")
    assert main(["draft", "decision", str(case), "--out", str(tmp_path / "d.html"), "--force"]) == 0


def test_real_engine_end_to_end(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        importlib.import_module("vigipub.qualify").qualify  # noqa: B018
    except (ImportError, AttributeError) as exc:
        pytest.skip(f"vigipub.qualify not available: {exc}")
    out = tmp_path / "decision.pdf"
    assert main(["draft", "decision", str(IASO_CASE), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    captured = capsys.readouterr()
    assert "qualification from vigipub.qualify: violation" in captured.err
    assert "warning" not in captured.err


def test_undetermined_qualification_is_refused_with_its_questions(
    tmp_path: Path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        draft_cli,
        "obtain_qualification",
        lambda case, **_: (iaso_qualification(conclusion="undetermined"), "fixture"),
    )
    assert main(["draft", "decision", str(IASO_CASE), "--out", str(tmp_path / "d.html")]) == 1
    err = capsys.readouterr().err
    assert "open question" in err and "French patients" in err and "undetermined" in err
