"""A clinic's or an institution's name is never quoted as a claim; quotes keep their marks.

Pages written for these tests (Portuguese, Italian, English, German, French), not corpus text.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.detect.sentences import SentenceIndex
from vigipub.extract import document_from_html, document_from_text


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.default()


def _claim_matches(detector: Detector, lang: str, body: str) -> list[tuple[str, str]]:
    page = f"<!DOCTYPE html><html lang='{lang}'><head><title>x</title></head><body>{body}</body></html>"
    doc = document_from_html(page.encode(), "https://clinic.example/p", source="file")
    analysis = detector.analyze(doc)
    return [(f.match, f.quote) for f in analysis.findings if f.kind == "claim"]


def test_a_clinic_named_after_a_claim_verb_is_not_a_claim(detector: Detector) -> None:
    body = (
        "<h1>Clínica Regenera Porto – Terapia com células estaminais no Porto</h1>"
        "<p>Na Clínica Regenera tratamos a artrose do joelho com células estaminais.</p>"
        "<p>Uma injeção regenera a cartilagem do joelho.</p>"
        "<footer><p>Regenera Saúde, Lda · Rua de Santa Catarina 250, Porto</p></footer>"
    )
    matches = _claim_matches(detector, "pt", body)
    assert "Regenera" not in [m for m, _ in matches], matches
    # the verb in lower case, in the same page, is still the clinic's promise
    assert ("regenera", "Uma injeção regenera a cartilagem do joelho.") in matches, matches


def test_a_claim_word_beside_an_institutions_word_is_a_name_even_in_a_title(detector: Detector) -> None:
    # a price page whose only mention of the clinic is its title, in title case
    page = "<table><tr><td>Artrose do joelho (células estaminais)</td><td>4 900 €</td></tr></table>"
    doc = document_from_html(
        f"<html lang='pt'><head><title>Preços | Clínica Regenera Porto</title></head><body>{page}</body></html>".encode(),
        "https://clinic.example/precos",
        source="file",
    )
    assert [f.match for f in detector.analyze(doc).findings if f.kind == "claim" and f.match == "Regenera"] == []
    italian = document_from_html(
        b"<html lang='it'><head><title>Trattamenti | Centro Medico Rigenera Milano</title></head><body>"
        b"<p>Cellule staminali per il ginocchio.</p></body></html>",
        "https://clinic.example/trattamenti",
        source="file",
    )
    assert [f.match for f in detector.analyze(italian).findings if f.kind == "claim" and f.match == "Rigenera"] == []
    english = _claim_matches(detector, "en", "<h1>Restore Clinic Dubai</h1><p>Stem cell therapy for knee pain.</p>")
    assert "Restore" not in [m for m, _ in english], english


def test_an_institution_in_a_sentence_is_not_a_claim(detector: Detector) -> None:
    body = (
        "<p>Le cellule staminali sono state studiate all'Ospedale Casa Sollievo della Sofferenza"
        " da un gruppo di ricercatori italiani.</p>"
    )
    assert "Sollievo" not in [m for m, _ in _claim_matches(detector, "it", body)]


def test_title_case_headings_german_nouns_and_acronyms_keep_their_claims(detector: Detector) -> None:
    heading = _claim_matches(detector, "en", "<h1>How Stem Cell Therapy Can Regenerate Damaged Cartilage</h1>")
    assert any(m.lower().startswith("regenerate") for m, _ in heading), heading
    german = _claim_matches(
        detector, "de", "<p>Unsere Klinik verspricht die Heilung der Arthrose mit Stammzellen.</p>"
    )
    assert "Heilung" in [m for m, _ in german], german
    acronym = _claim_matches(
        detector,
        "nl",
        "<p>Onze kliniek biedt stamceltherapie aan.</p>"
        "<p>De NK-cellen vallen gericht de tumorcellen aan zonder gezond weefsel te beschadigen.</p>",
    )
    assert acronym, "a cell name in capitals starts a claim, it is no clinic's name"


def _sentences(text: str) -> list[str]:
    doc = document_from_text(text, url="file:///t")
    index = SentenceIndex(doc)
    return [doc.text[s:e] for s, e in index._sentences(0)]


def test_a_french_quote_keeps_its_closing_mark() -> None:
    assert _sentences("« Après le traitement, notre fille a progressé. » – Famille Martin, Toulouse") == [
        "« Après le traitement, notre fille a progressé. »",
        "– Famille Martin, Toulouse",
    ]
    # a no-break space before the mark, as French typography sets it (extraction makes it a space)
    assert _sentences("« Il marche.\u00a0» Puis il court.") == ["« Il marche. »", "Puis il court."]


def test_a_title_separator_is_not_part_of_the_sentence() -> None:
    assert _sentences("Tarifs | Clinique Regenera Porto · Lisboa") == ["Tarifs", "Clinique Regenera Porto", "Lisboa"]


def test_walking_without_pain_is_an_outcome_not_a_painless_procedure(detector: Detector) -> None:
    """« Je remarche sans douleur » tells an effect (a claim of treatment), « une injection sans
    douleur » a painless procedure (a safety claim)."""
    story = _claim_matches(
        detector,
        "fr",
        "<p>Nous proposons des injections de cellules souches pour l'arthrose.</p>"
        "<p>« Je remarche sans douleur depuis l'injection. »</p>",
    )
    assert ("remarche sans douleur", "« Je remarche sans douleur depuis l'injection. »") in story
    assert "sans douleur" not in [m for m, _ in story]
    procedure = _claim_matches(
        detector,
        "fr",
        "<p>Nous proposons des injections de cellules souches pour l'arthrose.</p><p>L'injection est rapide et sans douleur.</p>",
    )
    assert "sans douleur" in [m for m, _ in procedure]


def test_a_french_quote_that_ends_its_paragraph_keeps_its_closing_mark() -> None:
    assert _sentences("Il dit : « Je remarche. »") == ["Il dit : « Je remarche. »"]


def test_a_german_date_s_ordinal_ends_no_sentence() -> None:
    """« am 12. März 2024 »: the day's full stop is an ordinal's; a number ending a sentence
    before another word still ends it."""
    assert _sentences("Veröffentlicht am 12. März 2024 von admin. Stammzellen heilen.") == [
        "Veröffentlicht am 12. März 2024 von admin.",
        "Stammzellen heilen.",
    ]
    assert _sentences("Wir behandeln seit 2012. Mai kommt bald.") == ["Wir behandeln seit 2012.", "Mai kommt bald."]
    assert _sentences("Die Patienten waren 12. Danach ging es besser.") == [
        "Die Patienten waren 12.",
        "Danach ging es besser.",
    ]


def test_a_turkish_legal_notice_is_no_warning(detector: Detector) -> None:
    """« Yasal Uyarı » is the link to a Turkish site's legal notice; « uyarı » elsewhere warns."""

    def warnings(html: str) -> list[str]:
        doc = document_from_html(html.encode(), "https://klinik.example/")
        return [f.quote for f in detector.analyze(doc).findings if f.kind == "reporting_context"]

    footer = "<footer><a href='/y'>Yasal Uyarı</a> · <a href='/g'>Gizlilik Politikası</a></footer>"
    assert warnings(f"<html lang='tr'><body><p>Kök hücre tedavisi.</p>{footer}</body></html>") == []
    warned = "<p>Uzmanlar kök hücre tedavisi konusunda uyarı yaptı.</p>"
    assert warnings(f"<html lang='tr'><body>{warned}</body></html>") == [
        "Uzmanlar kök hücre tedavisi konusunda uyarı yaptı."
    ]
