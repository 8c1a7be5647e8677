"""A clinic's or a broker's blog carries a CMS's metadata, as a newspaper does.

« 8 min de lecture » and a year in an SEO title (« prix 2026 ») made a French broker's page
(written for this test: ``fixtures/broker_blog_fr``) a news page (genre −2.7) and cleared it
at 0.45, although it quotes its prices, speaks for its partner clinics and asks for a quote.
A reading time says « article », not « report »; a year after « depuis », "since" or « prix »
dates no event.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_html, document_from_text

BLOG = Path(__file__).resolve().parent / "fixtures" / "broker_blog_fr" / "traitement-turquie-prix.html"


def test_a_broker_s_blog_page_with_its_reading_time_is_promotion() -> None:
    page = Detector.default().analyze(document_from_html(BLOG.read_bytes(), "https://medivoyage.example/fr/blog/turquie"))
    assert page.verdict == "promotion", page.reasons
    assert not any("min de lecture" in f.quote for f in page.findings if f.kind == "genre")


@pytest.mark.parametrize(
    "sentence",
    [
        "Depuis 2015, notre centre traite les enfants autistes par cellules souches.",
        "Since 2014 our clinic has offered stem cell therapy.",
        "Kök hücre tedavisi fiyatları 2026 yılında açıklandı.",
        "Thérapie par cellules souches : prix 2026 en Turquie.",
        # a doctor's biography and the page's upkeep date no event of a report either
        "Le Dr Martin, né en 1979 à Lyon, traite l'arthrose par cellules souches.",
        "1979 yılında Tokat’ta doğdum; kök hücre tedavisi uyguluyorum.",
        "Células madre para la rodilla. Última revisión médica: febrero 2026.",
        "Stem cell therapy for knees. Updated March 2025.",
        "Stem cell therapy for knees. © 2024 Knee Clinic.",
        "Stem cell therapy for knees. 2024 © StemCell Therapy is proudly powered by WordPress",
    ],
)
def test_a_founding_year_or_a_price_list_s_year_is_no_chronology(sentence: str) -> None:
    page = Detector.default().analyze(document_from_text(sentence, "https://clinic.example/"))
    assert not [f for f in page.findings if f.kind == "genre" and "pattern.year" in f.entry_ids], page.findings


def test_a_year_that_dates_an_event_is_still_a_cue() -> None:
    text = "En 2019, des chercheurs ont injecté des cellules souches à douze patients."
    page = Detector.default().analyze(document_from_text(text, "https://journal.example/"))
    assert [f for f in page.findings if f.kind == "genre" and "pattern.year" in f.entry_ids]
