"""The real Iaso Health case: the Vu list and the Considérants match the ANSM decision of
28/11/2024 article for article, paragraph for paragraph."""

from __future__ import annotations

import re

import pytest

from vigipub.qualify import qualify

from .conftest import REFERENCE, CaseFixture

# citations as they appear in a decision: CSP articles and EU instruments by number
_CITE = re.compile(
    r"(?P<csp>\bL\.[\s\u00a0\u202f]*(?P<num>\d{4}(?:-\d+)+))"
    r"|(?P<reg>r[èe]glement\s*\(?CE\)?\s*(?:n[\s\u00a0\u202f]*°[\s\u00a0\u202f]*)?(?P<regnum>\d+/\d{4}))"
    r"|(?P<dir>directive\s*(?P<dirnum>\d{4}/\d+)/CE)",
    re.IGNORECASE,
)


def citations(text: str) -> list[str]:
    out: list[str] = []
    for m in _CITE.finditer(text):
        token = f"L. {m['num']}" if m["csp"] else f"REG {m['regnum']}" if m["reg"] else f"DIR {m['dirnum']}"
        if token not in out:
            out.append(token)
    return out


def reference_paragraphs() -> tuple[list[str], list[str]]:
    text = REFERENCE.read_text(encoding="utf-8")
    body = text.split("Décide")[0]
    paragraphs = re.split(r"\n\s*(?=Vu |Considérant)", body)
    vu = [" ".join(p.split()) for p in paragraphs if p.strip().startswith("Vu ")]
    considerants = [" ".join(p.split()) for p in paragraphs if p.strip().startswith("Considérant")]
    return vu, considerants


@pytest.fixture(scope="module")
def result(iaso: CaseFixture):
    return qualify(iaso.findings.pages, iaso.authorisations, case=iaso.case, date_of_facts=iaso.date_of_facts)


def test_outcomes_conclusion_and_measure(result, iaso: CaseFixture) -> None:
    outcomes = {t.id: t.outcome for t in result.tests}
    for rule_id, expected in iaso.expected["outcomes"].items():
        assert outcomes[rule_id] == expected, (rule_id, outcomes[rule_id])
    assert result.conclusion == iaso.expected["conclusion"]
    assert result.measure is not None and result.measure.kind == iaso.expected["measure"]
    assert {e.kind for e in result.escalations} >= {
        "referral_prosecutor",
        "administrative_fine",
        "pharos_report",
        "foreign_authority",
    }


def test_vu_cites_the_articles_of_the_decision_in_order(result, iaso: CaseFixture) -> None:
    got = [citations(v.text_fr) for v in result.vu]
    assert got == iaso.expected["vu_citations"]


def as_published(considerants):
    """The Considérants of the kinds the 2024 decision has: vigipub also answers each argument
    explicitly (C13_*, issue 13) and marks the observations no summary was given for (gaps)."""
    return [c for c in considerants if not c.id.startswith("C13_") and "\u27e6" not in c.text_fr]


def test_considerants_cite_the_articles_of_the_decision_in_order(result, iaso: CaseFixture) -> None:
    got = [citations(c.text_fr) for c in as_published(result.considerants)]
    expected = iaso.expected["considerant_citations"]
    assert len(got) == len(expected)
    for n, (g, e) in enumerate(zip(got, expected, strict=True)):
        assert g == e, f"Considérant {n + 1} ({as_published(result.considerants)[n].id}): {g} != {e}"


def test_every_argument_is_answered_citing_its_articles(result) -> None:
    answers = [c for c in result.considerants if c.id.startswith("C13_reponse")]
    # medical tourism, no activity in France, the French version for Swiss patients
    assert len(answers) == 3
    assert all(c.basis for c in answers)
    assert "L.\u00a05311-1" in answers[1].text_fr and "L.\u00a05312-2" in answers[1].text_fr
    # against the Swiss-patients argument: what the site shows of its French audience
    targeting = next(c for c in result.considerants if c.id.startswith("C13_ciblage"))
    assert "version en français" in targeting.text_fr and "Marie, Lyon" in targeting.text_fr
    # the oral observations of 26/11 and the letter of 27/11 carry no summary: a highlighted gap
    gaps = [c for c in result.considerants if "\u27e6" in c.text_fr]
    assert [c.text_fr.split(" le ")[1][:16].replace("\u00a0", " ") for c in gaps] == ["26 novembre 2024", "27 novembre 2024"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not beside the repository")
def test_expected_lists_are_those_of_the_reference_decision(iaso: CaseFixture) -> None:
    vu, considerants = reference_paragraphs()
    assert [citations(v) for v in vu] == iaso.expected["vu_citations"]
    assert [citations(c) for c in considerants] == iaso.expected["considerant_citations"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not beside the repository")
def test_engine_matches_the_reference_decision(result) -> None:
    vu, considerants = reference_paragraphs()
    assert [citations(v.text_fr) for v in result.vu] == [citations(v) for v in vu]
    assert [citations(c.text_fr) for c in as_published(result.considerants)] == [
        citations(c) for c in considerants
    ]


def test_every_citation_in_a_text_is_in_its_basis(result) -> None:
    def basis_tokens(basis) -> set[str]:
        out = set()
        for b in basis:
            if b.code == "CSP":
                out.add("L. " + b.article.split("\u00a0")[-1])
            elif "1394/2007" in b.code:
                out.add("REG 1394/2007")
            elif "726/2004" in b.code:
                out.add("REG 726/2004")
            elif "2001/83" in b.code:
                out.add("DIR 2001/83")
        return out

    for item in [*result.vu, *result.considerants]:
        cited = set(citations(item.text_fr))
        # the full title of Reg. 1394/2007 names 2001/83 and 726/2004 as amended acts, not as bases
        if "REG 1394/2007" in cited:
            cited -= {"DIR 2001/83", "REG 726/2004"}
        assert cited <= basis_tokens(item.basis), (item.id, cited, basis_tokens(item.basis))


def test_considerants_carry_their_evidence(result, iaso: CaseFixture) -> None:
    quotes = {f.id: f.quote for p in iaso.findings.pages for f in p.findings}
    by_id = {c.id: c for c in result.considerants}
    claims = by_id["C15_allegations_benefices_risques"]
    for fid in claims.evidence:
        assert f"«\u202f{quotes[fid]}\u202f»" in claims.text_fr
    # the German page supports advertising but the French decision quotes the French version
    assert "Krebs" not in claims.text_fr
    assert "f-testimonial-1" in by_id["C16_temoignages"].evidence
    assert set(by_id["C7_manipulation_substantielle"].evidence) >= {"f-manip-2", "f-manip-3", "f-manip-4"}
    for c in result.considerants:
        assert c.tests, c.id


def test_french_typography(result) -> None:
    texts = (
        [v.text_fr for v in result.vu] + [c.text_fr for c in result.considerants] + [result.measure.text_fr]
    )
    for text in texts:
        assert re.search(r"[ \u00a0][;:!?](\s|$)", text) is None, text  # U+202F before ; : ! ?
        assert re.search(r"\bL\. \d", text) is None, text  # « L. 5122-1 » with a no-break space
        assert "« " not in text and " »" not in text, text
        assert text.startswith(("Vu ", "Considérant", "La ", "L'"))
    assert result.vu[0].text_fr.endswith("\u202f;")
    assert result.considerants[-1].text_fr.endswith("\u202f;")
    assert "L.\u00a05122-3" in next(c for c in result.considerants if c.id == "C19_article_L5122_3").text_fr


def test_tests_list_undetermined_first_and_cite_versions(result) -> None:
    outcomes = [t.outcome for t in result.tests]
    assert outcomes == sorted(outcomes, key=lambda o: o != "undetermined")
    for t in result.tests:
        assert t.basis, t.id
        assert t.text_fr
        for b in t.basis:
            assert b.version_start is None or b.version_start <= result.date_of_facts
        if t.outcome == "yes":
            assert t.evidence, t.id
    t5 = next(t for t in result.tests if t.id == "T5.unauthorised")
    assert t5.record_digests and all(d.startswith("sha256:") for d in t5.record_digests)
    t9 = next(t for t in result.tests if t.id == "T9.defences")
    assert any(k.startswith("rebuttal_") for k in t9.details)
