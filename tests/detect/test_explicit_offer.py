"""A provider's own offer of the therapy, with a call to action, is promotion whatever the score.

The learned score never saw such pages among the real excerpts (their first lines rarely hold
the offer and its booking), so a rule names it; the same words framed as a report are not.
"""

import pytest

from vigipub.detect import Detector
from vigipub.evidence.findings import PageAnalysis
from vigipub.extract import document_from_html, document_from_text

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


def test_without_a_call_to_action_or_a_treatment_heading_the_rule_does_not_apply() -> None:
    text = OFFERS[0][1].split("\n\n")[1]
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


TREATMENT_PAGE = (
    "Traitement de l'autisme par cellules souches\n\n"
    "L'autisme est un trouble du neurodéveloppement qui affecte la communication et les interactions sociales.\n\n"
    "Le protocole de traitement comprend quatre injections de cellules souches mésenchymateuses, par voie "
    "intraveineuse et intrathécale, réparties sur cinq jours.\n\n"
    "Les cellules sont cultivées et multipliées dans notre laboratoire avant l'administration."
)


def test_a_providers_treatment_page_describing_its_protocol_is_promotion_without_a_booking() -> None:
    """The issue's example: a clinic's page titled as the treatment of a disease, describing the
    disease then its protocol and how its laboratory prepares the cells, with no call to action."""
    analysis = Detector.default().analyze(document_from_text(TREATMENT_PAGE, "https://clinique.example/autisme"))
    assert not [f for f in analysis.findings if f.kind == "call_to_action"]
    assert analysis.verdict == "promotion"
    assert any(r.startswith("offre explicite") for r in analysis.reasons)


def test_a_study_describing_the_same_protocol_is_not_the_rules() -> None:
    text = TREATMENT_PAGE.replace("dans notre laboratoire", "dans le laboratoire de l'équipe").replace(
        "Le protocole de traitement comprend",
        "Selon les chercheurs, qui ont publié leurs résultats dans une revue, le protocole de l'essai comprend",
    )
    analysis = Detector.default().analyze(document_from_text(text, "https://revue.example/etude"))
    assert not any(r.startswith("offre explicite") for r in analysis.reasons)


def _page_fr(body: str, url: str = "https://esthetique.example.fr/exosomes", title: str = "") -> PageAnalysis:
    html = f"<html lang='fr'><head><title>{title}</title></head><body>{body}</body></html>"
    return Detector.default().analyze(document_from_html(html.encode(), url))


def test_a_page_that_books_and_prices_the_therapy_is_an_explicit_offer_without_saying_we() -> None:
    """Written for this test: no « nous » on the page, but the reader is invited to book and told
    the price: whoever takes the appointment sells the therapy."""
    analysis = _page_fr(
        "<h1>Traitement aux exosomes pour la chute de cheveux</h1><p>Les exosomes sont de minuscules vésicules "
        "issues de cellules souches qui transportent des facteurs de croissance.</p><p>Injectés dans le cuir "
        "chevelu, ils réactivent les follicules et relancent la pousse des cheveux.</p><p>Le protocole comprend "
        "trois séances espacées d'un mois. Comptez 450 € par séance.</p><p>Réservez votre consultation avec le "
        "Dr Martin en ligne.</p>",
        title="Exosomes – Centre de médecine esthétique Rive Gauche",
    )
    assert analysis.verdict == "promotion", analysis.reasons
    assert any(r.startswith("offre explicite") for r in analysis.reasons)


def test_a_consumer_article_quoting_a_price_and_advising_a_doctor_is_no_offer() -> None:
    analysis = _page_fr(
        "<h1>Exosomes contre la chute de cheveux : ce que dit la science</h1><p>Selon notre enquête, les centres "
        "esthétiques facturent les injections d'exosomes jusqu'à 450 € la séance, sans preuve d'efficacité. Les "
        "dermatologues interrogés rappellent qu'aucun produit à base d'exosomes n'est autorisé.</p><p>Avant tout "
        "traitement, prenez rendez-vous avec votre dermatologue.</p>",
        "https://magazine.example.fr/sante/exosomes",
    )
    assert analysis.verdict != "promotion", analysis.reasons


STATUS_IN_ITS_OWN_VOICE = (
    "Maladie de Parkinson : notre protocole de cellules souches\n\n"
    "Ces traitements par cellules souches ne sont pas autorisés en France : c'est pourquoi nos patients "
    "français viennent à Madrid.\n\n"
    "Trois perfusions de cellules souches mésenchymateuses ralentissent la progression de la maladie de "
    "Parkinson.\n\nProtocole complet : 18 000 €. Réservez votre consultation."
)


def test_a_legal_status_the_provider_states_in_its_own_voice_frames_nothing() -> None:
    """« Pas autorisés en France : c'est pourquoi nos patients viennent à Madrid » is the clinic's
    pitch to French patients, not a report about the clinic."""
    analysis = Detector.default().analyze(document_from_text(STATUS_IN_ITS_OWN_VOICE, "https://clinica.example/fr/parkinson"))
    assert any(f.kind == "reporting_context" and f.subkind == "unauthorised" for f in analysis.findings)
    assert analysis.verdict == "promotion"
    assert any(r.startswith("offre explicite") for r in analysis.reasons)


def test_the_same_status_told_by_a_newspaper_still_frames_the_page() -> None:
    # the status is said by the reporter, and the clinic's words are attributed: a report
    text = STATUS_IN_ITS_OWN_VOICE.replace(
        "Ces traitements par cellules souches ne sont pas autorisés en France : c'est pourquoi nos patients "
        "français viennent à Madrid.",
        "Ces traitements ne sont pas autorisés en France, rappelle l'agence. « Nos patients français viennent "
        "à Madrid », reconnaît le directeur de la clinique.",
    )
    analysis = Detector.default().analyze(document_from_text(text, "https://journal.example/enquete"))
    assert not any(r.startswith("offre explicite") for r in analysis.reasons)
