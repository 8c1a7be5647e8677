"""What a case file alone establishes, and the statements a draft must never make (issue 13)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from vigipub.detect import Detector
from vigipub.evidence import Case, Qualification
from vigipub.extract import document_from_text
from vigipub.pipeline import read_case
from vigipub.qualify import build_facts, load_authorisations, qualify
from vigipub.qualify.facts import denies
from vigipub.qualify.lawcases import authorisations_from_spec, pages_from_spec

from .conftest import plain

ON = date(2025, 3, 3)
NOT_AUTHORISED = [{"therapy": "dendritic_cells", "status": "not_authorised"}]


def case(**more: Any) -> Case:
    data: dict[str, Any] = {
        "company": {"name": "Clinique Exemple SA", "addresses": ["1 rue A, Genève, Suisse"], "country": "CH"},
        "websites": ["https://clinique.example"],
        "product": "thérapie cellulaire dendritique",
        "product_article": "la",
        "events": [{"date": "2025-03-03", "kind": "letter_of_intent"}],
    }
    data.update(more)
    return Case.model_validate(data)


def run(c: Case, pages: list[dict[str, Any]] | None = None, auths: list[dict[str, Any]] | None = None) -> Qualification:
    return qualify(
        pages_from_spec(pages or []),
        authorisations_from_spec(NOT_AUTHORISED if auths is None else auths),
        case=c,
        date_of_facts=ON,
        case_reading=read_case(c),
    )


def outcome(q: Qualification, test_id: str) -> str:
    return next(t.outcome for t in q.tests if t.id == test_id)


def considerant(q: Qualification, prefix: str) -> str:
    return plain(next(c.text_fr for c in q.considerants if c.id.startswith(prefix)))


# -- one classifier ----------------------------------------------------------------------------------


SENTENCES = [
    "Vaincre le cancer sans effets secondaires.",
    "La TCD offre parfois la possibilité d'éviter la chimiothérapie.",
    "Notre taux de réussite est supérieur à 85 % en traitement adjuvant.",
    "Notre clinique est située au bord du lac.",
]


def test_a_case_file_claim_is_classified_as_the_same_words_on_a_page() -> None:
    """The case file's claims are read by the detector: no second keyword list disagrees with it."""
    c = case(claims=SENTENCES)
    reading = read_case(c)
    for n, sentence in enumerate(SENTENCES):
        page = Detector.default().analyze(document_from_text(sentence, "https://clinique.example/p"))
        on_page = {f.subkind for f in page.findings if f.kind == "claim"}
        in_case = {f.subkind for f in reading.findings if f.attributes.get("case_item") == f"claims[{n}]" and f.kind == "claim"}
        assert in_case == on_page, sentence
    facts = build_facts([], [], case=c, date_of_facts=ON, case_reading=read_case(c))
    kinds = {f.quote: f.subkind for f in facts.of("claim")}
    assert kinds[SENTENCES[0]] == "cure" and kinds[SENTENCES[3]] == "unclassified"


def test_a_claim_describing_the_preparation_is_a_manipulation_fact() -> None:
    """QA: « les cellules sont mises en culture » typed as a claim never became a manipulation."""
    c = case(claims=["Les cellules dendritiques sont mises en culture puis chargées avec les antigènes de votre tumeur."])
    q = run(c)
    assert outcome(q, "T3.substantial") == "yes"
    assert outcome(q, "T3.atmp") in ("yes", "undetermined")  # no therapeutic claim in that sentence alone


def test_the_inspectors_findings_decide_the_link_to_france_and_the_preparation() -> None:
    bare = run(case(claims=["Vaincre le cancer sans effets secondaires."]))
    assert outcome(bare, "T0.link") == "undetermined" and outcome(bare, "T3.substantial") == "undetermined"
    q = run(
        case(
            claims=["Vaincre le cancer sans effets secondaires."],
            established={
                "french_version": True,
                "euro_prices": ["Forfait complet : 24 500 €"],
                "preparation": ["Les monocytes sont mis en culture pendant sept jours."],
            },
        )
    )
    assert outcome(q, "T0.link") == outcome(q, "T3.substantial") == "yes"
    assert q.conclusion == "violation"


def test_the_inspectors_verdict_on_a_page_prevails() -> None:
    pages = [
        {"url": "https://clinique.example/fr/", "language": "fr", "verdict": "uncertain",
         "findings": [{"kind": "claim", "subkind": "cure", "quote": "Guérit le cancer."}]},
    ]  # fmt: skip
    cleared = case(established={"pages": [{"url": "https://clinique.example/fr/", "verdict": "not_promotion"}]})
    facts = build_facts(pages_from_spec(pages), [], case=cleared, date_of_facts=ON)
    assert not facts.of("claim") and facts.excluded
    judged = case(established={"pages": [{"url": "https://clinique.example/fr/", "verdict": "promotion"}]})
    facts = build_facts(pages_from_spec(pages), [], case=judged, date_of_facts=ON)
    assert [f.strength for f in facts.of("claim")] == ["strong"]


def test_a_booking_page_of_a_promoting_site_is_an_incitation() -> None:
    pages = [
        {"url": "https://c.example/fr/", "language": "fr", "verdict": "promotion",
         "findings": [{"kind": "claim", "subkind": "cure", "quote": "Guérit le cancer."}]},
        {"url": "https://c.example/fr/rendez-vous", "language": "fr", "verdict": "not_promotion",
         "findings": [{"kind": "call_to_action", "subkind": "booking", "quote": "Réservez votre consultation"}]},
        {"url": "https://c.example/fr/mentions", "language": "fr", "verdict": "not_promotion",
         "findings": [{"kind": "call_to_action", "subkind": "consultation", "quote": "Consultation gratuite"}]},
    ]  # fmt: skip
    facts = build_facts(pages_from_spec(pages), [], date_of_facts=ON)
    calls = facts.of("call_to_action")
    # the booking page invites to the treatment; one « free consultation » button does not
    assert [f.quote for f in calls] == ["Réservez votre consultation"] and calls[0].attributes["context"] == "site"


# -- no false statement ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "match", "denied"),
    [
        ("Pas de chute de cheveux, pas de nausées.", "chute de cheveux", True),
        ("Un traitement sans nausées ni fatigue.", "fatigue", True),
        ("No hair loss and no nausea.", "hair loss", True),
        ("Keine Übelkeit, kein Haarausfall.", "Haarausfall", True),
        ("Il n'a plus de crises d'épilepsie depuis le traitement.", "épilepsie", False),
        ("Nous traitons la perte de cheveux.", "perte de cheveux", False),
    ],
)
def test_a_disease_the_sentence_denies_is_no_target(quote: str, match: str, denied: bool) -> None:
    assert denies(quote, match) is denied


def test_no_side_effect_never_becomes_a_disease_the_product_treats() -> None:
    """QA: « pas de chute de cheveux » drafted « pour traiter … perte de cheveux (alopécie) »."""
    c = case(
        claims=[
            "La thérapie cellulaire dendritique guérit le cancer.",
            "Un traitement totalement naturel, sans aucun effet secondaire : pas de nausées, pas de chute de cheveux.",
        ],
        established={"french_version": True},
    )
    q = run(c)
    text = plain(" ".join(x.text_fr for x in q.considerants))
    assert "cheveux (alopécie)" not in text.replace("pas de chute de cheveux", "")
    assert "à l'égard du cancer" in considerant(q, "C3_allegations")


def test_french_grammar_of_diseases_and_product() -> None:
    """QA: « à l'égard de des maladies humaines », « pour traiter cancer », a guessed article."""
    c = case(product="vaccin Vitadendra", product_article="le", claims=["Le vaccin Vitadendra guérit l'autisme."],
             established={"french_version": True})  # fmt: skip
    q = run(c)
    text = plain(" ".join(x.text_fr for x in q.considerants))
    assert "à l'égard de l'autisme" in text and "de des " not in text
    assert "le vaccin Vitadendra" in text and "la vaccin" not in text
    assert "du vaccin Vitadendra" in text  # « de » + « le » contracted
    q = run(case(claims=["La thérapie guérit définitivement, sans aucun effet secondaire."], established={"french_version": True}))
    presentation = considerant(q, "C3_allegations")
    assert "à l'égard des maladies humaines" in presentation and "de des" not in presentation


def test_only_efficacy_safety_superiority_and_cure_are_benefit_risk_claims() -> None:
    c = case(
        claims=["La thérapie cellulaire dendritique guérit le cancer."],
        established={"french_version": True},
    )
    pages = [
        {"url": "https://clinique.example/fr/", "language": "fr",
         "findings": [
             {"kind": "therapy", "subkind": "dendritic_cells", "attributes": {"family": "dendritic_cells"}},
             {"kind": "claim", "subkind": "innovation", "quote": "Une méthode révolutionnaire et innovante de notre clinique suisse."},
             {"kind": "claim", "subkind": "treat", "quote": "Les cellules sont cultivées dans notre laboratoire.", "attributes": {"inferred": "yes"}},
             {"kind": "manipulation", "subkind": "culture_expansion", "quote": "Les cellules sont cultivées dans notre laboratoire."},
             {"kind": "claim", "subkind": "safety", "quote": "Un traitement naturel et bien toléré |"},
         ]},
    ]  # fmt: skip
    q = run(c, pages)
    c15 = considerant(q, "C15_allegations")
    assert "guérit le cancer" in c15
    for never in ("révolutionnaire", "cultivées dans notre laboratoire", "naturel et bien toléré"):
        assert never not in c15, never
    # « innovant » only because a quote says so
    assert "traitement innovant" in considerant(q, "C3_allegations")
    q = run(c)
    assert "innovant" not in " ".join(x.text_fr for x in q.considerants)


def test_the_presentation_test_quotes_before_it_concludes() -> None:
    q = run(case(claims=["La thérapie cellulaire dendritique guérit le cancer."], established={"french_version": True}))
    ids = [x.id for x in q.considerants]
    assert ids.index("C3_allegations") < ids.index("C4_allegations_en_effet") < ids.index("C5_medicament_par_presentation")


def test_the_vu_states_the_scope_the_letter_announced_and_every_address() -> None:
    c = case(
        company={"name": "Immu SA", "addresses": ["1 Main Street, Dublin, Irlande", "2 Hauptstrasse, Berlin, Allemagne"], "country": "IE"},
        claims=["La thérapie cellulaire dendritique guérit le cancer."],
        established={"french_version": True},
        letter_of_intent={"scope": "advertising"},
        decision={"date": "2025-04-20", "measure": "suspension_of_all_activities"},
    )  # fmt: skip
    letter = next(v.text_fr for v in run(c).vu if v.id.startswith("VU_COURRIER"))
    assert "la publicité en France portant sur" in letter and "ensemble des activités" not in letter
    assert "Dublin" in letter and "Berlin" in letter and letter.startswith("Vu les courriers")


# -- observations and defences -----------------------------------------------------------------------


def test_observations_without_content_get_a_gap_and_an_undated_defence_no_date() -> None:
    c = case(
        claims=["La thérapie cellulaire dendritique guérit le cancer."],
        established={"french_version": True},
        events=[
            {"date": "2025-03-03", "kind": "letter_of_intent"},
            {"date": "2025-03-10", "kind": "written_observations"},
            {"date": "2025-03-12", "kind": "written_observations", "arguments": [{"summary": "la page a été retirée"}]},
        ],
        defences=["no_activity_in_france"],
    )
    q = run(c)
    texts = [plain(x.text_fr) for x in q.considerants if x.id.startswith(("C12", "C13"))]
    assert any("le 10 mars 2025" in t and "\u27e6" in t for t in texts)  # no content: a highlighted gap
    undated = next(t for t in texts if "ne commercialise aucun médicament" in t and t.startswith("Considérant que la société"))
    assert "en date du" not in undated  # QA: it was dated with the first letter
    retired = next(t for t in texts if "s'agissant de l'argument selon lequel la page a été retirée" in t)
    assert "\u27e6réponse de l'Agence" in retired  # an argument nobody answered yet
    assert outcome(q, "T9.defences") == "undetermined" and q.questions
    answered = next(x for x in q.considerants if "ne commercialise aucun" in x.text_fr and x.id.startswith("C13"))
    assert {b.article for b in answered.basis} == {"L.\u00a05311-1", "L.\u00a05312-2"}  # the catalogue's articles


# -- registers --------------------------------------------------------------------------------------


def test_the_output_of_registry_check_is_a_register_file(tmp_path: Path) -> None:
    """`vigipub registry check … --format json > authorisations.json` is read as is."""
    answer = authorisations_from_spec(NOT_AUTHORISED)[0]
    path = tmp_path / "authorisations.json"
    path.write_text(json.dumps(answer.model_dump(mode="json")), encoding="utf-8")
    assert [a.status for a in load_authorisations(path)] == ["not_authorised"]


# -- the procedural Vu are the engine's (the documents phrase none) -------------------------------


def test_procedural_vu_several_addresses_sites_and_a_single_written_observation() -> None:
    c = case(
        company={"name": "Immu SA", "addresses": ["Dublin, Irlande", "Berlin, Allemagne"], "country": "IE"},
        websites=["https://a.example", "https://b.example"],
        events=[
            {"date": "2025-03-03", "kind": "letter_of_intent", "scope": "all_activities"},
            {"date": "2025-03-19", "kind": "written_observations"},
        ],
        claims=["La thérapie cellulaire dendritique guérit le cancer."],
        established={"french_version": True},
    )
    vu = [plain(v.text_fr) for v in run(c).vu]
    assert "Vu le site internet https://a.example ;" in vu and "Vu le site internet https://b.example ;" in vu
    letter = next(v for v in vu if v.startswith("Vu les courriers en date du 3 mars 2025 adressés"))
    assert "(Dublin, Irlande ; Berlin, Allemagne)" in letter and "l'ensemble des activités opérées en France" in letter
    assert any("par transmission en date du 19 mars 2025 ;" in v for v in vu)
    assert not any("observations orales" in v for v in vu)


def test_urgency_without_a_letter_has_no_vu_of_the_procedure() -> None:
    c = case(
        events=[{"date": "2025-03-03", "kind": "decision"}],
        urgency="danger imminent pour les patients",
        claims=["La thérapie cellulaire dendritique guérit le cancer."],
        established={"french_version": True},
    )
    q = run(c)
    assert q.vu and not any(v.id.startswith(("VU_COURRIER", "VU_OBSERVATIONS")) for v in q.vu)
    assert any(c.id == "C15_urgence" for c in q.considerants)


def _therapies(*families: str) -> list[dict[str, Any]]:
    """A sentence naming each family (all different)."""
    return [
        {"kind": "therapy", "subkind": f, "quote": f"Phrase {n} : {f}.", "attributes": {"family": f}}
        for n, f in enumerate(families)
    ]


@pytest.mark.parametrize(
    ("families", "label"),
    [
        # exosomes for the hair and cells for the knee, each on its pages: both are advertised
        (("exosomes", "exosomes", "exosomes", "stem_cells", "stem_cells"), "thérapie par cellules souches et exosomes"),
        (("adipose_cells", "adipose_cells", "secretome", "secretome"),
         "thérapie par cellules dérivées du tissu adipeux (SVF) et sécrétome"),
        # a passing mention of the other kind does not make it a product of the site
        (("exosomes", "exosomes", "exosomes", "exosomes", "stem_cells"), "exosomes"),
        (("stem_cells",) * 7 + ("exosomes",) * 2, "thérapie par cellules souches"),
        # umbrella words (« médecine régénérative ») name no cells beside exosomes
        (("exosomes", "exosomes", "cell_therapy_other", "cell_therapy_other", "cell_therapy_other"), "exosomes"),
    ],
)  # fmt: skip
def test_a_site_selling_cells_and_exosomes_names_both_products(families: tuple[str, ...], label: str) -> None:
    pages = [{"url": "https://c.example/fr/", "language": "fr", "verdict": "promotion", "findings": _therapies(*families)}]
    facts = build_facts(pages_from_spec(pages), [], date_of_facts=ON)
    assert facts.product_label == label


def test_a_menu_repeated_on_every_page_names_its_product_once() -> None:
    """« Exosomes cheveux et peau » in the menu of eight pages is one mention: the stem-cell
    therapy that the pages' sentences name more often is the product."""
    menu = {"kind": "therapy", "subkind": "exosomes", "quote": "Exosomes cheveux et peau", "attributes": {"family": "exosomes", "menu": "yes"}}
    pages = [
        {"url": f"https://c.example/fr/{n}", "language": "fr", "verdict": "promotion",
         "findings": [menu, *(_therapies("stem_cells", "stem_cells") if n == 0 else [])]}
        for n in range(8)
    ]  # fmt: skip
    facts = build_facts(pages_from_spec(pages), [], date_of_facts=ON)
    assert facts.product_label == "thérapie par cellules souches"


def test_the_web_application_names_the_product_as_the_draft_does() -> None:
    """A new case's product (web application, from its capture) is the draft's: the family named
    most on the promoting pages, or both products; not the first therapy named (« médecine
    régénérative » in a home page's title), nor the cells that made the exosomes."""
    from vigipub import pipeline

    umbrella = {"kind": "therapy", "subkind": "cell_therapy_other", "quote": "Médecine régénérative à Paris", "attributes": {"family": "cell_therapy_other"}}
    source = {"kind": "therapy", "subkind": "mesenchymal_stem_cells", "quote": "exosomes issus de cellules souches", "attributes": {"family": "mesenchymal_stem_cells", "source": "yes"}}
    pages = pages_from_spec([
        {"url": "https://c.example/", "language": "fr", "findings": [umbrella, source, *_therapies("exosomes", "exosomes")]},
        {"url": "https://c.example/genou", "language": "fr", "findings": _therapies("adipose_cells", "adipose_cells")},
        {"url": "https://c.example/presse", "language": "fr", "verdict": "not_promotion", "findings": _therapies(*["gene_therapy"] * 5)},
    ])  # fmt: skip
    label = "thérapie par cellules dérivées du tissu adipeux (SVF) et exosomes"
    assert pipeline.product_label(pages) == label
    assert build_facts(pages, [], date_of_facts=ON).product_label == label
