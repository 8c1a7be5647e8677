"""Snapshots of the reasoning vigipub drafts: every Vu, Considérant, Article 1 and escalation,
with the articles each cites, for a few cases that go through the sentences of
``vigipub/qualify/wording/fr.yaml``.

A lawyer who changes a sentence runs this test: it fails and shows the old and the new words
side by side (the snapshots are ``tests/qualify/snapshots/*.txt``). When the change is the one
intended, accept it and review the diff:

    VIGIPUB_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/qualify/test_wording_snapshots.py
    git diff tests/qualify/snapshots

(the decisions themselves: tests/documents/test_snapshots.py; the lawyer's guide:
docs/legal-wording.md).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from vigipub.evidence import Case, Qualification
from vigipub.qualify import qualify

from .conftest import CaseFixture, load_case_fixture

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("VIGIPUB_UPDATE_SNAPSHOTS") == "1"


def reasoning(q: Qualification) -> str:
    """The sentences of a qualification as a lawyer reads them, each with its citations."""
    out = [f"conclusion: {q.conclusion}", ""]

    def add(label: str, text: str, basis: list[str]) -> None:
        out.append(f"[{label}] {text}")
        if basis:
            out.append("    cites: " + " ; ".join(basis))

    for v in q.vu:
        add(v.id, v.text_fr, [b.label_fr for b in v.basis])
    out.append("")
    for c in q.considerants:
        add(f"{c.id} {'/'.join(c.tests)}", c.text_fr, [b.label_fr for b in c.basis])
    out.append("")
    for name, measure in (("Article 1", q.measure), ("Article 1 (draft)", q.draft_measure)):
        if measure is not None:
            add(f"{name} {measure.kind}", measure.text_fr, [b.label_fr for b in measure.basis])
    for e in q.escalations:
        add(f"{e.kind} ← {e.trigger}", e.text_fr, [b.label_fr for b in e.basis])
    return "\n".join(out) + "\n"


def _iaso() -> CaseFixture:
    return load_case_fixture("iaso_health.yaml")


def _run(fx: CaseFixture, case: Case | None, *, answers: bool = True) -> Qualification:
    return qualify(
        fx.findings.pages,
        fx.authorisations if answers else [],
        case=case,
        site_url="https://iaso-cancer.com",
        date_of_facts=fx.date_of_facts,
    )


def _continued(fx: CaseFixture) -> Case:
    events = [
        *fx.raw["case"]["events"],
        {"date": "2024-11-28", "kind": "decision"},
        {"date": "2025-01-06", "kind": "compliance_check", "verdict": "not_complied"},
    ]
    raw = {**fx.raw["case"], "events": events, "decision": {"date": "2024-11-28", "measure": "suspension_of_all_activities"}}
    return Case.model_validate(raw)


SCENARIOS: dict[str, Callable[[CaseFixture], Qualification]] = {
    # the Iaso Health case file and its dossier: the published decision's sentences
    "iaso": lambda fx: _run(fx, fx.case),
    # the same site drafted without a case file (vigipub investigate): the procedure's gaps
    "iaso_without_case_file": lambda fx: _run(fx, None),
    # no register answer: the authorisation test stays open, the draft marks its gap
    "iaso_registers_not_consulted": lambda fx: _run(fx, fx.case, answers=False),
    # all activities suspended, then the advertising continued: the other Article 1, T13
    "iaso_continued_after_suspension": lambda fx: _run(fx, _continued(fx)),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_reasoning_snapshot(name: str) -> None:
    got = reasoning(SCENARIOS[name](_iaso()))
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path}; create it with VIGIPUB_UPDATE_SNAPSHOTS=1")
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "snapshot", "now", n=0))
        pytest.fail(f"{name}: the reasoning differs from its snapshot (VIGIPUB_UPDATE_SNAPSHOTS=1 to accept):\n{diff[:6000]}")


@pytest.mark.parametrize(
    ("product", "article", "agreed"),
    [
        ("cellules souches mésenchymateuses", "les", ("répondent dès lors", "mises en avant", "qui ne disposent pas")),
        ("exosomes", "les", ("répondent dès lors", ", mis en avant", "qui ne disposent pas")),
        ("thérapie cellulaire dendritique", "la", ("répond dès lors", "mise en avant", "qui ne dispose pas")),
        ("vaccin dendritique", "le", ("répond dès lors", ", mis en avant", "qui ne dispose pas")),
        ("immunothérapie cellulaire", "l'", ("répond dès lors", "mise en avant", "qui ne dispose pas")),
    ],
)
def test_the_reasoning_agrees_with_the_product(product: str, article: str, agreed: tuple[str, ...]) -> None:
    """« les cellules … répondent », « la thérapie …, mise en avant » (as the Iaso decision
    writes it), « les exosomes … qui ne disposent pas »: the words that agree with the product
    come from wording/fr.yaml's product_agreement table."""
    fx = _iaso()
    case = Case.model_validate({**fx.raw["case"], "product": product, "product_article": article})
    text = " ".join(c.text_fr for c in _run(fx, case).considerants)
    for words in agreed:
        assert words in text, (product, words)
