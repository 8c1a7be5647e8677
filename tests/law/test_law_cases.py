"""YAML law cases (facts, date_of_facts, expected) and the consistency of rules and articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigipub.law import get_jurisdiction
from vigipub.law.jurisdictions import article_modules
from vigipub.qualify import rules_for
from vigipub.qualify.lawcases import LawCase, load_law_cases, run_law_case

CASES_DIR = Path(__file__).parent / "cases"
ALL_CASES: list[LawCase] = [c for p in sorted(CASES_DIR.glob("*.yaml")) for c in load_law_cases(p)]


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: f"{c.file}:{c.name}")
def test_law_case(case: LawCase) -> None:
    q = run_law_case(case)
    tests = {t.id: t for t in q.tests}
    for rule_id, expected in case.expected.items():
        assert rule_id in tests, f"unknown rule {rule_id}"
        got = tests[rule_id]
        assert got.outcome == expected, f"{rule_id}: {got.outcome} ({got.reason})"
        if got.outcome == "undetermined":
            # the engine says what it could not decide and why
            assert got.reason
    for rule_id, ids in case.evidence.items():
        assert set(ids) <= set(tests[rule_id].evidence), tests[rule_id].evidence


def test_every_case_file_names_rules_it_tests() -> None:
    _, rules, _ = rules_for("FR")
    ids = {r.id for r in rules}
    for case in ALL_CASES:
        assert set(case.rules) <= ids, case.file
        assert set(case.expected) & set(case.rules), f"{case.file}:{case.name} tests none of its rules"


def test_every_rule_has_a_law_case() -> None:
    _, rules, _ = rules_for("FR")
    covered = {r for c in ALL_CASES for r in c.expected}
    missing = sorted(r.id for r in rules if r.id not in covered)
    assert not missing, f"rules without a law case: {missing}"


def test_every_rule_cites_a_versioned_article_in_force_on_its_case_dates() -> None:
    jurisdiction, rules, _ = rules_for("FR")
    by_id = {r.id: r for r in rules}
    checked = 0
    for case in ALL_CASES:
        for rule_id, expected in case.expected.items():
            rule = by_id[rule_id]
            assert rule.articles, f"{rule_id} cites no article"
            in_force = [jurisdiction.article(k).in_force(case.date_of_facts) for k in rule.articles]
            if expected != "undetermined":
                # a decided outcome can only rest on texts in force on the date of the facts
                assert all(v is not None for v in in_force), f"{rule_id} on {case.date_of_facts}"
                checked += 1
            for key in rule.articles:
                article = jurisdiction.article(key)
                assert article.versions, key
    assert checked > 30


def test_every_article_module_has_a_law_case() -> None:
    jurisdiction, rules, _ = rules_for("FR")
    by_id = {r.id: r for r in rules}
    cited = {k for c in ALL_CASES for rid in c.expected for k in by_id[rid].articles}
    modules = {**article_modules("vigipub.law.france"), **article_modules("vigipub.law.eu")}
    missing = sorted(f"{key} ({mod})" for key, mod in modules.items() if key not in cited)
    assert not missing, f"article modules exercised by no law case: {missing}"
    assert set(modules) == set(get_jurisdiction("FR").articles)
