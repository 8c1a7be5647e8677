"""A provider's own offer of the therapy, with a call to action, is promotion whatever the score.

The learned score never saw such pages among the real excerpts (their first lines rarely hold
the offer and its booking), so a rule names it; the same words framed as a report are not.
"""

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_text

OFFERS = [
    ("fr", "Traitement de l'autisme par cellules souches\n\nNotre clinique propose des injections de "
           "cellules souches aux enfants autistes.\n\nRéservez votre consultation."),
    ("en", "Stem cell treatment for multiple sclerosis\n\nOur clinic offers stem cell infusions for "
           "patients with multiple sclerosis.\n\nBook your consultation today."),
]


@pytest.mark.parametrize(("lang", "text"), OFFERS)
def test_a_providers_offer_with_a_call_to_action_is_promotion(lang: str, text: str) -> None:
    analysis = Detector.default().analyze(document_from_text(text, "https://clinic.example/treatment"))
    assert analysis.language == lang
    assert analysis.verdict == "promotion"
    assert any(r.startswith("offre explicite") for r in analysis.reasons)


def test_without_a_call_to_action_the_rule_does_not_apply() -> None:
    text = OFFERS[0][1].rsplit("\n\n", 1)[0]
    analysis = Detector.default().analyze(document_from_text(text, "https://clinic.example/treatment"))
    assert not any(r.startswith("offre explicite") for r in analysis.reasons)


def test_the_same_offer_reported_by_a_newspaper_is_not_the_rules() -> None:
    text = ("Une clinique condamnée\n\nSelon le journal, la clinique a déclaré : « Notre clinique propose des "
            "injections de cellules souches aux enfants autistes. Réservez votre consultation. »\n\n"
            "L'agence met en garde les familles.")
    analysis = Detector.default().analyze(document_from_text(text, "https://journal.example/article"))
    assert not any(r.startswith("offre explicite") for r in analysis.reasons)
    assert analysis.verdict != "promotion"


def test_a_hospital_offering_car_t_cells_is_left_to_the_score() -> None:
    """CAR-T cells and gene therapies have authorised products that hospitals offer lawfully."""
    text = ("Traitement du lymphome par cellules CAR-T\n\nNotre centre propose le traitement par cellules "
            "CAR-T aux patients atteints de lymphome.\n\nPrenez rendez-vous avec notre équipe.")
    analysis = Detector.default().analyze(document_from_text(text, "https://chu.example/hematologie"))
    assert any(f.subkind == "car_t" for f in analysis.findings)
    assert not any(r.startswith("offre explicite") for r in analysis.reasons)
