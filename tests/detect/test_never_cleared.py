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
