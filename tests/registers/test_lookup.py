"""Lookup: brands, substances, families, ATMP categories; typos; generic words never match."""

from __future__ import annotations

import pytest

from vigipub.registers import EmptyQueryError, QueryTooLongError, Registers


def _products(matches: list) -> set[str]:
    return {m.product for m in matches if m.registry == "EMA"}


@pytest.mark.parametrize(
    "query",
    ["Kymriah", "KYMRIAH", "kymria", "Kymirah", "tisagenlecleucel", "TISAGENLECLEUCEL", "tisagenlecleucell"],
)
def test_brand_and_substance_with_case_accents_and_typos(reg: Registers, query: str) -> None:
    matches = reg.lookup(query)
    assert matches, query
    top = matches[0]
    assert top.product.upper().startswith("KYMRIAH")
    assert {m.registry for m in matches[:2]} == {"EMA", "BDPM"}
    ema = next(m for m in matches if m.registry == "EMA")
    assert ema.identifier == "EMEA/H/C/004090" and ema.authorised and ema.atmp is True
    assert ema.status == "Authorised" and str(ema.authorisation_date) == "2018-08-23"
    assert ema.indication and "lymphoma" in ema.indication.lower()
    bdpm = next(m for m in matches if m.registry == "BDPM")
    assert bdpm.identifier == "65647882" and bdpm.atmp is True and bdpm.linked_identifier == "EMEA/H/C/004090"
    assert (
        bdpm.status == "Autorisation active"
        and bdpm.raw["Numéro d'autorisation européenne"] == "EU/1/18/1297"
    )
    assert "TISAGENLECLEUCEL" in bdpm.substances
    # exact and prefix rank above typos
    if query.lower() in ("kymriah", "tisagenlecleucel"):
        assert top.score == 1.0
    else:
        assert top.score < 1.0


def test_french_substance_with_accents_finds_english_entry(reg: Registers) -> None:
    matches = reg.lookup("axicabtagène ciloleucel")
    assert {m.registry for m in matches} == {"EMA", "BDPM"}
    assert all("YESCARTA" in m.product.upper() for m in matches)


@pytest.mark.parametrize(
    ("query", "expected", "field"),
    [
        ("cellules dendritiques", {"Provenge"}, "family:dendritic_cells"),
        ("dendritic cell", {"Provenge"}, "family:dendritic_cells"),
        ("mesenchymal stromal cells", {"Alofisel"}, "family:mesenchymal_stem_cells"),
        ("cellules souches mésenchymateuses", {"Alofisel"}, "family:mesenchymal_stem_cells"),
        ("CAR-T", {"Abecma", "Aucatzyl", "Breyanzi", "Carvykti", "Kymriah", "Tecartus", "Yescarta"}, "family:car_t"),
        ("thérapie CAR T", {"Abecma", "Aucatzyl", "Breyanzi", "Carvykti", "Kymriah", "Tecartus", "Yescarta"},
         "family:car_t"),
    ],
)  # fmt: skip
def test_family_queries(reg: Registers, query: str, expected: set[str], field: str) -> None:
    matches = reg.lookup(query, limit=50)
    assert _products(matches) == expected
    assert all(m.match_field == field for m in matches if m.registry == "EMA")


def test_provenge_is_withdrawn_with_dates(reg: Registers) -> None:
    provenge = next(m for m in reg.lookup("cellules dendritiques") if m.product == "Provenge")
    assert not provenge.authorised and provenge.status == "Withdrawn" and provenge.atmp is True
    assert (str(provenge.authorisation_date), str(provenge.end_date)) == ("2013-09-06", "2015-05-06")


def test_gene_therapy_and_atmp_category_queries(reg: Registers) -> None:
    gene = _products(reg.lookup("gene therapy", limit=200))
    assert {"Zolgensma", "Luxturna", "Hemgenix", "Glybera", "Kymriah"} <= gene
    assert "Holoclar" not in gene and "Mozobil" not in gene
    atmps = reg.lookup("ATMP", limit=500)
    assert len({m.identifier for m in atmps if m.registry == "EMA"}) == 35
    tep = _products(reg.lookup("ingénierie tissulaire", limit=100))
    assert {"Spherox", "Holoclar", "Maci", "ChondroCelect"} <= tep and "Kymriah" not in tep


@pytest.mark.parametrize(
    "query", ["exosomes", "exosome therapy", "secretome", "NK cells", "platelet rich plasma"]
)
def test_families_without_products_return_nothing(reg: Registers, query: str) -> None:
    assert reg.lookup(query) == []


@pytest.mark.parametrize(
    "query",
    [
        "plasma",
        "cellules",
        "cells",
        "vaccin",
        "vaccine",
        "stem cell",
        "cellule souche",
        "thérapie",
        "PRP",
        "sang",
    ],
)
def test_generic_words_never_match_an_authorised_product_by_themselves(reg: Registers, query: str) -> None:
    matches = reg.lookup(query, limit=100)
    # Only a family rule over substances may answer (e.g. "stem cell": Holoclar's substance
    # contains stem cells); never a name or indication containing the generic word.
    assert all(m.match_field.startswith("family:") for m in matches), [
        (m.product, m.match_field) for m in matches
    ]


def test_plasma_does_not_return_an_authorised_prp_or_plasma_product(reg: Registers) -> None:
    assert reg.lookup("plasma") == []
    assert reg.lookup("plasma riche en plaquettes") == []


def test_stem_cells_never_returns_plerixafor(reg: Registers) -> None:
    # Mozobil's indication and therapeutic area mention haematopoietic stem cell transplantation.
    for query in ("stem cells", "stem cell therapy", "cellules souches", "hematopoietic stem cell"):
        products = {m.product for m in reg.lookup(query, limit=200)}
        assert "Mozobil" not in products and not any("PLERIXAFOR" in p.upper() for p in products), query
    assert "Holoclar" in {m.product for m in reg.lookup("stem cells")}
    # ...while plerixafor itself is found by name
    assert any(m.product == "Mozobil" for m in reg.lookup("plerixafor"))


def test_veterinary_stem_cells_are_not_family_matches(reg: Registers) -> None:
    # Regulation 1394/2007 covers human medicines: the family never includes veterinary ones.
    products = {m.product for m in reg.lookup("mesenchymal stem cells", limit=100)}
    assert not products & {"HorStem", "DogStem", "Arti-Cell Forte", "RenuTend", "Horse Allo 20"}
    assert {m.product for m in reg.family_matches("mesenchymal_stem_cells")} & {"HorStem", "DogStem"} == set()
    # A word search (not a family term) does reach them, flagged veterinary.
    vet = {m.product: m for m in reg.lookup("mesenchymal equine", limit=100)}
    assert {"HorStem", "Arti-Cell Forte"} <= set(vet) and all(
        m.category == "Veterinary" for m in vet.values()
    )
    # but they are found by their own name, flagged veterinary and not ATMP
    horstem = reg.lookup("HorStem")[0]
    assert horstem.category == "Veterinary" and horstem.atmp is False


def test_generic_word_plus_specific_word(reg: Registers) -> None:
    matches = reg.lookup("Alofisel cellules")
    assert matches and all("ALOFISEL" in m.product.upper() for m in matches)
    assert next(m for m in matches if m.registry == "BDPM").status == "Autorisation retirée"


def test_old_atmp_with_flag_no_is_unknown_not_false(reg: Registers) -> None:
    heparesc = reg.lookup("Heparesc")[0]
    assert heparesc.status == "Refused" and heparesc.atmp is None


def test_national_product_is_not_atmp(reg: Registers) -> None:
    doliprane = reg.lookup("doliprane")
    assert doliprane and all(m.registry == "BDPM" and m.atmp is False for m in doliprane)
    assert all(m.authorised == (m.status == "Autorisation active") for m in doliprane)


def test_empty_and_oversized_queries_fail_with_one_line(reg: Registers) -> None:
    for query in ("", "   ", "!!!"):
        with pytest.raises(EmptyQueryError) as info:
            reg.lookup(query)
        assert "\n" not in str(info.value)
    with pytest.raises(QueryTooLongError, match="query of 10000 characters; the limit is 200"):
        reg.lookup("x" * 10_000)


def test_unknown_product_returns_nothing(reg: Registers) -> None:
    assert reg.lookup("Zorblaxiprotocel") == []


@pytest.mark.parametrize("query", ["65647882", "EMEA/H/C/004090", "EU/1/18/1297", "emea/h/c/004090"])
def test_lookup_by_identifier(reg: Registers, query: str) -> None:
    matches = reg.lookup(query)
    assert {(m.registry, m.identifier) for m in matches} >= {("BDPM", "65647882")}
    assert all("KYMRIAH" in m.product.upper() for m in matches)
    assert all(m.match_field == "identifier" for m in matches)
