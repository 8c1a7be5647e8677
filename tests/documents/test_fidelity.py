"""Fidelity to the published form: the Iaso Health decision of 28 November 2024.

The reference is read from /work/shared/reference by path (skipped if absent). The parts the
documents stage builds itself (procedural Vu, articles, typography) are checked with a fixture
qualification; the whole decision (legal Vu, Considérant steps, quoted claims) is checked with
the real qualification engine when ``vigipub.qualify`` is importable.
"""

from __future__ import annotations

import importlib

import pytest

from vigipub.cases import load_case
from vigipub.documents import render_decision

from .conftest import IASO_CASE, REFERENCE_DECISION, iaso_qualification
from .fidelity import Decision, is_subsequence, norm, parse_html, parse_reference, quotes, steps

EXPECTED_VU_KINDS = ["regulation", "code", "website", "letter", "written_observations", "oral_observations"]
EXPECTED_STEPS = [
    "medicine_definition",
    "france_link",
    "presentation",
    "atmp",
    "function",
    "authorisation",
    "defences",
    "advertising",
    "advertising_rules",
    "conclusion",
]


@pytest.fixture(scope="module")
def reference() -> Decision:
    if not REFERENCE_DECISION.exists():
        pytest.skip(f"reference decision not found at {REFERENCE_DECISION}")
    return parse_reference(REFERENCE_DECISION.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine_decision() -> Decision:
    try:
        importlib.import_module("vigipub.qualify").qualify  # noqa: B018 - only checks it exists
    except (ImportError, AttributeError) as exc:
        pytest.skip(
            f"vigipub.qualify.qualify is not importable yet ({exc}); fidelity of Considérants not measured"
        )
    from vigipub.cli.draft import obtain_qualification  # the CLI's path: dossier + case → qualify

    case = load_case(IASO_CASE)
    qualification, source = obtain_qualification(case)
    assert source.startswith("vigipub.qualify")
    assert qualification.conclusion == "violation", qualification.questions
    return parse_html(render_decision(qualification, case))


def test_reference_parses_as_expected(reference: Decision) -> None:
    """The comparison tools read the reference the way a lawyer does (guards the parser)."""
    assert reference.vu_kinds == EXPECTED_VU_KINDS
    assert reference.code_articles() == [
        "L.5111-1",
        "L.5121-8",
        "L.5122-1",
        "L.5122-3",
        "L.5122-8",
        "L.5122-9",
        "L.5311-1",
        "L.5312-2",
        "L.5312-4",
    ]
    assert steps(reference.considerants) == EXPECTED_STEPS
    assert len(reference.articles) == 2


def test_case_file_holds_the_reference_facts(reference: Decision) -> None:
    case = load_case(IASO_CASE)
    quoted = [q for c in reference.considerants if len(quotes(c)) >= 3 for q in quotes(c)]
    assert sorted(quoted) == sorted(norm(c).strip(" .") for c in case.claims)
    letter_vu = norm(next(v for v in reference.vu if "courrier" in v))
    assert "5 novembre 2024" in letter_vu
    assert all(norm(a).split(",")[0] in letter_vu for a in case.company.addresses)


def test_procedural_vu_and_articles_match_reference(reference: Decision) -> None:
    """What documents builds from the case (not the law) has the reference's shape."""
    case = load_case(IASO_CASE)
    drafted = parse_html(render_decision(iaso_qualification(), case))
    assert drafted.vu_kinds == reference.vu_kinds
    assert norm(drafted.head) == norm(reference.head)
    for kind in ("website", "letter", "written_observations", "oral_observations"):
        ref = norm(next(v for v, k in zip(reference.vu, reference.vu_kinds, strict=True) if k == kind))
        got = norm(next(v for v, k in zip(drafted.vu, drafted.vu_kinds, strict=True) if k == kind))
        for needle in (
            "https://iaso-cancer.com",
            "5 novembre 2024",
            "grossfeldstrasse 8",
            "7 novembre, 19 novembre et 27 novembre 2024",
            "26 novembre 2024",
            "jusqu'à mise en conformité",
            "l'ensemble des activités opérées en france",
        ):
            assert (needle in ref) == (needle in got), (kind, needle)
    assert len(drafted.articles) == len(reference.articles) == 2
    a1, a2 = (norm(a) for a in drafted.articles)
    for needle in (
        "publicité",
        "thérapie cellulaire dendritique",
        "iaso health gmbh",
        "suspendue",
        "mise en conformité",
    ):
        assert needle in a1 and needle in norm(reference.articles[0])
    for needle in (
        "directrice médicale médicaments 1",
        "directeur de l'inspection",
        "chargés, chacun en ce qui le concerne",
        "exécution de la présente décision",
        "publiée",
    ):
        assert needle in a2 and needle in norm(reference.articles[1])


def test_engine_decision_has_reference_vu(reference: Decision, engine_decision: Decision) -> None:
    assert engine_decision.vu_kinds == reference.vu_kinds
    assert engine_decision.code_articles() == reference.code_articles()


def test_engine_decision_has_reference_steps(reference: Decision, engine_decision: Decision) -> None:
    got = steps(engine_decision.considerants)
    ref = steps(reference.considerants)
    print("reference steps:", ref)
    print("drafted steps:  ", got)
    assert is_subsequence(ref, got), f"missing or reordered steps: reference {ref}, drafted {got}"


def test_engine_decision_quotes_the_reference_claims(reference: Decision, engine_decision: Decision) -> None:
    ref_claims = {q for c in reference.considerants if len(quotes(c)) >= 3 for q in quotes(c)}
    drafted = {q for c in engine_decision.considerants for q in quotes(c)}
    assert ref_claims <= drafted, f"claims not quoted: {sorted(ref_claims - drafted)}"


def test_engine_decision_has_reference_articles(reference: Decision, engine_decision: Decision) -> None:
    assert len(engine_decision.articles) == len(reference.articles)
    assert "suspendue" in norm(engine_decision.articles[0])
    assert "exécution" in norm(engine_decision.articles[1])
