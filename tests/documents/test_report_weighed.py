"""The report's pages say what weighed for and against their verdict (issue 12, second round).

The pages are the test clinic of tests/detect/fixtures/clinic_site, analysed by the detector.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html

from vigipub.detect import Detector
from vigipub.documents.report import WEIGHED_ROWS, render_report
from vigipub.evidence import FindingsFile, Producer
from vigipub.extract import document_from_html

SITE = Path(__file__).resolve().parents[1] / "detect" / "fixtures" / "clinic_site"


def _pages() -> list:  # type: ignore[type-arg]
    detector = Detector.default()
    pages = []
    for name in ("fr/traitement.html", "fr/actualites.html", "fr/mentions-legales.html"):
        doc = document_from_html((SITE / name).read_bytes(), f"https://clinique-dendrite.example/{name}")
        pages.append(detector.analyze(doc))
    return pages


def test_a_promotion_page_shows_a_short_table_of_what_weighed_with_its_quotes() -> None:
    pages = _pages()
    treatment = pages[0]
    assert treatment.verdict == "promotion"
    html = render_report(
        manifest=None,
        findings=FindingsFile(producer=Producer(name="test", version="1"), pages=pages),
        authorisations=[],
        qualification=None,
    )
    root = lxml.html.document_fromstring(html)
    tables = root.find_class("weighed")
    assert len(tables) == sum(p.verdict != "not_promotion" for p in pages) >= 1
    table = tables[0]
    caption = " ".join(table.find("caption").text_content().split())
    assert caption.startswith("promotion : probabilité de promotion")
    rows = table.findall("tr")[1:]
    assert 1 <= len(rows) <= 2 * WEIGHED_ROWS
    quotes = {" ".join(f.quote.split()) for f in treatment.findings}
    labels = {c.label for c in treatment.contributions}
    pros = [r for r in rows if r.get("class") == "pour"]
    assert pros, "a promotion page has something that weighed for it"
    for row in rows:
        label, weight, quote = (" ".join(td.text_content().split()) for td in row.findall("td"))
        assert label in labels  # French wording of the model's data file, or a term as written
        assert weight[0] in "+−" and "," in weight
        if quote:  # a feature's first sentence, shortened
            body = quote.strip("« »").rstrip("…")
            assert any(q.startswith(body) for q in quotes), quote
    # the strongest contribution for the verdict comes first
    first = max((c for c in treatment.contributions if c.weight > 0), key=lambda c: c.weight)
    assert " ".join(pros[0].findall("td")[0].text_content().split()) == first.label


def test_inferred_evidence_is_marked_and_listed_after_what_the_page_says_outright() -> None:
    """A mechanism or administration sentence the detector inferred (round 4) is evidence to read,
    not weighed, never quoted in the decision: the report says so and lists it last."""
    text = ("Traitement de l'arthrose par cellules souches\n\nNotre clinique propose des injections de cellules "
            "souches. Elles régulent l'inflammation du genou. Nos patients sont soulagés dès la première "
            "injection.\n\nRéservez votre consultation.")
    from vigipub.extract import document_from_text

    page = Detector.default().analyze(document_from_text(text, "https://clinique.example/arthrose"))
    inferred = [f for f in page.findings if f.attributes.get("inferred") == "yes"]
    assert inferred, [(f.kind, f.subkind, f.quote) for f in page.findings]
    html = render_report(
        manifest=None,
        findings=FindingsFile(producer=Producer(name="test", version="1"), pages=[page]),
        authorisations=[],
        qualification=None,
    )
    root = lxml.html.document_fromstring(html)
    marked = [tr for tr in root.iter("tr") if "déduit d’une description" in tr.text_content()]
    assert marked
    for table in root.iter("table"):
        flags = ["déduit d’une description" in tr.text_content() for tr in table.findall("tr")[1:]]
        assert flags == sorted(flags), "inferred rows come after the others"
