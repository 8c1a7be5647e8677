"""The engine: order never decides, no yes without evidence, exceptions name what they override."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date

import pytest

from vigipub.qualify import build_facts, qualify_facts, rules_for
from vigipub.qualify.engine import evaluate
from vigipub.qualify.errors import RuleDefinitionError
from vigipub.qualify.lawcases import pages_from_spec
from vigipub.qualify.rules.base import Context, Result, Rule

from .conftest import CaseFixture

JURISDICTION, RULES, _ = rules_for("FR")
ON = date(2024, 11, 5)


def _iaso_facts(iaso: CaseFixture):
    return build_facts(
        list(iaso.findings.pages),
        iaso.authorisations,
        case=iaso.case,
        date_of_facts=iaso.date_of_facts,
        known_defences=list(JURISDICTION.defences),
    )


def test_shuffling_the_rules_changes_nothing(iaso: CaseFixture) -> None:
    facts = _iaso_facts(iaso)
    reference = qualify_facts(facts, "FR", rules=list(RULES)).model_dump_json()
    rng = random.Random(20241128)
    for _ in range(12):
        shuffled = list(RULES)
        rng.shuffle(shuffled)
        assert qualify_facts(facts, "FR", rules=shuffled).model_dump_json() == reference
    reversed_rules = list(reversed(RULES))
    assert qualify_facts(facts, "FR", rules=reversed_rules).model_dump_json() == reference


def test_shuffling_does_not_change_which_exception_wins() -> None:
    pages = pages_from_spec(
        [
            {
                "language": "fr",
                "findings": [
                    {"kind": "therapy", "subkind": "stem_cells", "attributes": {"family": "stem_cells"}},
                    {
                        "kind": "manipulation",
                        "subkind": "freezing",
                        "quote": "cryoconservées",
                        "attributes": {"substantial": "yes"},
                    },
                    {"kind": "claim", "subkind": "treat", "quote": "traite"},
                ],
            }
        ]
    )
    facts = build_facts(pages, [], date_of_facts=ON)
    for order in itertools.islice(itertools.permutations([r for r in RULES if r.id.startswith("T3")]), 24):
        others = [r for r in RULES if not r.id.startswith("T3")]
        ev = evaluate(list(order) + others, facts, JURISDICTION)
        assert ev.raw["T3.substantial"].outcome == "yes"  # the base rule alone would say yes
        assert ev.effective["T3.substantial"].outcome == "no"
        assert ev.effective["T3.substantial"].overridden_by == ("T3.annex1_exception",)
        # not substantially manipulated, but homologous use is not established: a human decides
        # (Art. 2(1)(c) of Reg. 1394/2007), never « not an ATMP » on the site's silence
        assert ev.effective["T3.atmp"].outcome == "undetermined"


def test_empty_facts_never_conclude_yes() -> None:
    for on in (date(2012, 6, 1), ON):
        facts = build_facts([], [], date_of_facts=on)
        ev = evaluate(list(RULES), facts, JURISDICTION)
        for rule_id, result in ev.raw.items():
            assert result.outcome != "yes", rule_id


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_no_rule_concludes_yes_without_evidence(rule: Rule) -> None:
    """With empty facts and any outcome of the rules it reads, a rule either does not say yes,
    or says yes only on the evidence those rules carry."""
    facts = build_facts([], [], date_of_facts=ON)
    outcomes = [
        Result("yes", ("dep-evidence",), data={"audience": ["public", "professionals"]}),
        Result("no"),
        Result("undetermined", questions=("q ?",)),
        Result("not_applicable"),
    ]
    combos = itertools.product(outcomes, repeat=len(rule.depends_on)) if rule.depends_on else [()]
    for combo in itertools.islice(combos, 300):
        ctx = Context(
            facts=facts, jurisdiction=JURISDICTION, results=dict(zip(rule.depends_on, combo, strict=True))
        )
        result = rule.evaluate(ctx)
        if result.outcome == "yes":
            assert result.evidence, (rule.id, combo)
            assert set(result.evidence) <= {"dep-evidence"}, (rule.id, result.evidence)
        if not rule.depends_on:
            assert result.outcome != "yes", rule.id


def test_engine_withholds_a_yes_without_evidence() -> None:
    sloppy = Rule(
        id="T99.sloppy",
        test="T99",
        question="?",
        articles=("CSP L. 5122-1",),
        func=lambda ctx: Result("yes"),
        level="FR",
    )
    ev = evaluate([sloppy], build_facts([], [], date_of_facts=ON), JURISDICTION)
    assert ev.effective["T99.sloppy"].outcome == "undetermined"


def test_exceptions_name_existing_rules_and_every_rule_cites_law() -> None:
    ids = {r.id for r in RULES}
    exceptions = [r for r in RULES if r.overrides]
    assert {r.id for r in exceptions} >= {
        "T3.annex1_exception",
        "T4.hospital_exemption",
        "T4.clinical_trial",
        "T6.disease_information",
    }
    for r in RULES:
        assert set(r.overrides) <= ids and set(r.depends_on) <= ids, r.id
        assert r.articles and r.question.endswith("?")
        for key in r.articles:
            assert JURISDICTION.article(key).in_force(ON) is not None, (r.id, key)


def test_cycles_are_refused() -> None:
    a = Rule(
        id="A",
        test="A",
        question="?",
        articles=("CSP L. 5122-1",),
        func=lambda c: Result("no"),
        depends_on=("B",),
        level="FR",
    )
    b = replace(a, id="B", depends_on=("A",))
    with pytest.raises(RuleDefinitionError):
        evaluate([a, b], build_facts([], [], date_of_facts=ON), JURISDICTION)


def test_undetermined_exception_makes_the_rule_undetermined() -> None:
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
                    {"kind": "claim", "subkind": "treat", "quote": "traite"},
                ],
            }
        ]
    )
    from vigipub.evidence import Case

    case = Case.model_validate(
        {"company": {"name": "X"}, "product": "TCD", "defences": ["hospital_exemption"]}
    )
    facts = build_facts(pages, [], case=case, date_of_facts=ON, known_defences=list(JURISDICTION.defences))
    ev = evaluate(list(RULES), facts, JURISDICTION)
    assert ev.raw["T4.centralised"].outcome == "yes"
    assert ev.effective["T4.centralised"].outcome == "undetermined"
    assert ev.effective["T4.centralised"].questions


def test_cells_only_concentrated_are_no_substantial_manipulation_and_homologous_use_stays_open() -> None:
    """Concentration is in Annex I of Reg. 1394/2007: not substantial. But fat-derived cells in a
    knee may not serve the same essential function as in the donor (Art. 2(1)(c)): a site says
    nothing of it, so the ATMP question stays open (it said « not an ATMP: homologous use »)."""
    pages = pages_from_spec(
        [
            {
                "url": "https://clinic.example/fr/genou",
                "language": "fr",
                "findings": [
                    {"kind": "therapy", "subkind": "adipose_cells", "attributes": {"family": "adipose_cells"}},
                    {"kind": "manipulation", "subkind": "concentration", "quote": "concentrées"},
                    {"kind": "claim", "subkind": "treat", "quote": "soulage l'arthrose du genou"},
                    {"kind": "disease", "subkind": "osteoarthritis", "quote": "arthrose"},
                ],
            }
        ]
    )
    ev = evaluate(list(RULES), build_facts(pages, [], date_of_facts=ON), JURISDICTION)
    assert ev.effective["T3.substantial"].outcome == "no"
    atmp = ev.effective["T3.atmp"]
    assert atmp.outcome == "undetermined" and any("usage homologue" in q for q in atmp.questions), atmp
