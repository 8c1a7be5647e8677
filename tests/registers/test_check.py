"""check_therapy: the five statuses, dated French text, sources."""

from __future__ import annotations

from datetime import date

import pytest

from vigipub.registers import Registers, UnknownFamilyError

NNBSP = "\u202f"


def _plain(text: str) -> str:
    return text.replace(NNBSP, " ").replace("\u00a0", " ").replace("’", "'")


def test_never_authorised_family(reg: Registers) -> None:
    answer = reg.check_therapy("exosomes", diseases_icd10=["F84.0"])
    assert answer.status == "not_authorised" and answer.matches == []
    assert _plain(answer.text_fr) == (
        "aucune autorisation de mise sur le marché n'a été délivrée pour ce produit : il ne figure ni dans la "
        "base de données publique des médicaments de l'ANSM (état au 7 juillet 2026) ni parmi les médicaments "
        "autorisés par la Commission européenne (liste de l'Agence européenne des médicaments au 14 mars 2026)"
    )
    assert {(s.registry, str(s.snapshot_date)) for s in answer.sources} == {
        ("BDPM", "2026-07-07"),
        ("EMA", "2026-03-14"),
    }
    assert f"{NNBSP}:" in answer.text_fr  # French typography


def test_car_t_promoted_for_autism_is_authorised_for_other_indications(reg: Registers) -> None:
    answer = reg.check_therapy("car_t", diseases_icd10=["F84.0"])
    assert answer.status == "authorised_other_indication"
    text = _plain(answer.text_fr)
    assert "Kymriah (tisagenlecleucel)" in text and "d'autres indications" in text and "autisme" in text
    assert "14 mars 2026" in text and "7 juillet 2026" in text


def test_car_t_for_a_covered_lymphoma_without_product_name_is_uncertain(reg: Registers) -> None:
    assert reg.check_therapy("car_t", diseases_icd10=["C83.3"]).status == "uncertain"
    assert reg.check_therapy("car_t").status == "uncertain"


def test_named_authorised_product_in_its_indication(reg: Registers) -> None:
    answer = reg.check_therapy("car_t", product_names=["Kymriah"], diseases_icd10=["C83.3"])
    assert answer.status == "authorised"
    text = _plain(answer.text_fr)
    assert "Kymriah (tisagenlecleucel)" in text and "23 août 2018" in text and "CIS 65647882" in text


def test_named_authorised_product_outside_its_indication(reg: Registers) -> None:
    answer = reg.check_therapy("car_t", product_names=["Kymriah"], diseases_icd10=["F84"])
    assert answer.status == "authorised_other_indication"
    assert "mais pour d'autres indications" in _plain(answer.text_fr)


def test_dendritic_cells_withdrawn_provenge_with_dates(reg: Registers) -> None:
    answer = reg.check_therapy("dendritic_cells", diseases_icd10=["C61"])
    assert answer.status == "withdrawn"
    text = _plain(answer.text_fr)
    assert "Provenge (sipuleucel-T)" in text
    assert "autorisé le 6 septembre 2013" in text and "retirée le 6 mai 2015" in text
    assert "14 mars 2026" in text and "7 juillet 2026" in text
    assert text != _plain(reg.check_therapy("exosomes").text_fr)
    # QA: one withdrawn product was followed by « aucun ne dispose d'une autorisation »
    assert "aucun ne dispose" not in text and "il ne dispose d'aucune autorisation en vigueur" in text


def test_as_of_date_of_facts(reg: Registers) -> None:
    during = reg.check_therapy(
        "dendritic_cells", product_names=["Provenge"], diseases_icd10=["C61"], as_of=date(2014, 6, 1)
    )
    assert during.status == "authorised" and "1er juin 2014" in _plain(during.text_fr)
    after = reg.check_therapy("dendritic_cells", product_names=["Provenge"], as_of=date(2016, 1, 1))
    assert after.status == "withdrawn"
    before = reg.check_therapy("dendritic_cells", product_names=["Provenge"], as_of=date(2012, 1, 1))
    assert before.status == "not_authorised"


def test_mesenchymal_and_adipose_point_to_withdrawn_alofisel(reg: Registers) -> None:
    for family in ("mesenchymal_stem_cells", "adipose_cells"):
        answer = reg.check_therapy(family, diseases_icd10=["M17"])
        assert answer.status == "withdrawn"
        assert "Alofisel (darvadstrocel)" in _plain(answer.text_fr) and "13 décembre 2024" in _plain(answer.text_fr)


def test_refused_or_withdrawn_applications_are_not_authorisations(reg: Registers) -> None:
    answer = reg.check_therapy("gene_therapy", product_names=["Cerepro"], diseases_icd10=["C71"])
    assert answer.status == "not_authorised"
    assert "demande retirée" in _plain(answer.text_fr)


def test_typo_in_product_name_never_asserts_an_authorisation(reg: Registers) -> None:
    answer = reg.check_therapy("car_t", product_names=["Kymirah"], diseases_icd10=["C91.0"])
    assert answer.status == "uncertain"


def test_generic_product_names_do_not_match(reg: Registers) -> None:
    answer = reg.check_therapy("prp", product_names=["plasma", "PRP", "stem cells"], diseases_icd10=["L65"])
    assert answer.status == "not_authorised"
    assert not any(m.authorised for m in answer.matches)
    answer = reg.check_therapy("stem_cells", product_names=["stem cells"], diseases_icd10=["F84"])
    assert "Mozobil" not in {m.product for m in answer.matches}


def test_unknown_icd10_code_makes_the_indication_undetermined(reg: Registers) -> None:
    answer = reg.check_therapy("car_t", diseases_icd10=["Z99.9"])
    assert answer.status == "uncertain" and "Z99.9" in answer.explanation


def test_unknown_family_is_an_input_error(reg: Registers) -> None:
    with pytest.raises(UnknownFamilyError, match="unknown therapy family 'unicorn_cells'"):
        reg.check_therapy("unicorn_cells")


def test_sources_and_attribution(reg: Registers) -> None:
    sources = {s.registry: s for s in reg.sources()}
    assert sources["BDPM"].files_sha256["CIS_bdpm.txt"].startswith("35e686e2")
    assert sources["BDPM"].files_snapshot_dates["CIS_COMPO_bdpm.txt"] == date(2025, 11, 17)
    assert (
        sources["BDPM"].attribution
        == "Source : ANSM, Base de données publique des médicaments, état au 07/07/2026"
    )
    assert sources["EMA"].source_url.endswith("medicines-output-medicines-report_en.xlsx")


def test_unknown_named_product_of_a_withdrawn_family_is_never_authorised(reg: Registers) -> None:
    answer = reg.check_therapy("dendritic_cells", product_names=["DCVax-L"], diseases_icd10=["C71"])
    assert answer.status == "not_authorised"
    text = _plain(answer.text_fr)
    assert text.startswith(
        "aucune autorisation de mise sur le marché n'a été délivrée pour le produit « DCVax-L »"
    )
    assert "Provenge (sipuleucel-T)" in text and "retirée le 6 mai 2015" in text


def test_a_family_term_is_not_a_product_name(reg: Registers) -> None:
    answer = reg.check_therapy(
        "dendritic_cells", product_names=["DC vaccine", "cellules"], diseases_icd10=["C71"]
    )
    assert answer.status == "withdrawn"
    assert "names a kind of therapy" in answer.explanation


def test_prefix_or_unrelated_exact_word_never_identifies_a_product(reg: Registers) -> None:
    # "Immuno" is a prefix of many BDPM names; it must not make anything "authorised".
    answer = reg.check_therapy("stem_cells", product_names=["Immuno"], diseases_icd10=["F84"])
    assert answer.status == "authorised_other_indication"  # the family's products, not "Immuno…"
    assert _plain(answer.text_fr).startswith("le nom « Immuno » ne correspond exactement à aucun médicament")
    answer = reg.check_therapy("exosomes", product_names=["ExoCure", "Exo2"])
    assert answer.status == "not_authorised"
    assert "les produits « ExoCure » et « Exo2 » : ils ne figurent ni" in _plain(answer.text_fr)


def test_typo_in_a_product_name_asks_for_a_check(reg: Registers) -> None:
    answer = reg.check_therapy("exosomes", product_names=["Kymria"])
    assert answer.status == "uncertain"
    text = _plain(answer.text_fr)
    assert text.startswith("le nom « Kymria » ne correspond exactement à aucun médicament")
    assert "proche de Kymriah (tisagenlecleucel)" in text and "KYMRIAH 1" not in text


def test_named_product_whose_application_was_withdrawn(reg: Registers) -> None:
    answer = reg.check_therapy("til", product_names=["Amtagvi"], diseases_icd10=["C43"])
    assert answer.status == "not_authorised"
    assert "Amtagvi (lifileucel), demande retirée le 22 juillet 2025" in _plain(answer.text_fr)


def test_codes_without_keywords_are_set_aside_when_others_are_known(reg: Registers) -> None:
    answer = reg.check_therapy("car_t", diseases_icd10=["F84.0", "Z99.9"])
    assert answer.status == "authorised_other_indication"
    assert "Z99.9" in answer.explanation and "Z99.9" not in _plain(answer.text_fr)


def test_icd10_longest_prefix() -> None:
    from vigipub.registers.config import load_config

    config = load_config()
    assert config.disease("G12.2").fr.startswith("sclérose latérale amyotrophique")
    assert config.disease("g12.0").fr == "amyotrophie spinale infantile"
    assert config.disease("F84.0").code == "F84"
    assert config.disease("Z99.9") is None


def test_spinal_muscular_atrophy_is_covered_by_zolgensma(reg: Registers) -> None:
    answer = reg.check_therapy("gene_therapy", product_names=["Zolgensma"], diseases_icd10=["G12.1"])
    assert answer.status == "authorised"
    answer = reg.check_therapy("gene_therapy", product_names=["Zolgensma"], diseases_icd10=["G12.2"])
    assert answer.status == "authorised_other_indication"


def test_the_answer_s_words_are_data(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The register answer is phrased from registers/wording_fr.yaml; a malformed file is refused
    with the file and the entry named."""
    from vigipub.registers import wording
    from vigipub.registers.errors import RegisterFileError

    assert wording.say("category", family="exosomes") == f"de la catégorie «{NNBSP}exosomes{NNBSP}»"
    broken = tmp_path / "wording_fr.yaml"
    broken.write_text("bdpm: {labels: [1, 2]}\n", encoding="utf-8")
    with pytest.raises(RegisterFileError, match="entry 'bdpm'") as err:
        wording._entries(broken)
    assert str(broken) in str(err.value)
    with pytest.raises(RegisterFileError, match="no entry 'nowhere'"):
        wording.say("nowhere")
    with pytest.raises(RegisterFileError, match="field {family}"):
        wording.say("category")
