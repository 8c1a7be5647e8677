"""``qualify()``: findings + register answers + case → :class:`Qualification` with its trace."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from vigipub import __version__
from vigipub.evidence.case import Case
from vigipub.evidence.core import SCHEMA_VERSION, Producer, params_digest
from vigipub.evidence.errors import SchemaVersionError
from vigipub.evidence.findings import FindingsFile, OperatorIdentity, PageAnalysis
from vigipub.evidence.french import typeset
from vigipub.evidence.qualification import VIOLATION_RULES, Conclusion, LegalTest, Qualification
from vigipub.evidence.registers import AuthorisationAnswer
from vigipub.law import Jurisdiction

from .engine import evaluate
from .errors import QualifyInputError
from .facts import Fact, SiteFacts, build_facts
from .quotes import select_quotes
from .rules.base import Result, Rule
from .rulesets import rules_for
from .wording import phraser


def _check_schema(version: str, where: str) -> None:
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise SchemaVersionError(
            f"schema_version {version} is not compatible with {SCHEMA_VERSION} (major version differs)",
            where=where,
        )


def load_findings(path: Path) -> FindingsFile:
    """Read ``findings.json``; refuse another major schema version (exit 2)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise QualifyInputError(f"cannot read findings: {exc}", where=str(path)) from exc
    if not isinstance(raw, dict):
        raise QualifyInputError("findings.json must be a JSON object", where=str(path))
    _check_schema(str(raw.get("schema_version", "")), str(path))
    try:
        return FindingsFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise QualifyInputError(f"invalid findings at {loc}: {first['msg']}", where=str(path)) from exc


def load_authorisations(path: Path) -> list[AuthorisationAnswer]:
    """Read ``authorisations.json``: a JSON list of AuthorisationAnswer, an object with
    ``schema_version`` and ``answers``, or one answer as ``vigipub registry check --format json``
    prints it (so that its output can be saved as the dossier's register file as is)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise QualifyInputError(f"cannot read authorisations: {exc}", where=str(path)) from exc
    if isinstance(raw, dict) and "answers" not in raw and {"therapy", "status"} <= raw.keys():
        raw = [raw]  # one answer of `vigipub registry check --format json`
    elif isinstance(raw, dict):
        _check_schema(str(raw.get("schema_version", "")), str(path))
        raw = raw.get("answers", [])
    try:
        return TypeAdapter(list[AuthorisationAnswer]).validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise QualifyInputError(
            f"invalid authorisation answer at {loc}: {first['msg']}", where=str(path)
        ) from exc


def default_date(case: Case | None, pages: list[PageAnalysis]) -> date:
    """The facts are dated by the letter of intent (the Agency's finding), else the capture."""
    if case is not None:
        letters = [e.date for e in case.events if e.kind == "letter_of_intent"]
        letter = getattr(case, "letter_of_intent", None)
        if letter is not None and letter.date:
            letters.append(letter.date)
        if letters:
            return min(letters)
    captured = [p.record.captured_at.date() for p in pages if p.record and p.record.captured_at]
    if captured:
        return max(captured)
    return date.today()


def _legal_test(
    rule: Rule, result: Result, facts: SiteFacts, text_fr: str, jurisdiction: Jurisdiction
) -> LegalTest:
    by_id = facts.by_id()
    used = [by_id[i] for i in result.evidence if i in by_id]
    keys = result.cited or rule.articles
    details: dict[str, str] = {}
    for k, v in result.data.items():
        if k in ("rebuttals",):
            continue
        details[k] = ", ".join(map(str, v)) if isinstance(v, list | tuple) else ("" if v is None else str(v))
    if "rebuttals" in result.data:
        for n, reb in enumerate(result.data["rebuttals"]):
            details[f"rebuttal_{n}_{reb['raised_as']}"] = typeset(reb["rebuttal_fr"])
    return LegalTest(
        id=rule.id,
        rule=rule.dotted,
        question=typeset(rule.question),
        outcome=result.outcome,
        basis=[
            a.ref(facts.date_of_facts)
            for k in keys
            if (a := jurisdiction.article(k)).in_force(facts.date_of_facts) is not None
        ],
        evidence=list(result.evidence),
        quotes=_ordered_quotes(used),
        record_digests=list(dict.fromkeys(f.record_digest for f in used if f.record_digest)),
        text_fr=text_fr,
        reason=result.reason,
        overrides=list(rule.overrides),
        questions=[typeset(q) for q in result.questions],
        overridden_by=list(result.overridden_by),
        details=details,
        weak=bool(used)
        and all(f.strength == "weak" for f in used if f.kind not in ("register", "event", "defence")),
    )


def _ordered_quotes(used: list[Fact]) -> list[str]:
    """The quotes of a test's evidence, each once, the ones a Considérant would choose first
    (French, declarative, strongest: :mod:`vigipub.qualify.quotes`): letters and notices quote
    the first claims of the presentation test."""
    claims = [f for f in used if f.kind == "claim" and f.quote]
    first = [p.fact.quote for p in select_quotes(claims, limit=len(claims)).picks] if claims else []
    return list(dict.fromkeys([*first, *(f.quote for f in used if f.quote)]))


def qualify_facts(
    facts: SiteFacts, jurisdiction_code: str = "FR", rules: list[Rule] | None = None
) -> Qualification:
    """Run the rules of ``jurisdiction_code`` on pure facts (no evidence files needed)."""
    jurisdiction, default_rules, assembler = rules_for(jurisdiction_code)
    rule_list = rules if rules is not None else default_rules
    ev = evaluate(rule_list, facts, jurisdiction)
    parts = (
        assembler(ev, facts, jurisdiction)
        if assembler
        else {"vu": [], "considerants": [], "measure": None, "draft_measure": None, "escalations": []}
    )
    by_test: dict[str, str] = {}
    for c in parts["considerants"]:
        for t in c.tests:
            by_test.setdefault(t, c.text_fr)
    tests: list[LegalTest] = []
    words = phraser(facts.date_of_facts)
    for rid in sorted(ev.rules):
        r = ev.rules[rid]
        res = ev.effective[rid]
        text = (
            res.text_fr
            or by_test.get(rid)
            or words.phrase(
                "test_answer", question=typeset(r.question), answer=words.label("outcomes", res.outcome)
            )
        )
        tests.append(_legal_test(r, res, facts, text, jurisdiction))
    order = {"undetermined": 0, "yes": 1, "no": 2, "not_applicable": 3}
    tests.sort(key=lambda t: (order[t.outcome], _test_num(t.id), t.id))
    questions = list(dict.fromkeys(q for t in tests if t.outcome == "undetermined" for q in t.questions))
    outcomes = [ev.effective[r].outcome for r in VIOLATION_RULES if r in ev.effective]
    conclusion: Conclusion
    if "yes" in outcomes:
        conclusion = "violation"
    elif outcomes and all(o in ("no", "not_applicable") for o in outcomes):
        conclusion = "no_violation"
    else:
        conclusion = "undetermined"
    violations = [
        ev.effective[r].data.get("violation", r)
        for r in VIOLATION_RULES
        if r in ev.effective and ev.effective[r].outcome == "yes"
    ]
    undecided = [t.id for t in tests if t.outcome == "undetermined"]
    summary = f"{conclusion}"
    if violations:
        summary += ": " + ", ".join(violations)
    if parts["measure"] is not None:
        summary += f"; proposed measure: {parts['measure'].kind}"
    if undecided:
        summary += f"; undetermined: {', '.join(undecided)}"
    producer = Producer(
        name="vigipub.qualify",
        version=__version__,
        params_digest=params_digest(
            {
                "jurisdiction": jurisdiction.code,
                "rules": sorted(r.id for r in rule_list),
                "date_of_facts": facts.date_of_facts.isoformat(),
            }
        ),
    )
    return Qualification(
        jurisdiction=jurisdiction.code,
        date_of_facts=facts.date_of_facts,
        producer=producer,
        conclusion=conclusion,
        summary=summary,
        product=facts.product_label,
        tests=tests,
        questions=questions,
        vu=parts["vu"],
        considerants=parts["considerants"],
        measure=parts["measure"],
        draft_measure=parts.get("draft_measure"),
        escalations=parts["escalations"],
    )


def _test_num(test_id: str) -> int:
    head = test_id.split(".")[0].lstrip("T")
    return int(head) if head.isdigit() else 99


def qualify(
    pages: list[PageAnalysis],
    authorisations: list[AuthorisationAnswer],
    *,
    case: Case | None = None,
    site_url: str | None = None,
    date_of_facts: date | None = None,
    jurisdiction: str = "FR",
    operator: OperatorIdentity | None = None,
    case_reading: PageAnalysis | None = None,
) -> Qualification:
    """Qualify the facts found on a site under the law in force on ``date_of_facts``.

    ``case_reading`` is the detector's reading of the case file's quotes (each finding's
    ``case_item`` attribute names its quote): ``vigipub.pipeline.read_case`` makes it, so that
    a claim typed in a case file is classified exactly as the same words on a page.

    ``operator`` (the identity the site gives in its legal notice) names the company when
    the case file does not.

    ``date_of_facts`` defaults to the date of the letter of intent in ``case``, else the
    latest capture date of the pages, else today.
    """
    on = date_of_facts or default_date(case, pages)
    j, _, _ = rules_for(jurisdiction)
    facts = build_facts(
        pages,
        authorisations,
        case=case,
        site_url=site_url,
        date_of_facts=on,
        known_defences=[*j.defences, *(a for d in j.defences.values() for a in d.aliases)],
        operator=operator,
        case_reading=case_reading,
    )
    return qualify_facts(facts, jurisdiction)
