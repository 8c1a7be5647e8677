"""The procedure table: reachability, preconditions that cite the law, roles."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from vigipub.cases import workflow
from vigipub.cases.workflow import TRANSITIONS, CaseFacts, check
from vigipub.evidence.casework import CaseStatus, Role

S = CaseStatus
TODAY = date(2026, 3, 2)
LEGAL = {Role.LEGAL_REVIEWER}
INSPECTOR = {Role.INSPECTOR}


def ready(status: CaseStatus, **over) -> CaseFacts:
    base = dict(
        status=status, today=TODAY, websites=1, captures_done=1, findings_total=10, findings_accepted=5,
        conclusion="violation", operator_confirmed=True, letter_versions=1,
        letter_sent_on=TODAY - timedelta(days=20), observation_deadline=TODAY - timedelta(days=5),
    )
    base.update(over)
    return CaseFacts(**base)


def codes(blockers) -> list[str]:
    return [b.code for b in blockers]


def test_every_status_is_reachable_from_a_lead_and_every_transition_names_known_states():
    reached = {S.LEAD}
    changed = True
    while changed:
        changed = False
        for t in TRANSITIONS:
            if t.sources & reached and t.target not in reached:
                reached.add(t.target)
                changed = True
    assert reached == set(CaseStatus)
    assert len({t.name for t in TRANSITIONS}) == len(TRANSITIONS)
    for t in TRANSITIONS:
        assert t.roles, t.name
        assert t.label, t.name
        assert set(t.inputs) <= {"reason", "date"}


def test_the_procedure_in_order_lead_to_closed():
    path = ["open_investigation", "prepare_letter", "send_letter", "proceed_to_decision", "publish",
            "start_follow_up", "close_complied"]
    status = S.LEAD
    for name in path:
        t = workflow.transition(name)
        assert status in t.sources, name
        status = t.target
    assert status == S.CLOSED


def test_no_decision_before_the_observation_deadline_unless_urgency():
    running = ready(S.OBSERVATIONS, observation_deadline=TODAY + timedelta(days=3))
    blockers = check("proceed_to_decision", running, LEGAL)
    assert codes(blockers) == ["observation_period_over"]
    assert "CRPA L. 121-1" in blockers[0].english() and "CRPA L. 121-2 1°" in blockers[0].english()
    assert TODAY.isoformat() not in blockers[0].english()
    assert (TODAY + timedelta(days=3)).isoformat() in blockers[0].english()
    # the day the period ends, the decision may be taken
    assert check("proceed_to_decision", ready(S.OBSERVATIONS, observation_deadline=TODAY), LEGAL) == []
    # urgency recorded with its reason lifts it
    assert check("proceed_to_decision", ready(S.OBSERVATIONS, observation_deadline=TODAY + timedelta(days=3),
                                              urgency="danger grave et immédiat"), LEGAL) == []


def test_urgent_decision_needs_the_urgency_reason():
    facts = ready(S.INVESTIGATION, letter_sent_on=None, observation_deadline=None)
    assert "urgency_recorded" in codes(check("urgent_decision", facts, LEGAL))
    assert check("urgent_decision", ready(S.INVESTIGATION, urgency="patients en danger"), LEGAL) == []


def test_no_publication_of_an_unsigned_decision():
    assert codes(check("publish", ready(S.DECISION), LEGAL)) == ["decision_signed"]
    assert check("publish", ready(S.DECISION, decision_signed=True), {Role.SIGNATORY}) == []


def test_a_hearing_asked_for_must_be_held_and_observations_answered():
    facts = ready(S.OBSERVATIONS, hearing_requested=True, observations=1, observations_unanswered=1)
    assert codes(check("proceed_to_decision", facts, LEGAL)) == ["hearing_held", "observations_answered"]


def test_letter_needs_confirmed_operator_and_a_drafted_letter():
    facts = ready(S.LETTER_OF_INTENT, operator_confirmed=False, letter_versions=0)
    assert codes(check("send_letter", facts, INSPECTOR)) == ["operator_confirmed", "letter_drafted"]


def test_preparing_the_letter_needs_reviewed_evidence_qualifying_a_violation():
    facts = ready(S.INVESTIGATION, findings_accepted=0, conclusion="undetermined")
    assert codes(check("prepare_letter", facts, INSPECTOR)) == ["findings_accepted", "violation_qualified"]


@pytest.mark.parametrize(
    ("name", "status", "roles", "allowed"),
    [
        ("publish", S.DECISION, {Role.INSPECTOR}, False),
        ("proceed_to_decision", S.OBSERVATIONS, {Role.INSPECTOR}, False),
        ("proceed_to_decision", S.OBSERVATIONS, {Role.SIGNATORY}, False),
        ("open_investigation", S.LEAD, {Role.ADMINISTRATOR}, False),
        ("open_investigation", S.LEAD, {Role.INSPECTOR}, True),
    ],
)
def test_roles(name, status, roles, allowed):
    blockers = check(name, ready(status, decision_signed=True), roles)
    assert ("role" not in codes(blockers)) is allowed


def test_a_transition_from_the_wrong_status_is_refused():
    assert codes(check("publish", ready(S.LEAD, decision_signed=True), {Role.SIGNATORY})) == ["status"]


def test_closing_after_follow_up_depends_on_the_recheck():
    # before any re-check concluded (the first one may be running) one blocker says so; the
    # verdict tests do not speak of a re-check "that found 'none'"
    assert codes(check("close_complied", ready(S.FOLLOW_UP), LEGAL)) == ["recheck_done"]
    assert codes(check("escalate", ready(S.FOLLOW_UP), LEGAL)) == ["recheck_done"]
    assert codes(check("close_complied", ready(S.FOLLOW_UP, last_recheck_verdict="not_complied"), LEGAL)) == [
        "site_complied"
    ]
    assert check("escalate", ready(S.FOLLOW_UP, last_recheck_verdict="not_complied"), LEGAL) == []
    assert check("close_complied", ready(S.FOLLOW_UP, last_recheck_verdict="complied"), LEGAL) == []


def test_the_recheck_verdict_tests_never_stand_without_a_recheck_done():
    """site_complied and site_not_complied let a case without any verdict pass: recheck_done
    must stand beside them, or a case could be closed with no re-check at all."""
    from vigipub.cases.workflow import recheck_done, site_complied, site_not_complied

    for t in workflow.TRANSITIONS:
        if site_complied in t.preconditions or site_not_complied in t.preconditions:
            assert recheck_done in t.preconditions, t.name
