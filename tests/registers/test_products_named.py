"""The registered products a site names in its own sentences (Registers.products_named_in): a
clinic writing « Kymriah (tisagenlecleucel) » beside « CAR-T » is checked for that product."""

from __future__ import annotations

from pathlib import Path

from vigipub.pipeline import check_registers, site_sentences
from vigipub.qualify.lawcases import pages_from_spec


def _pages(*quotes: str, verdict: str = "promotion"):  # type: ignore[no-untyped-def]
    findings = [{"kind": "therapy", "subkind": "car_t", "quote": "cellules CAR-T", "attributes": {"family": "car_t"}}]
    findings += [{"kind": "disease", "subkind": "lymphoma", "quote": q, "attributes": {"icd10": "C85"}} for q in quotes]
    return pages_from_spec([{"language": "fr", "verdict": verdict, "findings": findings}])


def test_a_brand_and_its_substance_named_on_the_site_are_the_product(reg) -> None:  # type: ignore[no-untyped-def]
    pages = _pages("Notre unité administre Kymriah (tisagenlecleucel) aux patients atteints de lymphome.")
    assert reg.products_named_in(site_sentences(pages), "car_t") == {"Kymriah", "tisagenlecleucel"}
    # a word that only contains a name, or a page that is no promotion, names nothing
    assert reg.products_named_in(site_sentences(_pages("Les kymriahlike protocoles du lymphome.")), "car_t") == set()
    assert reg.products_named_in(site_sentences(_pages("Kymriah et le lymphome.", verdict="not_promotion")), "car_t") == set()
    # a register's description of cells is no name: a clinic may write it of its own cells
    knee = _pages("We implant autologous cultured chondrocytes in the knee to treat osteoarthritis.")
    assert reg.products_named_in(site_sentences(knee), "cell_therapy_other") == set()


def test_the_registers_then_answer_for_the_named_product(db_path: Path) -> None:
    named = check_registers(_pages("Notre unité administre Kymriah aux patients atteints de lymphome."), db_path=db_path)
    assert [a.status for a in named] == ["authorised"] and "Kymriah" in named[0].text_fr
    unnamed = check_registers(_pages("Nos cellules traitent le lymphome."), db_path=db_path)
    assert [a.status for a in unnamed] == ["uncertain"]


def test_a_case_files_quotes_name_the_product_too(db_path: Path) -> None:
    """``vigipub draft`` and the web application ask the registers through the case: a product
    named in the case's (or the accepted findings') sentences is looked up by name."""
    from datetime import date

    from vigipub.evidence import Case
    from vigipub.pipeline import case_register_answers

    case = Case.model_validate({"company": {"name": "Clínica X"}, "product": "cellules CAR-T", "websites": ["https://x.example/"]})
    reading = _pages("Nous administrons Kymriah aux patients atteints de lymphome.")[0]
    answers = case_register_answers(case, reading, [], db_path, date(2026, 1, 1))
    assert [(a.therapy, a.status) for a in answers] == [("car_t", "authorised")]


def test_the_cells_that_made_exosomes_are_not_asked_about() -> None:
    """« exosomes issus de cellules souches mésenchymateuses »: the registers are asked about the
    exosomes, not about the cells marked ``source``."""
    from vigipub.pipeline import therapy_families

    pages = pages_from_spec(
        [{"language": "fr", "findings": [
            {"kind": "therapy", "subkind": "exosomes", "quote": "exosomes", "attributes": {"family": "exosomes"}},
            {"kind": "therapy", "subkind": "mesenchymal_stem_cells", "quote": "exosomes issus de cellules souches mésenchymateuses",
             "attributes": {"family": "mesenchymal_stem_cells", "source": "yes"}},
        ]}]  # fmt: skip
    )
    assert set(therapy_families(pages)) == {"exosomes"}
