"""A lead: a website worth an inspector's look, as batch triage exports it and the case
application imports it.

This is the contract between ``vigipub triage`` (which writes ``leads.json`` / ``leads.csv``)
and the web application's lead import (and any agency tool in between). JSON is a
:class:`LeadsFile`; CSV has one row per lead with the columns of :data:`LEAD_CSV_COLUMNS`,
list fields joined with ``" | "`` and ``quotes`` as JSON text.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from .core import SCHEMA_VERSION, Frozen


class LeadQuote(Frozen):
    """One sentence that made the page suspicious, with where it was read."""

    quote: str
    url: str
    kind: str = "claim"  # finding kind: claim, testimonial, offer, call_to_action…
    warc_file: str | None = None  # re-read the page: file, offset, length of its record
    offset: int | None = None
    length: int | None = None


class Lead(Frozen):
    """One registrable domain and why it was flagged."""

    url: str  # the best entry point: the highest-scoring page of the domain
    domain: str  # registrable domain (public suffix + 1), e.g. "clinic.example.com" -> "example.com"
    score: float = Field(ge=0.0, le=1.0)  # rank: the domain's strongest page score, boosted by breadth
    verdict: str = "promotion"  # page verdict vocabulary of detection: promotion | uncertain
    pages_flagged: int = 0
    pages_seen: int = 0
    therapies: list[str] = Field(default_factory=list)  # therapy family ids (evidence.vocabulary)
    diseases: list[str] = Field(default_factory=list)  # disease ids (ICD-10 coded where known)
    languages: list[str] = Field(default_factory=list)
    france_targeting: bool = False
    france_signals: list[str] = Field(default_factory=list)  # france_targeting subkinds seen
    quotes: list[LeadQuote] = Field(default_factory=list)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    source: str = "triage"  # who produced the lead: triage, tip, manual…


class LeadsFile(Frozen):
    """``leads.json``: leads ranked for an inspector, most urgent first."""

    schema_version: str = SCHEMA_VERSION
    generated_at: datetime
    producer: str = "vigipub triage"
    inputs: list[str] = Field(default_factory=list)  # WARC files triaged
    leads: list[Lead] = Field(default_factory=list)


#: Column order of ``leads.csv``.
LEAD_CSV_COLUMNS: tuple[str, ...] = (
    "url", "domain", "score", "verdict", "pages_flagged", "pages_seen", "therapies", "diseases",
    "languages", "france_targeting", "france_signals", "quotes", "first_seen", "last_seen", "source",
)
