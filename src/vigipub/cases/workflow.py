"""The procedure of a case as a table of transitions, each with its roles and preconditions.

    lead → investigation → letter_of_intent → observations → decision → published
         → follow_up → closed | escalated

:data:`TRANSITIONS` is the whole state machine: a transition names the states it leaves,
the state it reaches, the roles allowed to fire it, the inputs it needs and the
preconditions it checks. Nothing else moves a case. A precondition is a pure function of a
:class:`CaseFacts` snapshot (built by the application from its database), so the rules can
be read, tested and changed here without a web framework.

Messages are English msgids (marked with ``gettext_noop``) that the application translates; each legal
precondition cites its article. The transitions enforce the law's order:

- no decision before the end of the observation period opened by the letter of intent
  (CRPA L. 121-1, L. 122-1) unless urgency is recorded with its reason (CRPA L. 121-2 1°);
- a company that asked to be heard is heard before the decision (CRPA L. 122-1);
- every observation received is answered in the decision;
- no publication of an unsigned decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from vigipub.evidence.casework import CaseStatus, Role


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation; the application translates it when shown. (Django's
    name for it, so that ``makemessages`` finds these messages without Django here.)"""
    return message




S = CaseStatus


@dataclass(frozen=True)
class CaseFacts:
    """What the preconditions read: a snapshot of one case on ``today``."""

    status: CaseStatus
    today: date
    websites: int = 0
    captures_done: int = 0
    captures_running: int = 0
    findings_total: int = 0
    findings_accepted: int = 0
    findings_pending: int = 0
    conclusion: str | None = None  # of the qualification from accepted findings
    operator_confirmed: bool = False
    letter_versions: int = 0
    letter_sent_on: date | None = None
    observation_deadline: date | None = None
    urgency: str = ""  # reason recorded (CRPA L. 121-2 1°), empty when none
    hearing_requested: bool = False
    heard: bool = False  # oral observations recorded
    observations: int = 0
    observations_unanswered: int = 0
    decision_signed: bool = False
    rechecks_scheduled: int = 0
    last_recheck_verdict: str | None = None


@dataclass(frozen=True)
class Blocker:
    """Why a transition cannot be fired now: a message id and its parameters."""

    code: str
    message: str  # English msgid with %(name)s parameters
    params: dict[str, str] = field(default_factory=dict)

    def english(self) -> str:
        return self.message % self.params if self.params else self.message


Check = Callable[[CaseFacts], Blocker | None]


@dataclass(frozen=True)
class Precondition:
    code: str
    check: Check


def _pre(code: str) -> Callable[[Check], Precondition]:
    def wrap(fn: Check) -> Precondition:
        return Precondition(code, fn)

    return wrap


@_pre("has_website")
def has_website(f: CaseFacts) -> Blocker | None:
    if f.websites:
        return None
    return Blocker("has_website", gettext_noop("The case has no website."))


@_pre("capture_done")
def capture_done(f: CaseFacts) -> Blocker | None:
    if f.captures_done:
        return None
    if f.captures_running:
        return Blocker("capture_done", gettext_noop("The capture of the website is still running."))
    return Blocker("capture_done", gettext_noop("No completed capture: the evidence must be captured first."))


@_pre("findings_accepted")
def findings_accepted(f: CaseFacts) -> Blocker | None:
    if f.findings_accepted:
        return None
    return Blocker(
        "findings_accepted",
        gettext_noop("No finding has been accepted by a reviewer: the procedure rests on reviewed evidence only."),
    )


@_pre("violation_qualified")
def violation_qualified(f: CaseFacts) -> Blocker | None:
    if f.conclusion == "violation":
        return None
    return Blocker(
        "violation_qualified",
        gettext_noop(
            "The qualification of the accepted findings concludes '%(conclusion)s', not a violation: "
            "no measure can be proposed."
        ),
        {"conclusion": f.conclusion or "none"},
    )


@_pre("operator_confirmed")
def operator_confirmed(f: CaseFacts) -> Blocker | None:
    if f.operator_confirmed:
        return None
    return Blocker(
        "operator_confirmed",
        gettext_noop("The operator (name and address) must be confirmed by an inspector before any letter is sent."),
    )


@_pre("letter_drafted")
def letter_drafted(f: CaseFacts) -> Blocker | None:
    if f.letter_versions:
        return None
    return Blocker("letter_drafted", gettext_noop("No letter of intent has been generated."))


@_pre("observation_period_over")
def observation_period_over(f: CaseFacts) -> Blocker | None:
    """CRPA L. 121-1 and L. 122-1; urgency (CRPA L. 121-2 1°) is the only exception."""
    if f.urgency:
        return None
    if f.letter_sent_on is None:
        return Blocker(
            "observation_period_over",
            gettext_noop(
                "No letter of intent was sent: the company must be able to present its observations before "
                "a decision (CRPA L. 121-1, L. 122-1), unless urgency is recorded with its reason "
                "(CRPA L. 121-2 1°)."
            ),
        )
    if f.observation_deadline is not None and f.today < f.observation_deadline:
        return Blocker(
            "observation_period_over",
            gettext_noop(
                "The observation period runs until %(deadline)s (CRPA L. 121-1, L. 122-1): no decision before "
                "then, unless urgency is recorded with its reason (CRPA L. 121-2 1°)."
            ),
            {"deadline": f.observation_deadline.isoformat()},
        )
    return None


@_pre("hearing_held")
def hearing_held(f: CaseFacts) -> Blocker | None:
    if f.urgency or not f.hearing_requested or f.heard:
        return None
    return Blocker(
        "hearing_held",
        gettext_noop("The company asked to be heard: its oral observations must be recorded first (CRPA L. 122-1)."),
    )


@_pre("observations_answered")
def observations_answered(f: CaseFacts) -> Blocker | None:
    if not f.observations_unanswered:
        return None
    return Blocker(
        "observations_answered",
        gettext_noop(
            "%(count)s observation(s) of the company name no argument the decision answers: classify each "
            "observation's arguments."
        ),
        {"count": str(f.observations_unanswered)},
    )


@_pre("urgency_recorded")
def urgency_recorded(f: CaseFacts) -> Blocker | None:
    if f.urgency:
        return None
    return Blocker(
        "urgency_recorded",
        gettext_noop("Urgency must be recorded with its reason to decide without an adversarial procedure (CRPA L. 121-2 1°)."),
    )


@_pre("decision_signed")
def decision_signed(f: CaseFacts) -> Blocker | None:
    if f.decision_signed:
        return None
    return Blocker("decision_signed", gettext_noop("The decision is not signed: an unsigned decision is never published."))


@_pre("recheck_done")
def recheck_done(f: CaseFacts) -> Blocker | None:
    if f.last_recheck_verdict:
        return None
    return Blocker("recheck_done", gettext_noop("No compliance re-check has been completed yet."))


@_pre("site_complied")
def site_complied(f: CaseFacts) -> Blocker | None:
    # no verdict yet (none scheduled, or the first one still running) is recheck_done's blocker:
    # saying "the last re-check found 'none'" would name a re-check that never concluded
    if not f.last_recheck_verdict or f.last_recheck_verdict == "complied":
        return None
    return Blocker(
        "site_complied",
        gettext_noop("The last re-check found '%(verdict)s': the case can only be closed as complied after a compliant re-check."),
        {"verdict": f.last_recheck_verdict},
    )


@_pre("site_not_complied")
def site_not_complied(f: CaseFacts) -> Blocker | None:
    if not f.last_recheck_verdict or f.last_recheck_verdict in ("not_complied", "partially_complied", "unreachable"):
        return None
    return Blocker(
        "site_not_complied",
        gettext_noop("Escalation needs a re-check showing that the advertising continues (last re-check: '%(verdict)s')."),
        {"verdict": f.last_recheck_verdict},
    )


@dataclass(frozen=True)
class Transition:
    """One row of the table."""

    name: str
    sources: frozenset[CaseStatus]
    target: CaseStatus
    roles: frozenset[Role]
    preconditions: tuple[Precondition, ...] = ()
    #: inputs the user gives: ``reason`` (free text, required), ``date`` (a date ≤ today)
    inputs: tuple[str, ...] = ()
    label: str = ""  # English msgid of the button
    help: str = ""  # English msgid: what firing it does

    def blockers(self, facts: CaseFacts) -> list[Blocker]:
        if facts.status not in self.sources:
            return [
                Blocker(
                    "status",
                    gettext_noop("Not possible from the status '%(status)s'."),
                    {"status": str(facts.status)},
                )
            ]
        return [b for p in self.preconditions if (b := p.check(facts)) is not None]


def _t(
    name: str,
    sources: set[CaseStatus],
    target: CaseStatus,
    roles: set[Role],
    pre: tuple[Precondition, ...] = (),
    inputs: tuple[str, ...] = (),
    label: str = "",
    help: str = "",
) -> Transition:
    return Transition(name, frozenset(sources), target, frozenset(roles), pre, inputs, label, help)


INSPECTION = {Role.INSPECTOR, Role.LEGAL_REVIEWER}
LEGAL = {Role.LEGAL_REVIEWER}

#: The whole procedure. Order is the order buttons are shown in.
TRANSITIONS: tuple[Transition, ...] = (
    _t(
        "open_investigation", {S.LEAD}, S.INVESTIGATION, INSPECTION, (has_website,),
        label=gettext_noop("Open an investigation"),
        help=gettext_noop("The lead is worth investigating: capture and review the evidence."),
    ),
    _t(
        "prepare_letter", {S.INVESTIGATION}, S.LETTER_OF_INTENT, INSPECTION,
        (capture_done, findings_accepted, violation_qualified),
        label=gettext_noop("Prepare the letter of intent"),
        help=gettext_noop("The reviewed evidence qualifies a violation: draft the letter opening the adversarial procedure."),
    ),
    _t(
        "send_letter", {S.LETTER_OF_INTENT}, S.OBSERVATIONS, INSPECTION,
        (operator_confirmed, letter_drafted), inputs=("date",),
        label=gettext_noop("Record the letter as sent"),
        help=gettext_noop("Opens the observation period; its deadline is computed from the law's dated parameters."),
    ),
    _t(
        "proceed_to_decision", {S.OBSERVATIONS}, S.DECISION, LEGAL,
        (observation_period_over, hearing_held, observations_answered),
        label=gettext_noop("Proceed to the decision"),
        help=gettext_noop("The observation period is over and every observation is answered."),
    ),
    _t(
        "urgent_decision", {S.INVESTIGATION, S.LETTER_OF_INTENT, S.OBSERVATIONS}, S.DECISION, LEGAL,
        (urgency_recorded, capture_done, findings_accepted, violation_qualified, operator_confirmed,
         observations_answered),
        label=gettext_noop("Decide urgently"),
        help=gettext_noop("Skips or shortens the adversarial procedure, on the urgency recorded (CRPA L. 121-2 1°)."),
    ),
    _t(
        "publish", {S.DECISION}, S.PUBLISHED, {Role.SIGNATORY, Role.LEGAL_REVIEWER}, (decision_signed,),
        label=gettext_noop("Publish"),
        help=gettext_noop("Publishes the signed decision with its news item and patient alert on the public register."),
    ),
    _t(
        "start_follow_up", {S.PUBLISHED}, S.FOLLOW_UP, INSPECTION,
        label=gettext_noop("Start the follow-up"),
        help=gettext_noop("Schedules a compliance re-check of every website of the case."),
    ),
    _t(
        "close_complied", {S.FOLLOW_UP}, S.CLOSED, LEGAL, (recheck_done, site_complied),
        label=gettext_noop("Close: the site complied"),
    ),
    _t(
        "escalate", {S.FOLLOW_UP}, S.ESCALATED, LEGAL, (recheck_done, site_not_complied), inputs=("reason",),
        label=gettext_noop("Escalate"),
        help=gettext_noop("The advertising continues: refer the case (prosecutor, PHAROS, foreign authority)."),
    ),
    _t(
        "close_escalated", {S.ESCALATED}, S.CLOSED, LEGAL, inputs=("reason",),
        label=gettext_noop("Close the escalated case"),
    ),
    _t(
        "dismiss", {S.LEAD, S.INVESTIGATION}, S.CLOSED, INSPECTION, inputs=("reason",),
        label=gettext_noop("Dismiss"),
        help=gettext_noop("No follow-up (no promotion, not within the agency's remit, duplicate…): the reason is recorded."),
    ),
)

BY_NAME: dict[str, Transition] = {t.name: t for t in TRANSITIONS}

#: statuses a case is still worked on in (the dashboard's default view)
OPEN_STATUSES: frozenset[CaseStatus] = frozenset(set(CaseStatus) - {S.CLOSED})
#: statuses in which the decision has been published
PUBLIC_STATUSES: frozenset[CaseStatus] = frozenset({S.PUBLISHED, S.FOLLOW_UP, S.ESCALATED, S.CLOSED})


def transition(name: str) -> Transition:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown transition '{name}' (known: {', '.join(BY_NAME)})") from None


def available(facts: CaseFacts) -> list[Transition]:
    """Transitions leaving the case's current status (whether or not they are blocked)."""
    return [t for t in TRANSITIONS if facts.status in t.sources]


def check(name: str, facts: CaseFacts, roles: set[Role] | frozenset[Role]) -> list[Blocker]:
    """Every reason why ``roles`` cannot fire ``name`` on a case with ``facts`` (empty: allowed)."""
    t = transition(name)
    out = t.blockers(facts)
    if not (set(roles) & t.roles):
        out.insert(
            0,
            Blocker(
                "role",
                gettext_noop("Only these roles may do this: %(roles)s."),
                {"roles": ", ".join(sorted(str(r) for r in t.roles))},
            ),
        )
    return out


#: which documents may be generated in which statuses
DOCUMENT_STATUSES: dict[str, frozenset[CaseStatus]] = {
    "letter": frozenset({S.LETTER_OF_INTENT}),
    "decision": frozenset({S.DECISION}),
    "news": frozenset({S.DECISION}),
    "alert": frozenset({S.DECISION}),
}


__all__ = [
    "BY_NAME",
    "DOCUMENT_STATUSES",
    "OPEN_STATUSES",
    "PUBLIC_STATUSES",
    "TRANSITIONS",
    "Blocker",
    "CaseFacts",
    "gettext_noop",
    "Precondition",
    "Transition",
    "available",
    "check",
    "transition",
]
