"""The procedure checks speak French from a file a lawyer edits (law/france/procedure.yaml)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from vigipub.cases import blocking, check_procedure, load_case_file
from vigipub.cases.procedure import CHECKS, messages, wording_file
from vigipub.law import LawDataError

BASE = """\
company: {name: "Clinique Exemple SA", addresses: ["1 rue de l'Exemple, Bruxelles"]}
websites: ["https://clinique.example"]
product: "la thérapie par cellules souches"
"""
RUNNING = BASE + "events: [{date: 2025-03-03, kind: letter_of_intent}]\ndecision: {date: 2025-03-10}\n"


def case(tmp_path: Path, text: str = RUNNING):  # type: ignore[no-untyped-def]
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return load_case_file(path)


def lawyer_copy(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(wording_file().read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "procedure.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_every_check_has_a_french_wording_using_only_the_values_it_gives() -> None:
    found = messages()
    assert set(found) == set(CHECKS)
    for code, message in found.items():
        assert set(message.fields) <= CHECKS[code], code
        # every value a check gives is used, or the inspector would miss it
        assert set(message.fields) | set(message.labels) >= CHECKS[code], code
        assert not re.search(r"\b(the|is|no|would)\b", message.text), f"{code} reads English"
    # a message about the adversarial procedure cites its article
    for code in ("decision_before_letter", "no_letter_of_intent", "observation_period_running", "hearing_not_recorded"):
        assert any(key.startswith("CRPA L. 12") for key in found[code].basis), code


def test_a_lawyer_s_edit_of_the_file_changes_the_message_without_python(tmp_path: Path) -> None:
    loaded = case(tmp_path)
    [before] = blocking(check_procedure(loaded, "decision"))
    assert before.code == "observation_period_running" and "18\u00a0mars\u00a02025" in before.message

    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["observation_period_running"]["text"] = (
            "le délai laissé à la société pour ses observations expire le {deadline} "
            "(article {CRPA L. 122-1}) ; ne signez pas avant"
        )

    [after] = blocking(check_procedure(loaded, "decision", wording=lawyer_copy(tmp_path, edit)))
    assert after.code == before.code and after.where == before.where
    assert after.message == (
        "le délai laissé à la société pour ses observations expire le 18\u00a0mars\u00a02025 "
        "(article L.\u00a0122-1)\u202f; ne signez pas avant"
    )


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.pop("hearing_not_recorded"), "no wording for check 'hearing_not_recorded'"),
        (lambda d: d.update(unknown_check={"text": "x"}), "wording 'unknown_check' is for no check"),
        (
            lambda d: d["no_letter_of_intent"].update(text="aucune lettre depuis le {letter_date}"),
            "wording 'no_letter_of_intent' uses {letter_date} (the check gives: none)",
        ),
        (
            lambda d: d["hearing_not_recorded"].update(text="voir l'article {CRPA L. 999-9}"),
            "no article module defines CRPA L. 999-9",
        ),
        (lambda d: d["letter_not_recorded"].update(tone="sec"), "unknown key(s) tone"),
    ],
)
def test_a_broken_wording_file_is_refused_when_read_naming_file_and_entry(tmp_path: Path, edit, expected) -> None:  # type: ignore[no-untyped-def]
    path = lawyer_copy(tmp_path, edit)
    with pytest.raises(LawDataError) as err:
        check_procedure(case(tmp_path), "decision", wording=path)
    assert expected in str(err.value) and str(path) in str(err.value)


def test_observations_are_named_in_french_and_a_code_without_label_fails(tmp_path: Path) -> None:
    message = messages()["observations_after_decision"]
    values = {"decision_date": "1er mars 2025", "observation_date": "3 mars 2025"}
    assert "les observations écrites du 3 mars 2025" in message.render({**values, "observations": "written_observations"})
    with pytest.raises(LawDataError, match="no label for observations = 'hearing_request'"):
        message.render({**values, "observations": "hearing_request"})


def test_dates_are_french_and_the_first_of_the_month_is_1er(tmp_path: Path) -> None:
    loaded = case(tmp_path, BASE + "events: [{date: 2025-03-01, kind: letter_of_intent}]\n")
    issues = {i.code: i for i in blocking(check_procedure(loaded, "decision", on=date(2025, 2, 1)))}
    issue = issues["decision_before_letter"]
    assert "datée du 1er\u00a0février\u00a02025 précéderait la lettre d’intention du 1er\u00a0mars\u00a02025" in issue.message
