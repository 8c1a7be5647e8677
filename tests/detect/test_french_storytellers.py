"""Patients' stories signed from a French city, and buttons in the reader's voice.

Pages written for these tests, not corpus text.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.evidence.findings import PageAnalysis
from vigipub.extract import document_from_html


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.default()


def _analyze(detector: Detector, lang: str, body: str) -> PageAnalysis:
    page = f"<!DOCTYPE html><html lang='{lang}'><head><title>Clinique</title></head><body>{body}</body></html>"
    return detector.analyze(document_from_html(page.encode(), "https://clinic.example/p", source="file"))


def _french_patients(analysis: PageAnalysis) -> list[str]:
    return [f.quote for f in analysis.findings if f.kind == "france_targeting" and f.subkind == "french_patient"]


def test_a_story_signed_from_a_french_city_is_a_french_patients(detector: Detector) -> None:
    same_paragraph = _analyze(
        detector,
        "fr",
        "<p>Nous traitons l'autisme par cellules souches mésenchymateuses.</p>"
        "<p>« Notre fils a dit ses premiers mots après le traitement. » – Karim, Lyon</p>",
    )
    assert _french_patients(same_paragraph) == ["– Karim, Lyon"]
    own_line = _analyze(
        detector,
        "en",
        "<p>We treat autism with mesenchymal stem cells.</p>"
        "<blockquote>\"Our daughter slept through the night after the treatment.\"</blockquote>"
        "<p>Nadia, Toulouse, France</p>",
    )
    assert _french_patients(own_line) == ["Nadia, Toulouse, France"]


def test_a_french_city_elsewhere_on_the_page_is_no_patient(detector: Detector) -> None:
    analysis = _analyze(
        detector,
        "fr",
        "<p>Nous traitons l'autisme par cellules souches mésenchymateuses.</p>"
        "<p>« Notre fils a dit ses premiers mots après le traitement. » – Karim</p>"
        "<p>Notre équipe vous accueille à la clinique du lundi au vendredi, de 9 heures à 18 heures.</p>"
        "<p>Vols directs depuis Paris et Marseille.</p>",
    )
    assert _french_patients(analysis) == []
    assert any(f.subkind == "french_city" for f in analysis.findings)


def test_a_button_in_the_readers_voice_is_no_story(detector: Detector) -> None:
    analysis = _analyze(
        detector,
        "fr",
        "<h1>Cellules souches contre l'autisme</h1><p>Nous traitons l'autisme par cellules souches.</p>"
        "<p><a href='/devis'>Demander mon devis gratuit</a></p>",
    )
    stories = [f.quote for f in analysis.findings if f.kind == "testimonial"]
    assert "Demander mon devis gratuit" not in stories
    assert any(f.kind == "call_to_action" and f.quote == "Demander mon devis gratuit" for f in analysis.findings)


def test_a_links_label_in_the_readers_voice_is_no_story(detector: Detector) -> None:
    """A link the call-to-action lexicon does not know (« Réserver mon séjour », "Start my
    journey") is still the site's button: never an inferred patient's story."""
    for lang, body, label in (
        ("fr", "<p>Nous traitons l'arthrose par thérapie cellulaire.</p><p><a href='/r'>Réserver mon séjour</a></p>", "Réserver mon séjour"),
        ("en", "<p>We treat arthritis with stem cell therapy.</p><p><a href='/s'>Start my journey</a></p>", "Start my journey"),
    ):
        analysis = _analyze(detector, lang, body)
        assert label not in [f.quote for f in analysis.findings if f.kind == "testimonial"], lang
    # the same words in a paragraph are a patient's
    story = _analyze(
        detector,
        "fr",
        "<p>Nous traitons l'arthrose par thérapie cellulaire.</p><p>J'ai réservé mon séjour et je marche de nouveau.</p>",
    )
    assert any(f.kind == "testimonial" for f in story.findings)


def test_a_menu_entry_is_marked_as_such_and_still_counted(detector: Detector) -> None:
    """« Devis gratuit », « Témoignages » in the menu: findings (the site has such sections) marked
    ``menu`` so that no document quotes them as the site's sentence."""
    analysis = _analyze(
        detector,
        "fr",
        "<nav><a href='/'>SantéVoyage</a> <a href='/devis'>Devis gratuit</a> <a href='/t'>Témoignages</a></nav>"
        "<p>Nous traitons l'autisme par cellules souches à Istanbul.</p><p><a href='/devis'>Demandez votre devis gratuit</a></p>",
    )
    menu = [f for f in analysis.findings if f.attributes.get("menu") == "yes"]
    assert menu and all("SantéVoyage" in f.quote for f in menu)
    assert any(f.kind == "call_to_action" and f.quote == "Demandez votre devis gratuit" and "menu" not in f.attributes for f in analysis.findings)


def test_a_claim_or_story_in_a_section_heading_is_marked_as_such(detector: Detector) -> None:
    analysis = _analyze(
        detector,
        "fr",
        "<h1>Ils ont retrouvé leur vitalité grâce aux cellules souches</h1>"
        "<p>Nous traitons l'arthrose par cellules souches : la douleur disparaît en trois semaines.</p>",
    )
    titled = {f.kind for f in analysis.findings if f.attributes.get("heading") == "yes" and f.quote.startswith("Ils ont")}
    assert titled & {"claim", "testimonial"}, [(f.kind, f.quote, f.attributes) for f in analysis.findings]
    assert not any(f.attributes.get("heading") for f in analysis.findings if f.kind == "claim" and "trois semaines" in f.quote)


def test_clinics_abroad_is_a_brokers_offer_not_a_warning(detector: Detector) -> None:
    """A broker compares "stem cell clinics abroad"; a report warns of cells "sold by private
    clinics abroad": only the second is a reporting cue."""
    broker = _analyze(
        detector,
        "en",
        "<h1>Compare stem cell clinics abroad</h1><p>Get up to 3 free quotes for stem cell therapy for autism.</p>",
    )
    assert not [f for f in broker.findings if f.kind == "reporting_context" and f.subkind == "refutation"]
    report = _analyze(
        detector,
        "en",
        "<p>Researchers warned against the stem cell infusions sold by private clinics abroad for diabetes.</p>",
    )
    assert [f for f in report.findings if f.kind == "reporting_context" and f.subkind == "refutation"]


def _signed(analysis: PageAnalysis) -> list[str]:
    return [f.quote for f in analysis.findings if f.kind == "testimonial" and f.attributes.get("signed") == "yes"]


def test_a_signed_first_person_quotation_is_a_story_whatever_its_words(detector: Detector) -> None:
    """No phrase of the lexicon in it (« j'ai repris 4 kilos de muscle »): the quotation marks,
    the first person and the signature make it a patient's story, in any language."""
    french = _analyze(
        detector,
        "fr",
        "<blockquote><p>« Six mois après mon injection, j'ai repris 4 kilos de muscle et je cours tous "
        "les matins. » — Gérard, 71 ans, Lyon</p></blockquote>"
        "<blockquote><p>« Je marche sans canne. Merci. »</p><p>— Paul D., 64 ans, Nantes</p></blockquote>",
    )
    assert _signed(french) == [
        "« Six mois après mon injection, j'ai repris 4 kilos de muscle et je cours tous les matins. »",
        "« Je marche sans canne.",
    ]
    assert _french_patients(french) == ["— Gérard, 71 ans, Lyon", "— Paul D., 64 ans, Nantes"]
    german = _analyze(detector, "de", "<p>„Seit der Behandlung schlafe ich wieder durch.“ – Jonas, 58 Jahre</p>")
    assert _signed(german) == ["„Seit der Behandlung schlafe ich wieder durch.“"]


def test_a_dash_after_a_list_item_or_a_reported_statement_signs_no_story(detector: Detector) -> None:
    analysis = _analyze(
        detector,
        "fr",
        "<ul><li>Nous traitons :</li><li>- Autisme, Sclérose en plaques</li></ul>"
        "<p>Le chirurgien a déclaré : « nous avons opéré quarante patients » – Jean, AFP</p>"
        "<p>« La clinique est ouverte tous les jours » — Accueil, Genève</p>",
    )
    assert _signed(analysis) == []


def test_an_outcome_after_the_treatment_is_a_story_only_in_the_first_person(detector: Detector) -> None:
    """« après le traitement » in the clinic's voice (« 68 % de nos patients ») is marked
    ``third_person`` (the verdict still weighs it; documents never call it a testimonial); in a
    patient's voice it stays a story."""
    analysis = _analyze(
        detector,
        "fr",
        "<p>Chez 68 % de nos patients atteints de glioblastome, la maladie s'est stabilisée après le "
        "traitement par cellules dendritiques.</p>"
        "<p>Après le traitement, j'ai retrouvé l'usage de ma main gauche grâce aux cellules souches.</p>",
    )
    marks = {f.quote[:20]: f.attributes.get("third_person") for f in analysis.findings if f.subkind == "testimonial"}
    assert marks == {"Chez 68 % de nos pat": "yes", "Après le traitement,": None}


def test_a_therapy_named_by_the_menu_is_marked_as_the_menu(detector: Detector) -> None:
    analysis = _analyze(
        detector,
        "fr",
        "<nav><a href='/'>Accueil</a> <a href='/v'>Vaccin dendritique</a> <a href='/r'>Résultats</a></nav>"
        "<p>Notre vaccin à cellules dendritiques traite le glioblastome.</p>",
    )
    menus = {f.quote: f.attributes.get("menu") for f in analysis.findings if f.kind == "therapy"}
    assert menus == {"Accueil Vaccin dendritique Résultats": "yes", "Notre vaccin à cellules dendritiques traite le glioblastome.": None}


def _sources(analysis: PageAnalysis) -> dict[str, str | None]:
    return {f.subkind: f.attributes.get("source") for f in analysis.findings if f.kind == "therapy"}


def test_the_cells_that_made_the_exosomes_are_not_the_product(detector: Detector) -> None:
    """« exosomes issus de cellules souches mésenchymateuses de cordon ombilical », "MSC-derived
    exosomes": the cells are marked ``source``; « exosomes et cellules souches » are two products."""
    french = _analyze(
        detector,
        "fr",
        "<p>Nos exosomes, issus de cellules souches mésenchymateuses de cordon ombilical, régénèrent la peau.</p>",
    )
    assert _sources(french) == {"exosomes": None, "mesenchymal_stem_cells": "yes", "umbilical_cord_cells": "yes"}
    english = _analyze(detector, "en", "<p>Our MSC-derived exosomes regenerate the skin after one session.</p>")
    assert _sources(english)["mesenchymal_stem_cells"] == "yes"
    both = _analyze(
        detector, "fr", "<p>Nous proposons des injections d'exosomes et de cellules souches mésenchymateuses.</p>"
    )
    assert _sources(both) == {"exosomes": None, "mesenchymal_stem_cells": None}


def test_cells_that_secrete_the_exosomes_further_on_and_their_culture(detector: Detector) -> None:
    """« Les exosomes sont de minuscules vésicules sécrétées par des cellules souches … cultivées en
    laboratoire »: a verb of making lets the source stand further from the exosomes, and the
    culture of those cells is marked ``source`` too (the product holds no cells to manipulate).
    Cells offered beside the exosomes keep their culture."""
    french = _analyze(
        detector,
        "fr",
        "<p>Les exosomes sont de minuscules vésicules sécrétées par des cellules souches mésenchymateuses "
        "humaines cultivées en laboratoire.</p>",
    )
    assert _sources(french) == {"exosomes": None, "mesenchymal_stem_cells": "yes"}
    grown = [f for f in french.findings if f.kind == "manipulation"]
    assert [f.subkind for f in grown] == ["culture_expansion"] and grown[0].attributes.get("source") == "yes"
    english = _analyze(
        detector, "en", "<p>Exosomes are tiny vesicles that are released by mesenchymal stem cells.</p>"
    )
    assert _sources(english)["mesenchymal_stem_cells"] == "yes"
    offered = _analyze(
        detector,
        "fr",
        "<p>Nos cellules souches mésenchymateuses, cultivées en laboratoire, sont injectées avec des exosomes.</p>",
    )
    assert _sources(offered)["mesenchymal_stem_cells"] is None
    assert [f.attributes.get("source") for f in offered.findings if f.kind == "manipulation"] == [None]


def test_a_disclaimer_denies_the_claim_it_holds(detector: Detector) -> None:
    """« Nous ne prétendons pas guérir l'autisme » holds « guérir » but claims nothing: the claim
    is marked reported (the decision never quotes it as the site's claim); the next sentence's
    figure stays the site's own."""
    analysis = _analyze(
        detector,
        "fr",
        "<p>Thérapie par cellules souches pour l'autisme.</p><p>Nous ne prétendons pas guérir l'autisme.</p>"
        "<p>Cependant, 80 % des enfants traités progressent en langage dans les six mois.</p>",
    )
    reported = {f.quote[:12]: f.attributes.get("reported") for f in analysis.findings if f.kind == "claim" and not f.attributes.get("inferred")}
    assert reported == {"Nous ne prét": "yes", "Cependant, 8": None}


def _offers(analysis: PageAnalysis, subkind: str) -> list[str]:
    return [f.match for f in analysis.findings if f.kind == "offer" and f.subkind == subkind]


def test_a_licence_abroad_in_the_site_s_own_words(detector: Detector) -> None:
    """A broker's FAQ says the treatment is « légal en Turquie » and its hospital « agréé par le
    ministère turc de la Santé »: both state a foreign authorisation (a defence the decision
    answers); a French lab « agréé par l'ANSM » or a law « approuvée par le Parlement » does not."""
    faq = _analyze(
        detector,
        "fr",
        "<h2>Ce traitement est-il légal ?</h2><p>Oui, le traitement est légal en Turquie et au Mexique.</p>"
        "<p>Notre hôpital partenaire est agréé par le ministère turc de la Santé.</p>",
    )
    assert _offers(faq, "authorised_abroad") == ["légal en", "agréé par"]
    english = _analyze(
        detector, "en", "<p>All treatments are performed in hospitals licensed by the Mexican health authorities.</p>"
    )
    assert _offers(english, "authorised_abroad") == ["licensed by"]
    at_home = _analyze(
        detector,
        "fr",
        "<p>Notre laboratoire est agréé par l'ANSM. La loi a été approuvée par le Parlement en 2021.</p>",
    )
    assert _offers(at_home, "authorised_abroad") == []


def test_a_faq_question_is_no_reported_speech(detector: Detector) -> None:
    """« Y a-t-il des risques ? » heads a FAQ answer: « a-t-il » is reported speech only with its
    verb (« a-t-il déclaré »)."""
    faq = _analyze(detector, "fr", "<h2>Y a-t-il des risques ?</h2><p>Les cellules ne provoquent aucun rejet.</p>")
    assert [f.match for f in faq.findings if f.kind == "reporting_context"] == []
    news = _analyze(detector, "fr", "<p>« C'est une première », a-t-il déclaré au sujet des cellules souches.</p>")
    assert "a-t-il déclaré" in [f.match for f in news.findings if f.kind == "reporting_context"]


def test_a_broker_s_own_words_are_read_as_its_defence(detector: Detector) -> None:
    """« … est un intermédiaire et ne fournit aucun soin médical »: the broker's defence (answered
    by the draft); « nous vous mettons en relation avec notre médecin » is no such statement."""
    notice = _analyze(detector, "fr", "<p>Exemple Conseil Ltd est un intermédiaire et ne fournit aucun soin médical.</p>")
    assert _offers(notice, "medical_tourism_only") == ["est un intermédiaire"]
    clinic = _analyze(detector, "fr", "<p>Nous vous mettons en relation avec notre médecin référent.</p>")
    assert _offers(clinic, "medical_tourism_only") == []
    english = _analyze(detector, "en", "<p>Example Health Ltd is a medical tourism facilitator and does not provide medical services.</p>")
    assert _offers(english, "medical_tourism_only") == ["medical tourism facilitator"]


def test_a_product_the_provider_makes_itself(detector: Detector) -> None:
    french = _analyze(detector, "fr", "<p>Nos hôpitaux utilisent leurs propres cellules CAR-T, fabriquées sur place.</p>")
    assert _offers(french, "in_house") == ["leurs propres cellules CAR-T"]
    english = _analyze(detector, "en", "<p>Our CAR-T cells are manufactured in-house at a fraction of the cost.</p>")
    assert _offers(english, "in_house") == ["manufactured in-house"]


@pytest.mark.parametrize(
    ("lang", "licence", "broker"),
    [
        ("es", "Nuestro hospital está autorizado por la COFEPRIS en México.", "Somos un intermediario y no prestamos servicios médicos."),
        ("de", "Die Klinik ist zugelassen durch das türkische Gesundheitsministerium.", "Wir sind ein Vermittler und erbringen keine medizinischen Leistungen."),
        ("it", "Il trattamento è legale in Messico e in Turchia.", "Siamo un intermediario e non forniamo servizi medici."),
        ("pt", "O laboratório é aprovado pela COFEPRIS no México.", "Somos um intermediário e não prestamos serviços médicos."),
    ],
)  # fmt: skip
def test_a_foreign_licence_and_a_broker_s_defence_in_other_languages(
    detector: Detector, lang: str, licence: str, broker: str
) -> None:
    assert _offers(_analyze(detector, lang, f"<p>{licence}</p>"), "authorised_abroad")
    assert _offers(_analyze(detector, lang, f"<p>{broker}</p>"), "medical_tourism_only")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Notre cure de cellules fraîches : des cellules de fœtus de mouton injectées le jour même."),
        ("de", "Die Frischzellentherapie nach Niehans mit Zellen von Schafsföten."),
        ("en", "Our fresh cell therapy uses fetal sheep cells."),
    ],
)  # fmt: skip
def test_fresh_cell_therapy_is_a_family_of_animal_cells(detector: Detector, lang: str, text: str) -> None:
    """Fresh cell therapy (Niehans) is its own family, not a generic cell therapy; « des cellules
    fraîches, jamais congelées » of human cells stays generic."""
    families = {f.subkind for f in _analyze(detector, lang, f"<p>{text}</p>").findings if f.kind == "therapy"}
    assert "xenogeneic_cells" in families
    human = _analyze(detector, "fr", "<p>Des cellules fraîches cultivées dans notre laboratoire, jamais congelées.</p>")
    assert "xenogeneic_cells" not in {f.subkind for f in human.findings if f.kind == "therapy"}


def test_a_machine_translated_name_of_stem_cells(detector: Detector) -> None:
    """« células madre » machine-translated into French gives « cellules mères », an old French
    name of stem cells too: a stem-cell therapy."""
    page = _analyze(detector, "fr", "<p>Notre traitement par cellules mères améliore la sclérose en plaques.</p>")
    assert "stem_cells" in {f.subkind for f in page.findings if f.kind == "therapy"}
