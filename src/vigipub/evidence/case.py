"""A case: the company, its websites, the adversarial procedure and the decision."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from .core import Frozen

EventKind = Literal[
    "letter_of_intent",
    "written_observations",
    "oral_observations",
    "hearing_request",
    "decision",
    "publication",
    "compliance_check",
]


class Company(Frozen):
    name: str
    trading_names: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)
    country: str | None = None


class Event(Frozen):
    date: date
    kind: EventKind
    note: str = ""


class Signatory(Frozen):
    name: str
    title: str


class DecisionInfo(Frozen):
    date: date
    measure: Literal["suspension_of_advertising", "suspension_of_all_activities"] = (
        "suspension_of_advertising"
    )
    signatory: Signatory | None = None
    place: str = "Saint-Denis"


class Case(Frozen):
    """A case file (``case.yaml``), validated."""

    authority: str = "ANSM"
    reference: str | None = None
    company: Company
    websites: list[str] = Field(default_factory=list)
    product: str
    events: list[Event] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list)
    defences: list[str] = Field(default_factory=list)
    decision: DecisionInfo | None = None
    dossier: str | None = None
