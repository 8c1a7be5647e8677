"""The legal qualification: tests with outcomes and evidence, Vu, Considérants, measure."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from .core import SCHEMA_VERSION, Frozen, Producer

Outcome = Literal["yes", "no", "not_applicable", "undetermined"]


class ArticleRef(Frozen):
    """A citable legal provision, in the version applied."""

    code: str  # "CSP", "CRPA", "Règlement (CE) n° 1394/2007", "Directive 2001/83/CE"…
    article: str  # "L. 5122-3", "2", "Annexe I"
    identifier: str | None = None  # LEGIARTI…, CELEX…
    version_start: date | None = None
    version_end: date | None = None
    label_fr: str  # how a decision cites it: « l'article L. 5122-3 du code de la santé publique »


class LegalTest(Frozen):
    """One step of the reasoning (T0 … T13) with its outcome and evidence."""

    id: str
    rule: str  # the rule's dotted name in vigipub.law
    question: str
    outcome: Outcome
    basis: list[ArticleRef] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)  # finding ids
    quotes: list[str] = Field(default_factory=list)  # the quotes those findings carry
    record_digests: list[str] = Field(default_factory=list)
    text_fr: str = ""
    reason: str = ""  # why this outcome, in English, for the reviewer
    overrides: list[str] = Field(default_factory=list)  # rule ids this exception overrides
    questions: list[str] = Field(default_factory=list)  # for the reviewer, when undetermined
    overridden_by: list[str] = Field(default_factory=list)  # exceptions that decided this outcome
    details: dict[str, str] = Field(default_factory=dict)  # e.g. category, route, audience, measure
    weak: bool = False  # relies only on pages whose verdict is "uncertain"


class Vu(Frozen):
    id: str
    text_fr: str
    basis: list[ArticleRef] = Field(default_factory=list)


class Considerant(Frozen):
    id: str
    text_fr: str
    basis: list[ArticleRef] = Field(default_factory=list)
    tests: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)


class Measure(Frozen):
    kind: str  # suspension_of_advertising | suspension_of_all_activities | none
    text_fr: str
    basis: list[ArticleRef] = Field(default_factory=list)


class Escalation(Frozen):
    kind: str  # referral_prosecutor | pharos_report | administrative_fine | foreign_authority …
    text_fr: str
    trigger: str
    basis: list[ArticleRef] = Field(default_factory=list)


class Qualification(Frozen):
    """``qualification.json``. ``tests`` lists undetermined outcomes first."""

    schema_version: str = SCHEMA_VERSION
    jurisdiction: str = "FR"
    date_of_facts: date
    producer: Producer
    conclusion: Literal["violation", "no_violation", "undetermined"]
    summary: str = ""
    tests: list[LegalTest] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)  # for the reviewer, from undetermined tests
    vu: list[Vu] = Field(default_factory=list)
    considerants: list[Considerant] = Field(default_factory=list)
    measure: Measure | None = None
    escalations: list[Escalation] = Field(default_factory=list)
