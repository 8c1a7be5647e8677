"""``compliance.json``: what a follow-up capture says about a site's compliance.

A suspension holds « jusqu'à mise en conformité ». ``vigipub recheck`` captures the site
again into a new sealed dossier linked to the first one, and this file records the
comparison: every claim of the original dossier (those quoted in the decision first) and
what became of it, the claims that appeared since, the French variant, the pages removed
or redirected, a move to another domain (as leads), and a verdict whose every reason cites
the evidence of both captures (URL, WARC record id, payload digest).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from .core import SCHEMA_VERSION, Frozen, Producer
from .leads import Lead

COMPLIANCE_FILE = "compliance.json"
COMPLIANCE_HTML = "compliance.html"
#: the link from a recheck dossier to the dossier it rechecks (written before the capture)
RECHECK_LINK_FILE = "recheck.json"


class ComplianceVerdict(StrEnum):
    """The outcome of a re-check. ``unreachable`` is never a kind of ``complied``."""

    COMPLIED = "complied"
    PARTIALLY_COMPLIED = "partially_complied"
    NOT_COMPLIED = "not_complied"
    UNREACHABLE = "unreachable"


class ClaimStatus(StrEnum):
    """What became of one claim of the original dossier."""

    PRESENT = "present"  # the same sentence (give or take typography) is still served
    REWORDED = "reworded"  # a similar sentence is served (the detector's kinds and terms agree)
    GONE = "gone"  # nothing similar on any page the recheck reached
    UNVERIFIED = "unverified"  # its page could not be fetched again (5xx, timeout, blocked)


class PageStatus(StrEnum):
    """What one page of the original capture answers at the recheck."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    REMOVED = "removed"  # 404 / 410
    REDIRECTED = "redirected"  # 3xx to another URL (final_url)
    UNAVAILABLE = "unavailable"  # 5xx, 429, 403, timeout, connection error
    NOT_RECHECKED = "not_rechecked"  # not fetched again (page budget, robots, off site)
    NEW = "new"  # served at the recheck only


class FrenchVariantStatus(StrEnum):
    """The French-language variant of the site at the recheck."""

    SERVED = "served"  # French pages are still reachable from the site
    REMOVED = "removed"  # the French pages answer 404/410 and no French page is linked
    REDIRECTED = "redirected"  # the French URLs redirect to pages in another language
    HIDDEN = "hidden"  # still served, but unlinked (language selector) or to one exit only
    NONE_BEFORE = "none_before"  # the original capture had no French variant
    UNKNOWN = "unknown"  # the recheck could not tell (unreachable)


class Side(StrEnum):
    """Which capture a piece of evidence comes from."""

    ORIGINAL = "original"
    RECHECK = "recheck"
    SECOND_EXIT = "second_exit"  # the recheck through the second proxy
    MOVED = "moved"  # a capture of the domain the site seems to have moved to


class EvidencePointer(Frozen):
    """Where a statement of the comparison can be checked: a page or record of one capture."""

    side: Side
    url: str
    record_id: str | None = None
    payload_digest: str | None = None
    status: int | None = None  # HTTP status of the response, when the pointer is a page
    quote: str | None = None


class CaptureLink(Frozen):
    """One dossier of the comparison, identified by its path and the digests that seal it."""

    side: Side
    dossier: str  # as given on the command line (absolute when resolved)
    evidence: str = "evidence"  # evidence folder, relative to the dossier
    seed_url: str
    started_at: datetime | None = None
    scope: str | None = None
    proxy: str | None = None  # credentials redacted
    exit_ip: str | None = None
    manifest_sha256: str | None = None
    seal_sha256: str | None = None  # digest of dossier.sha256 (original dossier)
    chain_entry_sha256: str | None = None  # last chain.log entry of the evidence folder
    pages: int = 0


class ClaimCheck(Frozen):
    """One claim sentence of the original dossier, matched against the recheck."""

    id: str  # "C1"…, in order: quoted in the decision first
    in_decision: bool
    kind: str  # claim | testimonial
    subkinds: list[str] = Field(default_factory=list)
    finding_ids: list[str] = Field(default_factory=list)  # original findings carrying this sentence
    quote: str
    url: str
    language: str | None = None
    record_id: str | None = None
    payload_digest: str | None = None
    status: ClaimStatus
    similarity: float = 0.0  # 0-100, rapidfuzz score of the best match
    still_a_claim: bool = False  # the matched sentence is itself detected as a claim
    moved: bool = False  # found on another page than before
    match: EvidencePointer | None = None  # the sentence served at the recheck
    match_finding_id: str | None = None
    note: str = ""


class NewClaim(Frozen):
    """A claim of the recheck that matches no claim of the original dossier."""

    finding_id: str
    kind: str
    subkind: str
    quote: str
    page_verdict: str
    evidence: EvidencePointer


class PageCheck(Frozen):
    """One page of either capture and how it changed."""

    url: str  # original URL (or the new URL for a new page)
    status: PageStatus
    new_url: str | None = None
    http_status: int | None = None  # at the recheck
    detail: str = ""
    text_similarity: float | None = None  # 0-100 between the old and new text
    language: str | None = None
    before: EvidencePointer | None = None
    after: EvidencePointer | None = None
    screenshot_before: str | None = None  # path relative to the recheck dossier
    screenshot_after: str | None = None
    claims_before: int = 0
    claims_after: int = 0


class FrenchVariant(Frozen):
    status: FrenchVariantStatus
    detail_fr: str = ""
    urls_before: list[str] = Field(default_factory=list)
    urls_after: list[str] = Field(default_factory=list)  # French pages served at the recheck
    evidence: list[EvidencePointer] = Field(default_factory=list)
    #: exit (``recheck`` / ``second_exit``) -> French pages served through it
    by_exit: dict[str, int] = Field(default_factory=dict)


class MoveLead(Frozen):
    """A domain the site seems to have moved to: the lead, the signals and their evidence."""

    lead: Lead
    signals: list[str] = Field(default_factory=list)  # redirect | canonical | announced | same_operator | same_claims
    evidence: list[EvidencePointer] = Field(default_factory=list)
    capture_error: str | None = None  # the new domain could not be captured


class Reason(Frozen):
    """One reason of the verdict, citing the evidence of both captures."""

    code: str  # e.g. claims_remaining, claims_gone, new_claims, french_hidden, moved, unreachable
    text_fr: str
    before: list[EvidencePointer] = Field(default_factory=list)
    after: list[EvidencePointer] = Field(default_factory=list)


class ComplianceReport(Frozen):
    """``compliance.json`` of a recheck dossier."""

    schema_version: str = SCHEMA_VERSION
    producer: Producer
    checked_at: datetime
    verdict: ComplianceVerdict
    summary_fr: str = ""
    reasons: list[Reason] = Field(default_factory=list)
    original: CaptureLink
    recheck: CaptureLink | None = None  # None when the site could not be captured
    second_exit: CaptureLink | None = None
    moved_captures: list[CaptureLink] = Field(default_factory=list)
    error: str | None = None  # why the recheck could not capture the site
    error_kind: str | None = None  # down | timeout | http_error | blocked | refused | error
    claims: list[ClaimCheck] = Field(default_factory=list)
    new_claims: list[NewClaim] = Field(default_factory=list)
    pages: list[PageCheck] = Field(default_factory=list)
    french_variant: FrenchVariant
    leads: list[MoveLead] = Field(default_factory=list)  # where the site seems to have moved
    #: thresholds and options of the comparison, so that two runs compare
    parameters: dict[str, float | int | str | bool] = Field(default_factory=dict)
