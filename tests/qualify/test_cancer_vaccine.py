"""A « vaccin contre le cancer » named without its make is its own family, not dendritic cells.

Clinics sell dendritic-cell vaccines under that name, but the words also name tumour-cell,
peptide and messenger-RNA vaccines: a draft must not call a product « thérapie cellulaire
dendritique » when the page never says so. On a site that names dendritic cells too, the
vaccine is that dendritic-cell product. The pages are written for these tests.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.evidence.vocabulary import THERAPY_FAMILIES
from vigipub.extract import document_from_html
from vigipub.qualify.facts import product_label_of

PAGE = """<html lang="{lang}"><head><title>Clinic</title></head><body><main><p>{text}</p></main></body></html>"""


def _families(lang: str, text: str) -> set[str]:
    doc = document_from_html(PAGE.format(lang=lang, text=text).encode(), "https://clinic.example/", source="file")
    return {f.subkind for f in Detector.default().analyze(doc).findings if f.kind == "therapy"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Notre clinique propose un vaccin contre le cancer personnalisé à chaque patient."),
        ("en", "Our clinic offers a personalized cancer vaccine to every patient with a tumour."),
        ("de", "Unsere Klinik bietet eine Krebsimpfung für jeden Patienten an."),
        ("es", "Nuestra clínica ofrece una vacuna contra el cáncer a cada paciente."),
        ("it", "La nostra clinica offre un vaccino contro il cancro a ogni paziente."),
        ("pt", "A nossa clínica oferece uma vacina contra o cancro a cada paciente."),
        ("nl", "Onze kliniek biedt een kankervaccin aan elke patiënt."),
        ("tr", "Kliniğimiz her hastaya kanser aşısı uyguluyor."),
    ],
)
def test_a_cancer_vaccine_named_alone_is_no_dendritic_cell_therapy(lang: str, text: str) -> None:
    assert _families(lang, text) == {"cancer_vaccine"}


def test_a_dendritic_cell_vaccine_is_still_dendritic_cells() -> None:
    assert "dendritic_cells" in _families("fr", "Le vaccin à cellules dendritiques est préparé à partir de votre sang.")


def test_the_draft_names_the_vaccine_by_what_the_site_says_it_is() -> None:
    vaccine, dendritic = THERAPY_FAMILIES["cancer_vaccine"][0], THERAPY_FAMILIES["dendritic_cells"][0]
    alone = [("cancer_vaccine", "Notre vaccin contre le cancer."), ("cancer_vaccine", "Le vaccin tumoral agit vite.")]
    assert product_label_of(alone) == vaccine == "vaccin thérapeutique contre le cancer"
    # named three times as a vaccine and once as dendritic cells: the dendritic-cell product
    told = [*alone, ("cancer_vaccine", "Un vaccin anticancéreux."), ("dendritic_cells", "Fait de vos cellules dendritiques.")]
    assert product_label_of(told) == dendritic
