"""A news investigation is news, even when it names the law on advanced therapies and a CHU; a
public body or a university is known by its host.

Pages written for these tests, not corpus text.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_html

_INVESTIGATION = """<html lang="fr"><head><title>Enquête</title><meta property="og:type" content="article"></head><body>
<p>Par Claire Vidal, publié le 14 mars 2026.</p>
<p>Ces promesses n'ont aucune base scientifique, rappelle un pédopsychiatre du CHU de Bordeaux.</p>
<p>L'ANSM estime que ces injections sont des médicaments de thérapie innovante sans autorisation.</p>
<p>Contactée, la clinique n'a pas répondu à nos questions.</p>
</body></html>"""


def test_a_clinic_that_did_not_answer_the_journalists_questions_makes_the_page_news() -> None:
    doc = document_from_html(_INVESTIGATION.encode(), "https://journal.example/enquete", source="file")
    analysis = Detector.default().analyze(doc)
    assert analysis.genre == "news"
    assert analysis.verdict == "not_promotion"


@pytest.mark.parametrize(
    ("url", "genre"),
    [
        ("https://www.health.gov.au/topics/stem-cells", "regulator"),
        ("https://anahtar.sanayi.gov.tr/kok-hucre", "regulator"),
        ("https://www.cirm.ca.gov/patients", "regulator"),
        ("https://www.gob.mx/salud/celulas-madre", "regulator"),
        ("https://solidarites-sante.gouv.fr/cellules", "regulator"),
        ("https://cancer.unm.edu/car-t", "science"),
        ("https://www.stemcells.ox.ac.uk/research", "science"),
        ("https://www.unimelb.edu.au/stem-cells", "science"),
        ("https://clinicaltrials.gov/study/NCT01", "clinical_trial"),  # a named site first
    ],
)
def test_public_bodies_and_universities_are_known_by_their_host(url: str, genre: str) -> None:
    """A government's or a university's page informs, regulates or reports research (a Turkish
    ministry's explainer and a US university's CAR-T page were accused); « gov.* » stands for a
    country code."""
    body = "<p>La thérapie par cellules souches mésenchymateuses traite l'arthrose du genou.</p>"
    page = f"<html lang='fr'><body><main>{body}</main></body></html>".encode()
    a = Detector.default().analyze(document_from_html(page, url, source="file"))
    assert [f.subkind for f in a.findings if f.entry_ids == [f"host.{f.subkind}"]] == [genre]


@pytest.mark.parametrize(
    "url", ["https://gov-stemcells.com/", "https://www.stemcell.ac/", "https://clinic.example.go/", "https://edu-clinic.mx/"]
)
def test_a_clinic_is_no_public_body_for_a_word_of_its_host(url: str) -> None:
    body = "<p>La thérapie par cellules souches mésenchymateuses traite l'arthrose du genou.</p>"
    page = f"<html lang='fr'><body><main>{body}</main></body></html>".encode()
    a = Detector.default().analyze(document_from_html(page, url, source="file"))
    assert not [f for f in a.findings if f.kind == "genre" and f.entry_ids[0].startswith("host.")]
