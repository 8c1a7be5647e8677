"""The adversarial procedure (procédure contradictoire): delays, date order, readiness checks.

CRPA L. 121-1 and L. 122-1: a police measure such as a suspension is taken only after the
company could present written observations and, on request, be heard. The observation
period is a *configurable* dated parameter of the law package
(``vigipub/law/france/parameters/observation_period_days.yaml``, read through :mod:`vigipub.law`)
because the CRPA sets no figure; the checks below report a decision that would cut it short.
Delays that are the agency's practice rather than law may live in this package's ``data/``
folder, in the same format, read by the same loader; a name there may not repeat a law one.

Each check has a code (:data:`CHECKS`); what it tells the inspector is the French sentence of
that code in the law package's ``procedure.yaml``, which a lawyer edits without Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

from vigipub.evidence.case import Case, LetterOfIntent
from vigipub.evidence.french import long_date
from vigipub.law import (
    LawDataError,
    LegalMessage,
    Parameter,
    get_jurisdiction,
    load_messages,
    load_parameters,
)

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
    """A problem of the procedure. ``error`` blocks the step unless forced.

    ``message`` is the French sentence of the check ``code`` (from the law package's
    ``procedure.yaml``) filled with ``values``, as the sentence received them.
    """

    level: Level
    message: str
    where: str
    code: str = ""
    values: dict[str, str] = field(default_factory=dict, compare=False)

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


#: every procedure check: its code and the values it gives its wording (the French sentence of
#: the law package's ``procedure.yaml``, same code); :func:`messages` refuses a wording file that
#: lacks a code or uses a value its check does not give
CHECKS: dict[str, frozenset[str]] = {
    "decision_before_letter": frozenset({"decision_date", "letter_date"}),
    "observations_after_decision": frozenset({"decision_date", "observations", "observation_date"}),
    "no_letter_of_intent": frozenset(),
    "observation_period_running": frozenset(
        {"letter_date", "deadline", "days", "delay_reference", "decision_date"}
    ),
    "hearing_not_recorded": frozenset({"request_date"}),
    "defences_without_observations": frozenset(),
    "decision_not_recorded": frozenset({"decision_date"}),
    "letter_not_recorded": frozenset({"drafting_date"}),
}


def wording_file() -> Path:
    """The lawyer-editable wording of the checks (the law package's ``procedure.yaml``)."""
    path = get_jurisdiction(JURISDICTION).procedure_file
    if path is None:
        raise LawDataError(f"jurisdiction {JURISDICTION} has no wording for the procedure checks")
    return path


@cache
def messages(path: Path | None = None) -> dict[str, LegalMessage]:
    """The French sentence of each check, read from ``path`` (default :func:`wording_file`).

    A check without a sentence, a sentence for no check, or a sentence using a value its check
    does not give is a :class:`~vigipub.law.LawDataError` naming the file: found when the file
    is read, never when an inspector meets the message.
    """
    path = path or wording_file()
    found = load_messages(path)
    problems = [f"no wording for check {code!r}" for code in CHECKS if code not in found]
    problems += [f"wording {code!r} is for no check (known: {', '.join(CHECKS)})" for code in found if code not in CHECKS]
    for code, message in found.items():
        extra = [f for f in message.fields if code in CHECKS and f not in CHECKS[code]]
        if extra:
            given = ", ".join(sorted(CHECKS[code])) or "none"
            problems.append(f"wording {code!r} uses {{{'}, {'.join(extra)}}} (the check gives: {given})")
    if problems:
        raise LawDataError("; ".join(problems), where=str(path))
    return found


def _issue(
    level: Level, code: str, where: str, wording: dict[str, LegalMessage], **values: date | int | str
) -> ProcedureIssue:
    given = {k: long_date(v) if isinstance(v, date) else str(v) for k, v in values.items()}
    assert set(given) == CHECKS[code], f"check {code} gives {sorted(given)}, declared {sorted(CHECKS[code])}"
    return ProcedureIssue(level, wording[code].render(given), where, code, given)


def check_procedure(
    loaded: LoadedCase, step: str, *, on: date | None = None, wording: Path | None = None
) -> list[ProcedureIssue]:
    """Whether the procedure allows drafting ``step`` (decision, letter, news, alert) on ``on``.

    Errors block the step unless the user forces it; warnings are printed. Each issue's
    message is the French sentence of its code in the wording file (``wording``: a lawyer's
    copy, default the law package's ``procedure.yaml``).
    """
    words = messages(wording)
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
                    _issue("error", "decision_before_letter", where, words, decision_date=decided, letter_date=sent)
                )
            later = [
                e
                for e in case.events
                if e.kind in ("written_observations", "oral_observations") and e.date > decided
            ]
            if later:
                issues.append(
                    _issue(
                        "error",
                        "observations_after_decision",
                        where,
                        words,
                        decision_date=decided,
                        observations=later[0].kind,
                        observation_date=later[0].date,
                    )
                )
        if sent is None and not case.urgency:
            issues.append(_issue("error", "no_letter_of_intent", where, words))
        letter = case.letter_of_intent
        if (
            sent is not None
            and letter
            and letter.observation_deadline
            and decided < letter.observation_deadline
        ):
            issues.append(
                _issue(
                    "error",
                    "observation_period_running",
                    where,
                    words,
                    letter_date=sent,
                    deadline=letter.observation_deadline,
                    days=(
                        letter.observation_days
                        if letter.observation_days is not None
                        else (letter.observation_deadline - sent).days
                    ),
                    delay_reference=letter.delay_reference or LETTER_REFERENCE,
                    decision_date=decided,
                )
            )
        hearing = [e.date for e in case.events if e.kind == "hearing_request"]
        heard = [e.date for e in case.events if e.kind == "oral_observations"]
        if hearing and not heard:
            issues.append(
                _issue("error", "hearing_not_recorded", loaded.where("events"), words, request_date=hearing[0])
            )
        if case.defences and not any(
            e.kind in ("written_observations", "oral_observations") for e in case.events
        ):
            issues.append(_issue("warning", "defences_without_observations", loaded.where("defences"), words))
        if case.decision is None and step == "decision":
            issues.append(_issue("warning", "decision_not_recorded", loaded.where(), words, decision_date=decided))
    if step == "letter" and sent is None:
        issues.append(
            _issue("warning", "letter_not_recorded", loaded.where("events"), words, drafting_date=on or date.today())
        )
    return issues


def blocking(issues: list[ProcedureIssue]) -> list[ProcedureIssue]:
    return [i for i in issues if i.level == "error"]


__all__ = [
    "CASE_PARAMETERS",
    "CHECKS",
    "LETTER_REFERENCE",
    "Delay",
    "ProcedureIssue",
    "blocking",
    "check_procedure",
    "complete_letter",
    "delay",
    "is_abroad",
    "letter_date",
    "messages",
    "observation_deadline",
    "order_errors",
    "parameters",
    "plan_letter",
    "wording_file",
]
