"""A clinic that sells exosomes and platelet-rich plasma: what it says of its PRP (a blood
preparation, no medicine alone) is not evidence against its exosomes (pages written for this test)."""

from __future__ import annotations

from datetime import date

from vigipub.detect import Detector
from vigipub.extract import document_from_html
from vigipub.qualify.facts import build_facts

PAGES = {
    "exosomes": "<h1>Exosomes cheveux</h1><p>Nos injections d'exosomes stoppent la chute des cheveux en trois "
    "séances.</p><p>Forfait exosomes cheveux 3 séances : 1 200 €.</p>",
    "tarifs": "<h1>Nos tarifs</h1><table><tr><td>Exosomes cheveux (3 séances)</td><td>1 200 €</td></tr>"
    "<tr><td>PRP cheveux (1 séance)</td><td>300 €</td></tr></table>",
    "prp": "<h1>PRP cheveux</h1><p>Le plasma riche en plaquettes stoppe la chute des cheveux : 85 % de nos "
    "patients constatent une amélioration.</p><p>Séance de PRP : 300 €.</p>",
}


def _facts():  # type: ignore[no-untyped-def]
    detector = Detector.default()
    pages = []
    for name, body in PAGES.items():
        html = f"<html lang='fr'><head><title>{name}</title></head><body><main>{body}</main></body></html>"
        pages.append(detector.analyze(document_from_html(html.encode(), f"https://clinique.example/{name}")))
    pages = detector.judge_in_sites(pages)
    return build_facts(pages, date_of_facts=date(2026, 12, 7))


def test_what_a_site_says_of_its_prp_is_not_evidence_against_its_exosomes() -> None:
    site = _facts()
    kept = {f.quote for f in site.facts if f.kind in ("claim", "call_to_action")}
    aside = {f.quote for f in site.excluded if f.attributes.get("other_product") == "yes"}
    # the exosomes' claim and prices stay
    assert any("injections d'exosomes stoppent la chute" in q for q in kept)
    assert any(q.startswith("Exosomes cheveux (3 séances)") for q in kept)
    # the PRP row of the price list, and the whole PRP page (its claim, figure and price)
    assert any(q.startswith("PRP cheveux (1 séance)") for q in aside)
    assert any("Le plasma riche en plaquettes stoppe la chute" in q for q in aside)
    assert any(q.startswith("Séance de PRP") for q in aside)
    assert not any("PRP" in q or "plaquettes" in q for q in kept)


HAIR_CLINIC = {
    "accueil": "<nav><a href='/fue'>Greffe FUE</a> <a href='/exosomes'>Exosomes cheveux</a></nav>"
    "<h1>Greffe de cheveux à Istanbul</h1><p>Nous proposons en complément une cure d'exosomes qui stoppe la "
    "chute en quelques semaines.</p>",
    "fue": "<nav><a href='/fue'>Greffe FUE</a> <a href='/exosomes'>Exosomes cheveux</a></nav>"
    "<h1>La greffe de cheveux FUE</h1><p>Les follicules transplantés contiennent leurs propres cellules souches, "
    "ce qui garantit une pousse définitive.</p><p>98 % de nos patients sont satisfaits de leur nouvelle "
    "chevelure.</p>",
    "forfaits": "<h1>Nos forfaits</h1><table><tr><td>Forfait greffe FUE (hôtel 3 nuits, transferts)</td>"
    "<td>2 190 €</td></tr><tr><td>Cure d'exosomes cheveux (3 séances)</td><td>890 €</td></tr></table>",
}


def test_what_a_hair_clinic_says_of_its_transplants_is_not_evidence_against_its_exosomes() -> None:
    """A hair transplant is a surgeon's act (family ``surgery``, no medicine alone): its price, its
    satisfied patients and the follicles' own stem cells are not the exosomes'."""
    detector = Detector.default()
    pages = []
    for name, body in HAIR_CLINIC.items():
        html = f"<html lang='fr'><head><title>{name}</title></head><body><main>{body}</main></body></html>"
        pages.append(detector.analyze(document_from_html(html.encode(), f"https://hair.example/{name}")))
    site = build_facts(detector.judge_in_sites(pages), date_of_facts=date(2026, 12, 7))
    kept = {f.quote for f in site.facts if f.kind in ("claim", "call_to_action")}
    aside = {f.quote for f in site.excluded if f.attributes.get("other_product") == "yes"}
    assert any(q.startswith("Cure d'exosomes cheveux") for q in kept)
    assert any("cure d'exosomes qui stoppe la chute" in q for q in kept)
    assert any(q.startswith("Forfait greffe FUE") for q in aside)
    assert any(q.startswith("98 % de nos patients") for q in aside)  # on a page headed by the surgery
    assert not any("FUE" in q or "98 %" in q for q in kept)
    # the follicles' own stem cells are no cell product of the site
    assert "stem_cells" not in {f.subkind for f in site.facts if f.kind == "therapy"}
