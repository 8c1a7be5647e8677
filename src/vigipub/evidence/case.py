"""A case: the company, its websites, the adversarial procedure and the decision."""

from __future__ import annotations

from datetime import date
from datetime import date as Date  # a field below is named ``date``
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
    # Article 2 of the decision: who executes it (« La directrice médicale … », « le directeur
    # de l'inspection »). Empty: the authority's default executors are used.
    executors: list[str] = Field(default_factory=list)


class LetterOfIntent(Frozen):
    """The letter that opens the adversarial procedure (CRPA L. 121-1 and L. 122-1).

    ``observation_deadline`` is computed by the case loader from the configurable delays
    (dated parameter ``observation_period_days``) unless the case file sets it.
    """

    date: Date | None = None
    scope: Literal["advertising", "all_activities"] = "advertising"
    addresses: list[str] = Field(default_factory=list)  # empty: the company's addresses
    observation_days: int | None = None
    observation_deadline: Date | None = None
    delay_reference: str = ""  # legal reference of the delay used, for the letter
    signatory: Signatory | None = None


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
    # Optional additions (documents stage): the first line of the decision
    # (« La directrice générale de l'Agence … (ANSM) ; ») when it differs from the
    # authority's default, the letter of intent's details and an urgency reason
    # (CRPA L. 121-2 1°) when the adversarial procedure was skipped.
    authority_head: str | None = None
    letter_of_intent: LetterOfIntent | None = None
    urgency: str | None = None
    source_path: str | None = None  # the case file it was loaded from
