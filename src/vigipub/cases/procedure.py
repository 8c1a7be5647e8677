"""The adversarial procedure (procédure contradictoire): delays, date order, readiness checks.

CRPA L. 121-1 and L. 122-1: a police measure such as a suspension is taken only after the
company could present written observations and, on request, be heard. The observation
period is a *configurable* dated parameter of the law package
(``vigipub/law/france/parameters/observation_period_days.yaml``, read through :mod:`vigipub.law`)
because the CRPA sets no figure; the checks below report a decision that would cut it short.
Delays that are the agency's practice rather than law may live in this package's ``data/``
folder, in the same format, read by the same loader; a name there may not repeat a law one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

from vigipub.evidence.case import Case, LetterOfIntent
from vigipub.law import LawDataError, Parameter, get_jurisdiction, load_parameters

from .casefile import LoadedCase
from .defences import JURISDICTION
from .errors import CaseFileError

#: dated parameters of the procedure that are practice, not law (same format as the law's)
CASE_PARAMETERS = Path(__file__).parent / "data"

Level = Literal["error", "warning"]

#: what the letter cites for the observation period (the delay itself is an INTERP default)
LETTER_REFERENCE = "CRPA, art. L. 121-1 et L. 122-1"


@dataclass(frozen=True)
class Delay:
    """One dated delay, as applied on a given date."""

    name: str
    days: int
    since: date
    reference: str
    note: str


@dataclass(frozen=True)
class ProcedureIssue:
    """A problem of the procedure. ``error`` blocks the step unless forced."""

    level: Level
    message: str
    where: str

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: {self.message}"


@cache
def parameters() -> dict[str, Parameter]:
    """The dated parameters the procedure reads: the law package's, then this package's own."""
    law = get_jurisdiction(JURISDICTION).parameters
    own = load_parameters(CASE_PARAMETERS) if CASE_PARAMETERS.is_dir() else {}
    clash = sorted(set(law) & set(own))
    if clash:
        raise LawDataError(
            f"parameter(s) {', '.join(clash)} defined by the law package and again here", where=str(CASE_PARAMETERS)
        )
    return {**law, **own}


def delay(name: str, on: date) -> Delay:
    """The value of the delay ``<name>_days`` in force on ``on`` (last start date ≤ ``on``)."""
    key = f"{name}_days"
    parameter = parameters().get(key)
    if parameter is None:
        folders = [*get_jurisdiction(JURISDICTION).parameter_dirs, CASE_PARAMETERS]
        raise LawDataError(f"no dated parameter {key!r} ({key}.yaml)", where=", ".join(map(str, folders)))
    try:
        value = parameter.at(on)
    except LawDataError:
        raise CaseFileError(
            f"delay '{name}' has no value in force on {on.isoformat()}", where=str(parameter.path)
        ) from None
    return Delay(
        name=name,
        days=int(value.value),
        since=value.start,
        reference=" ".join(value.reference.split()),
        note=str(parameter.path),
    )


def letter_date(case: Case) -> date | None:
    """Date of the letter of intent: the ``letter_of_intent`` key or the first such event."""
    if case.letter_of_intent and case.letter_of_intent.date:
        return case.letter_of_intent.date
    dates = [e.date for e in case.events if e.kind == "letter_of_intent"]
    return min(dates) if dates else None


def complete_letter(loaded: LoadedCase) -> Case:
    """Fill the letter of intent's date, addresses and observation deadline from the delays."""
    return _complete(loaded.case, loaded.where)


def plan_letter(case: Case, on: date) -> Case:
    """The case with a letter of intent dated ``on`` when none is recorded, deadline computed."""
    if letter_date(case) is None:
        letter = (case.letter_of_intent or LetterOfIntent()).model_copy(update={"date": on})
        case = case.model_copy(update={"letter_of_intent": letter})
    return _complete(case, lambda *path: case.source_path or "case")


def is_abroad(case: Case) -> bool:
    """The company is established outside France (a letter takes longer to reach it)."""
    country = (case.company.country or "").strip().upper()
    return bool(country) and country not in ("FR", "FRANCE")


def _complete(case: Case, where: Callable[..., str]) -> Case:
    sent = letter_date(case)
    if sent is None:
        return case
    letter = case.letter_of_intent or LetterOfIntent()
    events = [e.date for e in case.events if e.kind == "letter_of_intent"]
    if letter.date and events and min(events) != letter.date:
        raise CaseFileError(
            f"letter_of_intent.date {letter.date} differs from the letter_of_intent event of {min(events)}",
            where=where("letter_of_intent", "date"),
        )
    if letter.received is not None and letter.received < sent:
        raise CaseFileError(
            f"letter_of_intent.received {letter.received} is before the letter ({sent})",
            where=where("letter_of_intent", "received"),
        )
    standard = delay("observation_period", sent)
    minimum = delay("minimum_observation_period", sent)
    days = letter.observation_days if letter.observation_days is not None else standard.days
    if days < minimum.days:
        raise CaseFileError(
            f"observation period of {days} days is shorter than the minimum of {minimum.days} ({minimum.reference})",
            where=where("letter_of_intent", "observation_days"),
        )
    deadline = letter.observation_deadline or observation_deadline(case, sent, days)
    if deadline < sent:
        raise CaseFileError(
            "observation_deadline is before the letter of intent",
            where=where("letter_of_intent", "observation_deadline"),
        )
    letter = letter.model_copy(
        update={
            "date": sent,
            "observation_days": (deadline - sent).days,  # as the letter counts: from its date
            "observation_deadline": deadline,
            "addresses": letter.addresses or case.company.addresses,
            "delay_reference": letter.delay_reference or LETTER_REFERENCE,
        }
    )
    return case.model_copy(update={"letter_of_intent": letter})


def observation_deadline(case: Case, sent: date, days: int) -> date:
    """The end of the observation period: ``days`` counted from receipt of the letter.

    Receipt is the recorded date (``letter_of_intent.received``); else, for a company that
    answered, no later than its first observations; else the letter's date, and for a company
    established abroad the longer dated default ``observation_period_abroad_days`` from sending
    (a letter posted abroad can take a week or more to arrive).
    """
    letter = case.letter_of_intent
    if letter is not None and letter.received is not None:
        return letter.received + timedelta(days=days)
    answered = [
        e.date
        for e in case.events
        if e.kind in ("written_observations", "oral_observations", "hearing_request") and e.date >= sent
    ]
    if not is_abroad(case):
        return sent + timedelta(days=days)
    abroad = max(days, delay("observation_period_abroad", sent).days)
    latest = sent + timedelta(days=abroad)
    if answered:
        # it had the letter by its first answer: counting from then is the latest honest end
        return min(latest, min(answered) + timedelta(days=days))
    return latest


def order_errors(loaded: LoadedCase, raw_events: list[tuple[int, dict[str, Any]]]) -> list[CaseFileError]:
    """Dates in the wrong order: observations or decision before the letter, etc."""
    case = loaded.case
    errors: list[CaseFileError] = []
    sent = letter_date(case)

    def event_where(kind: str, when: date) -> str:
        for i, raw in raw_events:
            if raw.get("kind") == kind and raw.get("date") == when:
                return loaded.where("events", i)
        return loaded.where("events")

    if sent is not None:
        for e in case.events:
            if e.kind in ("written_observations", "oral_observations", "hearing_request") and e.date < sent:
                errors.append(
                    CaseFileError(
                        f"{e.kind} dated {e.date} comes before the letter of intent of {sent}",
                        where=event_where(e.kind, e.date),
                    )
                )
        if case.decision and case.decision.date < sent:
            errors.append(
                CaseFileError(
                    f"the decision ({case.decision.date}) is dated before the letter of intent ({sent})",
                    where=loaded.where("decision", "date"),
                )
            )
    decision_events = [e for e in case.events if e.kind == "decision"]
    if case.decision:
        for e in decision_events:
            if e.date != case.decision.date:
                errors.append(
                    CaseFileError(
                        f"decision event of {e.date} contradicts decision.date {case.decision.date}",
                        where=event_where("decision", e.date),
                    )
                )
        for e in case.events:
            if e.kind in ("written_observations", "oral_observations") and e.date > case.decision.date:
                errors.append(
                    CaseFileError(
                        f"{e.kind} dated {e.date} comes after the decision of {case.decision.date}",
                        where=event_where(e.kind, e.date),
                    )
                )
    decided = (
        case.decision.date
        if case.decision
        else (min(e.date for e in decision_events) if decision_events else None)
    )
    for e in case.events:
        if e.kind == "publication" and decided and e.date < decided:
            errors.append(
                CaseFileError(
                    f"publication ({e.date}) before the decision ({decided})",
                    where=event_where("publication", e.date),
                )
            )
    return errors


def check_procedure(loaded: LoadedCase, step: str, *, on: date | None = None) -> list[ProcedureIssue]:
    """Whether the procedure allows drafting ``step`` (decision, letter, news, alert) on ``on``.

    Errors block the step unless the user forces it; warnings are printed.
    """
    case = loaded.case
    issues: list[ProcedureIssue] = []
    sent = letter_date(case)
    if step in ("decision", "news", "alert"):
        # a decision is drafted as of the date asked for (``--date``), which may differ from the
        # case's decision.date: the procedure must be checked on the date the document will bear
        if step == "decision" and on is not None:
            decided = on
        else:
            decided = case.decision.date if case.decision else on or date.today()
        where = loaded.where("decision", "date") if case.decision else loaded.where()
        if step == "decision" and on is not None:
            if sent is not None and decided < sent:
                issues.append(
                    ProcedureIssue(
                        "error",
                        f"a decision dated {decided.isoformat()} would precede the letter of intent of "
                        f"{sent.isoformat()}",
                        where,
                    )
                )
            later = [
                e
                for e in case.events
                if e.kind in ("written_observations", "oral_observations") and e.date > decided
            ]
            if later:
                issues.append(
                    ProcedureIssue(
                        "error",
                        f"a decision dated {decided.isoformat()} would cite {later[0].kind} of "
                        f"{later[0].date.isoformat()}, received after it",
                        where,
                    )
                )
        if sent is None and not case.urgency:
            issues.append(
                ProcedureIssue(
                    "error",
                    "no letter of intent: the company must be able to present observations before the decision "
                    "(CRPA L. 121-1, L. 122-1); add a letter_of_intent event, or 'urgency: <reason>' (CRPA L. 121-2 1°)",
                    where,
                )
            )
        letter = case.letter_of_intent
        if (
            sent is not None
            and letter
            and letter.observation_deadline
            and decided < letter.observation_deadline
        ):
            issues.append(
                ProcedureIssue(
                    "error",
                    f"the observation period opened by the letter of {sent.isoformat()} runs until "
                    f"{letter.observation_deadline.isoformat()} ({letter.observation_days} days, {letter.delay_reference}); "
                    f"a decision dated {decided.isoformat()} would cut it short",
                    where,
                )
            )
        hearing = [e.date for e in case.events if e.kind == "hearing_request"]
        heard = [e.date for e in case.events if e.kind == "oral_observations"]
        if hearing and not heard:
            issues.append(
                ProcedureIssue(
                    "error",
                    f"the company asked to be heard on {hearing[0].isoformat()} but no oral_observations event "
                    "is recorded (CRPA L. 122-1)",
                    loaded.where("events"),
                )
            )
        if case.defences and not any(
            e.kind in ("written_observations", "oral_observations") for e in case.events
        ):
            issues.append(
                ProcedureIssue(
                    "warning",
                    "defences are listed but no written or oral observations are recorded",
                    loaded.where("defences"),
                )
            )
        if case.decision is None and step == "decision":
            issues.append(
                ProcedureIssue(
                    "warning",
                    f"no decision key: the decision is dated {decided.isoformat()} and has no signatory",
                    loaded.where(),
                )
            )
    if step == "letter" and sent is None:
        issues.append(
            ProcedureIssue(
                "warning",
                "no letter_of_intent event: the letter is dated on the drafting date",
                loaded.where("events"),
            )
        )
    return issues


def blocking(issues: list[ProcedureIssue]) -> list[ProcedureIssue]:
    return [i for i in issues if i.level == "error"]


__all__ = [
    "CASE_PARAMETERS",
    "LETTER_REFERENCE",
    "Delay",
    "ProcedureIssue",
    "blocking",
    "check_procedure",
    "complete_letter",
    "delay",
    "is_abroad",
    "letter_date",
    "observation_deadline",
    "order_errors",
    "parameters",
    "plan_letter",
]
