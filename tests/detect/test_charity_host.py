"""A foundation's host (« fondationhmr.ca », "uzafoundation.be") is a cue of a charity's page.

The page is written for these tests: a hospital foundation's fundraising page that praises the
cell therapies its doctors study. The same text on a clinic's host carries no such cue.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_text

FUNDRAISING = (
    "Thérapie cellulaire\n\nNos médecins et chercheurs isolent des cellules souches qui pourront un jour "
    "réparer le cœur des patients atteints d'insuffisance cardiaque. Faites avancer la recherche."
)


def _charity(url: str) -> list[dict[str, str]]:
    analysis = Detector.default().analyze(document_from_text(FUNDRAISING, url))
    return [f.attributes for f in analysis.findings if "host.charity" in f.entry_ids]


@pytest.mark.parametrize(
    ("url", "term"),
    [
        ("https://www.fondation-hopital.example/fr/therapie-cellulaire", "fondation"),
        ("https://helden.uzafoundation.example/en/cell-therapy", "foundation"),
        ("https://www.fundacionesperanza.example/celulas-madre", "fundacion"),
    ],
)
def test_a_foundations_host_is_a_charity_cue(url: str, term: str) -> None:
    found = _charity(url)
    assert len(found) == 1
    assert found[0]["term"] == term


def test_a_clinics_host_or_a_word_in_the_path_is_none() -> None:
    assert _charity("https://www.clinique-regen.example/fr/therapie-cellulaire") == []
    assert _charity("https://www.clinique-regen.example/fondation/therapie-cellulaire") == []
