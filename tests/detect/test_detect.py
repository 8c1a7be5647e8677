"""Detection on hand-written fixture pages: findings, quotes, verdicts, bad input."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from vigipub.detect import Detector, LexiconError, analyze_document, fold, lexicon_dir, load_lexicon
from vigipub.detect.lexicon import LANGUAGES
from vigipub.evidence.document import Document
from vigipub.evidence.findings import PageAnalysis
from vigipub.evidence.vocabulary import THERAPY_FAMILIES
from vigipub.extract import document_from_html, document_from_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROMOTION = [
    "promo_fr_dendritic.html",
    "promo_en_stemcells_autism.html",
    "promo_de_stammzellen.html",
    "promo_es_exosomas.html",
    "promo_it_staminali.html",
    "promo_tr_kokhucre.html",
    "promo_pt_celulas.html",
    "promo_nl_stamcellen.html",
]
NOT_PROMOTION = [
    "news_fr_reporting.html",
    "regulator_en_warning.html",
    "encyclopedia_en.html",
    "trial_en.html",
    "authorised_fr_cart.html",
    "association_fr.html",
    "unrelated_fr_recipe.html",
]


def analyse(name: str) -> tuple[Document, PageAnalysis]:
    doc = document_from_html((FIXTURES / name).read_bytes(), f"https://fixtures.example/{name}")
    return doc, analyze_document(doc)


def check_findings(doc: Document, analysis: PageAnalysis) -> None:
    ids = [f.id for f in analysis.findings]
    assert len(ids) == len(set(ids)), "finding ids must be unique"
    for f in analysis.findings:
        assert doc.text[f.start : f.end] == f.quote
        if f.match:
            assert fold(f.match) in fold(f.quote) or f.match in f.quote
        assert f.url == doc.url
    assert set(analysis.drivers) <= set(ids)
    assert 0.0 <= analysis.score <= 1.0 and analysis.reasons


@pytest.mark.parametrize("name", PROMOTION)
def test_promotion_pages(name: str) -> None:
    doc, analysis = analyse(name)
    check_findings(doc, analysis)
    kinds = {f.kind for f in analysis.findings}
    assert {"therapy", "claim", "disease"} <= kinds
    assert analysis.verdict == "promotion", analysis.reasons
    assert analysis.drivers
    for f in analysis.findings:
        if f.kind == "therapy":
            assert f.attributes["family"] in THERAPY_FAMILIES


@pytest.mark.parametrize("name", NOT_PROMOTION)
def test_non_promotion_pages(name: str) -> None:
    doc, analysis = analyse(name)
    check_findings(doc, analysis)
    assert analysis.verdict != "promotion", analysis.reasons


def test_news_and_regulator_pages_are_cleared_with_reporting_context() -> None:
    _doc, news = analyse("news_fr_reporting.html")
    assert news.verdict == "not_promotion"
    assert any(f.kind == "reporting_context" for f in news.findings)
    assert any(
        f.attributes.get("reported") == "yes" or f.attributes.get("quoted") == "yes"
        for f in news.findings
        if f.kind == "claim"
    )
    _doc, regulator = analyse("regulator_en_warning.html")
    assert regulator.verdict == "not_promotion"


def test_recipe_without_therapy_is_not_promotion() -> None:
    _doc, analysis = analyse("unrelated_fr_recipe.html")
    assert analysis.verdict == "not_promotion"
    assert not [f for f in analysis.findings if f.kind == "therapy"]


def test_claims_quote_whole_sentences_with_figures() -> None:
    doc, analysis = analyse("promo_fr_dendritic.html")
    claims = {f.subkind: f for f in analysis.findings if f.kind == "claim"}
    assert claims["efficacy_figure"].quote == "La charge tumorale diminue jusqu'à 65 % chez nos patients."
    assert claims["efficacy_figure"].match == "65 %"
    assert claims["safety"].quote.startswith("C'est le traitement le plus naturel contre le cancer")
    assert claims["universality"].match.lower() == "tous les types de cancer"
    assert "superiority" in claims


# Written for this test: how often a treatment is given, and a price paid in instalments, are
# not efficacy figures; the same words comparing effects are.
NOT_FIGURES = [
    ("fr", "Le traitement par cellules souches comprend des injections 2 fois par semaine pendant un mois."),
    ("fr", "Payez votre traitement par cellules souches en 3 fois sans frais."),
    ("en", "The stem cell therapy is given 3 times a week for the first month."),
    ("pt", "Parcelamos o tratamento com células-tronco em até 12 vezes no cartão."),
    ("pt", "As células-tronco são aplicadas 2 vezes por semana."),
    ("es", "La terapia con células madre se aplica 2 veces al mes."),
    ("de", "Die Stammzelltherapie wird 3 mal pro Woche verabreicht."),
    ("it", "La terapia con cellule staminali si ripete 2 volte al mese."),
    # a patient recommending, a price paid: « Je recommande à 100 % » was a figure of the clinic's
    ("fr", "Greffe de cellules souches en mars, je recommande à 100 %."),
    ("en", "Stem cell injections in Houston: I recommend them 100%."),
    ("fr", "Le traitement par cellules souches est financé à 100 % par notre partenaire."),
    ("de", "Stammzelltherapie: 100 % empfehlenswert."),
    # how common the disease is: a share of the population, not of the treated patients
    ("it", "Cellule staminali per l'artrosi, che colpisce il 10% della popolazione adulta e il 50% delle persone oltre i 60 anni."),
    ("fr", "Les cellules souches contre l'arthrose, qui touche 17 % de la population."),
    ("en", "Stem cells for osteoarthritis, which affects 30% of adults."),
    ("es", "Células madre para el autismo, que afecta a 1 de cada 36 niños."),
    ("fr", "Cellules souches et autisme : l'autisme touche 1 enfant sur 100."),
    ("en", "Stem cells for erectile dysfunction: the prevalence of ED was 52% in men aged 40 to 70."),
]
FIGURES = [
    ("fr", "Je recommande ces cellules souches : 80 % de mes douleurs ont disparu.", "80 %"),
    ("fr", "Les cellules souches sont 10 fois plus efficaces que la chirurgie contre l'arthrose.", "10 fois"),
    ("en", "Our stem cell patients recover 3 times faster from arthritis.", "3 times"),
    ("pt", "As células-tronco regeneram a cartilagem 5 vezes mais rápido na artrose.", "5 vezes"),
    ("es", "Las células madre regeneran el cartílago 5 veces más rápido.", "5 veces"),
    ("fr", "Nos cellules souches réparent le cartilage jusqu'à 10 fois plus vite que la chirurgie.", "10 fois"),
    ("pt", "As células-tronco reparam a cartilagem até 10 vezes mais rápido.", "10 vezes"),
    ("en", "Stem cells for osteoarthritis: 80% of our patients improved.", "80%"),
]


def _figures(language: str, sentence: str) -> list[str]:
    html = f"<html lang='{language}'><body><p>{sentence}</p></body></html>"
    analysis = Detector.default().analyze(document_from_html(html.encode(), "https://clinic.example/"))
    return [f.match for f in analysis.findings if (f.kind, f.subkind) == ("claim", "efficacy_figure")]


@pytest.mark.parametrize(("language", "sentence"), NOT_FIGURES)
def test_a_frequency_an_instalment_or_a_prevalence_is_no_efficacy_figure(language: str, sentence: str) -> None:
    assert _figures(language, sentence) == []


@pytest.mark.parametrize(("language", "sentence", "figure"), FIGURES)
def test_a_figure_comparing_effects_is_an_efficacy_figure(language: str, sentence: str, figure: str) -> None:
    assert _figures(language, sentence) == [figure]


@pytest.mark.parametrize(
    ("language", "heading", "disease"),
    [
        ("fr", "Traitement de la hernie discale par cellules souches", "back_pain"),
        ("en", "Stem cell therapy for rotator cuff tears and tennis elbow", "tendon_injury"),
        ("de", "Stammzelltherapie bei Hüftkopfnekrose", "osteonecrosis"),
        ("es", "Células madre para el dolor lumbar", "back_pain"),
        ("it", "Cellule staminali per le lesioni tendinee", "tendon_injury"),
    ],
)
def test_orthopaedic_indications_are_diseases(language: str, heading: str, disease: str) -> None:
    """Back pain, tendons and osteonecrosis, frequent indications of stem-cell clinics: a heading
    naming one with the therapy is a treatment heading."""
    html = f"<html lang='{language}'><body><h1>{heading}</h1><p>{heading}.</p></body></html>"
    analysis = Detector.default().analyze(document_from_html(html.encode(), "https://clinic.example/"))
    assert disease in {f.subkind for f in analysis.findings if f.kind == "disease"}
    assert analysis.features["treatment_title"] == 1.0


def test_manipulations_and_diseases_carry_attributes() -> None:
    _doc, fr = analyse("promo_fr_dendritic.html")
    manip = {f.subkind: f.attributes["substantial"] for f in fr.findings if f.kind == "manipulation"}
    assert manip.get("culture_expansion") == "yes" and manip.get("antigen_loading") == "yes"
    _doc, en = analyse("promo_en_stemcells_autism.html")
    codes = {f.attributes["icd10"] for f in en.findings if f.kind == "disease"}
    assert {"F84.0", "G80"} <= codes
    labels = {f.attributes["label_fr"] for f in en.findings if f.kind == "disease"}
    assert "autisme" in labels


def test_france_targeting_signals() -> None:
    _doc, fr = analyse("promo_fr_dendritic.html")
    signals = {f.subkind for f in fr.findings if f.kind == "france_targeting"}
    assert {"french_language", "fr_variant", "french_phone", "euro_price", "french_city"} <= signals
    _doc, en = analyse("promo_en_stemcells_autism.html")
    signals = {f.subkind for f in en.findings if f.kind == "france_targeting"}
    assert "fr_variant" in signals and signals & {"french_patient", "from_france_logistics"}
    assert "french_language" not in signals


def test_testimonials_calls_to_action_and_travel() -> None:
    _doc, en = analyse("promo_en_stemcells_autism.html")
    kinds = {(f.kind, f.subkind) for f in en.findings}
    assert ("testimonial", "testimonial") in kinds
    assert {s for k, s in kinds if k == "call_to_action"} >= {"package", "consultation"}
    assert any(k == "travel" for k, _s in kinds)


def test_mixed_language_page_finds_the_french_section() -> None:
    doc, analysis = analyse("mixed_de_fr.html")
    check_findings(doc, analysis)
    fr_claims = [f for f in analysis.findings if f.kind == "claim" and f.entry_ids[0].startswith("fr.")]
    assert fr_claims, "French claims in a German page must be found"
    assert any(f.kind == "france_targeting" and f.subkind == "french_language" for f in analysis.findings)


def test_finding_ids_are_stable_and_depend_on_the_url() -> None:
    doc, first = analyse("promo_de_stammzellen.html")
    second = analyze_document(doc)
    assert [f.id for f in first.findings] == [f.id for f in second.findings]
    other = analyze_document(doc.model_copy(update={"url": "https://elsewhere.example/"}))
    assert {f.id for f in other.findings}.isdisjoint({f.id for f in first.findings})


@pytest.mark.parametrize(
    "name",
    ["empty.html", "binary.html", "scripts_only.html", "latin1_lying_charset.html", "invalid_utf8.html"],
)
def test_bad_input_gets_a_verdict(name: str) -> None:
    doc, analysis = analyse(name)
    check_findings(doc, analysis)
    if not doc.text.strip():
        assert analysis.verdict == "uncertain"
        assert analysis.findings == []


def test_big_page_and_degenerate_text() -> None:
    sentence = "Les cellules souches guérissent l'autisme sans effets secondaires. "
    big = document_from_text(sentence * 15_000, "https://big.example/")  # ~1 MB of text
    analysis = analyze_document(big)
    # a degenerate page is still judged (claims about a therapy, repeated) without blowing up
    assert analysis.verdict in ("promotion", "uncertain")
    assert len(analysis.findings) < 500 and any("not listed" in w for w in analysis.warnings)
    assert all(f.end - f.start <= 700 for f in analysis.findings)
    run_on = document_from_text("cellules souches " * 5000, "https://runon.example/")
    assert all(f.end - f.start <= 700 for f in analyze_document(run_on).findings)
    weird = document_from_text("İstanbul'da kök hücre tedavisi 🧬 ﬁn ß " * 50, "https://tr.example/")
    check_findings(weird, analyze_document(weird))


def test_fold_preserves_length() -> None:
    rng = random.Random(7)
    alphabet = "aàâäæçéèêëïîôœùûüÿßİıŞşĞğÇ’«» \u00a0\u202f中文🧬ﬁABCÉ-–—\n"
    for _ in range(300):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert len(fold(s)) == len(s)
    assert fold("Thérapie GÉNIQUE n’a") == "therapie genique n'a"


def test_every_language_has_a_lexicon() -> None:
    lexicon = load_lexicon()
    for e in lexicon.entries:
        assert e.id.startswith(e.language + ".")
    # the names of common.yaml (languages without a lexicon) fire on every page, and only
    # name therapies, diseases or currencies: they can never make a claim or an offer
    names = [e for e in lexicon.entries if e.language not in LANGUAGES]
    assert {e.language for e in names} >= {"ru", "pl", "ar", "vi", "el", "uk"}
    assert all(e.any_language and e.kind in ("therapy", "cue", "disease") for e in names)
    langs = {e.language for e in lexicon.entries} - {e.language for e in names}
    assert langs == {"fr", "en", "de", "es", "it", "tr", "pt", "nl"}
    for lang in langs:
        kinds = {e.kind for e in lexicon.entries if e.language == lang}
        assert {"therapy", "disease", "claim", "reporting_context", "call_to_action"} <= kinds, lang


def _copy_lexicons(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for path in lexicon_dir().glob("*.yaml"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_an_agency_can_extend_the_lexicon(tmp_path: Path) -> None:
    folder = _copy_lexicons(tmp_path)
    with open(folder / "fr.yaml", "a", encoding="utf-8") as fh:
        fh.write(
            "- {id: fr.therapy.agency_test, kind: therapy, subkind: cell_therapy_other, "
            'terms: ["cure de jouvence cellulaire"]}\n'
        )
    detector = Detector.from_folder(folder)
    doc = document_from_text("Notre cure de jouvence cellulaire guérit tout.", "u:", language_hint="fr")
    analysis = detector.analyze(doc)
    assert any("fr.therapy.agency_test" in f.entry_ids for f in analysis.findings)


@pytest.mark.parametrize(
    "file, line, message",
    [
        ("fr.yaml", '- {id: fr.x, kind: nonsense, subkind: a, terms: ["x"]}\n', "unknown kind"),
        ("fr.yaml", '- {id: fr.x, kind: therapy, subkind: not_a_family, terms: ["x"]}\n', "not in the vocabulary"),
        ("fr.yaml", '- {id: fr.x, kind: disease, subkind: unknown_disease, terms: ["x"]}\n', "common.yaml"),
        ("fr.yaml", "- {id: fr.x, kind: claim, subkind: cure, terms: []}\n", "terms"),
        ("fr.yaml", '- {id: fr.claim.cure.guerison, kind: claim, subkind: cure, terms: ["x"]}\n', "duplicate"),
        ("fr.yaml", '- {id: fr.claim.safety.sur, kind: claim, subkind: safety, terms: ["sûr"]}\n', "very common word"),
        # common.yaml's names (languages without a lexicon), its last section: each entry gives
        # its terms' language, and names only name things (a claim cannot be read there)
        ("common.yaml", '- {id: ru.x, kind: therapy, subkind: stem_cells, terms: ["x"]}\n', "language of its terms"),
        ("common.yaml", '- {id: ru.x, language: russian, kind: therapy, subkind: stem_cells, terms: ["x"]}\n', "ISO 639"),
        ("common.yaml", '- {id: ru.x, language: ru, kind: claim, subkind: cure, terms: ["x"]}\n', "kind must be one of"),
        (
            "common.yaml",
            '- {id: ru.therapy.stem_cells, language: ru, kind: therapy, subkind: stem_cells, terms: ["x"]}\n',
            "duplicate",
        ),
    ],
)
def test_malformed_lexicon_entries_are_rejected(tmp_path: Path, file: str, line: str, message: str) -> None:
    folder = _copy_lexicons(tmp_path)
    with open(folder / file, "a", encoding="utf-8") as fh:
        fh.write(line)
    with pytest.raises(LexiconError, match=message):
        load_lexicon(folder)


def test_site_verdict_sees_promotion_spread_over_pages() -> None:
    detector = Detector.default()
    site = FIXTURES / "site"
    analyses = [
        detector.analyze(document_from_html(path.read_bytes(), f"https://helios.example/{path.name}"))
        for path in sorted(site.glob("*.html"))
    ]
    # the prices and the stories do not name the therapy again: alone, they are not promotion
    alone = {a.url.rsplit("/", 1)[-1]: a.verdict for a in analyses}
    assert alone["tarifs.html"] != "promotion" and alone["temoignages.html"] != "promotion"
    analyses = detector.judge_in_sites(analyses)  # site context: the pages judged together
    assert all(a.verdict == "promotion" for a in analyses), [(a.url, a.verdict) for a in analyses]
    verdict = detector.analyze_site(analyses, "https://helios.example/")
    assert verdict.source == "site" and verdict.verdict == "promotion", verdict.reasons
    pages = {f.url for f in verdict.findings if f.id in verdict.drivers}
    assert len(pages) >= 2  # drivers point back to the pages they come from
    assert detector.analyze_site([]).verdict == "uncertain"


def test_disease_labels_are_french_and_cover_the_catalogue() -> None:
    from vigipub.detect import disease_labels

    labels = disease_labels()
    assert labels["multiple_sclerosis"] == "sclérose en plaques" and labels["autism"] == "autisme"
    assert set(labels) == set(load_lexicon().diseases)
