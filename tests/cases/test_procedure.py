"""The adversarial procedure: configurable delays, blocking checks, the letter's own date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from vigipub.cases import blocking, case_as_of, check_procedure, delay, load_case, load_case_file, plan_letter
from vigipub.cases.procedure import parameters
from vigipub.evidence import Case, Company
from vigipub.law import LawDataError, get_jurisdiction

IASO = Path(__file__).resolve().parents[1] / "documents" / "cases" / "iaso_health.yaml"

BASE = """\
company: {name: "Clinique Exemple SA", addresses: ["1 rue de l'Exemple, Bruxelles"]}
websites: ["https://clinique.example"]
product: "la thérapie par cellules souches"
"""


def plain(text: str) -> str:
    """A French message with plain spaces and apostrophes (typography is tested elsewhere)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_delay_comes_from_the_law_package_s_dated_parameter() -> None:
    """One source of truth with the qualification engine: the law package's file, read through
    its API (the case domain keeps no copy of a dated parameter)."""
    law = get_jurisdiction("FR").parameter("observation_period_days")
    path = law.path
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    expected = sorted(data["values"].items())[-1][1]["value"]
    d = delay("observation_period", date(2024, 11, 5))
    assert d.days == expected == law.value_at(date(2024, 11, 5))
    assert "L. 121-1" in d.reference and "L. 122-1" in d.reference
    assert d.note == str(path) and parameters()["observation_period_days"] is law


def test_a_missing_or_broken_law_parameter_fails_loudly_with_its_path(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LawDataError, match="no dated parameter 'nowhere_days'") as err:
        delay("nowhere", date(2024, 11, 5))
    assert "law/france/parameters" in str(err.value)
    from vigipub.law import load_parameters

    with pytest.raises(LawDataError) as err:
        load_parameters(tmp_path / "missing")
    assert str(tmp_path / "missing") in str(err.value)
    (tmp_path / "observation_period_days.yaml").write_text("values: [1, 2]\n", encoding="utf-8")
    with pytest.raises(LawDataError) as err:
        load_parameters(tmp_path)
    assert "observation_period_days.yaml" in str(err.value)


def test_delay_before_any_value_is_an_error() -> None:
    with pytest.raises(Exception, match="no value in force"):
        delay("observation_period", date(1990, 1, 1))


def test_iaso_decision_is_allowed() -> None:
    loaded = load_case_file(IASO)
    assert blocking(check_procedure(loaded, "decision")) == []


def test_decision_within_observation_period_is_blocked(tmp_path: Path) -> None:
    text = BASE + "events: [{date: 2025-03-03, kind: letter_of_intent}]\ndecision: {date: 2025-03-10}\n"
    loaded = load_case_file(write(tmp_path, text))
    issues = blocking(check_procedure(loaded, "decision"))
    assert len(issues) == 1
    assert issues[0].code == "observation_period_running"
    assert "court jusqu'au 18 mars 2025 (15 jours" in plain(issues[0].message)
    assert issues[0].where.endswith(":5")  # the line of decision.date


def test_deadline_moves_with_the_configured_days(tmp_path: Path) -> None:
    text = BASE + (
        "events: [{date: 2025-03-03, kind: letter_of_intent}]\n"
        "letter_of_intent: {observation_days: 10}\ndecision: {date: 2025-03-14}\n"
    )
    loaded = load_case_file(write(tmp_path, text))
    assert loaded.case.letter_of_intent and loaded.case.letter_of_intent.observation_deadline == date(
        2025, 3, 13
    )
    assert blocking(check_procedure(loaded, "decision")) == []


def test_no_letter_blocks_unless_urgency(tmp_path: Path) -> None:
    loaded = load_case_file(write(tmp_path, BASE + "decision: {date: 2025-03-10}\n"))
    stop = blocking(check_procedure(loaded, "decision"))
    assert [i.code for i in stop] == ["no_letter_of_intent"]
    assert plain(stop[0].message).startswith("aucune lettre d'intention : la société doit pouvoir présenter")
    assert "L.\u00a0121-1" in stop[0].message and "L.\u00a0121-2" in stop[0].message
    loaded = load_case_file(
        write(tmp_path, BASE + "decision: {date: 2025-03-10}\nurgency: danger imminent\n")
    )
    assert blocking(check_procedure(loaded, "decision")) == []


def test_hearing_requested_but_not_held_blocks(tmp_path: Path) -> None:
    text = BASE + (
        "events:\n  - {date: 2025-03-03, kind: letter_of_intent}\n"
        "  - {date: 2025-03-05, kind: hearing_request}\ndecision: {date: 2025-04-01}\n"
    )
    loaded = load_case_file(write(tmp_path, text))
    stop = blocking(check_procedure(loaded, "decision"))
    assert [i.code for i in stop] == ["hearing_not_recorded"]
    assert "demandé à être entendue le 5 mars 2025" in plain(stop[0].message)


def test_plan_letter_and_case_as_of() -> None:
    case = Case(company=Company(name="X"), product="p")
    planned = plan_letter(case, date(2025, 1, 31))
    assert planned.letter_of_intent is not None
    d = delay("observation_period", date(2025, 1, 31)).days
    assert planned.letter_of_intent.observation_deadline == date(2025, 1, 31) + timedelta(days=d)
    iaso = load_case(IASO)
    before = case_as_of(iaso, date(2024, 11, 5))
    assert [e.kind for e in before.events] == ["letter_of_intent"]
    assert before.decision is None and before.defences == []


def test_decision_drafted_with_an_earlier_date_is_checked_on_that_date() -> None:
    """QA: ``draft decision --date`` used to be checked on decision.date only, so a decision
    dated 20 November cited observations received on 26 and 27 November."""
    loaded = load_case_file(IASO)
    on_the_day = blocking(check_procedure(loaded, "decision", on=date(2024, 11, 28)))
    assert on_the_day == []
    early = blocking(check_procedure(loaded, "decision", on=date(2024, 11, 20)))
    assert any("viserait les observations orales du 26 novembre 2024" in plain(i.message) for i in early), early
    before_letter = blocking(check_procedure(loaded, "decision", on=date(2024, 11, 1)))
    assert any(
        "précéderait la lettre d'intention du 5 novembre 2024" in plain(i.message) for i in before_letter
    ), before_letter
    # a news item published later than the decision is not a decision date
    assert blocking(check_procedure(loaded, "news", on=date(2024, 12, 20))) == []
