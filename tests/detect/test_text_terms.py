"""The verdict's text component: the terms of a page, their weights, where they are.

Pages and models here were written for these tests.
"""

from __future__ import annotations

import math

import pytest

from vigipub.detect import Detector
from vigipub.detect.learn import Example, TrainParams, fit, model_from_dict
from vigipub.detect.lexicon import default_lexicon
from vigipub.detect.terms import locate, terms_of
from vigipub.detect.verdict import TextScore, load_verdict_model
from vigipub.extract import document_from_html, document_from_text


def test_terms_are_folded_words_and_pairs_within_a_sentence() -> None:
    terms = terms_of("Nos Patients témoignent. Prenez rendez-vous : 3 séances\nÉtude")
    assert {"nos", "patients", "temoignent", "nos patients", "patients temoignent"} <= terms
    assert {"prenez", "rendez", "vous", "prenez rendez", "rendez vous", "seances"} <= terms
    assert "temoignent prenez" not in terms  # a sentence end separates a pair
    assert "seances etude" not in terms  # so does a line
    assert "vous seances" not in terms  # ":" ends a clause
    assert not any(ch.isdigit() for t in terms for ch in t)


def test_only_the_start_of_a_page_is_read() -> None:
    text = "clinique " * 10 + "lointain"
    assert "lointain" in terms_of(text, max_chars=len(text))
    assert "lointain" not in terms_of(text, max_chars=40)


def test_a_term_is_located_as_written_on_the_page() -> None:
    text = "Résultats\nDans NOTRE  Clinique, les patients vont mieux."
    hit = locate(text, "notre clinique")
    assert hit is not None and text[hit.start : hit.end] == "NOTRE  Clinique"
    hit = locate(text, "resultats")
    assert hit is not None and text[hit.start : hit.end] == "Résultats"
    assert locate(text, "clinique les") is not None  # a comma is no sentence end
    assert locate(text, "resultats dans") is None  # a line is
    assert locate(text, "tique") is None  # whole words only


def _model(terms: dict[str, float]):  # type: ignore[no-untyped-def]
    base = load_verdict_model()
    body = {
        "coefficients": base.coefficients,
        "intercept": base.intercept,
        "thresholds": {"promotion": base.promote_at, "not_promotion": base.clear_below},
        "rules": {"min_text_chars": 200, "genre_min": 1.5},
        "text": {"max_chars": 3000, "terms": terms},
    }
    return model_from_dict(body, base)


def test_the_text_score_adds_up_and_shows_the_terms_that_weighed_most() -> None:
    weights = {f"mot{chr(97 + i)}": 0.1 * (i + 1) for i in range(8)} | {"contre": -0.5, "absent": 9.0}
    model = _model(weights)
    text = "Début. " + " ".join(f"Mot{chr(97 + i)}." for i in range(8)) + " Contre."
    score = TextScore.of_text(model, text)
    assert score.total == pytest.approx(sum(v for k, v in weights.items() if k != "absent"))
    shown = [c for c in score.contributions if c.feature == "term"]
    rest = [c for c in score.contributions if c.feature == "terms_other"]
    assert len([c for c in shown if c.weight > 0]) == 6 and len([c for c in shown if c.weight < 0]) == 1
    assert len(rest) == 1 and rest[0].value == 2 and "2" in rest[0].label
    assert sum(c.weight for c in score.contributions) == pytest.approx(score.total, abs=1e-3)
    for c in shown:
        assert c.quote is not None and c.start is not None and c.end is not None
        assert text[c.start : c.end] == c.quote and c.label == f"« {c.quote} »"
    assert shown[0].quote == "Contre" or shown[0].weight == pytest.approx(0.8)  # largest first
    assert TextScore.of_terms(model, terms_of(text)).total == pytest.approx(score.total)


CLINIC = (
    "<html lang='fr'><body><h1>Thérapie par cellules souches</h1>"
    "<p>Notre clinique propose la thérapie par cellules souches aux patients atteints d'arthrose.</p>"
    "<p>Nos patients marchent de nouveau après trois injections. Prenez rendez-vous.</p></body></html>"
)


def test_a_verdict_names_the_terms_that_weighed_with_their_place_in_the_text() -> None:
    model = _model({"nos patients": 0.9, "notre clinique": 0.7, "arthrose": -0.4})
    detector = Detector(default_lexicon(), model)
    doc = document_from_html(CLINIC.encode(), "https://clinique.example/")
    analysis = detector.analyze(doc)
    terms = [c for c in analysis.contributions if c.feature == "term"]
    assert {c.quote for c in terms} == {"Nos patients", "Notre clinique", "arthrose"}
    for c in terms:
        assert c.start is not None and c.end is not None and doc.text[c.start : c.end] == c.quote
    assert analysis.features["terms"] == pytest.approx(1.2)
    pros = next(r for r in analysis.reasons if r.startswith("termes qui pèsent pour : "))
    assert "« Nos patients » +0,90" in pros and "« Notre clinique » +0,70" in pros
    cons = next(r for r in analysis.reasons if r.startswith("termes qui pèsent contre : "))
    assert "« arthrose » −0,40" in cons
    # the same page without its text component: the terms moved the score by their sum
    plain = Detector(default_lexicon(), _model({})).analyze(doc)
    logit = lambda p: math.log(p / (1 - p))  # noqa: E731
    assert logit(analysis.score) - logit(plain.score) == pytest.approx(1.2, abs=2e-3)


def test_pages_in_a_language_without_a_lexicon_get_no_text_score() -> None:
    model = _model({"клиника": 5.0})
    text = "Стволовые клетки. " + "Наша клиника предлагает лечение стволовыми клетками пациентам. " * 10
    doc = document_from_text(text, "https://klinika.example/")
    analysis = Detector(default_lexicon(), model).analyze(doc)
    assert analysis.language == "other"
    assert not [c for c in analysis.contributions if c.feature in ("term", "terms_other")]


def _example(i: int, host: str, label: bool, text: str) -> Example:
    doc = document_from_text(text, f"https://{host}/page{i}")
    analysis = Detector.default().analyze(doc)
    return Example(
        id=f"{host}-{i}",
        corpus="real",
        group=host,
        label=label,
        language="en",
        category="x",
        findings=analysis.findings,
        text_chars=len(text),
        foreign=False,
        page_language=analysis.language,
        text=text,
    )


def test_a_word_of_one_site_is_never_learned_however_often_it_appears() -> None:
    """Terms must be seen on several sites: a clinic's own name cannot become a weight."""
    promo = "Stem cell therapy for knee arthritis. Our clinic offers stem cell injections. Book your consultation today."
    news = "Stem cell clinics under scrutiny. Researchers said the study found no evidence, the regulator warned."
    examples = [_example(i, "zorglubclinic.example", True, promo + " Zorglub zorglub.") for i in range(12)]
    examples += [_example(i, f"clinic{i}.example", True, promo) for i in range(6)]
    examples += [_example(i, f"news{i}.example", False, news) for i in range(12)]
    params = TrainParams(min_hosts=(4,), text_scale=(1.0,), inner_folds=3, folds=3, max_language_df=1.0)
    terms = fit(examples, params)["text"]["terms"]
    assert "zorglub" not in terms and "book your" in terms and "researchers" in terms
    assert terms["book your"] > 0 > terms["researchers"]
    # a word on more than half of the pages of their language says nothing of one page
    params = TrainParams(min_hosts=(4,), text_scale=(1.0,), inner_folds=3, folds=3, max_language_df=0.5)
    terms = fit(examples, params)["text"]["terms"]
    assert "stem" not in terms and "book your" not in terms and "researchers" in terms


def test_the_text_of_a_page_naming_no_therapy_is_not_read_and_counts_as_average() -> None:
    """The score decides nothing on such a page (speed); its site's context, if any, judges it
    with the training pages' average text, said so in its contributions."""
    detector = Detector.default()
    html = (
        "<html lang='fr'><body><h1>Témoignages</h1>"
        "<p>Nos patients témoignent : après trois séances, je marche mieux et je dors enfin la nuit.</p>"
        "<p>Notre équipe vous accueille du lundi au vendredi ; prenez rendez-vous pour une première "
        "consultation, nous répondons à toutes vos questions.</p></body></html>"
    )
    analysis = detector.analyze(document_from_html(html.encode(), "https://clinique.example/temoignages"))
    assert analysis.verdict == "not_promotion" and analysis.findings
    assert "terms" not in analysis.features
    assert not [c for c in analysis.contributions if c.feature.startswith("term")]
    unread = TextScore.of_analysis(analysis, detector.model)
    assert not unread.read and unread.total == detector.model.text_mean
    (c,) = unread.contributions
    assert c.feature == "terms_unread" and "moyenne" in c.label and c.weight == pytest.approx(detector.model.text_mean, abs=1e-4)


def test_a_menu_is_not_read_however_long_and_terms_are_located_in_the_page() -> None:
    """The text component reads the page's own text, not its navigation menu nor its footer: a 200-entry
    mega-menu (« Notre équipe », « Espace patient ») used to fill the whole reading window, so a
    newspaper's page read as its menu. A term found after the menu is located in the page."""
    from vigipub.detect.terms import Reading

    model = _model({"nos patients": 0.9, "notre equipe": 0.8, "arthrose": -0.4})
    detector = Detector(default_lexicon(), model)
    menu = "".join(f"<li><a href='/{i}'>Notre équipe {i}</a></li>" for i in range(200))
    with_menu = CLINIC.replace("<body>", f"<body><header><nav><ul>{menu}</ul></nav></header>", 1)
    with_menu = with_menu.replace("</body>", "<footer><p>Notre équipe, 8 rue X, Lyon</p></footer></body>")
    assert with_menu != CLINIC
    doc = document_from_html(with_menu.encode(), "https://clinique.example/")
    assert sum(b.tag == "nav" for b in doc.blocks) == 200 and doc.blocks[-1].tag == "footer"
    reading = Reading.of(doc)
    assert "équipe" not in reading.text and reading.text.startswith(doc.text[doc.blocks[200].start :][:20])
    analysis = detector.analyze(doc)
    alone = detector.analyze(document_from_html(CLINIC.encode(), "https://clinique.example/"))
    assert analysis.features["terms"] == pytest.approx(alone.features["terms"]) == pytest.approx(0.5)
    for c in (c for c in analysis.contributions if c.feature == "term"):
        assert c.start is not None and c.end is not None and doc.text[c.start : c.end] == c.quote
        assert c.start > doc.blocks[199].end


def test_an_organisation_s_team_in_a_menu_is_no_provider_speaking() -> None:
    """« Notre équipe » in a menu is a section of any organisation's site (a health agency's
    too); in a sentence, the provider speaks."""
    detector = Detector.default()

    def clinic_genre(html: str) -> list[str]:
        doc = document_from_html(html.encode(), "https://agence.example/")
        return [f.quote for f in detector.analyze(doc).findings if f.kind == "genre" and f.subkind == "clinic"]

    menu = "<nav><ul><li><a href='/'>Accueil</a></li><li><a href='/e'>Notre équipe</a></li></ul></nav>"
    page = "<p>Les injections d'exosomes ne sont pas autorisées.</p>"
    assert clinic_genre(f"<html lang='fr'><body><header>{menu}</header><main>{page}</main></body></html>") == []
    spoken = "<p>Notre équipe injecte des exosomes.</p>"
    assert clinic_genre(f"<html lang='fr'><body>{spoken}</body></html>") == ["Notre équipe injecte des exosomes."]
