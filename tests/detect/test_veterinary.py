"""Veterinary pages: stem cells for dogs and horses are veterinary medicines, not the promotion of
a medicinal product for human use (CSP L. 5111-1, I and II). Pages written for these tests."""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.detect.features import is_veterinary
from vigipub.evidence.findings import PageAnalysis
from vigipub.extract import document_from_html

VET_PAGES = {
    "fr": (
        "<h1>Thérapie par cellules souches pour votre chien ou votre cheval</h1><p>Notre clinique vétérinaire "
        "propose des injections de cellules souches mésenchymateuses pour les chiens atteints d'arthrose et les "
        "chevaux souffrant de lésions tendineuses. Les cellules sont prélevées dans la graisse de l'animal, "
        "cultivées dans notre laboratoire puis réinjectées.</p><p>Dans 80 % des cas, la mobilité s'améliore en "
        "quelques semaines. Tarif : à partir de 1 200 € par articulation. Prenez rendez-vous avec nos vétérinaires.</p>"
    ),
    "en": (
        "<h1>Stem cell therapy for your dog</h1><p>At our veterinary clinic we offer adipose-derived stem cell "
        "injections for dogs with hip dysplasia and arthritis. Most pet owners see their dog walk and run again "
        "within a month. The procedure costs $2,400 per joint. Book a consultation with our veterinarians today.</p>"
    ),
    "de": (
        "<h1>Stammzelltherapie für Ihr Pferd</h1><p>In unserer Pferdeklinik behandeln wir Sehnenschäden mit "
        "mesenchymalen Stammzellen aus dem Knochenmark Ihres Pferdes. Die Zellen werden im Labor vermehrt und "
        "unter Ultraschallkontrolle injiziert. Die meisten Pferde kehren in den Sport zurück. Kosten: ab 1.800 €. "
        "Vereinbaren Sie einen Termin mit Ihrem Tierarzt.</p>"
    ),
}
# a human clinic that says the technique comes from veterinary medicine: still its own offer
HUMAN_CLINIC = (
    "<h1>Injections de cellules souches contre l'arthrose du genou</h1><p>Notre clinique propose des "
    "injections de cellules souches mésenchymateuses issues de votre propre graisse pour soigner l'arthrose du "
    "genou. Cette technique, utilisée depuis vingt ans en médecine vétérinaire, guérit l'arthrose dans 90 % des "
    "cas et sans aucun effet secondaire.</p><p>Forfait : 4 500 €. Prenez rendez-vous pour une consultation.</p>"
)


def _analysis(body: str, language: str, url: str = "https://clinic.example/") -> PageAnalysis:
    html = f"<html lang='{language}'><body>{body}</body></html>"
    return Detector.default().analyze(document_from_html(html.encode(), url))


@pytest.mark.parametrize("language", sorted(VET_PAGES))
def test_a_veterinary_offer_is_not_the_promotion_of_a_human_medicine(language: str) -> None:
    analysis = _analysis(VET_PAGES[language], language)
    assert any(f.kind == "therapy" for f in analysis.findings)
    assert is_veterinary(analysis.findings)
    assert analysis.verdict == "not_promotion" and analysis.genre == "veterinary", analysis.reasons
    reason = next(r for r in analysis.reasons if r.startswith("page vétérinaire"))
    assert "L. 5111-1" in reason and "L. 5141-2" in reason  # the rule cites its articles


def test_a_human_clinic_citing_veterinary_medicine_still_promotes() -> None:
    analysis = _analysis(HUMAN_CLINIC, "fr")
    assert not is_veterinary(analysis.findings)  # a practice named, no animal owner addressed
    assert analysis.verdict == "promotion", analysis.reasons


def test_a_veterinary_site_s_price_page_is_cleared_with_the_site() -> None:
    detector = Detector.default()
    pages = [
        _analysis(VET_PAGES["fr"], "fr", "https://vet.example/cellules"),
        _analysis(
            "<h1>Cellules souches : la douleur de votre chat soulagée</h1><p>Nos vétérinaires injectent des "
            "cellules souches à votre chat souffrant d'arthrose.</p>",
            "fr",
            "https://vet.example/chats",
        ),
        # names the therapy with a price and a booking under the site's menu, no animal: an offer
        # alone
        _analysis(
            "<nav><a href='/'>Accueil</a> <a href='/cellules'>Cellules souches</a> <a href='/tarifs'>Tarifs</a> "
            "<a href='/temoignages'>Témoignages</a></nav><h1>Nos tarifs</h1><p>Injection de cellules souches : "
            "1 200 € par articulation, bilan compris.</p><p>Prenez rendez-vous en ligne ou par téléphone.</p>",
            "fr",
            "https://vet.example/tarifs",
        ),
    ]
    assert pages[2].verdict == "promotion", pages[2].reasons
    judged = detector.judge_in_sites(pages)
    assert [p.verdict for p in judged] == ["not_promotion"] * 3
    assert judged[2].page_verdict == pages[2].verdict
    assert any("site vétérinaire" in r for r in judged[2].reasons)


def test_a_veterinary_page_is_never_raised_by_a_promoting_site() -> None:
    """Written for this test: a clinic site (human offer) that also has a page for pets: the
    site's claims and prices do not make the pet page the promotion of a human medicine."""
    detector = Detector.default()
    clinic = _analysis(HUMAN_CLINIC, "fr", "https://clinic.example/genou")
    pets = _analysis(VET_PAGES["fr"], "fr", "https://clinic.example/animaux")
    second = _analysis(HUMAN_CLINIC.replace("du genou", "de la hanche"), "fr", "https://clinic.example/hanche")
    assert clinic.verdict == "promotion" and pets.verdict == "not_promotion"
    # one pet page of two, or of three: not a veterinary site, and the clinic keeps its verdict
    for pages in ([clinic, pets], [clinic, second, pets]):
        judged = detector.judge_in_sites(pages)
        assert judged[-1].verdict == "not_promotion", judged[-1].reasons
        assert all(p.verdict == "promotion" for p in judged[:-1])
