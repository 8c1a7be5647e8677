"""families.yaml against the real registers: every family present, expected products exact."""

from __future__ import annotations

import pytest

from vigipub.evidence.vocabulary import THERAPY_FAMILIES
from vigipub.registers import Registers
from vigipub.registers.config import load_config

#: README "ATMPs in the BDPM" column: BDPM entries of EMA ATMPs (CIS codes).
README_BDPM_ATMPS = {
    "65329132", "60511177", "61038695", "64743778", "66578108", "66829076", "63300452", "65647882",
    "63621440", "69302990", "60862404", "61876862", "64181296", "63887327", "69200149",
}  # fmt: skip


def test_every_vocabulary_family_has_terms_and_rules() -> None:
    config = load_config()
    assert set(config.families) == set(THERAPY_FAMILIES)
    for family in config.families.values():
        assert family.terms and family.rules, family.id


@pytest.mark.parametrize("family", sorted(THERAPY_FAMILIES))
def test_family_rules_select_exactly_the_expected_register_entries(reg: Registers, family: str) -> None:
    matches = reg.family_matches(family)
    ema = sorted({m.product for m in matches if m.registry == "EMA"})
    assert ema == sorted(load_config().families[family].expected)
    assert all(m.category == "Human" for m in matches)
    # never a match through a word found only in indication text
    for m in matches:
        assert m.match_field == f"family:{family}"


def test_named_examples_of_the_brief(reg: Registers) -> None:
    car_t = {m.product for m in reg.family_matches("car_t") if m.registry == "EMA"}
    assert {"Kymriah", "Yescarta"} <= car_t
    assert [m.product for m in reg.family_matches("dendritic_cells")] == ["Provenge"]
    alofisel = [m for m in reg.family_matches("adipose_cells") if m.registry == "EMA"]
    assert [(m.product, m.status) for m in alofisel] == [("Alofisel", "Withdrawn")]
    gene = {m.product for m in reg.family_matches("gene_therapy") if m.registry == "EMA"}
    assert {"Zolgensma", "Luxturna", "Libmeldy", "Hemgenix"} <= gene


def test_bdpm_atmps_are_those_of_the_readme_table(reg: Registers) -> None:
    rows = reg._conn.execute("SELECT identifier FROM entries WHERE registry = 'BDPM' AND atmp = 1").fetchall()
    assert {r[0] for r in rows} == README_BDPM_ATMPS


def test_ema_atmp_table_of_the_readme(reg: Registers) -> None:
    rows = reg._conn.execute(
        "SELECT status, count(*) FROM entries WHERE registry = 'EMA' AND atmp = 1 GROUP BY status"
    ).fetchall()
    assert dict(rows) == {
        "Authorised": 22,
        "Withdrawn": 7,
        "Expired": 2,
        "Application withdrawn": 3,
        "Refused": 1,
    }
