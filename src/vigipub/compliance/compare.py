"""Compare the original capture of a site with its recheck: the whole comparison in one place."""

from __future__ import annotations

from collections import Counter

from vigipub import __version__
from vigipub.evidence import Producer, Qualification, params_digest, utc_now
from vigipub.evidence.compliance import (
    CaptureLink,
    ComplianceReport,
    ComplianceVerdict,
    EvidencePointer,
    FrenchVariant,
    FrenchVariantStatus,
    Reason,
    Side,
)
from vigipub.evidence.vocabulary import THERAPY_FAMILIES

from . import claims as claim_matching
from .french import french_variant
from .inputs import CaptureView
from .moves import MoveTarget, leads
from .pages import UNAVAILABLE_STATUSES, compare_pages
from .verdict import decide


def producer() -> Producer:
    return Producer(name="vigipub.compliance", version=__version__, params_digest=params_digest(claim_matching.parameters()))


def compare(
    original: CaptureView,
    recheck: CaptureView,
    *,
    qualification: Qualification | None = None,
    decision_text: str = "",
    second: CaptureView | None = None,
    targets: list[MoveTarget] | None = None,
    moved: dict[str, CaptureView] | None = None,
    move_errors: dict[str, str] | None = None,
) -> ComplianceReport:
    """The comparison of ``original`` and ``recheck`` (and the second exit, moved domains)."""
    targets = targets or []
    moved = moved or {}
    quoted = claim_matching.decision_quotes(qualification, decision_text)
    originals = claim_matching.original_claims(original, quoted)
    views = [recheck, *([second] if second else []), *moved.values()]
    pool = claim_matching.candidates(views)
    claims_on: Counter[tuple[str, str]] = Counter()
    for c in originals:
        claims_on[("original", c.url)] += 1
    for cand in pool:
        if cand.findings and cand.view.side == Side.RECHECK:
            claims_on[("recheck", cand.document.url)] += 1
    pages = compare_pages(original, recheck, dict(claims_on))
    unverifiable = {
        p.url for p in pages
        if p.status.value in ("unavailable", "not_rechecked")
    }
    checks, used = claim_matching.match_claims(originals, pool, unverifiable)
    new = claim_matching.new_claims(pool, used, originals)
    french = french_variant(original, recheck, second, pages)
    move_leads = leads(targets, moved, move_errors or {}, checks, original)
    site = recheck.findings.site
    seed = next((p for p in recheck.manifest.pages if p.url == recheck.manifest.seed_url), None)
    site_pointer = recheck.pointer(seed) if seed else None
    first = next((p for p in original.manifest.pages if p.url == original.manifest.seed_url), None)
    original_pointer = original.pointer(first) if first else EvidencePointer(side=Side.ORIGINAL, url=original.manifest.seed_url)
    verdict, reasons, summary = decide(
        checks, new, french, move_leads, site.verdict if site else None, site_pointer, original_pointer,
        product_gone=_product_gone(original, views, qualification),
    )
    return ComplianceReport(
        producer=producer(),
        checked_at=recheck.manifest.started_at,
        verdict=verdict,
        summary_fr=summary,
        reasons=reasons,
        original=original.link,
        recheck=recheck.link,
        second_exit=second.link if second else None,
        moved_captures=[v.link for v in moved.values()],
        claims=checks,
        new_claims=new,
        pages=pages,
        french_variant=french,
        leads=move_leads,
        parameters={**claim_matching.parameters(), "unavailable_statuses": ",".join(map(str, sorted(UNAVAILABLE_STATUSES)))},
    )


def _products(view: CaptureView, *, promotion_only: bool) -> set[str]:
    """The therapy families a capture's pages name as a product (not PRP, no medicine alone)."""
    return {
        f.subkind
        for page in view.findings.pages
        if not promotion_only or page.verdict == "promotion"
        for f in page.findings
        if f.names_a_medicine
    }


def _product_gone(original: CaptureView, views: list[CaptureView], qualification: Qualification | None) -> str | None:
    """The decision's product, named as the qualification names it, when no page of the recheck
    (nor of a second exit or a new domain) names any of the families the original promotion
    pages named; else None."""
    before = _products(original, promotion_only=True)
    if not before or any(before & _products(view, promotion_only=False) for view in views):
        return None
    if qualification is not None and qualification.product:
        return qualification.product
    return " et ".join(sorted(THERAPY_FAMILIES[f][0] for f in before))


def unreachable(original: CaptureLink, error: str, kind: str, *, when: object = None) -> ComplianceReport:
    """The report of a recheck whose capture failed: the error, never a kind of compliance."""
    label = {
        "down": "le site ne répond pas (connexion impossible)",
        "timeout": "le site n'a pas répondu dans le délai imparti",
        "http_error": "le site a répondu par une erreur",
        "blocked": "le site bloque la collecte",
        "refused": "l'adresse du site est refusée (adresse privée)",
    }.get(kind, "la collecte a échoué")
    return ComplianceReport(
        producer=producer(),
        checked_at=utc_now(),
        verdict=ComplianceVerdict.UNREACHABLE,
        summary_fr=f"Contrôle impossible : {label}. Aucune conclusion sur la mise en conformité.",
        reasons=[
            Reason(
                code="unreachable",
                text_fr=f"Contrôle impossible : {label} ({error}).",
                before=[EvidencePointer(side=Side.ORIGINAL, url=original.seed_url)],
                after=[EvidencePointer(side=Side.RECHECK, url=original.seed_url, quote=error)],
            )
        ],
        original=original,
        error=error,
        error_kind=kind,
        french_variant=FrenchVariant(status=FrenchVariantStatus.UNKNOWN, detail_fr="Site non consultable."),
        parameters=claim_matching.parameters(),
    )
