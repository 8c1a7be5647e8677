"""Deadlines of a case, computed from the dated parameters (law package first, then ours).

- the end of the observation period: the letter's date + ``observation_period_days`` in force
  on that date (``urgent_observation_period_days`` when urgency shortens it), never below
  ``minimum_observation_period_days`` (CRPA L. 121-1, L. 122-1; the figures are INTERP);
- the compliance re-check after publication: ``compliance_check_days`` (case parameter).

The dashboard orders open cases by :func:`urgency_key`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from vigipub.evidence.casework import CaseStatus

from .procedure import Delay, delay


@dataclass(frozen=True)
class Deadline:
    """A date by which something must happen, and the delay it comes from."""

    on: date
    what: str  # "observations" | "recheck"
    delay: Delay | None = None


def observation_deadline(sent: date, *, urgent: bool = False, days: int | None = None) -> Deadline:
    """End of the observation period opened by a letter of intent sent on ``sent``.

    ``days`` overrides the standard delay but is refused below the minimum in force.
    """
    standard = delay("urgent_observation_period" if urgent else "observation_period", sent)
    chosen = standard.days if days is None else days
    if not urgent:
        minimum = delay("minimum_observation_period", sent)
        if chosen < minimum.days:
            raise ValueError(
                f"an observation period of {chosen} days is shorter than the minimum of {minimum.days} "
                f"({minimum.reference})"
            )
    return Deadline(sent + timedelta(days=chosen), "observations", standard)


def recheck_date(published: date) -> Deadline:
    """When the websites of a published decision are re-checked for compliance."""
    d = delay("compliance_check", published)
    return Deadline(published + timedelta(days=d.days), "recheck", d)


#: statuses in which nothing can wait: shown first among cases without a deadline
_STATUS_RANK = {
    CaseStatus.DECISION: 0,
    CaseStatus.LETTER_OF_INTENT: 1,
    CaseStatus.ESCALATED: 2,
    CaseStatus.INVESTIGATION: 3,
    CaseStatus.OBSERVATIONS: 4,
    CaseStatus.FOLLOW_UP: 5,
    CaseStatus.PUBLISHED: 6,
    CaseStatus.LEAD: 7,
    CaseStatus.CLOSED: 8,
}


def status_rank(status: CaseStatus) -> int:
    return _STATUS_RANK[status]


def urgency_key(deadline: date | None, status: CaseStatus, score: float = 0.0) -> tuple[int, int, int, float]:
    """Sort key of the dashboard: dated deadlines first (overdue, then soonest), then by stage,
    then leads by their triage score (highest first)."""
    if deadline is not None:
        return (0, deadline.toordinal(), status_rank(status), -score)
    return (1, 0, status_rank(status), -score)


__all__ = ["Deadline", "observation_deadline", "recheck_date", "status_rank", "urgency_key"]
