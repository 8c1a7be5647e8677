"""A short page offering a therapy with a strong claim and a call to action is never cleared."""

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_html


@pytest.mark.parametrize(
    "html",
    [
        "<html lang='fr'><body><p>Nos vaccins à cellules dendritiques guérissent le cancer. Prenez rendez-vous.</p></body></html>",
        "<html lang='fr'><body><p>Les cellules souches guérissent l'autisme. Contactez-nous.</p></body></html>",
    ],
)
def test_short_explicit_offer_is_at_least_uncertain(html):
    analysis = Detector.default().analyze(document_from_html(html.encode(), "https://clinic.example/"))
    assert analysis.verdict in ("uncertain", "promotion")
    assert any("not cleared automatically" in r or "promotion" in r for r in analysis.reasons)


def test_news_sentence_with_the_same_words_is_still_cleared():
    html = ("<html lang='fr'><body><h1>Santé : l'agence suspend une publicité</h1><p>Selon l'agence, la clinique "
            "prétendait que ses vaccins à cellules dendritiques guérissent le cancer. L'agence met en garde les "
            "patients et rappelle que ce produit n'a pas d'autorisation.</p></body></html>")
    analysis = Detector.default().analyze(document_from_html(html.encode(), "https://news.example/a"))
    assert analysis.verdict != "promotion"


def test_a_hospital_page_on_standard_stem_cell_transplants_is_cleared() -> None:
    """Written for this test: a university hospital's haematology page (authorised care) says
    that a transplant cures some leukaemias and gives its appointment line. The safety net that
    keeps a strong claim with a call to action from being cleared does not hold a page whose
    genre is a hospital's, a regulator's or a newspaper's."""
    html = (
        "<html lang='fr'><body><h1>La greffe de cellules souches hématopoïétiques</h1><p>Le service "
        "d'hématologie clinique du CHU réalise chaque année plus de 150 greffes de cellules souches "
        "hématopoïétiques, autologues et allogéniques, pour des patients atteints de leucémie, de lymphome ou de "
        "myélome multiple.</p><p>La greffe allogénique permet de guérir certaines leucémies aiguës. Elle nécessite "
        "un donneur compatible, issu de la fratrie ou du registre France Greffe de Moelle.</p><p>Avant la greffe, "
        "le patient reçoit une chimiothérapie de conditionnement.</p><p>Prendre rendez-vous : secrétariat "
        "d'hématologie, 02 40 08 33 33.</p></body></html>"
    )
    analysis = Detector.default().analyze(document_from_html(html.encode(), "https://chu.example.fr/hematologie"))
    assert analysis.genre == "authorised_medicine_info"
    assert analysis.verdict == "not_promotion", analysis.reasons


def test_a_short_page_without_a_therapy_is_uncertain_only_with_something_of_an_offer() -> None:
    """A legal notice of 127 characters was « uncertain (too little text) »: a page for an
    inspector to read, with nothing in it. A short page with a price stays for a human to read
    (part of a site's offer, or a page a script draws)."""
    notice = document_from_html(
        "<html lang='fr'><body><h1>Mentions légales</h1><p>Longevia Clinic SA</p><p>Rue du Rhône 80</p>"
        "<p>1204 Genève</p><p>Suisse</p></body></html>".encode(),
        "https://longevia.example/mentions-legales",
    )
    page = Detector.default().analyze(notice)
    assert page.verdict == "not_promotion", page.reasons
    prices = document_from_html(
        "<html lang='fr'><body><h1>Tarifs</h1><p>Une séance : 1 500 €.</p><p>La cure : 3 900 €.</p></body></html>".encode(),
        "https://longevia.example/tarifs",
    )
    page = Detector.default().analyze(prices)
    assert page.verdict == "uncertain" and any("trop peu de texte" in r for r in page.reasons), page.reasons


def test_a_short_cart_page_of_a_plant_cell_cosmetic_is_not_left_for_a_human() -> None:
    """A cosmetics shop's cart: a price and « cellules souches végétales » (plant cells, no cell
    therapy). The short page with a price stays uncertain only when nothing says its product
    is a cosmetic; here its words do, and a site of three such pages was « incertain »."""
    cart = document_from_html(
        "<html lang='fr'><body><h1>Votre panier</h1><p>Sérum Éclat aux cellules souches végétales de pomme"
        " – 49,90 €</p><p>Commander</p></body></html>".encode(),
        "https://cosmetiques.example/panier",
    )
    page = Detector.default().analyze(cart)
    assert page.verdict == "not_promotion", page.reasons
    # the same cart without a word of what it sells stays for a human to read
    bare = document_from_html(
        "<html lang='fr'><body><h1>Votre panier</h1><p>Cure Éclat – 49,90 €</p><p>Commander</p></body></html>".encode(),
        "https://boutique.example/panier",
    )
    assert Detector.default().analyze(bare).verdict == "uncertain"
