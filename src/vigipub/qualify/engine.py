"""Evaluate a rule set on facts so that the order of the rules never decides the result.

Each rule is evaluated once, after the rules it depends on *and* the exceptions that override
them: a dependent rule always sees the *effective* outcome of its dependency. The effective
outcome of a rule is its own result unless an exception overriding it answers ``yes`` (the
exception wins: the rule's outcome becomes the exception's ``data["effect"]``, ``no`` by default)
or ``undetermined`` while the rule said ``yes`` (then the rule is undetermined too). The
evaluation order is a topological order with ties broken by rule id, so shuffling the input
list changes nothing (tested).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from vigipub.evidence.qualification import RuleId
from vigipub.law import Jurisdiction

from .errors import RuleDefinitionError
from .facts import SiteFacts
from .rules.base import Context, Result, Rule, undetermined


@dataclass(frozen=True)
class Evaluation:
    rules: dict[RuleId, Rule]
    raw: dict[RuleId, Result]
    effective: dict[RuleId, Result]


def _order(rules: dict[RuleId, Rule], overriders: dict[RuleId, list[RuleId]]) -> list[RuleId]:
    prereq: dict[RuleId, set[RuleId]] = {}
    for rid, r in rules.items():
        needs: set[RuleId] = set()
        for dep in r.depends_on:
            if dep in rules:
                needs.add(dep)
                needs.update(overriders.get(dep, []))
        needs.discard(rid)
        prereq[rid] = needs
    order: list[RuleId] = []
    done: set[RuleId] = set()
    while len(order) < len(rules):
        ready = sorted(rid for rid in rules if rid not in done and prereq[rid] <= done)
        if not ready:
            stuck = sorted(set(rules) - done)
            raise RuleDefinitionError(f"dependency cycle among rules {', '.join(stuck)}")
        for rid in ready:
            order.append(rid)
            done.add(rid)
    return order


def _effective(rid: RuleId, raw: dict[RuleId, Result], overriders: dict[RuleId, list[RuleId]]) -> Result:
    base = raw[rid]
    winners = [x for x in sorted(overriders.get(rid, [])) if x in raw and raw[x].outcome == "yes"]
    if winners:
        effect = raw[winners[0]].data.get("effect", "no")
        evidence = tuple(dict.fromkeys(e for w in winners for e in raw[w].evidence))
        return replace(
            base,
            outcome=effect,
            evidence=evidence,
            reason=f"overridden by {', '.join(winners)}: " + "; ".join(raw[w].reason for w in winners),
            overridden_by=tuple(winners),
        )
    pending = [x for x in sorted(overriders.get(rid, [])) if x in raw and raw[x].outcome == "undetermined"]
    if pending and base.outcome == "yes":
        qs = tuple(q for x in pending for q in raw[x].questions)
        return replace(
            base,
            outcome="undetermined",
            reason=f"the exception(s) {', '.join(pending)} could not be decided; " + base.reason,
            questions=base.questions + qs,
        )
    return base


def evaluate(rule_list: list[Rule], facts: SiteFacts, jurisdiction: Jurisdiction) -> Evaluation:
    rules: dict[RuleId, Rule] = {}
    for r in rule_list:
        if r.id in rules:
            raise RuleDefinitionError(f"rule {r.id} defined twice")
        rules[r.id] = r
    overriders: dict[RuleId, list[RuleId]] = {}
    for r in rules.values():
        for target in r.overrides:
            overriders.setdefault(target, []).append(r.id)
    raw: dict[RuleId, Result] = {}
    effective: dict[RuleId, Result] = {}
    for rid in _order(rules, overriders):
        r = rules[rid]
        visible: dict[RuleId, Result] = {}
        for dep in r.depends_on:
            if dep in rules:
                visible[dep] = _effective(dep, raw, overriders)
        ctx = Context(facts=facts, jurisdiction=jurisdiction, results=visible)
        missing = [k for k in r.articles if jurisdiction.article(k).in_force(facts.date_of_facts) is None]
        if missing:
            # the rule applies a text that was not in force on the date of the facts: the earlier
            # law is not modelled, so the engine says so instead of applying the wrong wording
            result = undetermined(
                f"not in force on {facts.date_of_facts.isoformat()}: {', '.join(missing)}",
                f"Quel texte s'appliquait le {facts.date_of_facts.strftime('%d/%m/%Y')} à la place de "
                f"{', '.join(missing)} ?",
            )
        else:
            result = r.evaluate(ctx)
        if result.outcome == "yes" and not result.evidence:
            # a legal conclusion without evidence is never emitted (DESIGN: evidence flows one way)
            result = undetermined(f"rule {rid} concluded yes without evidence; withheld", *result.questions)
        raw[rid] = result
    for rid in rules:
        effective[rid] = _effective(rid, raw, overriders)
    return Evaluation(rules=rules, raw=raw, effective=effective)
