"""A case: the company, its websites, the adversarial procedure and the decision.

Besides the procedure, a case file records what the *inspector* established on the site
(:class:`Established`), so that a decision can be drafted from the case file alone: each item
is the site's own words (a quote) or a fact the inspector checked (the address of the French
version). The detector reads those quotes exactly as it reads a page (``vigipub.pipeline``).
"""

from __future__ import annotations

from datetime import date, datetime
from datetime import date as Date  # a field below is named ``date``
from enum import StrEnum
from typing import Literal

from pydantic import Field

from .compliance import ComplianceVerdict
from .core import Frozen
from .qualification import MeasureKind

EventKind = Literal[
    "letter_of_intent",
    "written_observations",
    "oral_observations",
    "hearing_request",
    "decision",
    "publication",
    "compliance_check",
]


class LetterScope(StrEnum):
    """What the letter of intent announced it would suspend (the decision never goes beyond)."""

    ADVERTISING = "advertising"
    ALL_ACTIVITIES = "all_activities"


class ProductArticle(StrEnum):
    """The definite article of the product's name, as the decision writes it (« la thérapie »)."""

    LE = "le"
    LA = "la"
    LES = "les"
    L = "l'"


class PageJudgement(StrEnum):
    """The inspector's own verdict on a page (it prevails over the detector's)."""

    PROMOTION = "promotion"
    NOT_PROMOTION = "not_promotion"


class Company(Frozen):
    name: str
    trading_names: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)
    country: str | None = None


class Argument(Frozen):
    """One argument of the company's observations, and the Agency's answer to it.

    ``defence`` names an entry of ``law/france/defences.yaml`` (its summary and rebuttal are
    then the catalogue's, unless written here); an argument outside the catalogue (« la page a
    été retirée », « le produit n'est pas un médicament ») has no ``defence`` and needs
    ``summary``, and its ``answer`` is the inspector's (a placeholder in the draft until then).
    """

    defence: str | None = None
    summary: str = ""  # completes « la société fait valoir que … » (French, indirect speech)
    quote: str = ""  # the company's own words, verbatim
    answer: str = ""  # the Agency's answer: a complete French sentence
    basis: list[str] = Field(default_factory=list)  # article keys of the answer ("CSP L. 5122-1")


class Event(Frozen):
    date: date
    kind: EventKind
    note: str = ""  # free text for the file (never read as a fact, not quoted in documents)
    arguments: list[Argument] = Field(default_factory=list)  # observations: what the company argued
    #: a letter_of_intent: what it announced (``letter_of_intent.scope`` prevails when set)
    scope: LetterScope | None = None
    #: a compliance_check: what the check found (``not_complied``: the advertising continued)
    verdict: ComplianceVerdict | None = None


class Signatory(Frozen):
    name: str
    title: str


class DecisionInfo(Frozen):
    date: date
    measure: MeasureKind = MeasureKind.SUSPENSION_OF_ADVERTISING
    signatory: Signatory | None = None
    place: str = "Saint-Denis"
    # Article 2 of the decision: who executes it (« La directrice médicale … », « le directeur
    # de l'inspection »). Empty: the authority's default executors are used.
    executors: list[str] = Field(default_factory=list)


class LetterOfIntent(Frozen):
    """The letter that opens the adversarial procedure (CRPA L. 121-1 and L. 122-1).

    ``observation_deadline`` is computed by the case loader from the configurable delays
    (dated parameter ``observation_period_days``, counted from ``received`` when known) unless
    the case file sets it.
    """

    date: Date | None = None
    scope: LetterScope = LetterScope.ADVERTISING
    addresses: list[str] = Field(default_factory=list)  # empty: the company's addresses
    observation_days: int | None = None
    observation_deadline: Date | None = None
    delay_reference: str = ""  # legal reference of the delay used, for the letter
    signatory: Signatory | None = None
    received: Date | None = None  # when the company received it (acknowledgement of receipt)


class PageVerdict(Frozen):
    """The inspector's verdict on one page, with the reason (French) it is shown with."""

    url: str
    verdict: PageJudgement
    reason: str = ""


class Established(Frozen):
    """What the inspector established on the site. Lists hold the site's words, verbatim."""

    french_version: str | bool | None = None  # the French version's address, or true
    french_testimonials: list[str] = Field(default_factory=list)  # testimonials of patients in France
    euro_prices: list[str] = Field(default_factory=list)  # « 12 500 € la cure »
    french_phones: list[str] = Field(default_factory=list)  # « +33 1 84 88 00 00 »
    travel_from_france: list[str] = Field(default_factory=list)  # « vols directs depuis Paris »
    testimonials: list[str] = Field(default_factory=list)  # other patients' testimonials
    preparation: list[str] = Field(default_factory=list)  # how the product is made, as the site says
    calls_to_action: list[str] = Field(default_factory=list)  # « Réservez votre consultation »
    #: whether the cells serve the same essential function in the recipient as in the donor
    #: (Reg. 1394/2007, Art. 2(1)(c)), as the inspector or the CAT's classification established
    #: it: false makes cells an ATMP whatever their manipulation; a site never says it
    homologous_use: bool | None = None
    pages: list[PageVerdict] = Field(default_factory=list)


class CaptureRecord(Frozen):
    """A capture of the site kept as evidence: when, and the digest of what was kept."""

    date: datetime | Date
    sha256: str
    url: str = ""
    description: str = ""  # « captures d'écran horodatées », « archive WARC » …


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
    # what makes a draft possible from the case file alone
    product_article: ProductArticle | None = None  # « la » thérapie, « le » vaccin: never guessed
    established: Established = Field(default_factory=Established)
    captures: list[CaptureRecord] = Field(default_factory=list)
