"""Pages in a language without a lexicon keep only the language-independent entries."""

from vigipub.detect import Detector
from vigipub.extract import document_from_html

# Polish, written for this test: a ministry (MSZ) news item that also names exosomes.
POLISH = (
    "<html lang='pl'><body><h1>Komunikat prasowy</h1>"
    "<p>Rzecznik MSZ poinformował w środę, że delegacja ministerstwa spotka się z przedstawicielami "
    "władz w przyszłym tygodniu. Według rzecznika rozmowy będą dotyczyły współpracy gospodarczej, "
    "bezpieczeństwa oraz wymiany studentów między uczelniami obu krajów.</p>"
    "<p>W drugiej części spotkania omówione zostaną również badania naukowe nad egzosomami "
    "(exosomes) prowadzone przez instytuty akademii nauk. Przedstawiciele MSZ podkreślili, "
    "że wszystkie projekty są finansowane ze środków publicznych i podlegają kontroli.</p>"
    "</body></html>"
)


def _analysis(html: str):  # type: ignore[no-untyped-def]
    doc = document_from_html(html.encode("utf-8"), "https://gov.example.pl/komunikat")
    return doc, Detector.default().analyze(doc)


def test_a_long_foreign_page_does_not_match_another_language_s_acronyms() -> None:
    doc, analysis = _analysis(POLISH)
    assert doc.language == "other" and len(doc.text) >= 400
    entries = {e for f in analysis.findings for e in f.entry_ids}
    assert not any(e.startswith("de.therapy.msc") for e in entries), entries
    # language-independent entries (here « exosomes ») still fire
    assert any(f.kind == "therapy" and f.subkind == "exosomes" for f in analysis.findings)
    assert analysis.verdict == "not_promotion"


def test_a_short_text_of_unknown_language_keeps_every_lexicon() -> None:
    # too short for the classifier to tell: other languages' terms are still looked for
    doc = document_from_html(b"<p>MSZ: Stammzelltherapie, 3 Injektionen.</p>", "https://x.example/")
    doc = doc.model_copy(update={"language": "other"})
    assert len(doc.text) < 400
    analysis = Detector.default().analyze(doc)
    entries = {e for f in analysis.findings for e in f.entry_ids}
    assert any(e.startswith("de.therapy.msc") for e in entries), entries
    # the same text on a long page classified in another language loses them
    long_doc = doc.model_copy(update={"text": doc.text + " " + "x" * 400})
    long_entries = {e for f in Detector.default().analyze(long_doc).findings for e in f.entry_ids}
    assert not any(e.startswith("de.therapy.msc") for e in long_entries), long_entries


def _price_findings(html: str) -> list[str]:
    doc = document_from_html(html.encode("utf-8"), "https://site.example/")
    return [
        f.quote
        for f in Detector.default().analyze(doc).findings
        if (f.kind, f.subkind) == ("call_to_action", "price")
    ]


def test_a_price_the_page_reports_is_not_an_offer() -> None:
    news = (
        "<html lang='fr'><body><p>Selon l'enquête du journal, les patients payaient jusqu'à 30 000 euros "
        "pour des injections de cellules souches présentées comme un remède contre l'autisme.</p></body></html>"
    )
    clinic = (
        "<html lang='fr'><body><p>Notre traitement par cellules souches contre l'autisme coûte 9 500 € "
        "tout compris, hébergement inclus.</p></body></html>"
    )
    assert _price_findings(news) == []
    assert _price_findings(clinic) != []
