"""YAML law cases, openfisca/Catala style: ``facts``, ``date_of_facts``, ``expected``.

A law-case file tests one rule (or a few) on small, hand-written facts::

    rule: T3.substantial                # the rule(s) under test (str or list)
    cases:
      - name: culture is substantial
        date_of_facts: 2024-11-05
        facts:
          pages:                         # compact PageAnalysis: ids, offsets, urls are filled in
            - language: fr
              verdict: promotion         # default promotion
              findings:
                - {kind: manipulation, subkind: culture_expansion, quote: "cellules cultivées"}
          authorisations: [{therapy: dendritic_cells, status: not_authorised}]
          case: {company: {name: X}, product: "…", events: […], defences: […]}   # optional
          case_reading:                  # optional: what the detector reads in the case's quotes
            - {item: "claims[0]", kind: claim, subkind: cure}
        expected:
          T3.substantial: yes            # outcome per rule id
          evidence: {T3.substantial: [p0f0]}   # optional: ids that must be cited

Finding ids default to ``p<page>f<index>``; page URLs to ``https://site.example/p<page>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from vigipub.evidence.case import Case
from vigipub.evidence.findings import PageAnalysis
from vigipub.evidence.qualification import Qualification
from vigipub.evidence.registers import AuthorisationAnswer

from .api import qualify
from .errors import QualifyInputError


@dataclass(frozen=True)
class LawCase:
    file: str
    name: str
    rules: tuple[str, ...]
    date_of_facts: date
    facts: dict[str, Any]
    expected: dict[str, str]
    evidence: dict[str, list[str]] = field(default_factory=dict)
    jurisdiction: str = "FR"


def pages_from_spec(pages: list[dict[str, Any]]) -> list[PageAnalysis]:
    out: list[PageAnalysis] = []
    for n, spec in enumerate(pages):
        url = spec.get("url", f"https://site.example/p{n}")
        findings = []
        for k, f in enumerate(spec.get("findings", [])):
            quote = str(f.get("quote", f.get("subkind", "")))
            findings.append(
                {
                    "id": f.get("id", f"p{n}f{k}"),
                    "kind": f["kind"],
                    "subkind": f.get("subkind", ""),
                    "quote": quote,
                    "start": 0,
                    "end": len(quote),
                    "url": url,
                    "language": f.get("language", spec.get("language")),
                    "attributes": {str(a): str(v) for a, v in (f.get("attributes") or {}).items()},
                    "payload_digest": f.get("payload_digest"),
                    "confidence": float(f.get("confidence", 1.0)),
                }
            )
        out.append(
            PageAnalysis.model_validate(
                {
                    "url": url,
                    "title": spec.get("title", ""),
                    "language": spec.get("language"),
                    "verdict": spec.get("verdict", "promotion"),
                    "score": spec.get("score", 1.0),
                    "genre": spec.get("genre", "unknown"),
                    "source": spec.get("source", "http"),
                    "findings": findings,
                    "text_sha256": spec.get("text_sha256", f"sha256:{n:064d}"),
                }
            )
        )
    return out


def authorisations_from_spec(items: list[dict[str, Any]]) -> list[AuthorisationAnswer]:
    out = []
    for a in items:
        data = {"text_fr": "réponse des registres (cas de test)", **a}
        if "matches" in data:
            data["matches"] = [
                {
                    "registry": "BDPM",
                    "identifier": "0",
                    "product": "x",
                    "status": "x",
                    "authorised": True,
                    **m,
                }
                for m in data["matches"]
            ]
        out.append(AuthorisationAnswer.model_validate(data))
    return out


def case_reading_from_spec(items: list[dict[str, Any]]) -> PageAnalysis:
    """A compact detector reading of a case file's quotes (as ``vigipub.pipeline.read_case``
    makes it): each item names the quote (``claims[0]``) and what the detector found in it."""
    spec = [
        {
            "kind": i["kind"],
            "subkind": i.get("subkind", ""),
            "quote": i.get("quote", i.get("subkind", "")),
            "attributes": {**(i.get("attributes") or {}), "case_item": i["item"]},
            "id": f"case-file:f{k}",
        }
        for k, i in enumerate(items)
    ]
    return pages_from_spec([{"url": "case-file", "source": "text", "findings": spec}])[0]


def load_law_cases(path: Path) -> list[LawCase]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QualifyInputError(f"unreadable law case file: {exc}", where=str(path)) from exc
    rules = data["rule"] if isinstance(data["rule"], list) else [data["rule"]]
    out = []
    for case in data["cases"]:
        expected = {k: _outcome(v) for k, v in case["expected"].items() if k != "evidence"}
        out.append(
            LawCase(
                file=path.name,
                name=case["name"],
                rules=tuple(rules),
                date_of_facts=case["date_of_facts"],
                facts=case.get("facts") or {},
                expected=expected,
                evidence=dict(case["expected"].get("evidence") or {}),
                jurisdiction=data.get("jurisdiction", "FR"),
            )
        )
    return out


def _outcome(value: Any) -> str:
    # YAML 1.1 reads yes/no as booleans
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def run_law_case(case: LawCase) -> Qualification:
    facts = case.facts
    pages = pages_from_spec(facts.get("pages", []))
    auths = authorisations_from_spec(facts.get("authorisations", []))
    legal_case = Case.model_validate(facts["case"]) if facts.get("case") else None
    return qualify(
        pages,
        auths,
        case=legal_case,
        date_of_facts=case.date_of_facts,
        site_url=facts.get("site_url"),
        jurisdiction=case.jurisdiction,
        case_reading=case_reading_from_spec(facts["case_reading"]) if facts.get("case_reading") else None,
    )
