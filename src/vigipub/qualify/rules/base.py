"""What a legal rule is: the article(s) it applies, its conditions, and an outcome with evidence.

A rule is a plain function ``(ctx) -> Result`` wrapped in a :class:`Rule` by the
:func:`rule` decorator, which records its id (``R.T8_UNAUTHORISED_AD``), the question it answers,
the article keys it applies (``"CSP L. 5122-3"``…), the rules whose outcome it reads
(``depends_on``) and, for an exception, the rules it overrides (``overrides``).

Contract (tested for every rule): a rule never answers ``yes`` without at least one fact id in
``Result.evidence``; a rule that cannot decide answers ``undetermined`` and asks a question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vigipub.evidence.qualification import Outcome, RuleId
from vigipub.law import Jurisdiction, Parameter

from ..facts import SiteFacts


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    evidence: tuple[str, ...] = ()
    text_fr: str = ""
    reason: str = ""
    questions: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)
    cited: tuple[str, ...] = ()  # subset of the rule's articles actually relied on (default: all)
    overridden_by: tuple[RuleId, ...] = ()


def yes(evidence: Iterable[str], text_fr: str = "", reason: str = "", **data: Any) -> Result:
    return Result("yes", tuple(dict.fromkeys(evidence)), text_fr, reason, data=data)


def no(reason: str, evidence: Iterable[str] = (), text_fr: str = "", **data: Any) -> Result:
    return Result("no", tuple(dict.fromkeys(evidence)), text_fr, reason, data=data)


def undetermined(reason: str, *questions: str, evidence: Iterable[str] = (), **data: Any) -> Result:
    return Result("undetermined", tuple(dict.fromkeys(evidence)), "", reason, tuple(questions), data=data)


def not_applicable(reason: str, **data: Any) -> Result:
    return Result("not_applicable", (), "", reason, data=data)


@dataclass
class Context:
    """What a rule sees: the facts, the law in force, and the outcomes it depends on."""

    facts: SiteFacts
    jurisdiction: Jurisdiction
    results: dict[RuleId, Result]

    @property
    def on(self) -> date:
        return self.facts.date_of_facts

    def param(self, name: str) -> Any:
        parameter: Parameter = self.jurisdiction.parameter(name)
        return parameter.value_at(self.on)

    def text(self, article_key: str) -> str | None:
        return self.jurisdiction.article(article_key).text_fr(self.on)

    def outcome(self, rule_id: RuleId) -> Outcome:
        r = self.results.get(rule_id)
        return r.outcome if r else "undetermined"

    def result(self, rule_id: RuleId) -> Result:
        return self.results.get(rule_id) or undetermined(f"rule {rule_id} is not available")

    def evidence_of(self, *rule_ids: RuleId) -> list[str]:
        out: list[str] = []
        for rid in rule_ids:
            r = self.results.get(rid)
            if r and r.outcome == "yes":
                out.extend(r.evidence)
        return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Rule:
    id: RuleId
    test: str  # T0 … T13
    question: str
    articles: tuple[str, ...]  # article keys of vigipub.law ("CSP L. 5122-3")
    func: Callable[[Context], Result]
    depends_on: tuple[RuleId, ...] = ()
    overrides: tuple[RuleId, ...] = ()
    level: str = ""  # "EU" or a country code

    @property
    def dotted(self) -> str:
        return f"{self.func.__module__}.{self.func.__name__}"

    def evaluate(self, ctx: Context) -> Result:
        return self.func(ctx)


def rule(
    registry: list[Rule],
    id: RuleId,
    *,
    question: str,
    articles: Iterable[str],
    depends_on: Iterable[RuleId] = (),
    overrides: Iterable[RuleId] = (),
    level: str,
) -> Callable[[Callable[[Context], Result]], Callable[[Context], Result]]:
    """Declare a rule and append it to ``registry``."""

    def wrap(func: Callable[[Context], Result]) -> Callable[[Context], Result]:
        registry.append(
            Rule(
                id=RuleId(id),
                test=id.split(".")[0],
                question=question,
                articles=tuple(articles),
                func=func,
                depends_on=tuple(depends_on),
                overrides=tuple(overrides),
                level=level,
            )
        )
        return func

    return wrap
