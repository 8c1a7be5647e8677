"""Register facts: what the authorisation registers say about a product, and as of when."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from .core import Frozen

AuthorisationStatus = Literal[
    "authorised",  # an authorisation covering the product exists and is in force
    "authorised_other_indication",  # authorised, but not for the disease(s) promoted
    "withdrawn",  # once authorised, now withdrawn/expired/revoked/suspended
    "not_authorised",  # no matching authorisation in any register consulted
    "uncertain",  # matches too weak to conclude either way: a human must check
]


class RegisterSource(Frozen):
    """One register consulted: name, publisher, snapshot date and file digest."""

    registry: str  # "BDPM" | "EMA"
    publisher: str
    snapshot_date: date | None
    source_url: str | None = None
    files_sha256: dict[str, str] = Field(default_factory=dict)
    files_snapshot_dates: dict[str, date | None] = Field(default_factory=dict)  # per file
    licence: str | None = None
    attribution: str | None = None  # credit line the licence requires ("Source : ANSM, …")


class RegisterMatch(Frozen):
    """One register entry that matches a query."""

    registry: str  # "BDPM" | "EMA"
    identifier: str  # CIS code, EMA product number…
    product: str
    substances: list[str] = Field(default_factory=list)
    holder: str | None = None
    status: str  # the register's own wording
    authorised: bool  # in force now
    atmp: bool | None = None
    procedure: str | None = None
    authorisation_date: date | None = None
    end_date: date | None = None
    indication: str | None = None
    match_field: str = ""  # which field matched (brand, substance, family…)
    score: float = 1.0
    raw: dict[str, str] = Field(default_factory=dict)
    category: str | None = None  # EMA "Human" / "Veterinary"
    atmp_category: str | None = None  # gene_therapy_medicinal_product, somatic_cell…, tissue_engineered…
    therapeutic_area: str | None = None  # EMA MeSH therapeutic areas, ";"-separated
    eu_number: str | None = None  # BDPM column 10, EU/1/…
    linked_identifier: str | None = None  # BDPM entry -> EMA product number of the same brand


class AuthorisationAnswer(Frozen):
    """Answer for one therapy found on a site, phrased for a Considérant."""

    therapy: str  # the family or product searched (e.g. "dendritic_cells")
    query_terms: list[str] = Field(default_factory=list)
    status: AuthorisationStatus
    matches: list[RegisterMatch] = Field(default_factory=list)
    sources: list[RegisterSource] = Field(default_factory=list)
    text_fr: str  # « … aucune autorisation … dans la BDPM (état au …) ni … (liste de l'EMA au …) »
    explanation: str = ""
    as_of: date | None = None  # date of the facts the answer is given for (None: today)
    diseases_icd10: list[str] = Field(default_factory=list)
