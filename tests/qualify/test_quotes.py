"""Which of the site's words the Considérants quote (vigipub.qualify.quotes).

Pages are written like the detector's output on the demo clinic: every page carries the
cookie banner and the « Témoignages » menu entry, FAQ questions and headings are findings too,
the English and French versions say the same things, and a rendered and a raw capture of the
same page give the same sentence twice.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from vigipub.evidence import Case
from vigipub.evidence.qualification import Considerant, Qualification
from vigipub.pipeline import read_case
from vigipub.qualify import build_facts, qualify
from vigipub.qualify.facts import Fact
from vigipub.qualify.lawcases import authorisations_from_spec, pages_from_spec
from vigipub.qualify.quotes import display, near_identical, normalise, quality, select_quotes

from .conftest import CaseFixture

ON = date(2024, 11, 5)
#: the narrow no-break space set inside « » (qualify/typography, as in the documents)
NNBSP = "\u202f"

COOKIE_FR = "Nous utilisons des cookies pour améliorer votre expérience et mesurer l'audience du site."
COOKIE_EN = "We use cookies to improve your experience and measure our audience."
QUESTION_FR = "La thérapie dendritique peut-elle guérir mon cancer ?"

CURE_FR = (
    "En traitement adjuvant, après l'ablation de la tumeur, notre taux de réussite est supérieur à "
    "85 % : une guérison durable devient alors possible."
)
EFFICACY_FR = "La thérapie cellulaire dendritique réduit la charge tumorale jusqu'à 60 % en quelques mois."
SAFETY_FR = (
    "La thérapie cellulaire dendritique est un traitement totalement naturel, sans aucun effet secondaire."
)
SUPERIORITY_FR = (
    "Grâce à la TCD, beaucoup de nos patients peuvent éviter la chimiothérapie et ses effets dévastateurs."
)
UNIVERSAL_FR = "La thérapie cellulaire dendritique est efficace contre tous les types de cancers solides."
WEAK_FR = "Combattre le cancer avec vos propres cellules immunitaires"
HEADING_FR = "Un traitement naturel et bien toléré |"
FRAGMENT_FR = "Aucun effet secondaire"

CULTURE_FR = (
    "Les monocytes sont mis en culture pendant sept jours : ils se différencient en cellules dendritiques."
)
LOADING_FR = (
    "Les cellules dendritiques sont ensuite chargées avec les antigènes de votre tumeur, puis activées."
)
CULTURE_EN = "The monocytes are cultured for seven days in a medium enriched with growth factors."
LOADING_EN = "The dendritic cells are then loaded with your tumour antigens and activated."
CURE_EN = "In adjuvant treatment our success rate is above 85%, and a lasting cure becomes possible."
SAFETY_EN = "Dendritic cell therapy is a completely natural treatment with no side effects at all."


def claim(subkind: str, quote: str, confidence: float = 0.9, **extra: Any) -> dict[str, Any]:
    return {"kind": "claim", "subkind": subkind, "quote": quote, "confidence": confidence, **extra}


def page(language: str, findings: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    base = [
        {"kind": "therapy", "subkind": "dendritic_cells", "attributes": {"family": "dendritic_cells"}},
        {"kind": "disease", "subkind": "cancer", "quote": "cancer", "attributes": {"label_fr": "le cancer"}},
        # what a lexicon makes of the banner and the menu on every page of the demo clinic
        claim("treat", COOKIE_FR if language == "fr" else COOKIE_EN, 0.6),
        {
            "kind": "testimonial",
            "subkind": "testimonial",
            "quote": "Témoignages" if language == "fr" else "Testimonials",
        },
    ]
    return {"language": language, **extra, "findings": base + findings}


def run(pages: list[dict[str, Any]], case: dict[str, Any] | None = None) -> Qualification:
    built = pages_from_spec(pages)
    auths = authorisations_from_spec([{"therapy": "dendritic_cells", "status": "not_authorised"}])
    legal_case = Case.model_validate(case) if case else None
    return qualify(
        built,
        auths,
        case=legal_case,
        date_of_facts=ON,
        site_url="https://clinique.example/",
        # the case file's claims are classified by the detector, as `vigipub draft` does
        case_reading=read_case(legal_case) if legal_case else None,
    )


def considerant(q: Qualification, prefix: str) -> Considerant:
    found = [c for c in q.considerants if c.id.startswith(prefix)]
    assert found, f"no Considérant {prefix} in {[c.id for c in q.considerants]}"
    return found[0]


def quoted(c: Considerant) -> list[str]:
    return re.findall(rf"«{NNBSP}(.*?){NNBSP}»", c.text_fr)


def assert_evidence_matches_quotes(q: Qualification, c: Considerant) -> None:
    """Every evidence id is a quoted sentence, and every quoted sentence has an id."""
    facts = {f.id: f for f in _all_facts(q)}
    texts = quoted(c)
    for fid in c.evidence:
        assert fid in facts, (c.id, fid)
        assert any(normalise(display(facts[fid])) == normalise(t) for t in texts), (c.id, fid, texts)
    for t in texts:
        assert any(normalise(display(facts[i])) == normalise(t) for i in c.evidence if i in facts), (c.id, t)


_FACTS: dict[int, list[Fact]] = {}


def _all_facts(q: Qualification) -> list[Fact]:
    return _FACTS[id(q)]


def run_with_facts(pages: list[dict[str, Any]], case: dict[str, Any] | None = None) -> Qualification:
    q = run(pages, case)
    built = pages_from_spec(pages)
    legal_case = Case.model_validate(case) if case else None
    sf = build_facts(
        built,
        [],
        case=legal_case,
        date_of_facts=ON,
        case_reading=read_case(legal_case) if legal_case else None,
    )
    _FACTS[id(q)] = list(sf.facts) + list(sf.excluded) + list(sf.boilerplate)
    return q


FULL_FR = [
    claim("treat", WEAK_FR),
    claim("safety", HEADING_FR, 0.6),
    claim("safety", FRAGMENT_FR, 0.6),
    claim("cure", QUESTION_FR),
    claim("cure", CURE_FR),
    claim("efficacy_figure", CURE_FR),  # the same sentence, found by two lexicon entries
    claim("efficacy_figure", EFFICACY_FR),
    claim("safety", SAFETY_FR),
    claim("superiority", SUPERIORITY_FR),
    claim("treat", UNIVERSAL_FR),  # the lexicon missed « tous les types de cancers »
    {"kind": "manipulation", "subkind": "differentiation", "quote": "Culture et différenciation"},
    {"kind": "manipulation", "subkind": "culture_expansion", "quote": CULTURE_FR},
    {"kind": "manipulation", "subkind": "antigen_loading", "quote": LOADING_FR},
    {
        "kind": "testimonial",
        "subkind": "first_person_outcome",
        "quote": "« Mon PSA a baissé de moitié en quatre mois et je n'ai eu aucun effet secondaire.",
    },
]
FULL_EN = [
    claim("cure", CURE_EN),
    claim("safety", SAFETY_EN),
    claim("cure", "Can dendritic cell therapy cure my cancer?"),
    {"kind": "manipulation", "subkind": "culture_expansion", "quote": CULTURE_EN},
    {"kind": "manipulation", "subkind": "antigen_loading", "quote": LOADING_EN},
]


@pytest.fixture(scope="module")
def bilingual() -> Qualification:
    return run_with_facts(
        [
            page("en", FULL_EN, url="https://clinique.example/en/"),
            page("fr", FULL_FR, url="https://clinique.example/fr/"),
        ]
    )


# -- sentence quality ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (COOKIE_FR, "boilerplate"),
        (COOKIE_EN, "boilerplate"),
        ("Wir verwenden Cookies, um Ihr Erlebnis zu verbessern und die Nutzung zu messen.", "boilerplate"),
        ("En poursuivant votre navigation, vous acceptez notre politique de confidentialité.", "boilerplate"),
        ("Les informations publiées sur ce site ne remplacent pas une consultation médicale.", "boilerplate"),
        ("Die Informationen auf dieser Website ersetzen keine ärztliche Beratung.", "boilerplate"),
        # a claim, not a disclaimer
        (
            "Notre vaccin ne remplace pas la chimiothérapie : il la complète sans effet secondaire.",
            "sentence",
        ),
        ("Témoignages", "navigation"),
        ("Lire les témoignages de nos patients", "navigation"),
        ("En savoir plus →", "navigation"),
        ("Accueil › Traitements › Cellules dendritiques", "navigation"),
        # a price table's cell: an amount says nothing without its row (« Consultation | 80 € »)
        ("80 €", "navigation"),
        ("€ 1 200", "navigation"),
        ("Forfait 3 séances : 1 200 €", "fragment"),
        (QUESTION_FR, "question"),
        ("Can dendritic cell therapy cure my cancer?", "question"),
        (HEADING_FR, "heading"),
        (FRAGMENT_FR, "fragment"),
        (
            "Des résultats prouvés La thérapie cellulaire dendritique réduit la charge tumorale de 60 %.",
            "heading",
        ),
        ("Vaincre le cancer sans effets secondaires", "sentence"),  # quoted by the Iaso decision
        ("Découvrez comment notre vaccin a guéri 90 % de nos patients atteints de cancer.", "sentence"),
        (CURE_FR, "sentence"),
    ],
)
def test_quality_of_a_quote(text: str, expected: str) -> None:
    assert quality(text) == expected


def test_near_identical_sentences_but_not_translations() -> None:
    a = normalise(SAFETY_FR)
    assert near_identical(a, normalise("  " + SAFETY_FR.replace(" ", "  ").rstrip(".") + " "))
    assert near_identical(a, normalise(SAFETY_FR.replace("'", "’")))
    assert not near_identical(a, normalise(SAFETY_EN))
    assert not near_identical(normalise(CURE_FR), normalise(EFFICACY_FR))


# -- rule 3: never banners, menus, questions; strongest declarative claims first ---------------


def test_cookie_banner_is_never_a_fact_nor_a_quote(bilingual: Qualification) -> None:
    for c in bilingual.considerants:
        assert "cookies" not in c.text_fr.lower(), c.id
        assert not any("cookie" in e for e in c.evidence)
    for t in bilingual.tests:
        assert not any("cookies" in q.lower() for q in t.quotes), t.id
    sf = build_facts(pages_from_spec([page("fr", FULL_FR)]), [], date_of_facts=ON)
    assert [f.quote for f in sf.boilerplate] == [COOKIE_FR]
    assert COOKIE_FR not in [f.quote for f in sf.facts]


def test_benefit_risk_quotes_one_declarative_claim_per_kind(bilingual: Qualification) -> None:
    c15 = considerant(bilingual, "C15_allegations")
    texts = quoted(c15)
    assert len(texts) == 5
    # the five kinds the Iaso decision quotes, each once; the cure/figure sentence first
    assert set(texts) == {CURE_FR, EFFICACY_FR, SAFETY_FR, SUPERIORITY_FR, UNIVERSAL_FR}
    assert texts[0] == CURE_FR
    for never in (QUESTION_FR, HEADING_FR.rstrip(" |"), FRAGMENT_FR, WEAK_FR, COOKIE_FR):
        assert never not in texts
    assert_evidence_matches_quotes(bilingual, c15)
    # both findings of the cure sentence (cure and efficacy_figure entries) are its evidence
    assert sum(1 for e in c15.evidence if e.startswith("p1f")) >= 6


def test_question_heading_and_fragment_only_fill_what_sentences_leave() -> None:
    q = run_with_facts(
        [
            page(
                "fr",
                [
                    claim("cure", QUESTION_FR),
                    claim("safety", HEADING_FR),
                    claim("safety", FRAGMENT_FR),
                    claim("efficacy_figure", EFFICACY_FR),
                ],
            )
        ]
    )
    texts = quoted(considerant(q, "C15_allegations"))
    assert texts[0] == EFFICACY_FR  # the only declarative sentence comes first
    assert QUESTION_FR not in texts  # a question is not an allegation when the site states one
    # a page title is never quoted as an allegation (issue 13); a fragment fills a place left
    assert set(texts[1:]) == {FRAGMENT_FR}


def test_a_question_is_quoted_only_when_the_site_says_nothing_else() -> None:
    fact = Fact(id="q", kind="claim", subkind="cure", quote=QUESTION_FR, language="fr")
    assert [p.fact.id for p in select_quotes([fact], limit=5).picks] == ["q"]
    other = Fact(id="s", kind="claim", subkind="treat", quote=WEAK_FR, language="fr")
    assert [p.fact.id for p in select_quotes([fact, other], limit=5).picks] == ["s"]


def test_testimonials_are_stories_not_menu_entries(bilingual: Qualification) -> None:
    c16 = considerant(bilingual, "C16_temoignages")
    facts = {f.id: f for f in _all_facts(bilingual)}
    quotes = [facts[e].quote for e in c16.evidence if facts[e].kind == "testimonial"]
    assert quotes and "Témoignages" not in quotes and "Testimonials" not in quotes
    assert "des témoignages" in c16.text_fr  # one story: not « de nombreux »


def test_only_menu_entries_make_no_testimonial_considerant() -> None:
    q = run([page("fr", [claim("cure", CURE_FR), claim("safety", SAFETY_FR)])])
    assert not [c for c in q.considerants if c.id.startswith("C16")]


# -- rule 2: French first, a foreign version only when there is no French quote ----------------


def test_french_quotes_when_the_site_says_it_in_french(bilingual: Qualification) -> None:
    for prefix in ("C4_", "C8_procede", "C15_allegations"):
        c = considerant(bilingual, prefix)
        assert not any(x in c.text_fr for x in ("The ", "cultured", "version anglaise")), c.id
        assert_evidence_matches_quotes(bilingual, c)
    c8 = considerant(bilingual, "C8_procede")
    # the steps, in order; not the heading « Culture et différenciation » the sentences cover
    assert quoted(c8) == [CULTURE_FR, LOADING_FR]


def test_a_short_phrase_is_quoted_for_a_step_no_sentence_describes() -> None:
    sample = "un échantillon de sang est prélevé sur la personne"
    frozen = "Les cellules restantes sont congelées pour les rappels."
    steps = [
        {"kind": "manipulation", "subkind": "collection", "quote": sample},
        {"kind": "manipulation", "subkind": "culture_expansion", "quote": "culture de cellules dendritiques"},
        {"kind": "manipulation", "subkind": "antigen_loading", "quote": LOADING_FR},
        {"kind": "manipulation", "subkind": "culture_expansion", "quote": "Culture en laboratoire"},
        {"kind": "manipulation", "subkind": "cryopreservation", "quote": frozen},
    ]
    q = run_with_facts([page("fr", [claim("cure", CURE_FR), *steps])])
    c8 = considerant(q, "C8_procede")
    # the non-substantial freezing step fills the fourth place; the second heading does not
    assert quoted(c8) == [sample, "culture de cellules dendritiques", LOADING_FR, frozen]
    assert_evidence_matches_quotes(q, c8)


def test_english_only_site_is_quoted_and_said_to_be_the_english_version() -> None:
    q = run_with_facts([page("en", FULL_EN, url="https://clinic.example/en/")])
    c15 = considerant(q, "C15_allegations")
    assert quoted(c15) == [CURE_EN, SAFETY_EN]
    assert c15.text_fr.endswith(f"(citations extraites de la version anglaise du site){NARROW};")
    c8 = considerant(q, "C8_procede")
    assert quoted(c8) == [CULTURE_EN, LOADING_EN] and "version anglaise du site" in c8.text_fr
    assert_evidence_matches_quotes(q, c15)
    assert_evidence_matches_quotes(q, c8)


NARROW = "\u202f"


def test_quotes_from_two_foreign_versions_are_each_labelled() -> None:
    german = "Völlig natürlich und ohne jegliche Nebenwirkungen für Sie."
    facts = [
        Fact(id="en", kind="claim", subkind="cure", quote=CURE_EN, language="en"),
        Fact(id="de", kind="claim", subkind="safety", quote=german, language="de"),
    ]
    sel = select_quotes(facts, limit=5)
    assert [p.foreign for p in sel.picks] == ["en", "de"]
    from datetime import date

    from vigipub.qualify.wording import phraser

    text = sel.render(phraser(date(2024, 11, 5)))
    assert "(version anglaise du site)" in text and "(version allemande du site)" in text


# -- rule 1: the case file first ---------------------------------------------------------------------


CASE_CLAIMS = [
    "Vaincre le cancer sans effets secondaires",
    "La TCD offre parfois la possibilité d'éviter la chimiothérapie (…)",
    "Notre clinique est située à Zurich, au bord du lac.",  # the detector finds no claim in it
]


def test_case_file_claims_come_first_and_pages_fill_the_rest() -> None:
    q = run_with_facts(
        [page("fr", FULL_FR)],
        {
            "company": {"name": "Clinique X"},
            "product": "thérapie cellulaire dendritique",
            "claims": CASE_CLAIMS,
        },
    )
    c15 = considerant(q, "C15_allegations")
    texts = quoted(c15)
    # a sentence the detector finds no efficacy, safety, superiority or cure claim in is not a
    # benefit/risk allegation, even typed in the case file
    assert texts[:2] == CASE_CLAIMS[:2] and CASE_CLAIMS[2] not in texts
    assert len(texts) == 5 and set(texts[2:]) <= {
        CURE_FR,
        EFFICACY_FR,
        SAFETY_FR,
        SUPERIORITY_FR,
        UNIVERSAL_FR,
    }
    assert c15.evidence[:2] == ["case:claim0", "case:claim1"]


def test_every_case_file_claim_is_kept_beyond_the_limit() -> None:
    many = [f"La thérapie dendritique guérit le cancer numéro {n} sans effet secondaire." for n in range(7)]
    q = run(
        [page("fr", FULL_FR)],
        {"company": {"name": "Clinique X"}, "product": "thérapie cellulaire dendritique", "claims": many},
    )
    texts = quoted(considerant(q, "C15_allegations"))
    assert texts == many  # all seven, and no page claim pushed them out


def test_a_page_finding_of_a_case_file_claim_is_its_evidence_too() -> None:
    q = run_with_facts(
        [page("fr", [claim("cure", CASE_CLAIMS[0]), claim("safety", SAFETY_FR)])],
        {
            "company": {"name": "Clinique X"},
            "product": "thérapie cellulaire dendritique",
            "claims": CASE_CLAIMS[:1],
        },
    )
    c15 = considerant(q, "C15_allegations")
    assert quoted(c15) == [CASE_CLAIMS[0], SAFETY_FR]  # the case's sentence once
    assert c15.evidence[:2] == ["case:claim0", "p0f4"]


# -- dedupe and rule 4: promotion pages and confidence first -------------------------------------


def test_rendered_and_raw_capture_of_a_sentence_are_quoted_once() -> None:
    raw = page("fr", [claim("safety", SAFETY_FR), claim("cure", CURE_FR)], url="https://clinique.example/fr/")
    rendered = page(
        "fr",
        [claim("safety", "  " + SAFETY_FR.replace("'", "’") + " "), claim("cure", CURE_FR)],
        url="https://clinique.example/fr/",
        source="browser",
    )
    q = run_with_facts([raw, rendered])
    c15 = considerant(q, "C15_allegations")
    assert sorted(quoted(c15)) == sorted([CURE_FR, SAFETY_FR])
    assert "p1f5" in c15.evidence  # the same words in the second capture: evidence of that quote
    assert_evidence_matches_quotes(q, c15)


def test_promotion_pages_and_confident_findings_first() -> None:
    strong = "La thérapie cellulaire dendritique guérit la plupart des cancers en quelques semaines."
    weak_page = page("fr", [claim("cure", CURE_FR, 0.9)], verdict="uncertain", score=0.5)
    promo_page = page("fr", [claim("cure", strong, 0.6)], score=0.95)
    q = run_with_facts([weak_page, promo_page])
    assert quoted(considerant(q, "C15_allegations"))[0] == strong
    # same page verdict, same kind and strength of words: the detector's confidence decides
    one = "Notre vaccin guérit le cancer du sein chez la plupart des patientes traitées."
    other = "Après la vaccination, une guérison complète du mélanome devient possible pour vous."
    a = Fact(id="a", kind="claim", subkind="cure", quote=one, language="fr", confidence=0.6)
    b = Fact(id="b", kind="claim", subkind="cure", quote=other, language="fr", confidence=0.9)
    assert select_quotes([a, b], limit=1).ids == ["b"]
    assert select_quotes([replace(a, confidence=0.95), b], limit=1).ids == ["a"]


def test_presentation_test_lists_the_chosen_quotes_first_each_once(bilingual: Qualification) -> None:
    t1 = next(t for t in bilingual.tests if t.id == "T1.presentation")
    assert t1.quotes[0] == CURE_FR  # letters and notices quote the first claims of T1
    assert len(t1.quotes) == len(set(t1.quotes))
    # T1 relies on the therapeutic claims of every page: the French declarative ones first
    assert set(t1.quotes[:4]) == {CURE_FR, EFFICACY_FR, UNIVERSAL_FR, WEAK_FR}
    assert CURE_EN in t1.quotes[4:] and QUESTION_FR in t1.quotes[4:]
    assert COOKIE_FR not in t1.quotes and COOKIE_EN not in t1.quotes


def test_iaso_pages_yield_the_five_claims_the_decision_quotes(iaso: CaseFixture) -> None:
    """Ranking and diversity choose, among the seven claims of the Iaso pages, the five the
    decision quotes (fixture quotes marked ``source: decision``), and « en effet » uses the
    two others, as the decision's paraphrase does."""
    q = qualify(iaso.findings.pages, iaso.authorisations, case=iaso.case, date_of_facts=iaso.date_of_facts)
    claims = [f for p in iaso.findings.pages if p.language == "fr" for f in p.findings if f.kind == "claim"]
    verbatim = {f.quote for f in claims if f.attributes.get("source") == "decision"}
    assert len(verbatim) == 5
    assert set(quoted(considerant(q, "C15_allegations"))) == verbatim
    en_effet = set(quoted(considerant(q, "C4_")))
    assert en_effet == {f.quote for f in claims} - verbatim


def test_a_sentence_with_a_soft_hyphen_in_the_raw_html_is_the_same_sentence() -> None:
    raw = SAFETY_FR.replace("secondaire", "secon\u00addaire")  # &shy; in the markup, not in the DOM text
    q = run_with_facts(
        [
            page(
                "fr", [claim("safety", raw, 0.6), claim("cure", CURE_FR)], url="https://clinique.example/fr/"
            ),
            page("fr", [claim("safety", SAFETY_FR)], url="https://clinique.example/fr/", source="browser"),
        ]
    )
    c15 = considerant(q, "C15_allegations")
    assert sorted(quoted(c15)) == sorted([CURE_FR, SAFETY_FR])  # once, the confident finding's words
    assert "p1f4" in c15.evidence and "p0f4" not in c15.evidence
    assert_evidence_matches_quotes(q, c15)


# -- the vocabulary is data, validated like the lexicons -------------------------------------------


def _vocabulary_data() -> dict[str, object]:
    import yaml

    from vigipub.qualify.quotes import VOCABULARY

    return yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"banners": {"fr": ["x"]}}, "unknown key"),
        ({"boilerplate": {"french": ["x"]}}, "'french' is no language code"),
        ({"boilerplate": {"fr": ["cookie(s"]}}, r"boilerplate: pattern 'cookie\(s' does not compile"),
        ({"boilerplate": {"fr": []}}, "boilerplate.fr: a list of non-empty strings"),
        ({"claim_signals": {"miracle": {"fr": ["x"]}}}, "'miracle' is no kind of the shared vocabulary"),
        ({"manipulation_signals": {"cure": {"fr": ["x"]}}}, "'cure' is no kind"),
        ({"heading_openers": {"fr": ["la"]}}, "capitalised words only"),
    ],
)
def test_a_malformed_vocabulary_is_refused_with_the_entry_named(change: dict[str, object], match: str) -> None:
    from vigipub.qualify.errors import QualifyInputError
    from vigipub.qualify.quotes import VOCABULARY, parse_vocabulary

    with pytest.raises(QualifyInputError, match=match) as err:
        parse_vocabulary({**_vocabulary_data(), **change}, VOCABULARY)
    assert str(VOCABULARY) in str(err.value)
    missing = _vocabulary_data()
    missing.pop("navigation")
    with pytest.raises(QualifyInputError, match="missing navigation"):
        parse_vocabulary(missing, VOCABULARY)


def test_a_language_added_to_the_vocabulary_is_used() -> None:
    """An agency adds a language's banner words without touching Python."""
    from pathlib import Path

    from vigipub.qualify.quotes import parse_vocabulary

    data = _vocabulary_data()
    data["boilerplate"] = {**data["boilerplate"], "nl": ["alle cookies accepteren", "privacyverklaring"]}  # type: ignore[dict-item]
    vocabulary = parse_vocabulary(data, Path("quoting.yaml"))
    assert vocabulary.boilerplate.search("Lees onze privacyverklaring")
    assert not vocabulary.boilerplate.search("Deze therapie geneest kanker")


def test_a_page_title_is_quoted_without_the_site_s_name() -> None:
    """Written for this test: the page's <title> carries a claim and the site's name after a
    dash; the decision quotes the title's words, not the site's name (a sentence with a dash
    inside keeps all its words)."""
    from vigipub.detect import Detector
    from vigipub.extract import document_from_html
    from vigipub.qualify.quotes import display

    html = (
        "<html lang='es'><head><title>Tratamiento del autismo con células madre – Clínica Regenera Cancún</title>"
        "</head><body><h1>Tratamiento del autismo con células madre</h1><p>En Clínica Regenera aplicamos células "
        "madre mesenquimales para mejorar la comunicación de los niños con autismo. El 78 % de los niños tratados "
        "mejora su contacto visual en tres meses.</p><p>Paquete de cuatro aplicaciones: 15.000 €. Solicite una "
        "valoración gratuita.</p></body></html>"
    )
    page = Detector.default().analyze(document_from_html(html.encode(), "https://regenera.example/autismo"))
    facts = build_facts([page], [], site_url="https://regenera.example", date_of_facts=date(2026, 12, 6))
    titled = [f for f in facts.of("claim") if f.attributes.get("page_title") == "yes"]
    assert titled, [f.quote for f in facts.of("claim")]
    assert {display(f) for f in titled} == {"Tratamiento del autismo con células madre"}
    inside = replace(titled[0], quote="Le traitement - efficace - contre l'arthrose du genou par cellules souches")
    assert display(inside) == inside.quote


def test_a_patients_story_is_quoted_as_a_claim_only_when_the_company_says_nothing() -> None:
    story_fr = "« Après le traitement, notre fils a fait des progrès incroyables. »"
    story = claim("treat", story_fr)
    told = {"kind": "testimonial", "subkind": "testimonial", "quote": story_fr}
    # a French page whose only claim is a patient's, an English page in the company's words
    english = page("en", [claim("cure", CURE_EN)], url="https://clinic.example/en/")
    q = run_with_facts([page("fr", [story, told]), english])
    c15 = considerant(q, "C15_allegations")
    assert quoted(c15) == [CURE_EN] and "version anglaise du site" in c15.text_fr
    assert_evidence_matches_quotes(q, c15)
    # the story stays the claim when nothing else is said
    alone = run_with_facts([page("fr", [story, told])])
    assert quoted(considerant(alone, "C15_allegations")) == [story_fr.strip("« »")]


def test_the_product_is_the_family_the_site_names_most_not_the_first_umbrella_word() -> None:
    """« Praxis für Regenerative Medizin – Stammzellen »: the umbrella words named first in a title
    do not make the product « la thérapie cellulaire » of a site that speaks of stem cells."""

    def therapy(family: str, quote: str) -> dict[str, Any]:
        return {"kind": "therapy", "subkind": family, "quote": quote, "attributes": {"family": family}}

    stem = [therapy("stem_cells", f"Les cellules souches, séance {n}.") for n in range(3)]
    umbrella = [therapy("cell_therapy_other", "Médecine régénérative"), therapy("cell_therapy_other", "Thérapie cellulaire")]
    pages = [{"language": "fr", "findings": [*umbrella, *stem, claim("cure", "Les cellules souches guérissent l'arthrose.")]}]
    q = qualify(pages_from_spec(pages), authorisations_from_spec([]), date_of_facts=ON, site_url="https://x.example/")
    assert q.product == "thérapie par cellules souches"
    only_umbrella = [{"language": "fr", "findings": [*umbrella, claim("cure", "La thérapie cellulaire guérit l'arthrose.")]}]
    q = qualify(pages_from_spec(only_umbrella), authorisations_from_spec([]), date_of_facts=ON, site_url="https://x.example/")
    assert q.product == "thérapie cellulaire"


def test_ageing_is_named_after_the_diseases_and_a_signature_makes_french_patients() -> None:
    """An anti-ageing offer cited more often than its diseases is still named last (it is no
    disease); a story signed « – Pierre, Marseille » (a French patient's, by its signature alone)
    makes the testimonials Considérant say that French patients are among them."""

    def disease(label: str) -> dict[str, Any]:
        return {"kind": "disease", "subkind": label, "quote": label, "attributes": {"label_fr": label}}

    findings = [
        *[disease("vieillissement") for _ in range(4)],
        disease("autisme"),
        {"kind": "testimonial", "subkind": "testimonial", "quote": "« Notre fils parle beaucoup mieux depuis. »"},
        {"kind": "france_targeting", "subkind": "french_patient", "quote": "– Pierre, Marseille"},
    ]
    q = run_with_facts([page("fr", [*findings, claim("cure", "Les cellules souches guérissent l'autisme.")])])
    presented = considerant(q, "C3").text_fr
    assert presented.index("autisme") < presented.index("vieillissement"), presented
    assert "parmi lesquels des patients français" in considerant(q, "C16_temoignages").text_fr


def test_a_site_saying_that_french_patients_come_does_not_make_its_stories_theirs() -> None:
    """« Des patients venus de France … nous font confiance » beside stories signed from
    Guadalajara: the site mentions French patients; none of the stories is said to be theirs."""
    story = {"kind": "testimonial", "subkind": "testimonial", "quote": "« Après le traitement, Mateo a commencé à parler. »"}
    said = {
        "kind": "france_targeting",
        "subkind": "french_patient",
        "quote": "Des patients venus de France, de Belgique et du Québec nous font confiance.",
    }
    cure = claim("cure", "Les cellules souches guérissent l'autisme.")
    q = run_with_facts([page("fr", [story, said, cure])])
    text = considerant(q, "C16_temoignages").text_fr
    assert "fait état de patients venus de France" in text and "parmi lesquels" not in text, text
    # the same words told by a patient are a French patient's story
    told = {**said, "quote": "Nous sommes venus de France avec notre fils, qui parle enfin."}
    q = run_with_facts([page("fr", [{**story, "quote": told["quote"]}, told, cure])])
    assert "parmi lesquels des patients français" in considerant(q, "C16_temoignages").text_fr


def test_the_price_of_the_treatment_is_quoted_before_a_consultation_fee() -> None:
    """« Consultation : 80 € » is a price, but not the treatment's: « Séance d'exosomes visage :
    450 € » (a price naming the product) is quoted first; a price list that never names it is
    still quoted."""
    therapy = {"kind": "therapy", "subkind": "exosomes", "attributes": {"family": "exosomes"}}
    fee = {"kind": "call_to_action", "subkind": "price", "quote": "Consultation : 80 €"}
    session = {"kind": "call_to_action", "subkind": "price", "quote": "Séance d'exosomes visage : 450 €"}
    cure = claim("cure", "Les exosomes stoppent la chute des cheveux.")
    q = run_with_facts([page("fr", [fee, session, {**therapy, "quote": session["quote"]}, cure])])
    text = considerant(q, "C17_bis_invitation").text_fr
    assert "Séance d'exosomes visage" in text and "Consultation" not in text, text
    q = run_with_facts([page("fr", [fee, {**therapy, "quote": "Nos exosomes"}, cure])])
    assert "Consultation : 80" in considerant(q, "C17_bis_invitation").text_fr


def test_a_menu_entry_is_never_quoted_as_the_sites_words() -> None:
    """« SantéVoyage Devis gratuit » (a menu, marked by the detector) is not an invitation's
    quote; the button in the page is."""
    menu = {"kind": "call_to_action", "subkind": "quote_request", "quote": "SantéVoyage Devis gratuit", "attributes": {"menu": "yes"}}
    button = {"kind": "call_to_action", "subkind": "quote_request", "quote": "Recevez gratuitement les devis de 3 cliniques partenaires"}
    cure = claim("cure", "Les cellules souches guérissent l'autisme.")
    q = run_with_facts([page("fr", [menu, button, cure])])
    text = considerant(q, "C17_bis_invitation").text_fr
    assert "Recevez gratuitement" in text and "SantéVoyage" not in text, text


def test_a_story_in_a_section_heading_is_no_patients_story() -> None:
    """« Ils ont retrouvé leur vitalité grâce à nous » (an h1 the detector marked ``heading``) is
    the title of the stories, not one: two stories are « des témoignages », not « de nombreux »."""
    heading = {
        "kind": "testimonial", "subkind": "testimonial", "quote": "Ils ont retrouvé leur vitalité grâce à nous",
        "attributes": {"heading": "yes"},
    }  # fmt: skip
    stories = [
        {"kind": "testimonial", "subkind": "testimonial", "quote": "« J'ai retrouvé l'énergie de mes quarante ans. »"},
        {"kind": "testimonial", "subkind": "testimonial", "quote": "« Ma mémoire s'est nettement améliorée depuis. »"},
    ]
    cure = claim("cure", "Les cellules fraîches régénèrent le foie et le cœur.")
    text = considerant(run_with_facts([page("fr", [heading, *stories, cure])]), "C16_temoignages").text_fr
    assert "relaye des témoignages" in text and "nombreux" not in text, text


def test_a_story_told_in_several_sentences_is_one_testimonial() -> None:
    """Two patients, two sentences each (the detector gives the paragraph of each): two
    stories, « des témoignages », not « de nombreux »."""
    told = [
        ("« Trois semaines après mon séjour, j'ai retrouvé l'énergie de mes quarante ans.", "3"),
        ("Mes douleurs aux genoux ont disparu. »", "3"),
        ("« Ma mémoire s'est nettement améliorée, mon médecin n'en revenait pas.", "5"),
        ("Je reviens chaque année pour entretenir les résultats. »", "5"),
    ]
    stories = [{"kind": "testimonial", "subkind": "testimonial", "quote": q, "attributes": {"block": b}} for q, b in told]
    cure = claim("cure", "Les cellules fraîches régénèrent le foie et le cœur.")
    text = considerant(run_with_facts([page("fr", [*stories, cure])]), "C16_temoignages").text_fr
    assert "relaye des témoignages" in text, text
    # without the paragraphs (a case file's quotes), each sentence counts
    loose = [{k: v for k, v in f.items() if k != "attributes"} for f in stories]
    assert "de nombreux" in considerant(run_with_facts([page("fr", [*loose, cure])]), "C16_temoignages").text_fr


def test_a_site_written_in_french_throughout_is_not_said_to_have_a_french_version() -> None:
    french = {"kind": "france_targeting", "subkind": "french_language", "quote": "Médecine régénérative à Lyon"}
    cure = claim("cure", "Les cellules souches guérissent l'arthrose.")
    alone = run_with_facts([page("fr", [french, cure]), page("fr", [cure], url="https://clinique.example/genou")])
    assert "rédigé en français et donc à destination du public" in considerant(alone, "C2_site").text_fr
    both = run_with_facts([page("fr", [french, cure]), page("en", [claim("cure", CURE_EN)], url="https://clinique.example/en/")])
    assert "une version en français et est donc" in considerant(both, "C2_site").text_fr


def test_the_en_effet_considerant_repeats_the_companys_words_before_quoting_a_patient() -> None:
    """« en effet » avoids the benefit/risk Considérant's sentences, but a sentence quoted there
    comes before a patient's story all the same."""
    story_fr = "« Je remarche depuis l'injection, c'est un miracle. »"
    told = {"kind": "testimonial", "subkind": "testimonial", "quote": story_fr}
    company = [claim("efficacy_figure", "85 % de nos patients ont moins mal à trois mois."), claim("treat", "L'injection régénère le cartilage du genou.")]
    q = run_with_facts([page("fr", [*company, claim("treat", story_fr), told])])
    en_effet = quoted(considerant(q, "C4_allegations_en_effet"))
    assert en_effet and all("miracle" not in s for s in en_effet), en_effet
