"""Issue 12, third round: claim phrasings of real offers, the body's own stem cells, PRP alone,
« à réserver ». Every sentence here was written for these tests (none comes from a corpus)."""

from __future__ import annotations

import html

import pytest

from vigipub.detect import Detector
from vigipub.evidence.findings import Finding, PageAnalysis
from vigipub.extract import document_from_html

_DETECTOR: Detector | None = None


def _page(lang: str, *paragraphs: str) -> tuple[PageAnalysis, str]:
    """(analysis, text) of a page made of the paragraphs."""
    global _DETECTOR
    if _DETECTOR is None:
        _DETECTOR = Detector.default()
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = f"<!DOCTYPE html><html lang='{lang}'><head><title>Page</title></head><body><main>{body}</main></body></html>"
    doc = document_from_html(page.encode(), "https://clinic.example/p", source="file")
    return _DETECTOR.analyze(doc), doc.text


def _analyze(lang: str, *paragraphs: str) -> PageAnalysis:
    return _page(lang, *paragraphs)[0]


def _in(lang: str, context: str, sentence: str) -> list[Finding]:
    """The findings of ``sentence`` on a page that first says ``context``."""
    analysis, text = _page(lang, context, sentence)
    start = text.find(sentence[:30])
    assert start >= 0
    return [f for f in analysis.findings if f.end > start and f.start < start + len(sentence)]


#: (language, a context naming the therapy, a sentence that must read as a claim): sentences that
#: only this round's entries read (main before the round found no claim in any of them)
OFFER_CLAIMS = [
    ("de", "Wir bieten Exosomen an.", "Die Exosomen stimulieren die Zellerneuerung."),
    ("es", "Ofrecemos exosomas.", "Los exosomas impulsan la renovación de la piel."),
    ("es", "Ofrecemos exosomas.", "Los exosomas potencian la cicatrización."),
    ("nl", "Wij bieden exosomen aan.", "De exosomen versnellen de wondgenezing."),
    ("tr", "Eksozom tedavisi sunuyoruz.", "Eksozomlar kolajen üretimini uyarır."),
    ("en", "We offer exosome therapy.", "The product is biocompatible."),
    ("de", "Wir bieten Exosomen an.", "Die Behandlung verläuft komplikationslos."),
    ("en", "We offer exosome therapy.", "Patients see encouraging results."),
    ("fr", "Nous proposons les exosomes.", "Des résultats encourageants dès la première séance."),
    ("es", "Ofrecemos exosomas.", "Resultados alentadores desde la primera sesión."),
    ("it", "Offriamo gli esosomi.", "Risultati incoraggianti fin dalla prima seduta."),
]
#: the same verbs without a repair or renewal word: not a claim of this round's entries
NOT_PROMOTES = [
    ("en", "We offer exosome therapy.", "The new schedule helps our receptionists."),
    ("fr", "Nous proposons les exosomes.", "Le beau temps favorise les sorties en famille."),
    ("de", "Wir bieten Exosomen an.", "Die Stadt fördert den Radverkehr."),
]


def _r3(found: list[Finding]) -> bool:
    """A claim read by this round's entries (ids ``….r3_…``)."""
    return any(".r3_" in e for f in found if f.kind == "claim" for e in f.entry_ids)


@pytest.mark.parametrize(("lang", "context", "sentence"), OFFER_CLAIMS)
def test_offer_phrasing_is_a_claim(lang: str, context: str, sentence: str) -> None:
    found = _in(lang, context, sentence)
    claims = [f for f in found if f.kind == "claim" and f.attributes.get("reported") != "yes"]
    assert claims, [(f.kind, f.entry_ids) for f in found]


@pytest.mark.parametrize(("lang", "context", "sentence"), NOT_PROMOTES)
def test_same_verbs_elsewhere_are_not_claims(lang: str, context: str, sentence: str) -> None:
    assert not _r3(_in(lang, context, sentence))


def _families(a: PageAnalysis) -> set[str]:
    return {f.subkind for f in a.findings if f.kind == "therapy"}


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "Le plasma riche en plaquettes réveille les cellules souches du follicule pileux."),
        ("en", "Platelet-rich plasma wakes up the hair follicle stem cells."),
        ("de", "Das plättchenreiche Plasma weckt die Stammzellen der Haarfollikel."),
        ("es", "El plasma rico en plaquetas despierta las células madre del folículo piloso."),
    ],
)
def test_the_bodys_own_stem_cells_are_not_a_therapy(lang: str, sentence: str) -> None:
    assert "stem_cells" not in _families(_analyze(lang, sentence))


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "Notre crème associe des cellules souches végétales de pomme et de l'acide hyaluronique."),
        ("en", "Our serum combines grape and argan plant stem cell extracts with peptides."),
        ("de", "Die Creme enthält pflanzliche Stammzellen aus Schweizer Äpfeln."),
        ("es", "El sérum contiene células madre vegetales de uva."),
        ("it", "Il siero contiene cellule staminali vegetali di mela."),
        ("pt", "O creme contém células-tronco vegetais de maçã."),
    ],
)
def test_plants_stem_cells_are_not_a_therapy(lang: str, sentence: str) -> None:
    assert not {"stem_cells", "cell_therapy_other"} & _families(_analyze(lang, sentence))


def test_a_face_cream_with_plant_stem_cells_is_never_promotion() -> None:
    """Written for this test: a cosmetic sold with claims, a price and a testimonial."""
    a = _analyze(
        "fr",
        "Crème régénérante aux cellules souches végétales",
        "Notre crème de jour associe des cellules souches végétales de pomme et de l'acide hyaluronique pour "
        "régénérer la peau et lisser les rides.",
        "Résultats prouvés : 92 % des utilisatrices constatent une peau plus ferme après 28 jours.",
        "Pot de 50 ml : 39,90 €. Livraison gratuite dès 49 €.",
    )
    assert a.verdict == "not_promotion" and a.features["therapy"] == 0.0, a.reasons
    # the same page naming human stem cells beside them still names a therapy
    b = _analyze(
        "fr",
        "Contrairement aux cellules souches végétales des crèmes, nous injectons vos propres cellules souches "
        "mésenchymateuses.",
    )
    assert "mesenchymal_stem_cells" in _families(b)


def test_stem_cells_as_a_product_are_still_a_therapy() -> None:
    assert "stem_cells" in _families(_analyze("fr", "Nous injectons des cellules souches dans le cuir chevelu."))


def test_prp_alone_is_never_promotion() -> None:
    """Rule 1: platelet-rich plasma alone is not a cell or gene therapy, however it is sold."""
    a = _analyze(
        "fr",
        "Injections de PRP contre la chute de cheveux",
        "Le PRP (plasma riche en plaquettes) est biocompatible, sans risque de rejet et sans effets secondaires.",
        "Le PRP stimule la repousse et favorise la régénération du cuir chevelu : résultats garantis.",
        "Le traitement comprend trois séances. Prix : 300 € la séance. Prenez rendez-vous dès aujourd'hui.",
    )
    assert a.features["therapy"] == 0.0
    assert a.verdict == "not_promotion", a.reasons


@pytest.mark.parametrize(
    ("lang", "sentence", "booking"),
    [
        ("fr", "Ces injections sont à réserver aux formes sévères de la maladie.", False),
        ("fr", "Réservez votre consultation en ligne.", True),
        ("fr", "Vous pouvez réserver un rendez-vous par téléphone.", True),
        ("es", "Este tratamiento se debe reservar para los casos graves.", False),
        ("es", "Puede reservar una cita hoy mismo.", True),
        ("pt", "O procedimento deve reservar-se aos casos graves.", False),
        ("pt", "Pode reservar uma consulta hoje.", True),
    ],
)
def test_reserving_for_a_case_is_not_a_booking(lang: str, sentence: str, booking: bool) -> None:
    a = _analyze(lang, sentence)
    assert any(f.kind == "call_to_action" and f.subkind == "booking" for f in a.findings) is booking


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "Enrichi en exosomes de rose de Damas, ce sérum ravive l'éclat du teint."),
        ("fr", "Nos phyto-exosomes pénètrent l'épiderme pour lisser les ridules."),
        ("en", "Our ampoule delivers plant-derived exosomes from centella to calm the skin."),
        ("de", "Das Serum enthält pflanzliche Exosomen aus Rosen."),
        ("es", "La crema contiene exosomas vegetales de rosa."),
        ("it", "Il siero contiene esosomi vegetali di rosa."),
        ("pt", "O sérum contém exossomos vegetais de rosa."),
        ("nl", "Het serum bevat plantaardige exosomen van rozen."),
        ("tr", "Serumumuz bitkisel eksozom içerir."),
    ],
)
def test_plants_exosomes_are_not_a_therapy(lang: str, sentence: str) -> None:
    """Cosmetics sell « exosomes de rose »: a plant's vesicles, no human medicinal product."""
    assert "exosomes" not in _families(_analyze(lang, sentence))


def test_human_exosomes_are_still_a_therapy() -> None:
    a = _analyze("fr", "Nos exosomes issus de cellules souches mésenchymateuses humaines stoppent la chute de cheveux.")
    assert "exosomes" in _families(a)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "Ce sérum associe des exosomes extraits de cellules de rose de Damas et de la niacinamide."),
        ("fr", "Une lotion aux exosomes issus de la centella asiatica pour apaiser le cuir chevelu."),
        ("en", "Our serum contains rose-derived exosomes that brighten the skin."),
        ("en", "Centella asiatica exosomes calm irritated skin."),
        ("de", "Das Serum enthält Exosomen aus Äpfeln und Hyaluronsäure."),
        ("es", "El sérum contiene exosomas derivados de rosa damascena."),
        ("it", "Il siero contiene esosomi estratti dalla rosa damascena."),
        # the product's name first, its plant's vesicles further on
        ("en", "Our MiniProtein Exosome Ampoule, like all our products, is vegan and features Centella "
               "asiatica-derived plant exosomes."),  # fmt: skip
    ],
)
def test_exosomes_a_plant_made_are_not_a_therapy(lang: str, sentence: str) -> None:
    """Cosmetics' « exosomes » of roses or centella are a plant's vesicles, no human cell product
    (the plant-cell cue only knew set phrases such as « exosomes de rose »)."""
    assert not {"exosomes", "secretome"} & _families(_analyze(lang, sentence))


def test_a_page_whose_exosomes_a_plant_made_names_no_therapy() -> None:
    """Written for this test, after a hair clinic's page: once a sentence says the exosomes come
    from a plant (written with hyphens, as German compounds are), the page's other sentences
    speak of the same product; beside human cells, they would not."""
    plant = _analyze(
        "de",
        "Die Exosomenbehandlung ist ein innovatives Verfahren für die Kopfhaut.",
        "Abgeleitet von hochwertigen Quellen (häufig pflanzlich, z. B. Aloe-vera-Exosomen) stärkt die Therapie die Haare.",
        "Die Exosomen-Formulierung wird mit Microneedling angewendet.",
    )
    assert not {"exosomes", "secretome"} & _families(plant)
    assert plant.verdict == "not_promotion"
    human = _analyze(
        "de",
        "Die Exosomenbehandlung mit Exosomen aus mesenchymalen Stammzellen stärkt die Haare.",
        "Anders als Aloe-vera-Exosomen wirken sie in der Tiefe.",
    )
    assert "exosomes" in _families(human)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        # the source between the vesicles and the plant is human cells: the product is theirs
        ("fr", "Nos exosomes dérivés de cellules souches mésenchymateuses, enrichis en extrait de rose, "
         "régénèrent le cuir chevelu."),
        # the plant is not what made them
        ("fr", "Injections d'exosomes pour la repousse des cheveux, dans notre cabinet face au jardin des plantes."),
        ("en", "Exosome injections and a rose hip oil massage for your hair."),
    ],
)
def test_exosomes_beside_a_plant_are_still_a_therapy(lang: str, sentence: str) -> None:
    assert "exosomes" in _families(_analyze(lang, sentence))


@pytest.mark.parametrize(
    ("lang", "notice"),
    [
        ("fr", "Nous utilisons des cookies pour améliorer votre expérience. En cliquant sur « Accepter », "
               "vous acceptez leur utilisation pour nos traitements de données."),  # fmt: skip
        ("en", "We use cookies to improve your experience and to offer you personalised treatments of your data."),
        ("de", "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten und unsere Behandlung Ihrer Daten zu verbessern."),
        ("tr", "Deneyiminizi iyileştirmek için çerezler kullanıyoruz."),
    ],
)
def test_a_cookie_consent_notice_is_no_sentence_of_the_offer(lang: str, notice: str) -> None:
    """A browser's rendering carries the consent banner on every page: « Nous utilisons » in it was
    a protocol of the clinic's, quoted as evidence."""
    context = {
        "fr": "Injections de cellules souches pour l'arthrose du genou.",
        "en": "Stem cell injections for knee osteoarthritis.",
        "de": "Stammzelleninjektionen bei Kniearthrose.",
        "tr": "Diz kireçlenmesi için kök hücre enjeksiyonu.",
    }[lang]
    assert _in(lang, context, notice) == []
    assert "stem_cells" in _families(_analyze(lang, context, notice))


def test_a_long_paragraph_loses_only_its_sentence_about_cookies() -> None:
    paragraph = (
        "Nous injectons vos propres cellules souches dans le genou et la douleur disparaît en trois semaines. "
        + "Notre équipe vous accueille du lundi au vendredi dans notre centre de Lyon. " * 8  # over 600 characters
        + "Ce site utilise des cookies."
    )
    found = _in("fr", "Injections de cellules souches.", paragraph)
    assert any(f.kind == "claim" for f in found)


def _hospital_genre(a: PageAnalysis) -> list[str]:
    return [f.match for f in a.findings if f.kind == "genre" and f.subkind == "authorised_medicine_info"]


@pytest.mark.parametrize(
    ("lang", "transplant", "cells"),
    [
        ("fr", "Traitement du genou par autogreffe de cellules souches, sans chirurgie.",
         "Nous utilisons vos cellules souches mésenchymateuses cultivées dans notre laboratoire."),
        ("en", "Knee repair by autologous stem cell transplantation, without surgery.",
         "We use your own mesenchymal stem cells, expanded in our laboratory."),
    ],
)  # fmt: skip
def test_a_transplant_of_unnamed_stem_cells_beside_mesenchymal_cells_is_no_hospital_page(
    lang: str, transplant: str, cells: str
) -> None:
    """« Autogreffe de cellules souches » is the haematologist's standard transplant on a page that
    names no other cells, and a clinic's name for the mesenchymal cells it injects on one that does
    (a Swiss orthopaedic clinic's page lost 1.07 in log-odds to the hospital genre)."""
    assert _hospital_genre(_analyze(lang, transplant, cells)) == []
    assert _hospital_genre(_analyze(lang, transplant))  # alone: a hospital's words
    # a haematopoietic transplant keeps its genre beside mesenchymal cells
    hsct = {
        "fr": "Greffe de moelle osseuse pour les leucémies.",
        "en": "Bone marrow transplant for leukaemia.",
    }[lang]
    assert _hospital_genre(_analyze(lang, hsct, cells))


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "Nos perfusions de surnageant de culture réparent les tissus abîmés."),
        ("en", "Our stem cell culture supernatant regenerates damaged tissue."),
        ("de", "Unser Zellkulturüberstand regeneriert geschädigtes Gewebe."),
        ("es", "Nuestro sobrenadante de cultivo regenera los tejidos dañados."),
        ("it", "Il nostro surnatante di coltura rigenera i tessuti danneggiati."),
        ("pt", "O nosso sobrenadante de cultura regenera os tecidos danificados."),
        ("nl", "Ons kweeksupernatant herstelt beschadigd weefsel."),
    ],
)
def test_a_culture_supernatant_is_a_secretome(lang: str, sentence: str) -> None:
    """Japanese clinics sell the liquid their stem cells grew in (« surnageant de culture », "stem
    cell culture supernatant"): a secretome, no cells; it named no product before."""
    assert "secretome" in _families(_analyze(lang, sentence))


def _sources(a: PageAnalysis) -> set[str]:
    return {f"{f.kind}:{f.subkind}" for f in a.findings if f.attributes.get("source") == "yes"}


def test_cells_that_release_the_vesicles_are_their_source() -> None:
    """« Les cellules souches mésenchymateuses libèrent des exosomes »: the cells named first, then
    their making, are the source as « exosomes libérés par des cellules » is."""
    a = _analyze(
        "fr",
        "Lorsque nous cultivons des cellules souches mésenchymateuses, elles libèrent dans le milieu des "
        "exosomes et des facteurs de croissance.",
    )
    assert "therapy:mesenchymal_stem_cells" in _sources(a)
    # two products side by side keep their own standing
    b = _analyze("fr", "Nous proposons des cellules souches mésenchymateuses et des exosomes.")
    assert "therapy:mesenchymal_stem_cells" not in _sources(b)


def test_a_culture_named_in_the_products_name_made_the_product() -> None:
    """The "cell culture" of "stem cell culture supernatant" is no manipulation of the product."""
    a = _analyze("en", "Stem cell culture supernatant therapy in Tokyo.")
    manipulations = [f for f in a.findings if f.kind == "manipulation"]
    assert manipulations and all(f.attributes.get("source") == "yes" for f in manipulations)


def test_a_licence_declared_to_a_foreign_ministry_is_a_foreign_licence() -> None:
    """« Ce traitement a été déclaré au ministère de la Santé japonais »: the provider invokes a
    foreign licence, which the draft decision answers (defences.yaml, authorised_abroad)."""
    own = "Ce traitement a été déclaré au ministère de la Santé japonais conformément à la loi sur la sécurité de la médecine régénérative."
    a = _analyze("fr", "Injections de cellules souches à Tokyo.", own)
    assert any(f.subkind == "authorised_abroad" for f in a.findings)
    en = "A provision plan has been submitted to the Japanese Ministry of Health, Labour and Welfare."
    assert any(f.subkind == "authorised_abroad" for f in _analyze("en", "Stem cell therapy in Tokyo.", en).findings)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "All our tissue products are minimally manipulated and regulated as 361 HCT/P."),
        ("fr", "Nos greffons de cordon ombilical, minimalement manipulés, régénèrent le cartilage."),
        ("de", "Die Zellen werden nur minimal manipuliert und direkt injiziert."),
        ("es", "Las células son mínimamente manipuladas y se inyectan el mismo día."),
    ],
)
def test_minimal_manipulation_is_a_stated_defence(lang: str, sentence: str) -> None:
    found = [f for f in _analyze(lang, sentence).findings if f.subkind == "minimal_manipulation"]
    assert found and found[0].attributes.get("inferred") == "yes"
