"""Dated parameters, defences data and the jurisdiction registry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vigipub.evidence.errors import InputError
from vigipub.evidence.vocabulary import NON_SUBSTANTIAL_MANIPULATIONS, SUBSTANTIAL_MANIPULATIONS
from vigipub.law import (
    LawDataError,
    Parameter,
    UnknownJurisdictionError,
    available_jurisdictions,
    get_jurisdiction,
    register_jurisdiction,
)
from vigipub.law.jurisdictions import LAW_DIR, Jurisdiction

FR = get_jurisdiction("FR")


def test_every_parameter_is_dated_and_referenced() -> None:
    params = FR.parameters
    assert len(params) >= 10
    for name, p in params.items():
        assert p.values, name
        assert [v.start for v in p.values] == sorted(v.start for v in p.values)
        for v in p.values:
            assert v.reference.strip() and v.status in {"LAW", "PRACTICE", "INTERP", "GAP"}


def test_law_silence_and_gaps_are_said() -> None:
    assert FR.parameter("observation_period_days").at(date(2024, 11, 5)).status == "INTERP"
    assert FR.parameter("observation_period_days").value_at(date(2024, 11, 5)) == 15
    annex = FR.parameter("annex1_non_substantial_manipulations").at(date(2024, 1, 1))
    assert annex.status == "GAP" and "NOT retrieved" in annex.reference
    # the lists speak the shared vocabulary
    assert set(annex.value) <= NON_SUBSTANTIAL_MANIPULATIONS
    assert (
        set(FR.parameter("substantial_manipulations").value_at(date(2024, 1, 1))) <= SUBSTANTIAL_MANIPULATIONS
    )


def test_values_change_with_the_date() -> None:
    p = FR.parameter("penalty_advertising_without_visa")
    assert p.value_at(date(2015, 1, 1))["fine_eur"] == 37500
    assert p.value_at(date(2024, 1, 1)) == {"imprisonment_years": 1, "fine_eur": 150000}
    with pytest.raises(LawDataError):
        p.value_at(date(2000, 1, 1))


def test_malformed_parameter_names_its_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("values:\n  2020-01-01: {value: 3}\n", encoding="utf-8")
    with pytest.raises(LawDataError) as err:
        Parameter.load(bad)
    assert "bad.yaml" in str(err.value) and isinstance(err.value, InputError)


def test_defences_and_aliases() -> None:
    ids = set(FR.defences)
    assert {
        "medical_tourism_only",
        "no_activity_in_france",
        "translation_for_swiss_or_belgian_patients",
        "information_not_advertising",
        "hospital_exemption",
        "clinical_trial",
    } <= ids
    defence, params = FR.defence("translation_for_swiss_patients")  # type: ignore[misc]
    assert defence.id == "translation_for_swiss_or_belgian_patients" and params["patients"] == "suisses"
    assert FR.defence("information_and_referral")[0].id == "medical_tourism_only"  # type: ignore[index]
    for d in FR.defences.values():
        assert d.rebuttal_fr.endswith(".") and d.basis
        for key in d.basis:
            FR.article(key)


def test_registry_and_shared_eu_level() -> None:
    assert {"FR", "EU"} <= set(available_jurisdictions())
    with pytest.raises(UnknownJurisdictionError):
        get_jurisdiction("ZZ")
    eu = get_jurisdiction("EU")
    # the French jurisdiction reuses the EU-level articles, not copies
    assert FR.article("REG 1394/2007 art. 2") is eu.article("REG 1394/2007 art. 2")
    assert not any(k.startswith("CSP") for k in eu.articles)


def test_a_second_jurisdiction_plugs_in_without_touching_france() -> None:
    from vigipub.qualify import qualify_facts, rules_for
    from vigipub.qualify.facts import build_facts
    from vigipub.qualify.lawcases import pages_from_spec

    register_jurisdiction(
        "XB",
        lambda: Jurisdiction(
            code="XB",
            name_fr="Exemple",
            authority="AFMPS",
            packages=("vigipub.law.eu",),
            parameter_dirs=(LAW_DIR / "eu" / "parameters",),
            shared=("EU",),
        ),
    )
    _, rules, assembler = rules_for("XB")
    assert {r.level for r in rules} == {"EU"} and assembler is None
    pages = pages_from_spec(
        [
            {
                "language": "fr",
                "findings": [
                    {
                        "kind": "therapy",
                        "subkind": "dendritic_cells",
                        "attributes": {"family": "dendritic_cells"},
                    },
                    {"kind": "manipulation", "subkind": "culture_expansion", "quote": "cultivées"},
                    {"kind": "claim", "subkind": "treat", "quote": "traite le cancer"},
                ],
            }
        ]
    )
    q = qualify_facts(build_facts(pages, [], date_of_facts=date(2024, 11, 5)), "XB")
    outcomes = {t.id: t.outcome for t in q.tests}
    assert outcomes["T3.atmp"] == "yes" and outcomes["T4.centralised"] == "yes"
    assert "T8.unauthorised_ad" not in outcomes and q.conclusion == "undetermined"
    assert q.jurisdiction == "XB" and not q.considerants
    # France is unchanged
    assert len(rules_for("FR")[1]) > len(rules)
