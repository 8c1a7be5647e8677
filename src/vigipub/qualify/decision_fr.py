"""Vu, Considérants, measure and escalations of an ANSM decision (QUALIFICATION.md T12, T13).

The sequence follows the structure of the ANSM decision of 28/11/2024 (Iaso Health GmbH),
paragraph for paragraph; every paragraph is emitted only when the tests that justify it hold,
and cites exactly the articles its text names (``basis``). Legal quotations come from the
article texts of :mod:`vigipub.law` in the version in force on the date of the facts; the
site's own words are quoted verbatim in « ».
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from vigipub.evidence.french import placeholder
from vigipub.evidence.qualification import ArticleRef, Considerant, Escalation, Measure, Vu
from vigipub.evidence.vocabulary import THERAPY_ARTICLES_FR, THERAPY_FAMILIES, with_article_fr
from vigipub.law import Jurisdiction

from . import wording
from .engine import Evaluation
from .facts import INCITATIONS, Fact, RaisedDefence, SiteFacts
from .quotes import (
    CLAIM_ORDER,
    MANIPULATION_RANK,
    MANIPULATION_SIGNALS,
    MANIPULATION_STEPS,
    Selection,
    quality,
    select_quotes,
    substantive,
)
from .rules.eu import MANIPULATION_FR, THERAPEUTIC_CLAIMS
from .typography import NBSP, NNBSP, date_fr, fr_typo, join_fr, quote, render

REG_1394_TITLE = (
    "règlement (CE) n° 1394/2007 du Parlement européen et du Conseil du 13 novembre 2007 concernant "
    "les médicaments de thérapie innovante et modifiant la directive 2001/83/CE ainsi que le "
    "règlement (CE) n° 726/2004"
)

#: the tests whose "yes" is a violation (as :mod:`vigipub.qualify.api` concludes)
VIOLATION_RULES = ("T8.unauthorised_ad", "T8.public_no_visa", "T8.hcp_no_visa", "T8.early_access_ad")

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


class _Builder:
    def __init__(self, ev: Evaluation, facts: SiteFacts, jurisdiction: Jurisdiction) -> None:
        self.ev, self.facts, self.j = ev, facts, jurisdiction
        self.on: date = facts.date_of_facts
        self.eff = ev.effective
        self.name = facts.company.name if facts.company else "éditrice du site"
        # « la thérapie cellulaire dendritique »: the case's article, else the family's
        self.product = _with_article(facts.product_label, facts.product_article or _family_article(facts))
        self.of_product = _de(self.product)  # « de la thérapie … », « du … », « des … »
        self.url = facts.site_url or "(adresse du site non renseignée)"
        self.considerants: list[Considerant] = []
        self._benefit_risk: Selection | None = None
        # no violation established and none excluded: a draft with its gaps marked
        outcomes = [self.eff[r].outcome for r in VIOLATION_RULES if r in self.eff]
        self.gap_mode = "yes" not in outcomes and "undetermined" in outcomes

    # -- helpers ---------------------------------------------------------------------------
    def ok(self, rule_id: str) -> bool:
        r = self.eff.get(rule_id)
        return r is not None and r.outcome == "yes"

    def refs(self, *keys: str) -> list[ArticleRef]:
        """Citations of the versions in force (a text not yet in force is not cited)."""
        return [a.ref(self.on) for k in keys if (a := self.j.article(k)).in_force(self.on) is not None]

    def short(self, key: str) -> str:
        return self.j.article(key).short_fr

    def quote_article(self, key: str, lower_first: bool = True) -> str:
        """First paragraph of the article in force, verbatim (roman numeral prefix removed)."""
        text = self.j.article(key).text_fr(self.on)
        if not text:
            return "(texte non disponible)"
        first = text.strip().split("\n\n")[0].strip()
        first = re.sub(r"^[IVX]+\.\s*-\s*", "", first)
        # spacing is presentation, not wording: the law quote gets French typography too
        first = fr_typo(first)
        return first[0].lower() + first[1:] if lower_first else first

    def add(
        self,
        id_: str,
        text: str,
        basis: list[ArticleRef],
        tests: list[str],
        evidence: list[str] | None = None,
    ) -> None:
        ev: list[str] = list(evidence or [])
        if not ev:
            for t in tests:
                r = self.eff.get(t)
                if r:
                    ev.extend(r.evidence)
        self.considerants.append(
            Considerant(id=id_, text_fr=text, basis=basis, tests=tests, evidence=list(dict.fromkeys(ev)))
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
        return select_quotes(
            facts,
            limit=limit,
            order=order or CLAIM_ORDER,
            keep_case_file=keep_case_file,
            avoid=avoid,
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
        ranked = sorted(counts, key=lambda k: -counts[k])[:limit]
        return [_disease_with_article(label) for label in ranked]

    def disease_label(self) -> str:
        """« le cancer », « le cancer et les métastases », else « les maladies humaines »."""
        return join_fr(self.disease_names()) or "les maladies humaines"

    def of_diseases(self) -> str:
        """« du cancer », « de l'autisme et de la sclérose en plaques », « des maladies humaines »."""
        return join_fr([_de(d) for d in self.disease_names()]) or "des maladies humaines"

    # -- gaps --------------------------------------------------------------------------------
    def pending(self, rule_id: str) -> bool:
        """In a draft (the conclusion is undetermined), a test the facts leave open gets a
        highlighted gap in the place of its Considérant."""
        r = self.eff.get(rule_id)
        return self.gap_mode and r is not None and r.outcome == "undetermined"

    def holds(self, rule_id: str) -> bool:
        """The test is met, or (in a draft) still open: what follows is drafted as intended."""
        return self.ok(rule_id) or self.pending(rule_id)

    def gap(self, rule_id: str, id_: str) -> None:
        rule = self.ev.rules.get(rule_id)
        label = wording.label("gap_labels", rule_id, rule.question if rule else rule_id)
        self.add(
            id_,
            wording.sentence("gap", gap=placeholder(label)),
            self.refs(*(rule.articles if rule else ())),
            [rule_id],
        )

    # -- Considérants ----------------------------------------------------------------------
    def build_considerants(self) -> list[Considerant]:
        medicinal = self.holds("T1.presentation") or self.holds("T2.function")
        if not medicinal and not self.holds("T6.advertising"):
            return []
        self.c_definition()
        if self.ok("T0.link"):
            self.c_site()
        elif self.pending("T0.link"):
            self.gap("T0.link", "C2_site_a_completer")
        if self.ok("T1.presentation"):
            self.c_presentation()
        elif self.pending("T1.presentation"):
            self.gap("T1.presentation", "C3_allegations_a_completer")
        if self.ok("T3.atmp"):
            self.c_atmp()
        elif self.pending("T3.atmp") and not self.ok("T2.function"):
            self.gap("T3.atmp", "C6_mti_a_completer")
        if self.ok("T4.centralised"):
            self.add(
                "C10_autorisation_centralisee",
                render(
                    "Considérant que la mise sur le marché de ce médicament impose la délivrance au préalable "
                    "d'une autorisation de mise sur le marché (AMM) délivrée par la Commission européenne au "
                    "titre du règlement (CE) n° 1394/2007 précité ;"
                ),
                self.refs("REG 1394/2007 art. 2", "REG 726/2004 art. 3", "REG 726/2004 annexe I"),
                ["T4.centralised", "T4.amm_required"],
            )
        elif self.ok("T4.amm_required"):
            self.add(
                "C10_bis_amm",
                render(
                    "Considérant qu'aux termes de l'article L. 5121-8 du CSP, la mise sur le marché de ce médicament "
                    "impose la délivrance au préalable d'une autorisation de mise sur le marché délivrée par l'ANSM "
                    "ou par l'Union européenne ;"
                ),
                self.refs("CSP L. 5121-8"),
                ["T4.amm_required"],
            )
        elif self.pending("T4.amm_required"):
            self.gap("T4.amm_required", "C10_amm_a_completer")
        if self.ok("T5.unauthorised"):
            self.add(
                "C11_absence_autorisation",
                render(
                    "Considérant que ce produit n'a fait l'objet d'aucune autorisation pour pouvoir être utilisé en "
                    "France, notamment celles mentionnées aux articles L. 5121-8, L. 5121-12, L. 5121-12-1 ou "
                    "L. 5124-13 du CSP justifiant de l'évaluation de sa qualité et d'un rapport bénéfices/risques "
                    "favorable ;"
                ),
                self.refs("CSP L. 5121-8", "CSP L. 5121-12", "CSP L. 5121-12-1", "CSP L. 5124-13"),
                ["T5.unauthorised"],
            )
        elif self.pending("T5.unauthorised"):
            self.gap("T5.unauthorised", "C11_autorisation_a_completer")
        self.c_observations()
        if self.ok("T6.advertising"):
            self.c_advertising()
        elif self.pending("T6.advertising"):
            self.gap("T6.advertising", "C14_publicite_a_completer")
        if self.holds("T8.unauthorised_ad"):
            self.add(
                "C19_article_L5122_3",
                render(
                    "Considérant qu'aux termes de l'article L. 5122-3 du CSP, {q} ;",
                    q=quote(self.quote_article("CSP L. 5122-3", lower_first=False).rstrip(". ")),
                ),
                self.refs(
                    "CSP L. 5122-3",
                    "CSP L. 5121-8",
                    "CSP L. 5121-9-1",
                    "CSP L. 5121-13",
                    "CSP L. 5121-14-1",
                    "CSP L. 5124-13",
                ),
                ["T8.unauthorised_ad"],
            )
        self.c_visa()
        if self.holds("T10.measure"):
            self.c_urgency()
            self.c_measure()
        return self.considerants

    def c_definition(self) -> None:
        self.add(
            "C1_definition_medicament",
            render(
                "Considérant qu'aux termes de l'article L. 5111-1 du CSP, {q} ;",
                q=quote(self.quote_article("CSP L. 5111-1").rstrip(".")),
            ),
            self.refs("CSP L. 5111-1"),
            ["T1.presentation", "T2.function"],
        )

    def c_site(self) -> None:
        t0 = self.eff["T0.link"]
        if t0.data.get("french_version"):
            how = (
                "qui dispose d'une version en français et est donc à destination du public et des "
                "professionnels de santé français"
            )
        else:
            how = "qui s'adresse notamment à des patients résidant en France"
        self.add(
            "C2_site",
            render(
                "Considérant qu'il a été porté à la connaissance de l'ANSM que la société {name} présente sur son "
                "site internet {url}, {how}, l'utilisation {product} ;",
                name=self.name,
                url=self.url,
                how=how,
                product=self.of_product,
            ),
            [],
            ["T0.link"],
        )

    def c_presentation(self) -> None:
        # « innovant » only when the site's words say so; « alternative » when they claim to
        # do better than, or to spare, the usual treatments
        innovative = self.supporting("claim", ["innovation"])
        superior = self.supporting("claim", ["superiority"])
        if innovative:
            text = wording.sentence("presentation_innovative", d=self.disease_label())
        elif superior:
            text = wording.sentence("presentation_alternative", d=self.disease_label())
        else:
            text = wording.sentence("presentation_plain", of_d=self.of_diseases())
        diseases = [f.id for f in self.facts.of("disease")]
        self.add(
            "C3_allegations",
            text,
            [],
            ["T1.presentation"],
            list(dict.fromkeys((innovative.ids or superior.ids) + diseases))
            or list(self.eff["T1.presentation"].evidence),
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
                render(
                    "Considérant en effet, que la société {name} présente ce produit, sur son site internet, dans "
                    "les termes suivants : {q} ;",
                    name=self.name,
                    q=telling.render(),
                ),
                [],
                ["T1.presentation"],
                telling.ids,
            )
        self.add(
            "C5_medicament_par_presentation",
            render(
                "Considérant que {product} de la société {name} répond dès lors à la définition du médicament par "
                "présentation au sens de l'article L. 5111-1 du CSP ;",
                product=self.product,
                name=self.name,
            ),
            self.refs("CSP L. 5111-1"),
            ["T1.presentation"],
        )

    def c_atmp(self) -> None:
        atmp = self.eff["T3.atmp"]
        category = atmp.data.get("category", "somatic_cell_therapy")
        if category == "tissue_engineered":
            definition = self.j.article("REG 1394/2007 art. 2").text_fr(self.on) or ""
            m = re.search(r"b\) «produit issu de l'ingénierie tissulaire»: (.*?);\n", definition, re.S)
            body = (
                ("un produit issu de l'ingénierie tissulaire est " + " ".join(m.group(1).split()))
                if m
                else "un produit issu de l'ingénierie tissulaire est défini à l'article 2, paragraphe 1, point b), de ce règlement"
            )
            keys = ["REG 1394/2007 art. 2", "REG 1394/2007 annexe I"]
        elif category == "gene_therapy":
            body = (
                "un médicament de thérapie génique est défini au point 2.1 de la partie IV de l'annexe I de la "
                "directive 2001/83/CE"
            )
            keys = ["REG 1394/2007 art. 2", "DIR 2001/83 annexe I partie IV"]
        else:
            raw = self.j.article("DIR 2001/83 annexe I partie IV").text_fr(self.on) or ""
            raw = raw.strip().rstrip(".")
            raw = raw.replace("règlement (CE) n° 1394/2007", f"règlement (CE) n°{NBSP}1394/2007")
            raw = raw.replace(" :\n", f"{NNBSP}:\n").replace(" ;\n", f"{NNBSP};\n")
            body = raw[0].lower() + raw[1:]
            keys = ["REG 1394/2007 art. 2", "DIR 2001/83 annexe I partie IV", "REG 1394/2007 annexe I"]
        self.add(
            "C6_definition_mti",
            fr_typo(
                f"Considérant par ailleurs qu'aux termes du {REG_1394_TITLE}, qui renvoie à la directive "
                "2001/83/CE, "
            )
            + body
            + f"{NNBSP};",
            self.refs(*keys),
            ["T3.atmp"],
        )
        subst = self.eff.get("T3.substantial")
        if subst and subst.outcome == "yes":
            facts = self.facts.by_id()
            relied = [facts[i] for i in subst.evidence if i in facts]
            order = list(MANIPULATION_FR)
            kinds = sorted({f.subkind for f in relied if f.subkind in MANIPULATION_FR}, key=order.index)
            participles = join_fr([MANIPULATION_FR[k] for k in kinds]) or "manipulées"
            self.add(
                "C7_manipulation_substantielle",
                render(
                    "Considérant que, selon les informations publiées sur le site internet de la société {name}, ce "
                    "produit est constitué de cellules {p} ; qu'elles subissent ainsi au moins une manipulation "
                    "substantielle au sens du règlement précité ;",
                    name=self.name,
                    p=participles,
                ),
                self.refs("REG 1394/2007 art. 2", "DIR 2001/83 annexe I partie IV"),
                ["T3.substantial", "T3.annex1_exception"],
            )
            described = select_quotes(
                self.facts.of("manipulation"),
                limit=4,
                order=MANIPULATION_RANK,
                table=MANIPULATION_SIGNALS,
                present=MANIPULATION_STEPS,
                cover_all=True,
                fill_with_fragments=False,
            )
            if described:
                self.add(
                    "C8_procede",
                    render(
                        "Considérant que le site internet explicite la préparation de ce produit dans les termes "
                        "suivants : {q} ;",
                        q=described.render(),
                    ),
                    [],
                    ["T3.substantial"],
                    described.ids,
                )
        if self.ok("T2.function"):
            self.add(
                "C9_medicament_par_fonction",
                render(
                    "Considérant, au vu de ce qui précède, que {product}, médicament de thérapie innovante au sens "
                    "du règlement (CE) n° 1394/2007 précité, mis en avant sur le site internet de la société "
                    "{name}, répond à la définition du médicament par fonction au sens de l'article L. 5111-1 du "
                    "CSP ;",
                    product=self.product,
                    name=self.name,
                ),
                self.refs("REG 1394/2007 art. 2", "CSP L. 5111-1"),
                ["T2.function", "T3.atmp"],
            )

    def c_urgency(self) -> None:
        t11 = self.eff.get("T11.procedure")
        if not self.facts.urgency or not t11 or t11.outcome != "yes":
            return
        self.add(
            "C15_urgence",
            render(
                "Considérant qu'en raison de l'urgence, {reason}, la présente décision est prise sans procédure "
                "contradictoire préalable, en application du 1° de l'article L. 121-2 du code des relations entre le "
                "public et l'administration ;",
                reason=self.facts.urgency.rstrip(" .;"),
            ),
            self.refs("CRPA L. 121-2"),
            ["T11.procedure"],
        )

    def c_observations(self) -> None:
        """Every observation is summarised and every argument answered (CRPA L. 122-1): a
        decision that acknowledges observations and never examines them risks annulment."""
        letters = self.facts.events_of("letter_of_intent")
        observations = self.facts.events_of("written_observations", "oral_observations")
        decisions = self.facts.events_of("decision")
        t11 = self.eff.get("T11.procedure")
        deadline = t11.data.get("deadline") if t11 else None
        if (
            letters
            and not observations
            and decisions
            and deadline
            and decisions[0].date.isoformat() > deadline
        ):
            # [INTERP] wording ours (QUALIFICATION.md T12, Vu builder item 7)
            self.add(
                "C12_absence_observations",
                render(
                    "Considérant que la société {name} n'a pas présenté d'observations dans le délai imparti ;",
                    name=self.name,
                ),
                self.refs("CRPA L. 122-1"),
                ["T11.procedure"],
            )
        t9 = self.eff.get("T9.defences")
        rebuttals = {r["raised_as"]: r for r in (t9.data.get("rebuttals", []) if t9 else [])}
        first_written = True
        for event in observations:
            raised = [r for r in self.facts.defences if r.on == event.date and r.event_kind == event.kind]
            how = "orales" if event.kind == "oral_observations" else "écrites"
            if not raised:
                self.add(
                    f"C12_observations_{len(self.considerants)}",
                    wording.sentence(
                        "observations_without_content",
                        name=self.name,
                        how=how,
                        on=date_fr(event.date),
                        gap=placeholder(wording.text("observations_without_content_gap")),
                    ),
                    self.refs(*wording.basis("observations_without_content")),
                    ["T9.defences", "T11.procedure"],
                )
                continue
            if event.kind == "oral_observations":
                key = "observations_oral"
            else:
                key = "observations_first" if first_written else "observations_next"
                first_written = False
            self._summary(key, raised, on=event.date)
        undated = [r for r in self.facts.defences if r.on is None]
        if undated:
            self._summary("observations_undated", undated, on=None)
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
        return placeholder("résumé de l'argument de la société")

    def _summary(self, key: str, raised: list[RaisedDefence], on: date | None) -> None:
        t9 = self.eff.get("T9.defences")
        rebuttals = {r["raised_as"]: r for r in (t9.data.get("rebuttals", []) if t9 else [])}
        claims = list(dict.fromkeys(self._claim_of(r, rebuttals.get(r.raised_as)) for r in raised))
        said = _que(claims[0]) + "".join(" et " + _que(c) for c in claims[1:])
        text = wording.sentence(key, on=date_fr(on) if on else "", name=self.name, said=fr_typo(said))
        quoted = [r.quote for r in raised if r.quote]
        if quoted:
            text += wording.sentence("observations_quote_tail", quote=quote(quoted[0]))
        self.add(
            f"C12_observations_{len(self.considerants)}",
            text + f"{NNBSP};",
            self.refs(*wording.basis(key)),
            ["T9.defences"],
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
            _que(_lower_first(answer.strip().rstrip(" .")))
            if answer
            else "que " + placeholder(wording.text("answer_gap"))
        )
        self.add(
            f"C13_reponse_{len(self.considerants)}",
            wording.sentence("answer", claim=fr_typo(claim), answer=fr_typo(clause) + f"{NNBSP};"),
            self.refs(*keys),
            ["T9.defences"],
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
        for subkind in _TARGETING_ORDER:
            found = [f for f in signals if f.subkind == subkind]
            if subkind == "french_patient":
                found = substantive(found) + testimonials
            if not found:
                continue
            template = wording.label("targeting", subkind)
            if not template:
                continue
            example = next(
                (f for f in found if f.source != "page metadata" and 0 < len(f.quote) <= 240), None
            )
            q = f" ({quote(' '.join(example.quote.split()))})" if example and "{q}" in template else ""
            parts.append(fr_typo(template).replace("{q}", q))
            ids.extend(f.id for f in found[:3])
        if not parts:
            return
        self.add(
            f"C13_ciblage_{len(self.considerants)}",
            wording.sentence("answer_targeting", url=self.url, evidence=join_fr(parts)),
            self.refs(*wording.basis("answer_targeting")),
            ["T9.defences", "T0.link"],
            ids,
        )

    def c_advertising(self) -> None:
        adv_text = self.quote_article("CSP L. 5122-1", lower_first=False)
        adv_text = adv_text.split(", à l'exception")[0]
        lead = "Considérant néanmoins qu'aux termes" if self.facts.defences else "Considérant qu'aux termes"
        self.add(
            "C14_definition_publicite",
            render(lead + " de l'article L. 5122-1 du CSP, {q} ;", q=quote(adv_text + " (…)")),
            self.refs("CSP L. 5122-1"),
            ["T6.advertising", "T9.defences"],
        )
        claims = self.benefit_risk_claims()
        if claims:
            self.add(
                "C15_allegations_benefices_risques",
                render(
                    "Considérant que le site internet {url} contient des allégations relatives aux bénéfices/risques "
                    "en faveur {product} telles que {q} ;",
                    url=self.url,
                    product=self.of_product,
                    q=claims.render(),
                ),
                [],
                ["T6.advertising"],
                claims.ids,
            )
        # a menu entry « Témoignages » on every page is not a testimonial: only the stories count
        testimonials = substantive(self.facts.of("testimonial"))
        if testimonials:
            french = substantive(self.facts.of("france_targeting", ["french_patient"])) + [
                f for f in testimonials if f.attributes.get("country", "").upper() in ("FR", "FRANCE")
            ]
            many = "de nombreux témoignages" if len(testimonials) >= 3 else "des témoignages"
            tail = ", parmi lesquels des patients français qui recommandent ce traitement" if french else ""
            self.add(
                "C16_temoignages",
                render(
                    "Considérant en outre, que ce site internet relaye {many} de personnes ayant reçu ce traitement"
                    "{tail} ;",
                    many=many,
                    tail=tail,
                ),
                [],
                ["T6.advertising", "T0.link"],
                [f.id for f in testimonials + french],
            )
        innovative = self.supporting("claim", ["innovation"])
        superior = self.supporting("claim", ["superiority"])
        safe = self.supporting("claim", ["safety"])
        travel = self.supporting("travel", limit=3)
        abroad = bool(travel) or (
            self.facts.company is not None
            and (self.facts.company.country or "FR").upper() not in ("FR", "FRANCE")
        )
        if innovative or superior or safe:
            # each quality only when the site's words support it (« innovant » needs an innovation claim)
            parts = []
            if innovative:
                parts.append(wording.label("incitation_parts", "innovative"))
            elif superior:
                parts.append(wording.label("incitation_parts", "alternative"))
            if safe:
                parts.append(wording.label("incitation_parts", "safe_after" if parts else "safe"))
            self.add(
                "C17_incitation",
                wording.sentence(
                    "incitation",
                    what=", ".join(parts),
                    where=wording.label("incitation_parts", "abroad" if abroad else "here"),
                ),
                [],
                ["T6.advertising"],
                list(dict.fromkeys(innovative.ids + superior.ids + safe.ids + travel.ids)),
            )
        calls = self.supporting("call_to_action", sorted(INCITATIONS), limit=3)
        if calls:
            actions = list(
                dict.fromkeys(
                    wording.label("incitation_actions", f.subkind)
                    for f in calls.facts
                    if f.subkind in INCITATIONS
                )
            )
            if actions:
                self.add(
                    "C17_bis_invitation",
                    wording.sentence("incitation_calls", actions=join_fr(actions), q=calls.render()),
                    self.refs(*wording.basis("incitation_calls")),
                    ["T6.advertising"],
                    calls.ids,
                )
        if self.ok("T7.audience"):
            self.add(
                "C18_publicite",
                render(
                    "Considérant qu'il ressort des informations figurant sur ce site internet que ce dernier promeut "
                    "donc auprès du grand public et des professionnels de santé l'utilisation {product}, et répond "
                    "donc à la définition de la publicité en faveur d'un médicament au sens de l'article L. 5122-1 du "
                    "CSP ;",
                    product=self.of_product,
                ),
                self.refs("CSP L. 5122-1"),
                ["T6.advertising", "T7.audience"],
            )

    def c_visa(self) -> None:
        public, hcp = self.holds("T8.public_no_visa"), self.holds("T8.hcp_no_visa")
        if not (public or hcp):
            return
        keys = [k for k, ok in (("CSP L. 5122-8", public), ("CSP L. 5122-9", hcp)) if ok]
        if public and hcp:
            arts, whom = (
                "les articles L. 5122-8 et L. 5122-9 du même code imposent",
                "auprès du public ou auprès des professionnels de santé",
            )
        elif public:
            arts, whom = "l'article L. 5122-8 du même code impose", "auprès du public"
        else:
            arts, whom = "l'article L. 5122-9 du même code impose", "auprès des professionnels de santé"
        tests = [t for t, ok in (("T8.public_no_visa", public), ("T8.hcp_no_visa", hcp)) if ok]
        self.add(
            "C20_visa",
            render(
                "Considérant de plus, que {arts} que la publicité {whom} pour un médicament est soumise à une "
                "autorisation préalable de l'ANSM dénommée visa de publicité ;",
                arts=fr_typo(arts),
                whom=whom,
            ),
            self.refs(*keys),
            tests,
        )
        cited = " et ".join(fr_typo(f"L. {k.split('L. ')[1]}") for k in keys)
        plural = "aux articles" if len(keys) > 1 else "à l'article"
        self.add(
            "C21_absence_visa",
            render(
                "Considérant que la société {name} promeut l'utilisation sur son site internet {product} qui ne "
                "dispose pas d'autorisation de mise sur le marché en France et ne peut dès lors pas avoir obtenu du "
                "directeur général de l'ANSM les autorisations préalables de diffuser une publicité pour un "
                "médicament prévues {plural} {cited} du CSP ;",
                name=self.name,
                product=self.of_product,
                plural=plural,
                cited=cited,
            ),
            self.refs(*keys),
            tests + ["T8.unauthorised_ad"],
        )

    def c_measure(self) -> None:
        self.add(
            "C22_violation",
            render(
                "Considérant qu'il résulte donc de l'ensemble de ce qui précède que le site internet de la société "
                "{name} fait la promotion {product} en violation des règles qui lui sont applicables ;",
                name=self.name,
                product=self.of_product,
            ),
            [],
            ["T8.unauthorised_ad", "T8.public_no_visa", "T8.hcp_no_visa", "T8.early_access_ad"],
        )
        kind = self.eff["T10.measure"].data.get("kind") or self.facts.measure_requested
        if kind == "suspension_of_all_activities":
            text = render(
                "Considérant qu'il convient donc de suspendre l'ensemble des activités opérées en France et "
                "portant sur {product} par la société {name}, y compris la publicité réalisée sur son site "
                "internet {url} ;",
                product=self.product,
                name=self.name,
                url=self.url,
            )
        else:
            text = render(
                "Considérant qu'il convient donc de suspendre toute publicité portant sur {product} réalisée "
                "par la société {name} sur son site internet {url} ;",
                product=self.product,
                name=self.name,
                url=self.url,
            )
        self.add("C23_mesure", text, [], ["T10.measure"])

    # -- Vu --------------------------------------------------------------------------------
    def build_vu(self) -> list[Vu]:
        vu: list[Vu] = []
        if self.ok("T3.atmp"):
            vu.append(
                Vu(
                    id="VU_REG_ATMP",
                    text_fr=fr_typo(f"Vu le {REG_1394_TITLE} ;"),
                    basis=self.refs("REG 1394/2007 art. 2"),
                )
            )
        csp: list[str] = ["CSP L. 5311-1"]
        for rule_id, keys in (
            ("T1.presentation", ["CSP L. 5111-1"]),
            ("T2.function", ["CSP L. 5111-1"]),
            ("T4.amm_required", ["CSP L. 5121-8"]),
            ("T6.advertising", ["CSP L. 5122-1"]),
            ("T8.unauthorised_ad", ["CSP L. 5122-3"]),
            ("T8.public_no_visa", ["CSP L. 5122-8"]),
            ("T8.hcp_no_visa", ["CSP L. 5122-9"]),
            ("T8.early_access_ad", ["CSP L. 5422-3"]),
            ("T10.measure", ["CSP L. 5312-2", "CSP L. 5312-4"]),
        ):
            if self.ok(rule_id):
                csp.extend(keys)
        csp = sorted(dict.fromkeys(csp), key=_csp_order)
        listed = join_fr([self.short(k) for k in csp])
        vu.append(
            Vu(
                id="VU_CSP",
                text_fr=fr_typo("Vu le code de la santé publique (CSP), et notamment ses articles ")
                + listed
                + f"{NNBSP};",
                basis=self.refs(*csp),
            )
        )
        for site in self.facts.websites or ((self.facts.site_url,) if self.facts.site_url else ()):
            vu.append(Vu(id=f"VU_SITE_{len(vu)}", text_fr=f"Vu le site internet {site}{NNBSP};"))
        # the scope the letter announced, never the measure decided later (a broader measure is
        # refused by `vigipub draft`: the company could not comment on it)
        letter_scope = self.facts.letter_scope
        addresses = list(self.facts.addresses) or (
            list(self.facts.company.addresses) if self.facts.company else []
        )
        for ev in self.facts.events_of("letter_of_intent"):
            all_acts = letter_scope == "all_activities" or (
                letter_scope is None and "all_activities" in ev.note
            )
            key = "vu_letter_several" if len(addresses) > 1 else "vu_letter"
            vu.append(
                Vu(
                    id=f"VU_COURRIER_{len(vu)}",
                    text_fr=wording.sentence(
                        key,
                        d=date_fr(ev.date),
                        name=self.name,
                        where=f" (située {addresses[0]})" if len(addresses) == 1 else "",
                        addresses=" ; ".join(addresses),
                        scope=wording.sentence(
                            "vu_letter_scope_all" if all_acts else "vu_letter_scope_advertising",
                            product=self.product,
                        ),
                    ),
                    basis=self.refs(*wording.basis(key)),
                )
            )
        written = self.facts.events_of("written_observations")
        if written:
            dates = _dates_fr([e.date for e in written])
            plural = "par transmissions en dates des" if len(written) > 1 else "par transmission en date du"
            vu.append(
                Vu(
                    id="VU_OBSERVATIONS_ECRITES",
                    text_fr=render(
                        "Vu les observations écrites formulées par la société {name} {p} {d} ;",
                        name=self.name,
                        p=plural,
                        d=dates,
                    ),
                    basis=self.refs("CRPA L. 122-1"),
                )
            )
        for ev in self.facts.events_of("oral_observations"):
            vu.append(
                Vu(
                    id=f"VU_OBSERVATIONS_ORALES_{len(vu)}",
                    text_fr=render(
                        "Vu les observations orales présentées le {d} par la société {name} ;",
                        d=date_fr(ev.date),
                        name=self.name,
                    ),
                    basis=self.refs("CRPA L. 122-1"),
                )
            )
        return vu

    # -- measure and escalations ----------------------------------------------------------
    def build_measure(self) -> Measure | None:
        t10 = self.eff.get("T10.measure")
        if not t10 or t10.outcome != "yes":
            return None
        kind = t10.data.get("kind", "suspension_of_advertising")
        if kind == "suspension_of_all_activities":
            text = render(
                "L'ensemble des activités opérées en France et portant sur {product} par la société {name}, y "
                "compris la publicité, est suspendu jusqu'à mise en conformité à la réglementation qui lui est "
                "applicable.",
                product=self.product,
                name=self.name,
            )
        else:
            text = render(
                "La publicité pour {product} par la société {name} est suspendue, jusqu'à mise en conformité à "
                "la réglementation qui lui est applicable.",
                product=self.product,
                name=self.name,
            )
        return Measure(
            kind=kind, text_fr=text, basis=self.refs("CSP L. 5312-2", "CSP L. 5311-1", "CSP L. 5312-4")
        )

    def build_escalations(self) -> list[Escalation]:
        out: list[Escalation] = []
        if self.ok("T13.prosecutor_no_visa"):
            pen = self.j.parameter("penalty_advertising_without_visa").value_at(self.on)
            out.append(
                Escalation(
                    kind="referral_prosecutor",
                    text_fr=render(
                        "Aviser le procureur de la République, en application de l'article 40 du code de "
                        "procédure pénale, de la diffusion d'une publicité sans visa, délit puni {p} par "
                        "l'article L. 5422-6 du CSP.",
                        p=_penalty_fr(pen),
                    ),
                    trigger="T13.prosecutor_no_visa",
                    basis=self.refs("CPP 40", "CSP L. 5422-6"),
                )
            )
        if self.ok("T13.continued_after_suspension"):
            pen = self.j.parameter("penalty_continuing_suspended_activity").value_at(self.on)
            out.append(
                Escalation(
                    kind="referral_prosecutor",
                    text_fr=render(
                        "Aviser le procureur de la République, en application de l'article 40 du code de "
                        "procédure pénale, de la poursuite de la publicité malgré la suspension notifiée, délit "
                        "puni {p} par l'article L. 5451-1 du CSP.",
                        p=_penalty_fr(pen),
                    ),
                    trigger="T13.continued_after_suspension",
                    basis=self.refs("CPP 40", "CSP L. 5451-1"),
                )
            )
        if self.ok("T13.administrative_fine"):
            p = self.j.parameter
            out.append(
                Escalation(
                    kind="administrative_fine",
                    text_fr=render(
                        "Envisager une sanction financière au titre des articles L. 5471-1 et L. 5422-18 du CSP, "
                        "dans la limite de {nat} pour une personne physique et de {pct} % du chiffre d'affaires "
                        "réalisé pour le produit, plafonnée à {cap}, pour une personne morale, assortie le cas "
                        "échéant d'une astreinte journalière de {ast} au plus (montants à vérifier : texte "
                        "français de l'article L. 5422-18 non retrouvé).",
                        nat=_eur(p("fine_advertising_natural_person_max_eur").value_at(self.on)),
                        pct=p("fine_advertising_legal_person_max_turnover_percent").value_at(self.on),
                        cap=_eur(p("fine_legal_person_cap_eur").value_at(self.on)),
                        ast=_eur(p("daily_penalty_max_eur").value_at(self.on)),
                    ),
                    trigger="T13.administrative_fine",
                    basis=self.refs("CSP L. 5471-1", "CSP L. 5422-18"),
                )
            )
        if any(self.ok(r) for r in ("T8.unauthorised_ad", "T8.public_no_visa", "T8.hcp_no_visa")):
            out.append(
                Escalation(
                    kind="pharos_report",
                    text_fr=fr_typo(
                        "Signaler le contenu illicite sur la plateforme PHAROS (internet-signalement.gouv.fr)."
                    ),
                    trigger="[PRACTICE] ANSM press release of 28/11/2024; legal basis of PHAROS not retrieved (GAP)",
                    basis=[],
                )
            )
            company = self.facts.company
            if company and company.country and company.country.upper() not in ("FR", "FRANCE"):
                out.append(
                    Escalation(
                        kind="foreign_authority",
                        text_fr=render(
                            "Informer l'autorité compétente de l'État d'établissement de la société {name} "
                            "({country}) et les homologues européens de l'ANSM.",
                            name=company.name,
                            country=company.country,
                        ),
                        trigger="[PRACTICE] « en lien avec nos homologues européens » (ANSM, 28/11/2024)",
                        basis=[],
                    )
                )
        return out


#: the defences answered with the site's targeting of France (wording/fr.yaml lists the signals)
_TARGETING_DEFENCES = frozenset({"translation_for_swiss_or_belgian_patients"})
_TARGETING_ORDER = (
    "french_language", "french_patient", "euro_price", "french_phone", "from_france_logistics",
    "french_speaking_staff", "reimbursement_fr", "french_city", "fr_domain", "fr_variant",
)  # fmt: skip


def _lower_first(text: str) -> str:
    """A sentence made a clause: « La mesure … » → « la mesure … » (not « ANSM », « L. 5122-1 »)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text[1] not in ". ":
        return text[0].lower() + text[1:]
    return text


def _que(clause: str) -> str:
    """« que » + clause, elided before a vowel (« qu'elle »)."""
    return ("qu'" + clause) if clause[:1] and clause[:1].lower() in "aeiouyéèêî" else "que " + clause


_FEMININE_ENDINGS = ("ie", "ion", "ure", "ence", "ance", "ité", "ose", "use", "ine", "ule")


@cache
def _diseases_fr() -> dict[str, str]:
    path = Path(__file__).parent / "wording" / "diseases_fr.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k).casefold(): str(v) for k, v in data.items()}


def _disease_with_article(label: str) -> str:
    """« le cancer », « l'autisme » (``wording/diseases_fr.yaml``); a disease the table does
    not know is named « l'affection « … » » rather than given a guessed article."""
    if re.match(r"(?i)^(le|la|les) |^l['’]", label):
        return label  # given with its article
    known = _diseases_fr().get(label.casefold())
    return known if known else f"l'affection {quote(label)}"


def _family_article(facts: SiteFacts) -> str | None:
    """The article of the product when it is named by its family's label (no case file)."""
    for fam in facts.families:
        if fam in THERAPY_FAMILIES and THERAPY_FAMILIES[fam][0] == facts.product_label:
            return THERAPY_ARTICLES_FR.get(fam)
    return None


def _with_article(label: str, article: str | None = None) -> str:
    """The product with its definite article: the case file's (« la », « le », « les », « l' »),
    else the one it starts with; a guess from the ending is the last resort (a product built in
    code without a case file)."""
    low = label.strip()
    if low.lower().startswith(("le ", "la ", "les ", "l'", "l’", "un ", "une ", "des ", "ce ", "cette ")):
        return low
    if article:
        return with_article_fr(low, article)
    first = low.split(" ")[0].lower()
    if first.endswith(("s", "x")):
        return "les " + low
    if first[:1] in "aeiouyéèêîh":
        return "l'" + low
    if first.endswith(_FEMININE_ENDINGS):
        return "la " + low
    return "le " + low


def _de(with_article: str) -> str:
    """« de » + the product: « de la … », « de l'… », « du … », « des … »."""
    if with_article.startswith("le "):
        return "du " + with_article[3:]
    if with_article.startswith("les "):
        return "des " + with_article[4:]
    return "de " + with_article


def _eur(value: int) -> str:
    return f"{value:,}".replace(",", NNBSP) + f"{NBSP}€"


def _penalty_fr(p: dict[str, int]) -> str:
    years = p.get("imprisonment_years", 0)
    fine = _eur(p.get("fine_eur", 0))
    if years:
        y = "d'un an" if years == 1 else f"de {years} ans"
        return f"{y} d'emprisonnement et de {fine} d'amende"
    return f"de {fine} d'amende"


def _dates_fr(dates: list[date]) -> str:
    """« 7 novembre, 19 novembre et 27 novembre 2024 » (the year once when shared)."""
    if len({d.year for d in dates}) == 1:
        parts = [date_fr(d).rsplit(" ", 1)[0] for d in dates]
        return join_fr(parts) + f" {dates[0].year}"
    return join_fr([date_fr(d) for d in dates])


def assemble(ev: Evaluation, facts: SiteFacts, jurisdiction: Jurisdiction) -> dict[str, Any]:
    b = _Builder(ev, facts, jurisdiction)
    considerants = b.build_considerants()
    return {
        "vu": b.build_vu() if considerants else [],
        "considerants": considerants,
        "measure": b.build_measure(),
        "escalations": b.build_escalations(),
    }
