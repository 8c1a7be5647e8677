"""Fixtures: the Iaso Health case (facts written from the reference decision)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from vigipub.evidence import AuthorisationAnswer, Case, FindingsFile

CASES = Path(__file__).parent / "cases"
REFERENCE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "reference"
    / "ansm-decision-2024-11-28-iaso-health.txt"
)


@dataclass
class CaseFixture:
    raw: dict[str, Any]
    findings: FindingsFile
    case: Case
    authorisations: list[AuthorisationAnswer]
    date_of_facts: date
    expected: dict[str, Any]


def plain(text: str) -> str:
    """Text without its typography (no-break spaces, typographic apostrophe), for assertions
    on the words; the typography itself is tested in tests/evidence/test_french.py."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


def findings_dict(raw: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(json.dumps(raw["findings"], default=str))
    for page in data["pages"]:
        for f in page["findings"]:
            f.setdefault("start", 0)
            f.setdefault("end", len(f["quote"]))
            f.setdefault("url", page["url"])
            f.setdefault("language", page.get("language"))
    return data


def load_case_fixture(name: str) -> CaseFixture:
    raw = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    return CaseFixture(
        raw=raw,
        findings=FindingsFile.model_validate(findings_dict(raw)),
        case=Case.model_validate(raw["case"]),
        authorisations=[AuthorisationAnswer.model_validate(a) for a in raw["authorisations"]],
        date_of_facts=raw["date_of_facts"],
        expected=raw["expected"],
    )


@pytest.fixture(scope="session")
def iaso() -> CaseFixture:
    return load_case_fixture("iaso_health.yaml")


def write_dossier(fx: CaseFixture, folder: Path, *, authorisations: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "findings.json").write_text(
        json.dumps(findings_dict(fx.raw), ensure_ascii=False), encoding="utf-8"
    )
    if authorisations:
        (folder / "authorisations.json").write_text(
            json.dumps(json.loads(json.dumps(fx.raw["authorisations"], default=str)), ensure_ascii=False),
            encoding="utf-8",
        )
    (folder / "case.yaml").write_text(
        yaml.safe_dump(json.loads(json.dumps(fx.raw["case"], default=str)), allow_unicode=True),
        encoding="utf-8",
    )
    return folder
