"""Vu, Considérants, measure and escalations of an ANSM decision (QUALIFICATION.md T12, T13).

The sequence follows the structure of the ANSM decision of 28/11/2024 (Iaso Health GmbH),
paragraph for paragraph; every paragraph is emitted only when the tests that justify it hold.
This module decides which sentence a case gets and with which values; the sentences
themselves, the articles they cite and the law they quote are data (``wording/fr.yaml``, read
by :mod:`.wording`): a lawyer changes the words there, never here. The site's own words are
quoted verbatim in « ».
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from vigipub.evidence.case import LetterScope
from vigipub.evidence.french import (
    date_list,
    de,
    gender_number,
    has_determiner,
    join,
    long_date,
    lower_first,
    placeholder,
    que,
    quote,
    typeset,
    with_article,
)
from vigipub.evidence.french import euros as euros_fr
from vigipub.evidence.qualification import (
    VIOLATION_RULES,
    Considerant,
    Escalation,
    EscalationKind,
    Measure,
    MeasureKind,
    RuleId,
    Vu,
)
from vigipub.evidence.vocabulary import THERAPY_ARTICLES_FR, THERAPY_FAMILIES, names_a_doctor
from vigipub.law import Jurisdiction

from .engine import Evaluation
from .facts import INCITATIONS, Fact, RaisedDefence, SiteFacts
from .quotes import (
    CLAIM_ORDER,
    MANIPULATION_RANK,
    MANIPULATION_STEPS,
    Selection,
    display,
    manipulation_signals,
    normalise,
    quality,
    select_quotes,
    substantive,
    version_note,
)
from .rules.eu import THERAPEUTIC_CLAIMS, XENOGENEIC_FAMILIES
from .wording import Phrased, Phraser, phraser

R = RuleId

#: claims quoted as benefit/risk allegations (C15): efficacy, safety, superiority and cure
BENEFIT_RISK = frozenset(
    {"cure", "efficacy_figure", "treat", "prevent", "universality", "guarantee", "safety", "superiority"}
)
#: claims that present the product as treating or preventing a disease (C4)
PRESENTATION = frozenset(THERAPEUTIC_CLAIMS) | {"safety", "superiority"}


def claim_kinds(fact: Fact) -> set[str]:
    """Every kind of claim a fact is: a case-file claim holds all the detector found in it."""
    kinds = {k for k in fact.attributes.get("subkinds", "").split(",") if k}
    return kinds | {fact.subkind}


#: the order in which the Vu cites CSP articles (numeric order, as ANSM does)
_CSP_KEY = re.compile(r"L\. (\d+)-(\d+)(?:-(\d+))?")


def _csp_order(key: str) -> tuple[int, ...]:
    m = _CSP_KEY.search(key)
    return tuple(int(g) for g in m.groups() if g) if m else (99999,)


#: conditions a site treats that are no disease: named after the diseases (label_fr)
_NAMED_LAST = frozenset({"vieillissement"})


def _foreign(country: str | None) -> bool:
    return (country or "FR").upper() not in ("FR", "FRANCE")


class _Builder:
    def __init__(self, ev: Evaluation, facts: SiteFacts, jurisdiction: Jurisdiction) -> None:
        self.ev, self.facts, self.j = ev, facts, jurisdiction
        self.on: date = facts.date_of_facts
        self.eff = ev.effective
        self.w: Phraser = phraser(self.on, jurisdiction.code)
        # the company the case or the site names; else a gap the inspector fills in
        self.name = facts.company.name if facts.company else placeholder(self.w.phrase("company_unknown"))
        # « la société X » or « le Dr X », and the words that agree (« l'a informée »)
        form = "doctor" if facts.company and names_a_doctor(facts.company.name) else "company"
        self.names = {
            field: self.w.label("addressee", f"{field}.{form}", name=self.name)
            for field in ("la_societe", "de_la_societe", "a_la_societe", "informee", "situee")
        }
        # « la thérapie cellulaire dendritique »: the case's article, else the family's table
        label = facts.product_label or self.w.phrase("product_unknown")
        self.product = with_article(label, facts.product_article or _family_article(facts))
        self.of_product = de(self.product)  # « de la thérapie … », « du … », « des … »
        # the words that agree with it (« les exosomes … répondent », « la thérapie …, mise en avant »)
        gender, number = gender_number(self.product)
        self.agreement = {
            "repond": self.w.label("product_agreement", f"repond.{number}"),
            "dispose": self.w.label("product_agreement", f"dispose.{number}"),
            "mis": self.w.label("product_agreement", f"mis.{gender}.{number}"),
        }
        self.url = facts.site_url or self.w.phrase("site_unknown")
        self.considerants: list[Considerant] = []
        self._benefit_risk: Selection | None = None
        # no violation established and none excluded: a draft with its gaps marked
        outcomes = [self.eff[r].outcome for r in VIOLATION_RULES if r in self.eff]
        self.gap_mode = "yes" not in outcomes and "undetermined" in outcomes

    # -- helpers ---------------------------------------------------------------------------
    def ok(self, rule_id: RuleId) -> bool:
        r = self.eff.get(rule_id)
        return r is not None and r.outcome == "yes"

    def add(
        self,
        id_: str,
        said: Phrased,
        evidence: list[str] | None = None,
    ) -> None:
        """A Considérant: the phrased sentence, its basis and tests, and the evidence of those
        tests unless the sentence relies on its own (the facts it quotes)."""
        ev: list[str] = list(evidence or [])
        if not ev:
            for t in said.tests:
                r = self.eff.get(t)
                if r:
                    ev.extend(r.evidence)
        self.considerants.append(
            Considerant(
                id=id_, text_fr=said.text, basis=said.basis, tests=said.tests, evidence=list(dict.fromkeys(ev))
            )
        )

    def claims(
        self,
        subkinds: set[str] | frozenset[str],
        limit: int,
        order: list[str] | None = None,
        *,
        keep_case_file: bool = True,
        avoid: set[str] | frozenset[str] = frozenset(),
    ) -> Selection:
        """The claims a Considérant quotes (rules in :mod:`vigipub.qualify.quotes`).

        Only claims of the kinds asked for, case file included (the detector classified the
        inspector's quotes too); never a claim the detector only inferred from a description
        of the product's manufacture, a page title or a menu label. Case-file claims are the
        inspector's choice: all those of these kinds are quoted when ``keep_case_file``, before
        any page claim.
        """
        made = {" ".join(f.quote.split()) for f in self.facts.of("manipulation")}
        facts = [
            f
            for f in self.facts.of("claim")
            if claim_kinds(f) & subkinds
            and f.attributes.get("inferred") != "yes"
            and not (f.source != "case file" and quality(f.quote) in ("heading", "navigation", "boilerplate"))
            and not (" ".join(f.quote.split()) in made and not claim_kinds(f) - {"treat", "innovation"})
        ]
        # a patient's story is the site's claim too, but « présente ce produit dans les termes
        # suivants » quotes the company's own words first, in another version of the site if
        # need be: a claim told in a testimonial is quoted only when the site says nothing else
        # (the testimonials have their own Considérant)
        told = {normalise(display(f)) for f in self.facts.of("testimonial")}
        stories = {f.id for f in facts if f.source != "case file" and normalise(display(f)) in told}
        return select_quotes(
            facts,
            limit=limit,
            order=order or CLAIM_ORDER,
            keep_case_file=keep_case_file,
            avoid=avoid,
            last_resort=stories,
        )

    def benefit_risk_claims(self) -> Selection:
        """The claims of the benefit/risk Considérant (C15), the decision's main list: efficacy
        (cure, figures, treatment, universality, guarantee), safety and superiority only."""
        if self._benefit_risk is None:
            self._benefit_risk = self.claims(BENEFIT_RISK, 5)
        return self._benefit_risk

    def supporting(self, kind: str, subkinds: list[str] | None = None, limit: int = 5) -> Selection:
        """Facts a Considérant relies on without quoting them: the same choice as quotes
        (no banner, French first, strongest first), so that its evidence is what it says.
        A case-file claim counts for every kind the detector found in it."""
        if kind == "claim" and subkinds is not None:
            facts = [f for f in self.facts.of("claim") if claim_kinds(f) & set(subkinds)]
        else:
            facts = self.facts.of(kind, subkinds)
        return select_quotes(facts, limit=limit, order=subkinds or CLAIM_ORDER)

    def disease_names(self, limit: int = 3) -> list[str]:
        """The diseases the site targets, most cited first, each with its article (« le cancer »,
        « l'autisme »); a disease a sentence denies was never a fact (:func:`.facts.denies`)."""
        counts: dict[str, int] = {}
        for f in self.facts.of("disease"):
            label = (f.attributes.get("label_fr") or f.quote).strip()
            if label:
                counts[label] = counts.get(label, 0) + 1
        # ageing (anti-ageing offers) is named after the diseases: « à l'égard des maladies
        # humaines » reads them first, and ageing only if the site names fewer than ``limit``
        ranked = sorted(counts, key=lambda k: (k in _NAMED_LAST, -counts[k]))[:limit]
        return [_disease_with_article(label) for label in ranked]

    def disease_label(self) -> str:
        """« le cancer », « le cancer et les métastases », else « les maladies humaines »."""
        return join(self.disease_names()) or self.w.phrase("diseases_unknown")

    def of_diseases(self) -> str:
        """« du cancer », « de l'autisme et de la sclérose en plaques », « des maladies humaines »."""
        return join([de(d) for d in self.disease_names()]) or self.w.phrase("of_diseases_unknown")

    # -- gaps --------------------------------------------------------------------------------
    def pending(self, rule_id: RuleId) -> bool:
        """In a draft (the conclusion is undetermined), a test the facts leave open gets a
        highlighted gap in the place of its Considérant."""
        r = self.eff.get(rule_id)
        return self.gap_mode and r is not None and r.outcome == "undetermined"

    def holds(self, rule_id: RuleId) -> bool:
        """The test is met, or (in a draft) still open: what follows is drafted as intended."""
        return self.ok(rule_id) or self.pending(rule_id)

    def gap(self, rule_id: RuleId, id_: str) -> None:
        """The open test's label as a gap, citing the articles the test applies."""
        rule = self.ev.rules.get(rule_id)
        label = self.w.label("gap_labels", rule_id) or (rule.question if rule else rule_id)
        said = self.w.say("gap", cites=rule.articles if rule else (), gap=placeholder(label))
        self.add(id_, Phrased(said.text, said.basis, [rule_id]))

    # -- Considérants ----------------------------------------------------------------------
    def build_considerants(self) -> list[Considerant]:
        medicinal = self.holds(R.T1_PRESENTATION) or self.holds(R.T2_FUNCTION)
        if not medicinal and not self.holds(R.T6_ADVERTISING):
            return []
        self.c_definition()
        if self.ok(R.T0_LINK):
            self.c_site()
        elif self.pending(R.T0_LINK):
            self.gap(R.T0_LINK, "C2_site_a_completer")
        if self.ok(R.T1_PRESENTATION):
            self.c_presentation()
        elif self.pending(R.T1_PRESENTATION):
            self.gap(R.T1_PRESENTATION, "C3_allegations_a_completer")
        if self.ok(R.T3_ATMP):
            self.c_atmp()
        elif self.pending(R.T3_ATMP) and not self.ok(R.T2_FUNCTION):
            self.gap(R.T3_ATMP, "C6_mti_a_completer")
        # « ce n'est pas un médicament »: answered once the site's product is shown to be one
        self.c_site_defences("not_a_medicine", "cosmetic_status", "minimal_manipulation")
        if self.ok(R.T4_CENTRALISED):
            self.add("C10_autorisation_centralisee", self.w.say("C10_autorisation_centralisee"))
        elif self.ok(R.T4_AMM_REQUIRED):
            self.add("C10_bis_amm", self.w.say("C10_bis_amm"))
        elif self.pending(R.T4_AMM_REQUIRED):
            self.gap(R.T4_AMM_REQUIRED, "C10_amm_a_completer")
        if self.ok(R.T5_UNAUTHORISED):
            self.add("C11_absence_autorisation", self.w.say("C11_absence_autorisation"))
            self.c_in_house()
            self.c_site_defences("hospital_exemption", "authorised_abroad")
        elif self.pending(R.T5_UNAUTHORISED):
            self.gap(R.T5_UNAUTHORISED, "C11_autorisation_a_completer")
        elif self.ok(R.T8_PUBLIC_PRESCRIPTION):
            authorised = [f for f in self.facts.of("register", ["authorised"]) if f.quote.strip()]
            if authorised:
                said = authorised[0].quote.strip().rstrip(" ;.\u202f")
                self.add(
                    "C11_bis_autorisation",
                    self.w.say("C11_bis_autorisation", register=said),
                    [authorised[0].id],
                )
        self.c_observations()
        if self.ok(R.T6_ADVERTISING):
            self.c_advertising()
        elif self.pending(R.T6_ADVERTISING):
            self.gap(R.T6_ADVERTISING, "C14_publicite_a_completer")
        if self.holds(R.T8_UNAUTHORISED_AD):
            self.add("C19_article_L5122_3", self.w.say("C19_article_L5122_3"))
        if self.ok(R.T8_PUBLIC_PRESCRIPTION):
            self.add("C19_bis_article_L5122_6", self.w.say("C19_bis_article_L5122_6"))
            self.add("C19_ter_prescription", self.w.say("C19_ter_prescription", product=self.product, **self.names))
        self.c_visa()
        if self.holds(R.T10_MEASURE):
            self.c_urgency()
            self.c_measure()
        return self.considerants

    def c_definition(self) -> None:
        self.add("C1_definition_medicament", self.w.say("C1_definition_medicament"))

    def c_site(self) -> None:
        variant = "french_version" if self.eff[R.T0_LINK].data.get("french_version") else "targeting"
        languages = {p.language for p in self.facts.pages if p.language}
        if variant == "french_version" and languages == {"fr"}:
            variant = "french_site"  # written in French throughout: no other version to speak of
        said = self.w.say("C2_site", variant, **self.names, url=self.url, of_product=self.of_product)
        # the site's link with France is established by T0's evidence; the sentence cites nothing
        self.add("C2_site", said)

    def c_presentation(self) -> None:
        # « innovant » only when the site's words say so; « alternative » when they claim to
        # do better than, or to spare, the usual treatments
        innovative = self.supporting("claim", ["innovation"])
        superior = self.supporting("claim", ["superiority"])
        if innovative:
            said = self.w.say("C3_allegations", "innovative", diseases=self.disease_label())
        elif superior:
            said = self.w.say("C3_allegations", "alternative", diseases=self.disease_label())
        else:
            said = self.w.say("C3_allegations", "plain", of_diseases=self.of_diseases())
        diseases = [f.id for f in self.facts.of("disease")]
        self.add(
            "C3_allegations",
            said,
            list(dict.fromkeys((innovative.ids or superior.ids) + diseases))
            or list(self.eff[R.T1_PRESENTATION].evidence),
        )
        # the presentation test quotes before it concludes; « en effet » illustrates with other
        # words than the benefit/risk list quotes later (as the Iaso decision does), the same
        # sentences only if there are no others
        telling = self.claims(
            PRESENTATION,
            3,
            ["safety", "efficacy_figure", "superiority", "cure", "universality", "treat", "prevent"],
            keep_case_file=False,
            avoid=set(self.benefit_risk_claims().ids),
        )
        if telling:
            self.add(
                "C4_allegations_en_effet",
                self.w.say("C4_allegations_en_effet", **self.names, quotes=telling.render(self.w)),
                telling.ids,
            )
        self.add(
            "C5_medicament_par_presentation",
            self.w.say("C5_medicament_par_presentation", product=self.product, **self.names, **self.agreement),
        )

    def c_atmp(self) -> None:
        category = str(self.eff[R.T3_ATMP].data.get("category", "somatic_cell_therapy"))
        variants = self.w.wording.entries["C6_definition_mti"].variants
        self.add(
            "C6_definition_mti",
            self.w.say("C6_definition_mti", category if category in variants else "somatic_cell_therapy"),
        )
        subst = self.eff.get(R.T3_SUBSTANTIAL)
        if category == "gene_therapy" and self._gene_therapy_without_cells():
            # a gene carried by a plasmid or a vector: « cellules génétiquement modifiées » would
            # be false; the recombinant nucleic acid is what the site describes
            self.add("C7_acide_nucleique", self.w.say("C7_acide_nucleique", **self.names))
            self._add_procedure()
        elif subst and subst.outcome == "yes":
            facts = self.facts.by_id()
            relied = [facts[i] for i in subst.evidence if i in facts]
            order = list(self.w.wording.labels("manipulations"))
            kinds = sorted({f.subkind for f in relied if f.subkind in order}, key=order.index)
            participles = join([self.w.label("manipulations", k) for k in kinds]) or self.w.phrase(
                "manipulations_unknown"
            )
            self.add(
                "C7_manipulation_substantielle",
                self.w.say("C7_manipulation_substantielle", **self.names, manipulations=participles),
            )
            self._add_procedure()
        elif animal := [f for f in self.facts.therapies if f.attributes.get("family") in XENOGENEIC_FAMILIES]:
            # « cellules de fœtus de mouton »: cells of an animal, whatever their preparation; the
            # sentences that name the animal first (a title « Cure de cellules fraîches » does not)
            named = [f for f in animal if _ANIMAL.search(f.quote)]
            chosen = select_quotes(named or animal, limit=2)
            self.add(
                "C7_bis_cellules_animales",
                self.w.say("C7_bis_cellules_animales", **self.names, quotes=chosen.render(self.w)),
                chosen.ids,
            )
            self._add_procedure()
        if self.ok(R.T2_FUNCTION):
            self.add(
                "C9_medicament_par_fonction",
                self.w.say("C9_medicament_par_fonction", product=self.product, **self.names, **self.agreement),
            )

    def _gene_therapy_without_cells(self) -> bool:
        """Whether the site's therapies are gene therapies given as such (no cell family named)."""
        families = {f.attributes.get("family", "") for f in self.facts.therapies}
        return bool(families) and not any(
            THERAPY_FAMILIES.get(family, ("", "", False))[2] and family != "gene_therapy"
            for family in families
        )

    def _add_procedure(self) -> None:
        """C8: the site's own words on how the product is prepared."""
        described = select_quotes(
            self.facts.of("manipulation"),
            limit=4,
            order=MANIPULATION_RANK,
            table=manipulation_signals(),
            present=MANIPULATION_STEPS,
            cover_all=True,
            fill_with_fragments=False,
        )
        if described:
            self.add("C8_procede", self.w.say("C8_procede", quotes=described.render(self.w)), described.ids)

    def c_in_house(self) -> None:
        """The registers list authorised products of the family (a CAR-T…), and the site says its
        provider makes the product itself: the decision says why none of them covers it."""
        made = str(self.eff[R.T5_UNAUTHORISED].data.get("in_house") or "")
        fact = self.facts.by_id().get(made)
        if fact is None:
            return
        self.add(
            "C11_sexies_fabrication_propre",
            self.w.say(
                "C11_sexies_fabrication_propre",
                url=self.url,
                quote=quote(" ".join(fact.quote.split())) + version_note(self.w, fact.language),
            ),
            [fact.id],
        )

    def cell_free(self) -> bool:
        """The product holds no cells (exosomes, a secretome): T3.cells « no »."""
        cells = self.eff.get(R.T3_CELLS)
        return cells is not None and cells.outcome == "no"

    def c_site_defences(self, *subkinds: str) -> None:
        """The site itself states a usual defence: the product is made under a hospital
        exemption (« § 4b AMG »), or is no medicine (« un acte médical avec vos propres
        cellules »). The decision quotes it and answers with the catalogue's rebuttal, as it
        would the company's argument (an argument the case file records is answered with the
        observations instead, never twice)."""
        raised = {r.raised_as for r in self.facts.defences}
        for defence_id, consid, holds in _SITE_DEFENCES:
            if defence_id not in subkinds:
                continue
            stated = [f for f in self.facts.of("offer", [defence_id]) if f.quote.strip()]
            # the site's French words first, when it says it in French too
            stated.sort(key=lambda f: f.language != "fr")
            # a product without cells gets the catalogue's answer that says nothing of cells
            answer = _CELL_FREE_ANSWERS.get(defence_id, defence_id) if self.cell_free() else defence_id
            hit = self.j.defence(answer) or self.j.defence(defence_id)
            if not stated or hit is None or not holds(self) or raised & ({defence_id} | set(hit[0].aliases)):
                continue
            defence = hit[0]
            self.add(
                consid,
                self.w.say(
                    consid,
                    cites=list(defence.basis),
                    url=self.url,
                    quote=quote(" ".join(stated[0].quote.split())) + version_note(self.w, stated[0].language),
                    rebuttal=typeset(que(lower_first(defence.rebuttal_fr.strip().rstrip(" .")))),
                ),
                [stated[0].id],
            )

    def c_urgency(self) -> None:
        t11 = self.eff.get(R.T11_PROCEDURE)
        if not self.facts.urgency or not t11 or t11.outcome != "yes":
            return
        self.add("C15_urgence", self.w.say("C15_urgence", reason=self.facts.urgency.rstrip(" .;")))

    def c_observations(self) -> None:
        """Every observation is summarised and every argument answered (CRPA L. 122-1): a
        decision that acknowledges observations and never examines them risks annulment."""
        letters = self.facts.events_of("letter_of_intent")
        observations = self.facts.events_of("written_observations", "oral_observations")
        decisions = self.facts.events_of("decision")
        t11 = self.eff.get(R.T11_PROCEDURE)
        deadline = t11.data.get("deadline") if t11 else None
        if (
            letters
            and not observations
            and decisions
            and deadline
            and decisions[0].date.isoformat() > deadline
        ):
            # [INTERP] wording ours (QUALIFICATION.md T12, Vu builder item 7)
            self.add("C12_absence_observations", self.w.say("C12_absence_observations", **self.names))
        t9 = self.eff.get(R.T9_DEFENCES)
        rebuttals = {r["raised_as"]: r for r in (t9.data.get("rebuttals", []) if t9 else [])}
        first_written = True
        for event in observations:
            raised = [r for r in self.facts.defences if r.on == event.date and r.event_kind == event.kind]
            oral = event.kind == "oral_observations"
            if not raised:
                self.add(
                    f"C12_observations_{len(self.considerants)}",
                    self.w.say(
                        "C12_observations_sans_contenu",
                        "oral" if oral else "written",
                        **self.names,
                        date=long_date(event.date),
                        gap=placeholder(self.w.phrase("observations_without_content_gap")),
                    ),
                )
                continue
            if oral:
                variant = "oral"
            else:
                variant = "first" if first_written else "next"
                first_written = False
            self._summary(variant, raised, on=event.date)
        undated = [r for r in self.facts.defences if r.on is None]
        if undated:
            self._summary("undated", undated, on=None)
        answered: set[str] = set()
        for r in self.facts.defences:
            key = (rebuttals.get(r.raised_as) or {}).get("defence") or r.raised_as or r.fact_id
            if key in answered:
                continue  # the same defence in two letters is answered once
            answered.add(key)
            self._answer(r, rebuttals.get(r.raised_as))

    def _claim_of(self, r: RaisedDefence, rebuttal: dict[str, Any] | None) -> str:
        if r.summary:
            return r.summary.strip().rstrip(" .;")
        if rebuttal:
            return str(rebuttal["claim_fr"])
        return placeholder(self.w.phrase("argument_unknown"))

    def _summary(self, variant: str, raised: list[RaisedDefence], on: date | None) -> None:
        t9 = self.eff.get(R.T9_DEFENCES)
        rebuttals = {r["raised_as"]: r for r in (t9.data.get("rebuttals", []) if t9 else [])}
        claims = list(dict.fromkeys(self._claim_of(r, rebuttals.get(r.raised_as)) for r in raised))
        said = que(claims[0]) + "".join(" et " + que(c) for c in claims[1:])
        head = self.w.say(
            "C12_observations",
            variant,
            date=long_date(on) if on else "",
            **self.names,
            said=typeset(said),
        )
        quoted = [r.quote for r in raised if r.quote]
        tail = self.w.phrase("observations_quote_tail", quote=quote(quoted[0])) if quoted else ""
        self.add(
            f"C12_observations_{len(self.considerants)}",
            Phrased(head.text + tail + self.w.phrase("observations_end"), head.basis, head.tests),
            [r.fact_id for r in raised],
        )

    def _answer(self, r: RaisedDefence, rebuttal: dict[str, Any] | None) -> None:
        """The Agency's answer to one argument: the catalogue's rebuttal (citing its articles),
        the inspector's answer from the case file, or a highlighted gap."""
        claim = self._claim_of(r, rebuttal)
        if r.answer:
            # the inspector's answer cites the articles the case names (keys vigipub.law knows)
            answer, keys = r.answer, [k for k in r.basis if k in self.j.articles]
        elif rebuttal:
            answer, keys = str(rebuttal["rebuttal_fr"]), [str(k) for k in rebuttal.get("basis", [])]
        else:
            answer, keys = "", [k for k in r.basis if k in self.j.articles]
        clause = (
            que(lower_first(answer.strip().rstrip(" .")))
            if answer
            else "que " + placeholder(self.w.phrase("answer_gap"))
        )
        self.add(
            f"C13_reponse_{len(self.considerants)}",
            self.w.say("C13_reponse", cites=keys, argument=typeset(claim), answer=typeset(clause)),
            [r.fact_id],
        )
        defence = (rebuttal or {}).get("defence")
        if defence in _TARGETING_DEFENCES:
            self._targeting_answer()

    def _targeting_answer(self) -> None:
        """Against « the French version is for Swiss (Belgian) patients »: what the site shows
        that addresses patients in France, each signal with the site's words."""
        parts: list[str] = []
        ids: list[str] = []
        signals = self.facts.of("france_targeting")
        testimonials = [
            f
            for f in substantive(self.facts.of("testimonial"))
            if f.attributes.get("country", "").upper() in ("FR", "FRANCE")
        ]
        for subkind in self.w.wording.labels("targeting"):
            found = [f for f in signals if f.subkind == subkind]
            if subkind == "french_patient":
                found = substantive(found) + testimonials
            if not found:
                continue
            example = next(
                (f for f in found if f.source != "page metadata" and 0 < len(f.quote) <= 240), None
            )
            q = self.w.phrase("targeting_example", quote=quote(" ".join(example.quote.split()))) if example else ""
            parts.append(self.w.label("targeting", subkind, quote=q))
            ids.extend(f.id for f in found[:3])
        if not parts:
            return
        self.add(
            f"C13_ciblage_{len(self.considerants)}",
            self.w.say("C13_ciblage", url=self.url, evidence=join(parts)),
            ids,
        )

    def c_advertising(self) -> None:
        variant = "after_observations" if self.facts.defences else "plain"
        self.add("C14_definition_publicite", self.w.say("C14_definition_publicite", variant))
        claims = self.benefit_risk_claims()
        if claims:
            self.add(
                "C15_allegations_benefices_risques",
                self.w.say(
                    "C15_allegations_benefices_risques",
                    url=self.url,
                    of_product=self.of_product,
                    quotes=claims.render(self.w),
                ),
                claims.ids,
            )
        # a menu entry « Témoignages » on every page is not a testimonial: only the stories count
        testimonials = substantive(self.facts.of("testimonial"))
        if testimonials:
            # a French patient is often only a signature (« – Pierre, Marseille »): never a label
            mentioned = [
                f
                for f in self.facts.of("france_targeting", ["french_patient"])
                if quality(f.quote) not in ("navigation", "boilerplate")
            ]
            # a whole sentence of the site's own (« Des patients venus de France nous font
            # confiance ») says that French patients come, not that one of the stories is theirs;
            # a signature, or a sentence that is itself a story, is a French patient's testimony
            told = {(f.url, normalise(f.quote)) for f in testimonials}
            french = [
                f for f in mentioned if quality(f.quote) != "sentence" or (f.url, normalise(f.quote)) in told
            ] + [f for f in testimonials if f.attributes.get("country", "").upper() in ("FR", "FRANCE")]
            # a story told in several sentences of one paragraph is one testimonial
            stories = {(f.url, f.attributes.get("block") or f.id) for f in testimonials}
            variant = "many" if len(stories) >= 3 else "some"
            if french:
                variant += "_french"
            elif mentioned:
                variant += "_france_mentioned"
            self.add(
                "C16_temoignages",
                self.w.say("C16_temoignages", variant),
                [f.id for f in testimonials + (french or mentioned)],
            )
        innovative = self.supporting("claim", ["innovation"])
        superior = self.supporting("claim", ["superiority"])
        safe = self.supporting("claim", ["safety"])
        travel = self.supporting("travel", limit=3)
        abroad = bool(travel) or (self.facts.company is not None and _foreign(self.facts.company.country))
        if innovative or superior or safe:
            # each quality only when the site's words support it (« innovant » needs an innovation claim)
            parts = []
            if innovative:
                parts.append(self.w.label("incitation", "innovative"))
            elif superior:
                parts.append(self.w.label("incitation", "alternative"))
            if safe:
                parts.append(self.w.label("incitation", "safe_after" if parts else "safe"))
            self.add(
                "C17_incitation",
                self.w.say(
                    "C17_incitation",
                    what=", ".join(parts),
                    where=self.w.label("incitation", "abroad" if abroad else "here"),
                ),
                list(dict.fromkeys(innovative.ids + superior.ids + safe.ids + travel.ids)),
            )
        # a price that names the treatment (« Séance d'exosomes visage : 450 € ») before a
        # consultation fee or a price of something else (« Consultation : 80 € »)
        # (only when one names it: a price list that never repeats the treatment is still quoted)
        named = {(f.url, normalise(f.quote)) for f in self.facts.therapies}
        prices = self.facts.of("call_to_action", ["price"])
        unnamed_prices = {f.id for f in prices if (f.url, normalise(f.quote)) not in named}
        if len(unnamed_prices) == len(prices):
            unnamed_prices = set()
        # a patient's story that names a package (« Après le forfait Neuro Plus, elle tient
        # assise ») is a testimonial, which C16 counts: never quoted as the site's invitation
        told = {(f.url, normalise(f.quote)) for f in self.facts.of("testimonial")}
        calls = select_quotes(
            [
                f
                for f in self.facts.of("call_to_action", sorted(INCITATIONS))
                if f.id not in unnamed_prices and (f.url, normalise(f.quote)) not in told
            ],
            limit=3,
            order=sorted(INCITATIONS),
        )
        if calls:
            actions = list(
                dict.fromkeys(self.w.label("invitations", f.subkind) for f in calls.facts if f.subkind in INCITATIONS)
            )
            if actions:
                self.add(
                    "C17_bis_invitation",
                    self.w.say("C17_bis_invitation", actions=join(actions), quotes=calls.render(self.w)),
                    calls.ids,
                )
        if self.ok(R.T7_AUDIENCE):
            self.add("C18_publicite", self.w.say("C18_publicite", of_product=self.of_product))
        # « nous ne sommes qu'un intermédiaire »: answered once the site is shown to advertise
        self.c_site_defences("medical_tourism_only")

    def c_visa(self) -> None:
        public, hcp = self.holds(R.T8_PUBLIC_NO_VISA), self.holds(R.T8_HCP_NO_VISA)
        if not (public or hcp):
            return
        variant = "both" if public and hcp else "public" if public else "professionals"
        self.add("C20_visa", self.w.say("C20_visa", variant))
        self.add(
            "C21_absence_visa",
            self.w.say("C21_absence_visa", variant, **self.names, of_product=self.of_product, **self.agreement),
        )

    def c_measure(self) -> None:
        self.add(
            "C22_violation", self.w.say("C22_violation", **self.names, of_product=self.of_product)
        )
        values = {"product": self.product, "url": self.url, **self.names}
        self.add("C23_mesure", self.w.say("C23_mesure", self.measure_kind(), **values))

    def measure_kind(self) -> MeasureKind:
        """The measure T10 proposes, else the one the case file asks for, else the advertising."""
        t10 = self.eff.get(R.T10_MEASURE)
        kind = (t10.data.get("kind") if t10 else None) or self.facts.measure_requested
        return MeasureKind(kind) if kind else MeasureKind.SUSPENSION_OF_ADVERTISING

    # -- Vu --------------------------------------------------------------------------------
    def build_vu(self) -> list[Vu]:
        vu: list[Vu] = []

        def add(id_: str, said: Phrased) -> None:
            vu.append(Vu(id=id_, text_fr=said.text, basis=said.basis))

        if self.ok(R.T3_ATMP):
            add("VU_REG_ATMP", self.w.say("VU_REG_ATMP"))
        # the code's articles the Vu cites: those the tests it lists apply, when they hold
        code = self.w.wording.sentence("VU_CSP")
        keys = [
            k
            for t in code.tests
            if self.ok(t) and t in self.ev.rules
            for k in self.ev.rules[t].articles
            if self.j.article(k).code == "CSP"
        ]
        csp = sorted(dict.fromkeys([*code.cites, *keys]), key=_csp_order)
        listed = join([self.j.article(k).short_fr for k in csp])
        said = self.w.say("VU_CSP", articles=listed)
        add("VU_CSP", Phrased(said.text, self.w.refs(csp), []))
        for site in self.facts.websites or ((self.facts.site_url,) if self.facts.site_url else ()):
            add(f"VU_SITE_{len(vu)}", self.w.say("VU_SITE", url=site))
        if not self.facts.case_file:
            self.draft_procedure_vu(add)
            return vu
        # the scope the letter announced, never the measure decided later (a broader measure is
        # refused by `vigipub draft`: the company could not comment on it)
        addresses = list(self.facts.addresses) or (
            list(self.facts.company.addresses) if self.facts.company else []
        )
        for ev in self.facts.events_of("letter_of_intent"):
            scope = self.facts.letter_scope or ev.scope or LetterScope.ADVERTISING
            add(f"VU_COURRIER_{len(vu)}", self.letter_vu(long_date(ev.date), addresses, scope))
        written = self.facts.events_of("written_observations")
        if written:
            add(
                "VU_OBSERVATIONS_ECRITES",
                self.w.say(
                    "VU_OBSERVATIONS_ECRITES",
                    "several" if len(written) > 1 else "one",
                    **self.names,
                    dates=date_list([e.date for e in written]),
                ),
            )
        for ev in self.facts.events_of("oral_observations"):
            add(
                f"VU_OBSERVATIONS_ORALES_{len(vu)}",
                self.w.say("VU_OBSERVATIONS_ORALES", date=long_date(ev.date), **self.names),
            )
        return vu

    def letter_vu(self, when: str, addresses: list[str], scope: LetterScope) -> Phrased:
        return self.w.say(
            "VU_COURRIER",
            "several" if len(addresses) > 1 else "one",
            date=when,
            **self.names,
            where=f" ({self.names['situee']} {addresses[0]})" if len(addresses) == 1 else "",
            addresses=" ; ".join(addresses),
            scope=self.w.label("letter_scope", scope, product=self.product),
        )

    def draft_procedure_vu(self, add: Any) -> None:
        """A draft made without a case file (``vigipub investigate``): the Vu of the procedure
        to come, their dates and the company's address left as gaps."""
        company = self.facts.company
        addresses = list(company.addresses) if company and company.addresses else []
        scope = (
            LetterScope.ALL_ACTIVITIES
            if self.measure_kind() == MeasureKind.SUSPENSION_OF_ALL_ACTIVITIES
            else LetterScope.ADVERTISING
        )
        when = placeholder(self.w.phrase("letter_date_unknown"))
        add("VU_COURRIER", self.letter_vu(when, addresses or [placeholder(self.w.phrase("address_unknown"))], scope))
        add(
            "VU_OBSERVATIONS_ECRITES",
            self.w.say(
                "VU_OBSERVATIONS_ECRITES",
                "several",
                **self.names,
                dates=placeholder(self.w.phrase("written_dates_unknown")),
            ),
        )
        add(
            "VU_OBSERVATIONS_ORALES",
            self.w.say(
                "VU_OBSERVATIONS_ORALES", date=placeholder(self.w.phrase("oral_date_unknown")), **self.names
            ),
        )

    # -- measure and escalations ----------------------------------------------------------
    def build_measure(self, *, draft: bool = False) -> Measure | None:
        """Article 1: the measure T10 proposes; with ``draft``, the measure of a draft whose
        measure test is still open, worded as the decision it will become."""
        t10 = self.eff.get(R.T10_MEASURE)
        if not t10 or t10.outcome != ("undetermined" if draft else "yes"):
            return None
        if draft and not self.pending(R.T10_MEASURE):
            return None
        kind = self.measure_kind()
        said = self.w.say("ARTICLE_1", kind, product=self.product, **self.names)
        return Measure(kind=kind, text_fr=said.text, basis=said.basis)

    def build_escalations(self) -> list[Escalation]:
        out: list[Escalation] = []

        def escalate(kind: EscalationKind, key: str, **values: str) -> None:
            said = self.w.say(key, **values)
            trigger = self.w.wording.sentence(key).trigger or (said.tests[0] if said.tests else "")
            out.append(Escalation(kind=kind, text_fr=said.text, trigger=trigger, basis=said.basis))

        p = self.j.parameter
        if self.ok(R.T13_PROSECUTOR_NO_VISA):
            pen = p("penalty_advertising_without_visa").value_at(self.on)
            escalate(EscalationKind.REFERRAL_PROSECUTOR, "referral_no_visa", penalty=self.penalty(pen))
        if self.ok(R.T13_CONTINUED_AFTER_SUSPENSION):
            pen = p("penalty_continuing_suspended_activity").value_at(self.on)
            escalate(EscalationKind.REFERRAL_PROSECUTOR, "referral_continued", penalty=self.penalty(pen))
        if self.ok(R.T13_ADMINISTRATIVE_FINE):
            escalate(
                EscalationKind.ADMINISTRATIVE_FINE,
                "administrative_fine",
                natural_person=euros_fr(p("fine_advertising_natural_person_max_eur").value_at(self.on)),
                percent=str(p("fine_advertising_legal_person_max_turnover_percent").value_at(self.on)),
                cap=euros_fr(p("fine_legal_person_cap_eur").value_at(self.on)),
                daily=euros_fr(p("daily_penalty_max_eur").value_at(self.on)),
            )
        if any(self.ok(r) for r in (R.T8_UNAUTHORISED_AD, R.T8_PUBLIC_NO_VISA, R.T8_HCP_NO_VISA)):
            escalate(EscalationKind.PHAROS_REPORT, "pharos_report")
            company = self.facts.company
            if company and company.country and _foreign(company.country):
                escalate(
                    EscalationKind.FOREIGN_AUTHORITY, "foreign_authority", country=company.country, **self.names
                )
        return out

    def penalty(self, p: dict[str, int]) -> str:
        """« d'un an d'emprisonnement et de 75 000 € d'amende » (a dated parameter)."""
        years = p.get("imprisonment_years", 0)
        variant = "fine" if not years else "one_year" if years == 1 else "years"
        return self.w.say("penalty", variant, fine=euros_fr(p.get("fine_eur", 0)), years=str(years)).text


#: the defences answered with the site's targeting of France (wording/fr.yaml lists the signals)
_TARGETING_DEFENCES = frozenset({"translation_for_swiss_or_belgian_patients"})


#: words naming the animal a fresh-cell product comes from
_ANIMAL = re.compile(
    r"(?i)\b(?:mouton|moutons|brebis|agneau|animal|animale|animales|animaux|schaf\w*|sheep|lamb|ovine|"
    r"oveja|cordero|pecora|agnello|tier\w*)\b"
)

#: the catalogue's answer to a defence when the product holds no cells (the answer about cells
#: taken from the patient would not apply)
_CELL_FREE_ANSWERS = {"not_a_medicine": "not_a_medicine_cell_free"}

#: defences a site states itself: the catalogue's id (law/france/defences.yaml), which is also
#: the offer sub-kind the detector reads, the considérant that answers it, and when it holds
_SITE_DEFENCES: tuple[tuple[str, str, Any], ...] = (
    (
        "hospital_exemption",
        "C11_ter_exemption_hospitaliere",
        lambda d: (t := d.eff.get(R.T4_HOSPITAL_EXEMPTION)) is not None and t.outcome == "no",
    ),
    (
        "authorised_abroad",
        "C11_quinquies_autorisation_etrangere",
        lambda d: d.ok(R.T5_UNAUTHORISED),
    ),
    (
        "not_a_medicine",
        "C11_quater_pas_un_medicament",
        lambda d: d.ok(R.T1_PRESENTATION) or d.ok(R.T2_FUNCTION),
    ),
    (
        "cosmetic_status",
        "C11_quater_bis_cosmetique",
        lambda d: d.ok(R.T1_PRESENTATION) or d.ok(R.T2_FUNCTION),
    ),
    (
        # said of cells: a product without cells (exosomes) is not answered about its cells
        "minimal_manipulation",
        "C11_quater_ter_peu_manipulees",
        lambda d: (d.ok(R.T1_PRESENTATION) or d.ok(R.T2_FUNCTION)) and not d.cell_free(),
    ),
    (
        "medical_tourism_only",
        "C18_bis_intermediaire",
        lambda d: d.ok(R.T6_ADVERTISING),
    ),
)


@cache
def _diseases_fr() -> dict[str, str]:
    path = Path(__file__).parent / "wording" / "diseases_fr.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k).casefold(): str(v) for k, v in data.items()}


def _disease_with_article(label: str) -> str:
    """« le cancer », « l'autisme » (``wording/diseases_fr.yaml``); a disease the table does
    not know is named « l'affection « … » » rather than given a guessed article."""
    if has_determiner(label):
        return label  # given with its article
    known = _diseases_fr().get(label.casefold())
    return known if known else f"l'affection {quote(label)}"


def _family_article(facts: SiteFacts) -> str | None:
    """The article of the product when it is named by its family's label (no case file)."""
    for fam in facts.families:
        if fam in THERAPY_FAMILIES and THERAPY_FAMILIES[fam][0] == facts.product_label:
            return THERAPY_ARTICLES_FR.get(fam)
    return None


def assemble(ev: Evaluation, facts: SiteFacts, jurisdiction: Jurisdiction) -> dict[str, Any]:
    b = _Builder(ev, facts, jurisdiction)
    considerants = b.build_considerants()
    return {
        "vu": b.build_vu() if considerants else [],
        "considerants": considerants,
        "measure": b.build_measure(),
        "draft_measure": b.build_measure(draft=True) if considerants else None,
        "escalations": b.build_escalations(),
    }
