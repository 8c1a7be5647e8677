"""A stem-cell transplant for blood cancers only is the established use, not an unproven therapy.

The pages are written for these tests. A hospital's haematology news names stem cells, bone
marrow, leukaemia and lymphoma, and patients who « benefited » from the transplant: the words
of a clinic's page, for the standard of care. When every disease a page names is a blood
cancer and every therapy a stem-cell, bone-marrow or cord-blood transplant, the detector
says so with a genre cue of authorised care; any other disease or a mesenchymal, dendritic or
exosome product on the page, and it does not.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_text

HAEMATOLOGY = {
    "it": (
        "Trapianti di midollo: un anno di attività\n\n"
        "I pazienti che hanno beneficiato del trattamento erano affetti da leucemia acuta e da linfoma. "
        "Nell'anno appena concluso 58 pazienti sono stati sottoposti a trapianto di cellule staminali, da "
        "midollo osseo o da sangue periferico, senza mortalità legata alla procedura."
    ),
    "en": (
        "Bone marrow transplant unit: our year\n\n"
        "Patients who benefited from the transplant had acute leukemia or lymphoma. Last year 58 patients "
        "received a stem cell transplant from bone marrow or peripheral blood, with no procedure-related death."
    ),
}


def _cue(text: str) -> list[str]:
    analysis = Detector.default().analyze(document_from_text(text, "https://ospedale.example/ematologia"))
    return [f.quote for f in analysis.findings if "pattern.blood_cancers_only" in f.entry_ids]


@pytest.mark.parametrize("lang", sorted(HAEMATOLOGY))
def test_a_transplant_for_blood_cancers_is_told_as_authorised_care(lang: str) -> None:
    text = HAEMATOLOGY[lang]
    analysis = Detector.default().analyze(document_from_text(text, "https://ospedale.example/ematologia"))
    cue = [f for f in analysis.findings if "pattern.blood_cancers_only" in f.entry_ids]
    assert len(cue) == 1
    assert cue[0].kind == "genre" and cue[0].subkind == "authorised_medicine_info"
    assert "leuc" in cue[0].quote or "leuk" in cue[0].quote
    assert analysis.verdict != "promotion"


def test_another_disease_on_the_page_and_it_is_not_said() -> None:
    text = HAEMATOLOGY["en"] + " We also treat autism and multiple sclerosis with stem cells."
    assert _cue(text) == []


@pytest.mark.parametrize(
    "product",
    [
        "Our mesenchymal stem cells are also given to patients with leukemia.",
        "Dendritic cell vaccines are offered to patients with lymphoma.",
        "Exosome infusions support the recovery of patients with leukemia.",
    ],
)
def test_a_product_clinics_sell_on_the_page_and_it_is_not_said(product: str) -> None:
    assert _cue(HAEMATOLOGY["en"] + " " + product) == []


def test_no_blood_cancer_and_it_is_not_said() -> None:
    text = "Stem cell transplant\n\nOur stem cell transplant helps patients with cancer. Book your consultation."
    assert _cue(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Neustart des Immunsystems mittels hämatopoetischer Stammzelltransplantation ist risikoreich.",
        "Die Transplantation der blutbildenden Stammzellen erfolgt in spezialisierten Zentren.",
        "Die autologe Stammzelltransplantation wird bei Multipler Sklerose nur als Ultima Ratio eingesetzt.",
    ],
)
def test_the_transplant_s_declined_german_words_are_a_cue_of_authorised_care(sentence: str) -> None:
    analysis = Detector.default().analyze(document_from_text(sentence, "https://ms-gesellschaft.example/hsct"))
    assert any(
        f.kind == "genre" and f.subkind == "authorised_medicine_info" and "de.genre.authorised.hsct.declined" in f.entry_ids
        for f in analysis.findings
    ), analysis.findings
