"""Hard negatives found with hand-written dev pages (insurer FAQs, patient forums, broadcast
transcripts): the verdict rule and lexicon cues that clear them.

1. A first-person *question* ("¿Cubre mi seguro las células madre?", "O meu plano cobre
   células-tronco?") is the reader asking, not a patient telling an outcome: it is never
   counted as a testimonial, so it neither raises the score nor gives the page a seller's voice.
2. An insurer's refusal ("no reembolsamos", "não são cobertos", "übernehmen die Kosten nicht")
   is a reporting/warning cue (subkind non_coverage).
3. A price a caller or the press reports ("Me cobraron 6.000 euros", "cobraba") is not an offer.

The sentences were written for these tests; they are not taken from the corpus test split.
"""

from __future__ import annotations

import html

import pytest

from vigipub.detect import analyze_document
from vigipub.detect.features import is_question
from vigipub.evidence.findings import Finding
from vigipub.extract import document_from_html


def _page(lang: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><title>t</title></head><body><main>"
        f"{body}</main></body></html>"
    )


def _analyze(lang: str, *paragraphs: str):
    doc = document_from_html(_page(lang, *paragraphs).encode(), "https://example.test/p", source="file")
    return analyze_document(doc)


def _finding(quote: str) -> Finding:
    return Finding.model_construct(
        id="x", kind="testimonial", subkind="first_person_outcome", quote=quote, start=0, end=len(quote),
        match="", language="es", confidence=0.9, url="u", record_id=None, payload_digest=None,
        entry_ids=["pattern.first_person_outcome"], attributes={},
    )


@pytest.mark.parametrize(
    "quote, expected",
    [
        ("¿Cubre mi seguro las terapias con células madre?", True),
        ("O meu plano cobre células-tronco?", True),
        ("  Can my son be treated?  ", True),
        ("Mi hijo volvió a hablar tras el tratamiento.", False),
        ("Depuis le traitement, je marche sans canne !", False),
    ],
)
def test_a_question_is_not_a_testimonial(quote: str, expected: bool) -> None:
    assert is_question(_finding(quote)) is expected


def test_first_person_question_does_not_count_as_testimonial() -> None:
    analysis = _analyze(
        "es",
        "¿Cubre mi póliza los tratamientos con células madre para la artrosis?",
        "No. Las infiltraciones de células madre para la artrosis son tratamientos experimentales.",
    )
    questions = [f for f in analysis.findings if f.kind == "testimonial" and f.quote.strip().endswith("?")]
    assert questions, "the question is still listed for the investigator"
    assert analysis.features["testimonials"] == 0  # the verdict model does not count it
    assert analysis.verdict != "promotion"


def test_a_statement_testimonial_still_counts() -> None:
    analysis = _analyze(
        "es",
        "Terapia con células madre para la artrosis de rodilla.",
        "Mi madre tenía artrosis y tras el tratamiento con células madre camina sin dolor.",
    )
    assert analysis.features["testimonials"] > 0
    assert any(c.feature == "testimonials" for c in analysis.contributions)


@pytest.mark.parametrize(
    "lang, therapy, sentence",
    [
        ("es", "Células madre.", "No reembolsamos tratamientos con células madre realizados en el extranjero."),
        ("pt", "Células-tronco.", "Esses tratamentos com células-tronco não são cobertos pelo plano."),
        ("it", "Cellule staminali.", "I trattamenti con cellule staminali non sono rimborsabili."),
        ("de", "Stammzellen.", "Die Krankenkassen übernehmen die Kosten nicht, auch nicht teilweise."),
    ],
)
def test_insurer_refusal_is_a_reporting_cue(lang: str, therapy: str, sentence: str) -> None:
    analysis = _analyze(lang, therapy, sentence)
    cues = [f for f in analysis.findings if f.kind == "reporting_context" and f.subkind == "non_coverage"]
    assert cues, analysis.reasons


def test_reported_price_is_not_an_offer() -> None:
    analysis = _analyze(
        "es",
        "Una clínica ofrecía infiltraciones de células madre para la artrosis.",
        "Me cobraron 6.000 euros y no noté nada.",
    )
    assert not [f for f in analysis.findings if f.kind == "call_to_action" and f.subkind == "price"]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("es", "Transcripción del programa. Tenemos la llamada de un oyente sobre las células madre."),
        ("de", "Transkript der Sendung vom 2. Mai. Die Moderatorin spricht über Stammzellen."),
        ("pt", "Transcrição do programa. Um ouvinte pergunta sobre células-tronco."),
        ("it", "Trascrizione della puntata. Un ascoltatore chiede delle cellule staminali."),
    ],
)
def test_broadcast_transcript_is_news(lang: str, text: str) -> None:
    analysis = _analyze(lang, text)
    genres = {f.subkind for f in analysis.findings if f.kind == "genre"}
    assert "news" in genres
