"""Which rules run for a jurisdiction, and which decision assembler drafts its Vu/Considérants.

A Member State jurisdiction runs the EU-level rules (:mod:`.rules.eu`, shared) plus its own
national rules. Registering a second country (``register_ruleset("BE", rules, assembler)``)
touches nothing in the French rules; until its national rules exist, the tests they would
answer stay ``undetermined``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vigipub.law import Jurisdiction, get_jurisdiction

from .errors import RuleDefinitionError
from .rules import eu, fr
from .rules.base import Rule

Assembler = Callable[..., dict[str, Any]]

_NATIONAL: dict[str, tuple[list[Rule], Assembler | None]] = {}


def register_ruleset(code: str, rules: list[Rule], assembler: Assembler | None = None) -> None:
    _NATIONAL[code.upper()] = (list(rules), assembler)


def _france_assembler(*args: Any, **kwargs: Any) -> dict[str, Any]:
    from .decision_fr import assemble

    return assemble(*args, **kwargs)


register_ruleset("FR", fr.RULES, _france_assembler)
register_ruleset("EU", [], None)


def rules_for(code: str) -> tuple[Jurisdiction, list[Rule], Assembler | None]:
    """The jurisdiction, its rules (shared EU level + national) and its assembler."""
    jurisdiction = get_jurisdiction(code)
    national, assembler = _NATIONAL.get(jurisdiction.code, ([], None))
    rules = list(national)
    if "EU" in jurisdiction.shared or jurisdiction.code == "EU":
        rules = eu.RULES + rules
    check_rules(rules, jurisdiction)
    return jurisdiction, rules, assembler


def check_rules(rules: list[Rule], jurisdiction: Jurisdiction) -> None:
    """Every rule cites at least one article the jurisdiction defines; overrides name rules."""
    ids = {r.id for r in rules}
    for r in rules:
        if not r.articles:
            raise RuleDefinitionError(f"rule {r.id} cites no article")
        for key in r.articles:
            jurisdiction.article(key)  # raises UnknownArticleError
        for target in r.overrides:
            if target not in ids:
                raise RuleDefinitionError(f"rule {r.id} overrides unknown rule {target}")
