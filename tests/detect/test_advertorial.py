"""Paid content declared by its publisher (an advertorial in a newspaper, a sponsored article).

The pages are written for these tests. A regional newspaper's advertorial for a dendritic-cell
laboratory reads like a news story (a doctor quoted, a date, third person): the learned score
alone leaves it. The word by which the newspaper declares it paid content, in the page's
address or title, makes what it says of the therapy the advertiser's message.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_html

STORY = """
<p>Ulm, 12. März 2026 – Nur eine Handvoll Labore bieten die dendritische Zelltherapie an.</p>
<p>Die dendritischen Zellen werden aus dem Eigenblut des Patienten hergestellt und wieder
gespritzt. „Die Zellen erkennen den Feind, die Tumorzellen, und greifen den Krebs an“, erklärt
Professor Berger. „Unsere Therapie verlängert das Leben unserer Patienten deutlich.“</p>
<p>Rund 4000 Patienten hat das Labor nach eigenen Angaben behandelt.</p>
"""


def _analyse(url: str, title: str, body: str = STORY):  # type: ignore[no-untyped-def]
    page = f"<html lang='de'><head><title>{title}</title></head><body><main>{body}</main></body></html>"
    return Detector.default().analyze(document_from_html(page.encode(), url, source="file"))


def _declared(analysis) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return [f.attributes for f in analysis.findings if f.kind == "genre" and f.subkind == "advertorial"]


def test_an_advertorial_declared_in_the_address_is_promotion_with_its_reason() -> None:
    a = _analyse(
        "https://www.zeitung.example/lokales/sonderveroeffentlichung-labor-berger-123.html",
        "Labor Berger: Hoffnung mit dendritischen Zellen",
    )
    assert a.verdict == "promotion"
    assert _declared(a)[0]["where"] == "address"
    assert _declared(a)[0]["marker"] == "sonderveroeffentlichung"
    reason = next(r for r in a.reasons if r.startswith("contenu publicitaire déclaré"))
    assert "« sonderveroeffentlichung »" in reason and "L. 5122-1" in reason


def test_the_same_story_without_the_declaration_is_left_to_the_score() -> None:
    a = _analyse("https://www.zeitung.example/lokales/labor-berger-123.html", "Labor Berger: Hoffnung mit dendritischen Zellen")
    assert not _declared(a)
    assert not any(r.startswith("contenu publicitaire déclaré") for r in a.reasons)
    assert a.verdict != "promotion"


@pytest.mark.parametrize(
    "title", ["Advertorial: Hoffnung mit dendritischen Zellen", "Gesponserter Beitrag – Labor Berger"]
)
def test_an_advertorial_declared_in_the_title_is_promotion(title: str) -> None:
    a = _analyse("https://www.zeitung.example/lokales/labor-berger-123.html", title)
    assert _declared(a)[0]["where"] == "title"
    assert a.verdict == "promotion"


def test_ad_labels_in_the_text_declare_nothing() -> None:
    # a newspaper's article carries « Anzeige » over unrelated ads and "Sponsored" in its menu
    body = "<nav>Home Sponsored Sport</nav>" + STORY.replace("</p>\n<p>Rund", "</p><p>Anzeige</p><p>Rund")
    a = _analyse("https://www.zeitung.example/lokales/labor-berger-123.html", "Labor Berger", body)
    assert not _declared(a)


def test_a_declared_advertorial_for_an_authorised_car_t_is_not_this_rule() -> None:
    body = """<p>Die CAR-T-Zelltherapie ist in der EU zugelassen. Die Uniklinik behandelt Patienten
    mit Lymphom mit CAR-T-Zellen; die Therapie verlängert das Leben vieler Patienten.</p>"""
    a = _analyse("https://www.zeitung.example/advertorial/uniklinik-car-t.html", "Uniklinik", body)
    assert not any(r.startswith("contenu publicitaire déclaré") for r in a.reasons)


def test_the_draft_does_not_target_the_newspaper_that_published_an_advertorial() -> None:
    from datetime import date

    from vigipub.evidence.findings import OperatorIdentity, declared_paid_content
    from vigipub.qualify.facts import build_facts

    newspaper = OperatorIdentity(name="Zeitung Verlag GmbH", address="Marktplatz 1, 89073 Ulm", country="DE")
    advert = _analyse("https://www.zeitung.example/lokales/sonderveroeffentlichung-labor-berger-123.html", "Labor Berger")
    assert advert.verdict == "promotion" and declared_paid_content([advert])
    facts = build_facts([advert], [], date_of_facts=date(2026, 3, 12), operator=newspaper)
    assert facts.company is None  # the advertiser is to be named by the inspector
    # a clinic's own page: its legal notice's operator stands in for the company
    clinic = _analyse(
        "https://labor-berger.example/behandlung.html",
        "Labor Berger",
        "<p>Unsere Klinik bietet die dendritische Zelltherapie an. Die Therapie verlängert das Leben"
        " unserer Patienten deutlich. Vereinbaren Sie jetzt einen Termin: Preis 9.800 Euro.</p>",
    )
    assert clinic.verdict == "promotion" and not declared_paid_content([clinic])
    facts = build_facts([clinic], [], date_of_facts=date(2026, 3, 12), operator=newspaper)
    assert facts.company is not None and facts.company.name == "Zeitung Verlag GmbH"


RELEASE = """
<p>Nashville, TN – March 12, 2026 – Placenta stem cell treatments bring new hope to children
with cerebral palsy. "After two infusions my daughter could speak clearly for the first time,"
her mother said. The Regenera Institute has treated more than 400 children.</p>
"""


@pytest.mark.parametrize("host", ["www.prweb.com", "pressexposure.com", "www.einpresswire.com"])
def test_a_release_on_a_paid_wire_is_its_senders_message(host: str) -> None:
    a = _analyse(f"https://{host}/releases/placenta-stem-cells-cerebral-palsy", "Placenta Stem Cells Bring Hope", RELEASE)
    assert _declared(a) == [{"marker": host.removeprefix("www."), "where": "host", "weight": "1"}]
    assert a.verdict == "promotion"
    reason = next(r for r in a.reasons if r.startswith("communiqué de presse diffusé par un service payant"))
    assert f"« {host.removeprefix('www.')} »" in reason and "L. 5122-1" in reason


def test_the_same_release_in_a_newspaper_is_left_to_the_score() -> None:
    a = _analyse("https://www.tennessean.example/story/placenta-stem-cells", "Placenta Stem Cells Bring Hope", RELEASE)
    assert not _declared(a)
    assert not any(r.startswith("communiqué de presse diffusé") for r in a.reasons)


def test_a_host_that_only_ends_like_a_wire_is_none() -> None:
    a = _analyse("https://notprweb.com/releases/placenta", "Placenta Stem Cells Bring Hope", RELEASE)
    assert not _declared(a)
