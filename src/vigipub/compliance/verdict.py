"""The verdict of a recheck and its reasons, each citing the evidence of both captures.

* ``unreachable``: the site could not be captured, or every claim left unmatched sits on a
  page that could not be fetched again — never ``complied`` on missing evidence;
* ``not_complied``: every claim of the decision is still made (present, or reworded and
  still detected as a claim), or every one that could be checked again is (the others' pages
  could not be fetched, or a browser recording left them out: nothing shows a change), or all
  are gone but the site still promotes with new claims;
* ``complied``: no claim remains, no new claim on a promotion page, the French variant is
  not hidden, no move to another domain, nothing left for review;
* ``partially_complied``: anything in between.

The claims weighed are those quoted in the decision when the decision quotes any, else
every claim of the original dossier.
"""

from __future__ import annotations

from vigipub.evidence.compliance import (
    ClaimCheck,
    ClaimStatus,
    ComplianceVerdict,
    EvidencePointer,
    FrenchVariant,
    FrenchVariantStatus,
    MoveLead,
    NewClaim,
    Reason,
    Side,
)
from vigipub.evidence.french import plural

_MAX_POINTERS = 8


def _claims(count: int) -> str:
    return f"{count} {plural(count, 'allégation', 'allégations')}"


def _before(claims: list[ClaimCheck]) -> list[EvidencePointer]:
    return [
        EvidencePointer(side=Side.ORIGINAL, url=c.url, record_id=c.record_id, payload_digest=c.payload_digest, quote=c.quote)
        for c in claims[:_MAX_POINTERS]
    ]


def _after(claims: list[ClaimCheck]) -> list[EvidencePointer]:
    return [c.match for c in claims[:_MAX_POINTERS] if c.match is not None]


def remains(c: ClaimCheck) -> bool:
    return c.status == ClaimStatus.PRESENT or (c.status == ClaimStatus.REWORDED and c.still_a_claim)


def decide(
    claims: list[ClaimCheck],
    new: list[NewClaim],
    french: FrenchVariant,
    moves: list[MoveLead],
    site_verdict: str | None,
    site_pointer: EvidencePointer | None,
    original_pointer: EvidencePointer,
    product_gone: str | None = None,
) -> tuple[ComplianceVerdict, list[Reason], str]:
    """``product_gone`` names the decision's product when no page of the recheck names it any
    more (a clinic that stopped selling exosomes and kept its pages for its PRP): the claims
    that remain then speak of no product the decision is about, which a human must read."""
    weighed = [c for c in claims if c.in_decision] or claims
    in_decision = any(c.in_decision for c in claims)
    n = len(weighed)
    # « sur 1 citée dans la décision », « sur 3 citées … »
    scope = plural(n, "citée", "citées") + (" dans la décision" if in_decision else "")
    if not in_decision:
        scope = plural(n, "relevée", "relevées") + " dans le dossier initial"
    kept = [c for c in weighed if remains(c)]
    review = [c for c in weighed if c.status == ClaimStatus.REWORDED and not c.still_a_claim]
    gone = [c for c in weighed if c.status == ClaimStatus.GONE]
    unverified = [c for c in weighed if c.status == ClaimStatus.UNVERIFIED]
    promo_new = [n for n in new if n.page_verdict == "promotion"]
    reasons: list[Reason] = []
    present = [c for c in kept if c.status == ClaimStatus.PRESENT]
    reworded = [c for c in kept if c.status == ClaimStatus.REWORDED]
    if present:
        moved = sum(1 for c in present if c.moved)
        reasons.append(Reason(
            code="claims_present",
            text_fr=f"{_claims(len(present))} sur {n} {scope} "
            + plural(len(present), "est toujours présente", "sont toujours présentes")
            + (f", dont {moved} sur une autre page qu'initialement" if moved else "") + ".",
            before=_before(present), after=_after(present),
        ))
    if reworded:
        reasons.append(Reason(
            code="claims_reworded",
            text_fr=f"{_claims(len(reworded))} sur {n} "
            + plural(len(reworded), "a été reformulée mais reste une allégation.", "ont été reformulées mais restent des allégations."),
            before=_before(reworded), after=_after(reworded),
        ))
    if review:
        reasons.append(Reason(
            code="claims_to_review",
            text_fr=f"{_claims(len(review))} "
            + plural(len(review), "a été réécrite", "ont été réécrites")
            + " en des termes que l'analyse ne reconnaît plus comme allégations : à examiner.",
            before=_before(review), after=_after(review),
        ))
    if gone:
        reasons.append(Reason(
            code="claims_gone",
            text_fr=f"{_claims(len(gone))} sur {n} {scope} ne {plural(len(gone), 'figure', 'figurent')} plus sur les pages consultées.",
            before=_before(gone), after=[site_pointer] if site_pointer else [],
        ))
    if unverified:
        reasons.append(Reason(
            code="claims_unverified",
            text_fr=f"{_claims(len(unverified))} "
            + plural(len(unverified), "n'a pas pu être vérifiée : sa page", "n'ont pas pu être vérifiées : leur page")
            + " n'a pas pu être consultée à nouveau.",
            before=_before(unverified), after=[site_pointer] if site_pointer else [],
        ))
    if promo_new:
        reasons.append(Reason(
            code="new_claims",
            text_fr=f"{len(promo_new)} {plural(len(promo_new), 'nouvelle allégation', 'nouvelles allégations')} sur des pages promotionnelles.",
            before=[original_pointer], after=[x.evidence for x in promo_new[:_MAX_POINTERS]],
        ))
    if french.status in (FrenchVariantStatus.SERVED, FrenchVariantStatus.HIDDEN, FrenchVariantStatus.REDIRECTED, FrenchVariantStatus.REMOVED):
        reasons.append(Reason(
            code=f"french_{french.status.value}",
            text_fr=french.detail_fr,
            before=[EvidencePointer(side=Side.ORIGINAL, url=u) for u in french.urls_before[:_MAX_POINTERS]],
            after=french.evidence[:_MAX_POINTERS],
        ))
    for move in moves:
        reasons.append(Reason(
            code="moved",
            text_fr=(
                f"Le site semble avoir déménagé vers {move.lead.domain} ({', '.join(move.signals)}) : piste à examiner."
            ),
            before=[original_pointer],
            after=move.evidence[:_MAX_POINTERS],
        ))
    if site_verdict == "promotion" and not kept:
        reasons.append(Reason(
            code="site_still_promotion",
            text_fr="L'analyse du site à la date du contrôle conclut toujours à une promotion.",
            before=[original_pointer], after=[site_pointer] if site_pointer else [],
        ))

    # the claims remain, but the product is named nowhere and the site promotes nothing: what
    # they now speak of (another product, or the same one unnamed) is for the inspector to read
    product_review = bool(product_gone) and site_verdict != "promotion"
    if product_review:
        reasons.append(Reason(
            code="product_gone",
            text_fr=(
                f"Le produit visé par la décision ({product_gone}) n'est plus nommé sur les pages consultées "
                "et l'analyse du site ne conclut plus à une promotion : les allégations qui demeurent ne s'y "
                "rapportent plus expressément ; à examiner."
            ),
            before=[original_pointer], after=[site_pointer] if site_pointer else [],
        ))
    hidden = french.status == FrenchVariantStatus.HIDDEN
    # beyond the decision's quotes, any claim of the original dossier still made (another
    # language version, a page the decision did not quote) keeps the site from compliance
    others_kept = [c for c in claims if remains(c) and c not in weighed]
    if others_kept:
        reasons.append(Reason(
            code="other_claims_present",
            text_fr=f"{len(others_kept)} "
            + plural(
                len(others_kept),
                "autre allégation du dossier initial est toujours diffusée.",
                "autres allégations du dossier initial sont toujours diffusées.",
            ),
            before=_before(others_kept), after=_after(others_kept),
        ))
    others_unverified = [c for c in claims if c.status == ClaimStatus.UNVERIFIED and c not in weighed]
    if not kept and not others_kept and (unverified or others_unverified):
        verdict = ComplianceVerdict.UNREACHABLE
    elif not product_review and (
        (n and len(kept) == n)
        or (kept and len(kept) + len(unverified) == n)
        or (not kept and not others_kept and promo_new and site_verdict == "promotion")
    ):
        verdict = ComplianceVerdict.NOT_COMPLIED
    elif (
        not kept and not others_kept and not review and not promo_new and not hidden and not moves
        and site_verdict != "promotion"
    ):
        verdict = ComplianceVerdict.COMPLIED
    else:
        verdict = ComplianceVerdict.PARTIALLY_COMPLIED
    summary = {
        ComplianceVerdict.COMPLIED: "Mise en conformité constatée : aucune des allégations {scope} n'est plus diffusée.",
        ComplianceVerdict.PARTIALLY_COMPLIED: (
            "Mise en conformité partielle : {kept} sur {n} {scope} {remain}{others} ; voir les motifs."
        ),
        ComplianceVerdict.NOT_COMPLIED: (
            "Pas de mise en conformité : {kept} sur {n} {scope} {remain}{unverified}."
        ),
        ComplianceVerdict.UNREACHABLE: "Contrôle impossible : les pages concernées n'ont pas pu être consultées.",
    }[verdict].format(
        scope=scope, kept=_claims(len(kept)), n=n, remain=plural(len(kept), "demeure", "demeurent"),
        others=(
            f", ainsi que {len(others_kept)} {plural(len(others_kept), 'autre allégation', 'autres allégations')} du dossier"
            if others_kept else ""
        ),
        unverified=plural(len(unverified), " ; l'autre n'a pas pu être vérifiée", f" ; les {len(unverified)} autres n'ont pas pu être vérifiées")
        if unverified else "",
    )
    return verdict, reasons, summary
