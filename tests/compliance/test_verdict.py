"""The recheck's verdict rule on hand-made claim checks (no capture needed)."""

from __future__ import annotations

from vigipub.compliance.verdict import decide
from vigipub.evidence.compliance import (
    ClaimCheck,
    ClaimStatus,
    ComplianceVerdict,
    EvidencePointer,
    FrenchVariant,
    FrenchVariantStatus,
    Side,
)

ORIGINAL = EvidencePointer(side=Side.ORIGINAL, url="https://clinic.example/")
NOW = EvidencePointer(side=Side.RECHECK, url="https://clinic.example/")


def _claim(i: int, status: ClaimStatus) -> ClaimCheck:
    return ClaimCheck(
        id=f"C{i}", in_decision=True, kind="claim", quote=f"Our cells cure disease number {i}.",
        url=f"https://clinic.example/page{i}", status=status,
    )


def _verdict(*statuses: ClaimStatus, site_verdict: str | None = "promotion") -> tuple[ComplianceVerdict, str]:
    claims = [_claim(i, s) for i, s in enumerate(statuses, 1)]
    french = FrenchVariant(status=FrenchVariantStatus.SERVED)
    verdict, _reasons, summary = decide(claims, [], french, [], site_verdict, NOW, ORIGINAL)
    return verdict, summary


def test_every_claim_that_could_be_checked_still_made_is_not_complied():
    """Two pages of three recorded again, both still carry their claims: nothing shows that the
    company changed anything, so this is not « partielle »."""
    verdict, summary = _verdict(ClaimStatus.PRESENT, ClaimStatus.PRESENT, ClaimStatus.UNVERIFIED)
    assert verdict == ComplianceVerdict.NOT_COMPLIED
    assert summary == (
        "Pas de mise en conformité : 2 allégations sur 3 citées dans la décision demeurent ; "
        "l'autre n'a pas pu être vérifiée."
    )


def test_a_removed_claim_beside_an_unverified_one_is_partial():
    verdict, _ = _verdict(ClaimStatus.PRESENT, ClaimStatus.GONE, ClaimStatus.UNVERIFIED)
    assert verdict == ComplianceVerdict.PARTIALLY_COMPLIED


def test_nothing_checked_again_is_unreachable_never_complied():
    verdict, _ = _verdict(ClaimStatus.UNVERIFIED, ClaimStatus.UNVERIFIED, site_verdict=None)
    assert verdict == ComplianceVerdict.UNREACHABLE


def test_all_claims_present_is_not_complied_without_an_unverified_clause():
    verdict, summary = _verdict(ClaimStatus.PRESENT, ClaimStatus.PRESENT)
    assert verdict == ComplianceVerdict.NOT_COMPLIED
    assert summary == "Pas de mise en conformité : 2 allégations sur 2 citées dans la décision demeurent."


def test_the_sentences_agree_in_number():
    """« 0 allégation sur 1 citée dans la décision demeure », « 1 allégation … ne figure plus »."""
    verdict, summary = _verdict(ClaimStatus.GONE, site_verdict="promotion")
    assert summary.startswith("Mise en conformité partielle : 0 allégation sur 1 citée dans la décision demeure"), summary
    claims = [_claim(1, ClaimStatus.GONE)]
    _v, reasons, _s = decide(claims, [], FrenchVariant(status=FrenchVariantStatus.SERVED), [], None, NOW, ORIGINAL)
    assert reasons[0].text_fr == "1 allégation sur 1 citée dans la décision ne figure plus sur les pages consultées."


def test_claims_left_when_the_product_is_named_nowhere_are_for_the_inspector_to_read():
    """An aesthetic clinic stopped selling exosomes and kept its pages for its PRP: the decision's
    claims (« la chute diminue… ») are still there, but no page names exosomes and the site
    promotes nothing any more. Neither « pas de mise en conformité » nor « conformité »."""
    claims = [_claim(1, ClaimStatus.PRESENT), _claim(2, ClaimStatus.PRESENT)]
    french = FrenchVariant(status=FrenchVariantStatus.SERVED)
    verdict, reasons, _s = decide(claims, [], french, [], "not_promotion", NOW, ORIGINAL, product_gone="exosomes")
    assert verdict == ComplianceVerdict.PARTIALLY_COMPLIED
    said = next(r for r in reasons if r.code == "product_gone")
    assert said.text_fr.startswith("Le produit visé par la décision (exosomes) n'est plus nommé sur les pages consultées")
    # the same claims on a site still judged to promote (the product renamed, say): not complied
    verdict, reasons, _s = decide(claims, [], french, [], "promotion", NOW, ORIGINAL, product_gone="exosomes")
    assert verdict == ComplianceVerdict.NOT_COMPLIED and not any(r.code == "product_gone" for r in reasons)
    # the product still named: not complied, as before
    verdict, _r, _s = decide(claims, [], french, [], "not_promotion", NOW, ORIGINAL)
    assert verdict == ComplianceVerdict.NOT_COMPLIED


def test_the_product_is_gone_when_no_page_of_the_recheck_names_its_family():
    from types import SimpleNamespace

    from vigipub.compliance.compare import _product_gone
    from vigipub.evidence.findings import Finding

    def view(*pages: tuple[str, list[tuple[str, dict[str, str]]]]):  # (verdict, [(family, attributes)])
        return SimpleNamespace(findings=SimpleNamespace(pages=[
            SimpleNamespace(verdict=verdict, findings=[
                Finding.model_construct(kind="therapy", subkind=family, attributes=attrs) for family, attrs in therapies
            ])
            for verdict, therapies in pages
        ]))  # fmt: skip

    original = view(("promotion", [("exosomes", {}), ("prp", {})]), ("not_promotion", [("stem_cells", {})]))
    # PRP is no medicine alone; the cells that made exosomes are no product; a page that is not
    # promotion in the original names no product of the decision
    assert _product_gone(original, [view(("not_promotion", [("prp", {})]))], None) == "exosomes"
    assert _product_gone(original, [view(("not_promotion", [("stem_cells", {"source": "yes"})]))], None) == "exosomes"
    # named on any page of the recheck, promotion or not, or on a new domain: not gone
    assert _product_gone(original, [view(("not_promotion", [("exosomes", {})]))], None) is None
    assert _product_gone(original, [view(), view(("promotion", [("exosomes", {})]))], None) is None
    # an original that named only PRP had no product to lose
    assert _product_gone(view(("promotion", [("prp", {})])), [view()], None) is None
