"""A job advertisement declared by its address or title (a clinic's or a hospital's careers page).

The pages are written for these tests. A hospital's GMP laboratory recruits a technician for
its cell therapies: the page names stem-cell preparations, « GMP » again and again (which on a
clinic's page is a credential claim) and cell culture. It addresses candidates, not patients:
it is not the advertising of a medicine, whatever its score. Only a whole segment of the
address (« /karriere/ ») or unambiguous words of the title declare it; a word inside a
story's slug, or « mode d'emploi », do not.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_html

VACANCY = """
<h1>Biologielaborant/in (m/w/d) für den GMP-Reinraum Zelltherapie</h1>
<p>Unser Institut stellt unter GMP-Bedingungen Stammzellpräparate her. Unsere Stammzelltherapie
ist sicher und wirksam: sie hilft Patienten mit Arthrose, ohne Nebenwirkungen.</p>
<p>Ihre Aufgaben: Herstellung von Zellpräparaten nach GMP, Zellkultur und Kryokonservierung,
Dokumentation gemäß GMP.</p>
<p>Ihr Profil: Erfahrung in steriler Zellkultur im GMP-Umfeld.</p>
"""


def _analyse(url: str, title: str, body: str = VACANCY):  # type: ignore[no-untyped-def]
    page = f"<html lang='de'><head><title>{title}</title></head><body><main>{body}</main></body></html>"
    return Detector.default().analyze(document_from_html(page.encode(), url, source="file"))


def _declared(analysis) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return [f.attributes for f in analysis.findings if f.kind == "genre" and f.subkind == "job_posting"]


def _reason(analysis) -> str | None:  # type: ignore[no-untyped-def]
    return next((r for r in analysis.reasons if r.startswith("offre d'emploi")), None)


def test_a_careers_page_is_not_advertising_and_says_why() -> None:
    a = _analyse("https://www.klinik.example/de/karriere/biologielaborant-gmp", "Biologielaborant/in – Klinik Auental")
    assert _declared(a) == [{"marker": "karriere", "where": "address", "weight": "1"}]
    assert a.verdict == "not_promotion"
    reason = _reason(a)
    assert reason is not None and "« karriere »" in reason and "L. 5122-1" in reason
    # what it says stays in the evidence: the claims are still found and quoted
    assert any(f.kind == "claim" for f in a.findings)


def test_the_same_text_without_the_declaration_is_left_to_the_score() -> None:
    a = _analyse("https://www.klinik.example/de/stammzelltherapie-arthrose", "Stammzelltherapie – Klinik Auental")
    assert not _declared(a)
    assert _reason(a) is None
    assert a.verdict != "not_promotion"


@pytest.mark.parametrize(
    "title", ["Stellenangebot: Biologielaborant/in GMP", "Offre d'emploi – technicien de laboratoire", "Job offer: lab technician"]
)
def test_a_job_advertisement_declared_in_the_title(title: str) -> None:
    a = _analyse("https://www.klinik.example/de/biologielaborant-gmp", title)
    assert _declared(a)[0]["where"] == "title"
    assert a.verdict == "not_promotion"


@pytest.mark.parametrize(
    "url",
    [
        # a word inside a story's slug: a sportsman fights for his career
        "https://www.zeitung.example/sport/nach-unfall-kaempft-um-karriere.html",
        # instructions for use are not a job
        "https://www.boutique.example/mode-d-emploi/serum-cellules-souches",
        # a doctor's biography: his career, not the clinic's careers page
        "https://www.clinique.example/equipe/dr-martin/carriere",
        "https://www.clinic.example/team/dr-smith/career",
    ],
)
def test_a_word_inside_a_slug_declares_nothing(url: str) -> None:
    a = _analyse(url, "Stammzelltherapie")
    assert not _declared(a)


def test_a_title_that_only_says_career_declares_nothing() -> None:
    a = _analyse("https://www.zeitung.example/sport/bernal-123.html", "Bernal kämpft um seine Karriere")
    assert not _declared(a)


def test_a_careers_page_that_books_and_prices_the_therapy_is_still_an_offer() -> None:
    # a booking form and a price on the page: whatever its address says, it sells the therapy
    body = """<h1>Stammzelltherapie bei Arthrose in unserer Klinik</h1>
    <p>Unsere Klinik behandelt Arthrose mit Stammzellen aus Ihrem eigenen Fettgewebe. Die
    Stammzelltherapie lindert Schmerzen und regeneriert den Knorpel.</p>
    <p>Preis: 4.900 € pro Behandlung. Jetzt Termin vereinbaren!</p>"""
    a = _analyse("https://www.klinik.example/karriere/stammzelltherapie", "Stammzelltherapie", body)
    assert _reason(a) is None
    assert a.verdict == "promotion"


def test_a_careers_page_is_not_raised_by_its_promoting_site() -> None:
    # the clinic's treatment page promotes the therapy; its careers page names « GMP » and the
    # culture of the cells (claims on a clinic's page), and stays what it is: a job advertisement
    treatment = """<h1>Stammzelltherapie bei Arthrose</h1>
    <p>Unsere Klinik behandelt Arthrose mit Stammzellen aus Ihrem eigenen Fettgewebe. Die
    Stammzelltherapie regeneriert den Knorpel und lindert die Schmerzen dauerhaft.</p>
    <p>Preis: 4.900 € pro Behandlung. Jetzt Termin vereinbaren!</p>"""
    pages = [
        _analyse("https://www.klinik.example/stammzelltherapie", "Stammzelltherapie", treatment),
        _analyse("https://www.klinik.example/karriere/biologielaborant", "Biologielaborant/in"),
        _analyse("https://www.klinik.example/impressum", "Impressum", "<p>Klinik Auental GmbH, Musterstraße 1</p>"),
    ]
    judged = Detector.default().judge_in_sites(pages)
    assert judged[0].verdict == "promotion"
    assert judged[1].verdict == "not_promotion"
    assert judged[1].page_verdict is None  # its own verdict, untouched by the site
