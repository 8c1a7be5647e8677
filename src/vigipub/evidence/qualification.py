"""The legal qualification: tests with outcomes and evidence, Vu, Considérants, measure."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field

from .core import SCHEMA_VERSION, Frozen, Producer

Outcome = Literal["yes", "no", "not_applicable", "undetermined"]
Conclusion = Literal["violation", "no_violation", "undetermined"]


class RuleId(StrEnum):
    """The legal tests (QUALIFICATION.md T0-T13), one id per rule of :mod:`vigipub.qualify.rules`."""

    T0_LINK = "T0.link"
    T1_PRESENTATION = "T1.presentation"
    T2_FUNCTION = "T2.function"
    T3_CELLS = "T3.cells"
    T3_SUBSTANTIAL = "T3.substantial"
    T3_ANNEX1_EXCEPTION = "T3.annex1_exception"
    T3_ATMP = "T3.atmp"
    T4_CENTRALISED = "T4.centralised"
    T4_HOSPITAL_EXEMPTION = "T4.hospital_exemption"
    T4_CLINICAL_TRIAL = "T4.clinical_trial"
    T4_AMM_REQUIRED = "T4.amm_required"
    T5_UNAUTHORISED = "T5.unauthorised"
    T6_ADVERTISING = "T6.advertising"
    T6_DISEASE_INFORMATION = "T6.disease_information"
    T7_AUDIENCE = "T7.audience"
    T8_UNAUTHORISED_AD = "T8.unauthorised_ad"
    T8_PUBLIC_NO_VISA = "T8.public_no_visa"
    T8_HCP_NO_VISA = "T8.hcp_no_visa"
    T8_EARLY_ACCESS_AD = "T8.early_access_ad"
    T8_PUBLIC_PRESCRIPTION = "T8.public_prescription"
    T9_DEFENCES = "T9.defences"
    T10_MEASURE = "T10.measure"
    T11_PROCEDURE = "T11.procedure"
    T13_PROSECUTOR_NO_VISA = "T13.prosecutor_no_visa"
    T13_CONTINUED_AFTER_SUSPENSION = "T13.continued_after_suspension"
    T13_ADMINISTRATIVE_FINE = "T13.administrative_fine"


#: the tests whose "yes" is a violation (the conclusion of a qualification)
VIOLATION_RULES: tuple[RuleId, ...] = (
    RuleId.T8_UNAUTHORISED_AD,
    RuleId.T8_PUBLIC_NO_VISA,
    RuleId.T8_HCP_NO_VISA,
    RuleId.T8_EARLY_ACCESS_AD,
    RuleId.T8_PUBLIC_PRESCRIPTION,
)


class Violation(StrEnum):
    """The violation a test establishes (``LegalTest.details["violation"]``, the summary)."""

    AD_UNAUTHORISED = "V_AD_UNAUTHORISED"  # advertising for an unauthorised medicinal product
    AD_PUBLIC_NO_VISA = "V_AD_PUBLIC_NO_VISA"
    AD_HCP_NO_VISA = "V_AD_HCP_NO_VISA"
    AD_EARLY_ACCESS = "V_AD_EARLY_ACCESS"
    #: advertising to the public for a prescription-only (or reimbursable) medicine
    AD_PUBLIC_PRESCRIPTION = "V_AD_PUBLIC_PMO"


class MeasureKind(StrEnum):
    """The police measure a decision takes (Article 1), until compliance."""

    SUSPENSION_OF_ADVERTISING = "suspension_of_advertising"
    SUSPENSION_OF_ALL_ACTIVITIES = "suspension_of_all_activities"


class EscalationKind(StrEnum):
    """What else the agency does beside the measure."""

    REFERRAL_PROSECUTOR = "referral_prosecutor"  # CPP art. 40
    ADMINISTRATIVE_FINE = "administrative_fine"  # CSP L. 5471-1
    PHAROS_REPORT = "pharos_report"  # the illegal content platform
    FOREIGN_AUTHORITY = "foreign_authority"  # the authority of the company's country


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

    id: RuleId
    rule: str  # the rule's dotted name in vigipub.qualify.rules
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
    tests: list[RuleId] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)


class Measure(Frozen):
    kind: MeasureKind
    text_fr: str  # Article 1 of the decision
    basis: list[ArticleRef] = Field(default_factory=list)


class Escalation(Frozen):
    kind: EscalationKind
    text_fr: str
    trigger: str  # the rule id that calls for it, or the practice it follows ("[PRACTICE] …")
    basis: list[ArticleRef] = Field(default_factory=list)


class Qualification(Frozen):
    """``qualification.json``. ``tests`` lists undetermined outcomes first."""

    schema_version: str = SCHEMA_VERSION
    jurisdiction: str = "FR"
    date_of_facts: date
    producer: Producer
    conclusion: Conclusion
    summary: str = ""
    #: the product as the considérants name it (the case file's, else the site's main therapy
    #: family's French label): a document's title names the same product as its body
    product: str | None = None
    tests: list[LegalTest] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)  # for the reviewer, from undetermined tests
    vu: list[Vu] = Field(default_factory=list)
    considerants: list[Considerant] = Field(default_factory=list)
    measure: Measure | None = None
    #: Article 1 of a draft whose conclusion is still undetermined: the measure the open tests
    #: would justify, worded as the decision will word it (never set beside ``measure``)
    draft_measure: Measure | None = None
    escalations: list[Escalation] = Field(default_factory=list)
