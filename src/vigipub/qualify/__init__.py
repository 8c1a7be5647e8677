"""Qualify the facts of a dossier under the law: tests T0-T13 with evidence, Vu, Considérants.

Public API::

    qualify(pages, authorisations, *, case=None, site_url=None, date_of_facts=None,
            jurisdiction="FR") -> Qualification
    build_facts(pages, authorisations, *, case=None, site_url=None, date_of_facts) -> SiteFacts
    qualify_facts(facts, jurisdiction_code="FR", rules=None) -> Qualification
    load_findings(path) -> FindingsFile          # SchemaVersionError on another major version
    load_authorisations(path) -> list[AuthorisationAnswer]
    rules_for(code) -> (Jurisdiction, list[Rule], assembler)
    register_ruleset(code, rules, assembler=None)
    quotes.select_quotes(facts, *, limit, ...) -> Selection   # which site words a Considérant quotes

Imports only :mod:`vigipub.evidence` and :mod:`vigipub.law`.
"""

from .api import load_authorisations, load_findings, qualify, qualify_facts
from .facts import Fact, SiteFacts, build_facts
from .rules.base import Result, Rule
from .rulesets import register_ruleset, rules_for

__all__ = [
    "Fact",
    "Result",
    "Rule",
    "SiteFacts",
    "build_facts",
    "load_authorisations",
    "load_findings",
    "qualify",
    "qualify_facts",
    "register_ruleset",
    "rules_for",
]
