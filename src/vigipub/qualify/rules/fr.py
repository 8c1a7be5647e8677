"""French rules (jurisdiction ``FR``): T0-T2, T4 (AMM), T5-T11, T13.

Each rule cites the CSP / CRPA / CPP articles it applies; the EU-level rules it reads (T3, T4
centralised) live in :mod:`vigipub.qualify.rules.eu`. Tags [PRACTICE]/[INTERP] refer to
QUALIFICATION.md.
"""

from __future__ import annotations

from datetime import timedelta

from vigipub.evidence.compliance import ComplianceVerdict
from vigipub.evidence.french import typeset
from vigipub.evidence.qualification import RuleId as R
from vigipub.evidence.qualification import Violation
from vigipub.evidence.vocabulary import GENERIC_FAMILIES

from ..facts import Fact, RaisedDefence
from .base import Context, Result, Rule, no, not_applicable, rule, undetermined, yes
from .eu import THERAPEUTIC_CLAIMS

RULES: list[Rule] = []

PROMOTIONAL_KINDS = ("claim", "testimonial", "call_to_action", "travel")
FRANCE_SIGNALS_STRONG = frozenset({"french_language", "fr_variant", "fr_domain"})
UNAUTHORISED = frozenset({"not_authorised", "withdrawn"})
EARLY_ACCESS = ("aap", "aac", "cpc", "early", "compassion", "accès précoce", "accès compassionnel")


@rule(
    RULES,
    R.T0_LINK,
    question="Le site s'adresse-t-il au public ou aux professionnels de santé en France ?",
    articles=["CSP L. 5311-1"],
    level="FR",
)
def t0_link(ctx: Context) -> Result:
    signals = ctx.facts.of("france_targeting")
    strong = [f for f in signals if f.subkind in FRANCE_SIGNALS_STRONG]
    if strong:
        extra = [f for f in signals if f not in strong]
        return yes(
            [f.id for f in strong + extra],
            reason="the site has a French version [PRACTICE Iaso/Linden]"
            + (" and other French signals" if extra else ""),
            french_version=True,
        )
    if signals:
        return yes(
            [f.id for f in signals],
            reason="no French version, but signals that French patients are targeted [INTERP]: "
            + ", ".join(sorted({f.subkind for f in signals})),
            french_version=False,
        )
    return undetermined(
        "no French page and no sign that French patients are targeted",
        "Le site est-il accessible en France et s'adresse-t-il à des patients français (version française, "
        "témoignages, prix en euros, coordonnées françaises) ?",
    )


@rule(
    RULES,
    R.T1_PRESENTATION,
    question="Le produit est-il présenté comme possédant des propriétés curatives ou préventives à l'égard des maladies humaines ?",
    articles=["CSP L. 5111-1", "DIR 2001/83 art. 1"],
    level="FR",
)
def t1_presentation(ctx: Context) -> Result:
    facts = ctx.facts
    claims = facts.of("claim", THERAPEUTIC_CLAIMS)
    others = [f for f in facts.of("claim") if f.subkind not in THERAPEUTIC_CLAIMS]
    diseases = facts.of("disease")
    if claims and not facts.therapies:
        return undetermined(
            "therapeutic claims were found but no product is identified",
            "À quel produit se rapportent les allégations "
            + ", ".join(f"« {f.quote} »" for f in claims[:2])
            + " ?",
            evidence=[f.id for f in claims],
        )
    if claims:
        return yes(
            [f.id for f in claims + diseases + facts.therapies],
            reason="therapeutic claims: " + ", ".join(sorted({f.subkind for f in claims})),
        )
    if others:
        return undetermined(
            "only non-therapeutic claims (safety, innovation…) were found",
            "Le produit est-il présenté, même implicitement, comme guérissant ou prévenant une maladie ?",
            evidence=[f.id for f in others],
        )
    return no("no therapeutic claim was found")


@rule(
    RULES,
    R.T2_FUNCTION,
    question="Le produit peut-il être administré en vue de restaurer, corriger ou modifier des fonctions physiologiques par une action pharmacologique, immunologique ou métabolique ?",
    articles=["CSP L. 5111-1"],
    depends_on=[R.T3_ATMP],
    level="FR",
)
def t2_function(ctx: Context) -> Result:
    atmp = ctx.result(R.T3_ATMP)
    if atmp.outcome == "yes":
        return yes(atmp.evidence, reason="an ATMP acts through its cells or nucleic acids [PRACTICE Iaso]")
    if not ctx.facts.therapies:
        return undetermined("no product identified", "Quel produit est administré ?")
    return undetermined(
        "not shown to be an ATMP; the mode of action must be assessed",
        "Le produit exerce-t-il une action pharmacologique, immunologique ou métabolique ?",
        evidence=atmp.evidence,
    )


@rule(
    RULES,
    R.T4_AMM_REQUIRED,
    question="La mise sur le marché du produit exige-t-elle une autorisation de mise sur le marché ?",
    articles=["CSP L. 5121-8", "REG 726/2004 art. 3"],
    depends_on=[R.T1_PRESENTATION, R.T2_FUNCTION, R.T4_CENTRALISED],
    level="FR",
)
def t4_amm_required(ctx: Context) -> Result:
    t1, t2, central = (ctx.result(r) for r in (R.T1_PRESENTATION, R.T2_FUNCTION, R.T4_CENTRALISED))
    if "yes" in (t1.outcome, t2.outcome):
        route = "eu_centralised" if central.outcome == "yes" else "national_or_eu"
        return yes(
            ctx.evidence_of(R.T1_PRESENTATION, R.T2_FUNCTION, R.T4_CENTRALISED),
            route=route,
            reason=f"a medicinal product; route: {route}",
        )
    if t1.outcome == "no" and t2.outcome == "no":
        return no("not a medicinal product")
    return undetermined("medicinal status undetermined", *(t1.questions + t2.questions))


@rule(
    RULES,
    R.T5_UNAUTHORISED,
    question="Le produit est-il dépourvu de toute autorisation permettant son utilisation en France ?",
    articles=[
        "CSP L. 5121-8",
        "CSP L. 5121-9-1",
        "CSP L. 5121-12",
        "CSP L. 5121-12-1",
        "CSP L. 5124-13",
        "CSP L. 5121-13",
        "CSP L. 5121-14-1",
        "CSP L. 5121-1",
        "CSP L. 4211-9-1",
    ],
    level="FR",
)
def t5_unauthorised(ctx: Context) -> Result:
    answers = ctx.facts.of("register")
    if not answers:
        return undetermined(
            "no register answer was provided (authorisations.json absent)",
            "Le produit bénéficie-t-il d'une autorisation (AMM nationale ou de l'Union, accès précoce ou "
            "compassionnel, importation parallèle, enregistrement) ? Interroger la BDPM et le registre de l'Union.",
        )
    by_therapy: dict[str, list[Fact]] = {}
    for f in answers:
        by_therapy.setdefault(f.attributes.get("therapy", ""), []).append(f)
    # a generic family (« thérapie cellulaire ») says little when the site names a specific one
    specific = {t: fs for t, fs in by_therapy.items() if t not in GENERIC_FAMILIES}
    relevant = specific or by_therapy
    ignored = sorted(set(by_therapy) - set(relevant))
    note = f" (generic answers set aside: {', '.join(ignored)})" if ignored else ""
    statuses = {t: {f.subkind for f in fs} for t, fs in relevant.items()}
    contradictory = sorted(t for t, st in statuses.items() if "authorised" in st and st & UNAUTHORISED)
    if contradictory:
        return undetermined(
            "contradictory register answers for " + ", ".join(contradictory),
            "Les registres donnent des réponses contradictoires (autorisé et non autorisé) pour "
            + ", ".join(contradictory)
            + " : quelle est la situation exacte ?",
            evidence=[f.id for t in contradictory for f in relevant[t]],
        )
    unauthorised = sorted(t for t, st in statuses.items() if st <= UNAUTHORISED)
    if unauthorised:
        # one unauthorised product promoted is enough, whatever the others' status
        others = sorted(set(statuses) - set(unauthorised))
        return yes(
            [f.id for t in unauthorised for f in relevant[t]],
            reason="no authorisation in force in the registers consulted for "
            + ", ".join(unauthorised)
            + (f"; other answers: {', '.join(others)}" if others else "")
            + note,
            unauthorised=unauthorised,
        )
    if (
        not set(ctx.facts.families) - GENERIC_FAMILIES - set(by_therapy)
        and all(st == {"authorised_other_indication"} for st in statuses.values())
        and not any(f.attributes.get("named") for fs in relevant.values() for f in fs)
    ):
        # The site names no product, only a family (« thérapie cellulaire », « thérapie
        # génique »), and every family it names was asked: the family's authorised products (a
        # CAR-T for myeloma, an AAV for a retinal dystrophy…) are all authorised for other
        # diseases than those the site treats. The product presented for these diseases is
        # none of them: no authorisation covers it (the register answer lists them). A family
        # the site names but the registers were not asked about stays undetermined below.
        families = sorted(relevant)
        return yes(
            [f.id for t in families for f in relevant[t]],
            reason="no product named; the authorised products of the family "
            + ", ".join(families)
            + " are all authorised for other diseases than those promoted",
            unauthorised=families,
        )
    made_here = ctx.facts.of("offer", ["in_house"])
    if (
        made_here
        and all(st <= {"uncertain", "authorised", "authorised_other_indication"} for st in statuses.values())
        and not any(f.attributes.get("named") for fs in relevant.values() for f in fs)
    ):
        # « Nos hôpitaux utilisent leurs propres cellules CAR-T, fabriquées sur place »: the
        # registers list the family's authorised products (Kymriah, Abecma…), each made by its
        # authorisation holder; a product the provider makes itself is none of them, and no
        # authorisation covers it (L. 5121-8: an authorisation is granted to a product)
        families = sorted(relevant)
        return yes(
            [*(f.id for f in made_here), *(f.id for t in families for f in relevant[t])],
            reason="the provider makes the product itself (no product named); the authorised products of "
            + ", ".join(families)
            + " are made by their authorisation holders",
            unauthorised=families,
            in_house=made_here[0].id,
        )
    doubtful = sorted(t for t, st in statuses.items() if st & {"uncertain", "authorised_other_indication"})
    if doubtful:
        return undetermined(
            "register answers uncertain or for another indication: " + ", ".join(doubtful) + note,
            "Vérifier dans les registres si le produit promu ("
            + ", ".join(doubtful)
            + ") est autorisé, et pour quelle indication.",
            evidence=[f.id for t in doubtful for f in relevant[t]],
        )
    missing = sorted(set(ctx.facts.families) - set(by_therapy) - GENERIC_FAMILIES)
    if missing:
        return undetermined(
            "no register answer for " + ", ".join(missing),
            "Interroger les registres pour : " + ", ".join(missing) + ".",
            evidence=[f.id for f in answers],
        )
    used = [f for fs in relevant.values() for f in fs]
    procedures = {p for f in used for p in f.attributes.get("procedures", "").split(",") if p}
    early = sorted(p for p in procedures if any(k in p for k in EARLY_ACCESS))
    return no(
        "an authorisation is in force" + note,
        evidence=[f.id for f in used],
        procedures=sorted(procedures),
        early_access=early,
    )


@rule(
    RULES,
    R.T6_ADVERTISING,
    question="Le contenu constitue-t-il une publicité au sens de l'article L. 5122-1 du code de la santé publique ?",
    articles=["CSP L. 5122-1", "DIR 2001/83 art. 86"],
    level="FR",
)
def t6_advertising(ctx: Context) -> Result:
    facts = ctx.facts
    promo = [f for f in facts.facts if f.kind in PROMOTIONAL_KINDS]
    if not promo:
        if facts.excluded:
            return no("the pages with findings were judged not promotional (reporting, regulator, science…)")
        if facts.pages:
            return no("no claim, testimonial, call to action or travel offer on the promotional pages")
        return undetermined("no page and no claim", "Quel contenu a été diffusé, et où ?")
    weak = all(f.strength == "weak" for f in promo)
    evidence = [f.id for f in promo + facts.therapies]
    if weak:
        r = yes(
            evidence,
            reason="promotional elements, but only on pages whose verdict is uncertain (weaker)",
            weak=True,
        )
        return Result(
            r.outcome,
            r.evidence,
            r.text_fr,
            r.reason,
            (
                "Les pages au verdict incertain constituent-elles bien une incitation à consommer le produit ?",
            ),
            r.data,
        )
    return yes(
        evidence,
        reason="information aimed at promoting the consumption of the product: "
        + ", ".join(sorted({f.kind for f in promo})),
    )


@rule(
    RULES,
    R.T6_DISEASE_INFORMATION,
    question="S'agit-il d'une information relative à la santé ou aux maladies humaines sans référence, même indirecte, à un médicament ?",
    articles=["CSP L. 5122-1"],
    overrides=[R.T6_ADVERTISING],
    level="FR",
)
def t6_disease_information(ctx: Context) -> Result:
    if ctx.facts.therapies:
        return not_applicable("a product is referred to")
    if any(f.kind in PROMOTIONAL_KINDS for f in ctx.facts.facts):
        return undetermined(
            "promotional elements without an identified product",
            "Les éléments promotionnels se rapportent-ils, même indirectement, à un produit déterminé ?",
        )
    return not_applicable("no promotional element")


@rule(
    RULES,
    R.T7_AUDIENCE,
    question="La publicité s'adresse-t-elle au public et aux professionnels de santé en France ?",
    articles=["CSP L. 5122-1"],
    depends_on=[R.T0_LINK, R.T6_ADVERTISING],
    level="FR",
)
def t7_audience(ctx: Context) -> Result:
    t0, t6 = ctx.result(R.T0_LINK), ctx.result(R.T6_ADVERTISING)
    if t6.outcome == "no":
        return not_applicable("no advertising")
    if t0.outcome == "no":
        return no("the site does not address France")
    if t0.outcome == "yes" and t6.outcome == "yes":
        hcp = ctx.facts.of("genre", ["hcp_section"]) or ctx.facts.of("call_to_action", ["referral"])
        return yes(
            [*t0.evidence, *t6.evidence, *(f.id for f in hcp)],
            reason="a site open to all addresses the public and health professionals [PRACTICE Iaso, Linden]",
            audience=["public", "professionals"],
        )
    return undetermined("audience depends on undetermined tests", *(t0.questions + t6.questions))


@rule(
    RULES,
    R.T8_UNAUTHORISED_AD,
    question="Une publicité est-elle faite pour un médicament qui ne dispose d'aucune des autorisations prévues à l'article L. 5122-3 ?",
    articles=["CSP L. 5122-3", "DIR 2001/83 art. 87"],
    depends_on=[R.T1_PRESENTATION, R.T2_FUNCTION, R.T5_UNAUTHORISED, R.T6_ADVERTISING, R.T7_AUDIENCE],
    level="FR",
)
def t8_unauthorised_ad(ctx: Context) -> Result:
    t1, t2, t5, t6, t7 = (
        ctx.result(r)
        for r in (R.T1_PRESENTATION, R.T2_FUNCTION, R.T5_UNAUTHORISED, R.T6_ADVERTISING, R.T7_AUDIENCE)
    )
    medicinal = "yes" in (t1.outcome, t2.outcome)
    if t5.outcome == "no":
        return no(
            "the product holds an authorisation listed or assimilated by L. 5122-3", evidence=t5.evidence
        )
    if t6.outcome in ("no", "not_applicable") or t7.outcome in ("no", "not_applicable"):
        return no("no advertising addressed to France")
    if t1.outcome == "no" and t2.outcome == "no":
        return no("not a medicinal product")
    if medicinal and t5.outcome == "yes" and t6.outcome == "yes" and t7.outcome == "yes":
        return yes(
            ctx.evidence_of(
                R.T1_PRESENTATION, R.T2_FUNCTION, R.T5_UNAUTHORISED, R.T6_ADVERTISING, R.T7_AUDIENCE
            ),
            reason="advertising in France for a medicinal product without any L. 5122-3 authorisation",
            violation=Violation.AD_UNAUTHORISED,
        )
    qs = [q for r in (t1, t2, t5, t6, t7) if r.outcome == "undetermined" for q in r.questions]
    if medicinal:
        qs = [q for r in (t5, t6, t7) if r.outcome == "undetermined" for q in r.questions]
    return undetermined("a condition is undetermined", *qs)


def _visa_rule(ctx: Context, audience: str, violation: Violation) -> Result:
    t8, t5, t7 = ctx.result(R.T8_UNAUTHORISED_AD), ctx.result(R.T5_UNAUTHORISED), ctx.result(R.T7_AUDIENCE)
    if t8.outcome == "yes" and audience in t7.data.get("audience", []):
        return yes(
            t8.evidence,
            reason="no visa can have been granted for an unauthorised medicinal product [INTERP]",
            violation=violation,
        )
    if t8.outcome == "no" and t5.outcome != "no":
        return no("no advertising for a medicinal product addressed to France")
    if t5.outcome == "no":
        return undetermined(
            "authorised product: the visa register was not consulted",
            "Un visa de publicité a-t-il été délivré par l'ANSM pour cette publicité ?",
        )
    return undetermined("depends on undetermined tests", *t8.questions)


@rule(
    RULES,
    R.T8_PUBLIC_NO_VISA,
    question="Une publicité auprès du public est-elle diffusée sans visa de publicité ?",
    articles=["CSP L. 5122-8"],
    depends_on=[R.T8_UNAUTHORISED_AD, R.T5_UNAUTHORISED, R.T7_AUDIENCE],
    level="FR",
)
def t8_public_no_visa(ctx: Context) -> Result:
    return _visa_rule(ctx, "public", Violation.AD_PUBLIC_NO_VISA)


@rule(
    RULES,
    R.T8_HCP_NO_VISA,
    question="Une publicité auprès des professionnels de santé est-elle diffusée sans visa de publicité ?",
    articles=["CSP L. 5122-9"],
    depends_on=[R.T8_UNAUTHORISED_AD, R.T5_UNAUTHORISED, R.T7_AUDIENCE],
    level="FR",
)
def t8_hcp_no_visa(ctx: Context) -> Result:
    return _visa_rule(ctx, "professionals", Violation.AD_HCP_NO_VISA)


@rule(
    RULES,
    R.T8_EARLY_ACCESS_AD,
    question="Une publicité est-elle faite pour un médicament en accès précoce ou compassionnel ?",
    articles=["CSP L. 5422-3", "CSP L. 5121-12", "CSP L. 5121-12-1"],
    depends_on=[R.T5_UNAUTHORISED, R.T6_ADVERTISING],
    level="FR",
)
def t8_early_access_ad(ctx: Context) -> Result:
    t5, t6 = ctx.result(R.T5_UNAUTHORISED), ctx.result(R.T6_ADVERTISING)
    early = t5.data.get("early_access", [])
    if not early:
        return not_applicable("no early or compassionate access recorded")
    if t6.outcome == "yes":
        return yes(
            [*t5.evidence, *t6.evidence],
            reason="advertising for a product under " + ", ".join(early),
            violation=Violation.AD_EARLY_ACCESS,
        )
    return undetermined("early access recorded; advertising undetermined", *t6.questions)


@rule(
    RULES,
    R.T8_PUBLIC_PRESCRIPTION,
    question="Une publicité auprès du public est-elle faite pour un médicament soumis à prescription médicale ?",
    articles=["CSP L. 5122-6", "DIR 2001/83 art. 88"],
    depends_on=[R.T3_ATMP, R.T5_UNAUTHORISED, R.T6_ADVERTISING, R.T7_AUDIENCE],
    level="FR",
)
def t8_public_prescription(ctx: Context) -> Result:
    """An authorised medicine advertised to the public (QUALIFICATION.md T8 D): allowed only
    if it is not subject to prescription, not reimbursable and without restriction. An
    unauthorised one is L. 5122-3's (T8.unauthorised_ad)."""
    t3, t5, t6, t7 = (ctx.result(r) for r in (R.T3_ATMP, R.T5_UNAUTHORISED, R.T6_ADVERTISING, R.T7_AUDIENCE))
    if t5.outcome != "no":
        return not_applicable("the product is not shown to be authorised: L. 5122-3 applies")
    if t6.outcome in ("no", "not_applicable") or t7.outcome in ("no", "not_applicable"):
        return no("no advertising addressed to the French public")
    if t7.outcome == "yes" and "public" not in t7.data.get("audience", []):
        return no("the advertising addresses health professionals only")
    if t6.outcome != "yes" or t7.outcome != "yes":
        return undetermined("a condition is undetermined", *t6.questions, *t7.questions)
    registers = [f for f in ctx.facts.of("register") if f.attributes.get("atmp")]
    if registers or t3.outcome == "yes":
        return yes(
            [*(f.id for f in registers), *t3.evidence, *t6.evidence],
            reason="an authorised advanced therapy medicinal product is subject to restricted medical "
            "prescription [INTERP]: advertising it to the public is prohibited",
            violation=Violation.AD_PUBLIC_PRESCRIPTION,
        )
    return undetermined(
        "authorised product: its prescription and reimbursement conditions were not checked",
        "Le médicament est-il soumis à prescription médicale ou remboursable (BDPM, conditions de "
        "prescription et de délivrance) ? Sa publicité auprès du public est alors interdite (article "
        "L. 5122-6 du CSP).",
    )


@rule(
    RULES,
    R.T9_DEFENCES,
    question="Les arguments présentés par la société font-ils obstacle à la mesure ?",
    articles=[
        "CSP L. 5122-1",
        "CSP L. 5311-1",
        "CSP L. 5312-2",
        "CSP L. 5122-3",
        "REG 1394/2007 art. 28",
        "DIR 2001/83 art. 3",
    ],
    depends_on=[R.T0_LINK, R.T6_ADVERTISING],
    level="FR",
)
def t9_defences(ctx: Context) -> Result:
    """Each argument gets an answer: the catalogue's rebuttal (``law/france/defences.yaml``), or
    the inspector's answer recorded in the case file; an argument with neither stays open."""
    raised = ctx.facts.defences
    if not raised:
        return not_applicable("no defence raised")
    rebuttals = []
    cited: list[str] = []
    answered: list[RaisedDefence] = []
    open_: list[RaisedDefence] = []
    for r in raised:
        hit = ctx.jurisdiction.defence(r.raised_as) if r.raised_as else None
        if hit is not None:
            defence, params = hit
            rebuttals.append(
                {
                    "raised_as": r.raised_as,
                    "defence": defence.id,
                    "rebuttal_fr": defence.rebuttal_fr,
                    "basis": list(defence.basis),
                    "claim_fr": defence.claim_fr.format(**params),
                }
            )
            cited.extend(defence.basis)
            answered.append(r)
        elif r.answer:
            cited.extend(k for k in r.basis if k in ctx.jurisdiction.articles)
            answered.append(r)
        else:
            open_.append(r)
    if open_:
        return undetermined(
            "arguments without an answer: " + ", ".join(r.raised_as or r.summary[:60] for r in open_),
            *(f"Quelle réponse apporter à l'argument « {r.summary or r.raised_as} » ?" for r in open_),
            evidence=[r.fact_id for r in open_],
            rebuttals=rebuttals,
        )
    # the translation defence is answered by facts too: French version, French patients
    support = ctx.evidence_of(R.T0_LINK)
    res = yes(
        [*(r.fact_id for r in answered), *support],
        reason="every argument raised has an answer (catalogued rebuttal or the inspector's)",
        rebuttals=rebuttals,
    )
    # the sentence this test justifies: each rebuttal, in the order the arguments were raised
    text = " ".join(typeset(str(r["rebuttal_fr"])) for r in rebuttals)
    return Result(
        res.outcome, res.evidence, text, res.reason, data=res.data, cited=tuple(dict.fromkeys(cited))
    )


@rule(
    RULES,
    R.T10_MEASURE,
    question="Quelle mesure de police sanitaire proposer ?",
    articles=["CSP L. 5312-2", "CSP L. 5311-1", "CSP L. 5312-4"],
    depends_on=[
        R.T8_UNAUTHORISED_AD, R.T8_PUBLIC_NO_VISA, R.T8_HCP_NO_VISA, R.T8_EARLY_ACCESS_AD, R.T8_PUBLIC_PRESCRIPTION
    ],
    level="FR",
)
def t10_measure(ctx: Context) -> Result:
    ids = (R.T8_UNAUTHORISED_AD, R.T8_PUBLIC_NO_VISA, R.T8_HCP_NO_VISA, R.T8_EARLY_ACCESS_AD, R.T8_PUBLIC_PRESCRIPTION)
    results = [ctx.result(i) for i in ids]
    if any(r.outcome == "yes" for r in results):
        activity = [f for f in ctx.facts.facts if f.attributes.get("activity_in_france") == "yes"]
        kind = (
            "suspension_of_all_activities"
            if activity or ctx.facts.measure_requested == "suspension_of_all_activities"
            else "suspension_of_advertising"
        )
        return yes(
            [*ctx.evidence_of(*ids), *(f.id for f in activity)], reason=f"{kind} until compliance", kind=kind
        )
    if all(r.outcome in ("no", "not_applicable") for r in results):
        return no("no violation")
    return undetermined("violations undetermined", *(q for r in results for q in r.questions))


@rule(
    RULES,
    R.T11_PROCEDURE,
    question="La société a-t-elle été mise à même de présenter ses observations ?",
    articles=["CRPA L. 121-1", "CRPA L. 122-1", "CRPA L. 211-2", "CRPA L. 121-2", "CSP L. 5312-2"],
    level="FR",
)
def t11_procedure(ctx: Context) -> Result:
    facts = ctx.facts
    if facts.urgency:
        urgent = [f.id for f in facts.facts if f.kind == "event"] or []
        if not urgent:
            return undetermined(
                "urgency invoked but no procedure event recorded",
                "Quels éléments datés établissent l'urgence invoquée ?",
            )
        r = yes(urgent, reason=f"urgency (CRPA L. 121-2 1°): {facts.urgency}", urgency=facts.urgency)
        return Result(
            r.outcome, r.evidence, r.text_fr, r.reason, data=r.data, cited=("CRPA L. 121-2", "CSP L. 5312-2")
        )
    letters = [f for f in facts.of("event", ["letter_of_intent"])]
    obs = [f for f in facts.of("event", ["written_observations", "oral_observations"])]
    if not letters:
        return no(
            "no letter of intent recorded: the contradictory procedure has not started",
            deadline=None,
        )
    letter = min(letters, key=lambda f: f.on or facts.date_of_facts)
    period = int(ctx.param("observation_period_days"))
    deadline = (letter.on + timedelta(days=period)) if letter.on else None
    r = yes(
        [letter.id, *(f.id for f in obs)],
        reason=f"letter of intent sent; observations received: {len(obs)}; default period {period} days [INTERP]",
        deadline=deadline.isoformat() if deadline else None,
    )
    return Result(
        r.outcome,
        r.evidence,
        r.text_fr,
        r.reason,
        data=r.data,
        cited=("CRPA L. 121-1", "CRPA L. 122-1", "CRPA L. 211-2", "CSP L. 5312-2"),
    )


@rule(
    RULES,
    R.T13_PROSECUTOR_NO_VISA,
    question="Les faits constituent-ils le délit de publicité sans visa, à signaler au procureur de la République ?",
    articles=["CSP L. 5422-6", "CPP 40"],
    depends_on=[R.T8_PUBLIC_NO_VISA, R.T8_HCP_NO_VISA],
    level="FR",
)
def t13_prosecutor_no_visa(ctx: Context) -> Result:
    ev = ctx.evidence_of(R.T8_PUBLIC_NO_VISA, R.T8_HCP_NO_VISA)
    if ev:
        return yes(ev, reason="advertising without visa is a délit (L. 5422-6); art. 40 CPP duty to report")
    if all(ctx.outcome(r) in ("no", "not_applicable") for r in (R.T8_PUBLIC_NO_VISA, R.T8_HCP_NO_VISA)):
        return no("no advertising without visa")
    return undetermined("visa violations undetermined")


@rule(
    RULES,
    R.T13_CONTINUED_AFTER_SUSPENSION,
    question="La publicité a-t-elle été poursuivie après la notification de la suspension ?",
    articles=["CSP L. 5451-1", "CPP 40"],
    level="FR",
)
def t13_continued(ctx: Context) -> Result:
    facts = ctx.facts
    decisions = [f.on for f in facts.of("event", ["decision"]) if f.on]
    if not decisions:
        return not_applicable("no suspension decided yet")
    checks = [f for f in facts.of("event", ["compliance_check"]) if f.on and f.on > min(decisions)]
    bad = [f for f in checks if f.attributes.get("verdict") == ComplianceVerdict.NOT_COMPLIED]
    if bad:
        return yes(
            [f.id for f in bad], reason="a compliance check after the decision found the advertising online"
        )
    if checks:
        return no(
            "compliance checks after the decision found no advertising", evidence=[f.id for f in checks]
        )
    return undetermined(
        "no compliance check after the decision",
        "Le site a-t-il été contrôlé après la notification de la décision ?",
    )


@rule(
    RULES,
    R.T13_ADMINISTRATIVE_FINE,
    question="Une sanction financière peut-elle être envisagée pour manquement en matière de publicité ?",
    articles=["CSP L. 5471-1", "CSP L. 5422-18"],
    depends_on=[
        R.T8_UNAUTHORISED_AD, R.T8_PUBLIC_NO_VISA, R.T8_HCP_NO_VISA, R.T8_EARLY_ACCESS_AD, R.T8_PUBLIC_PRESCRIPTION
    ],
    level="FR",
)
def t13_administrative_fine(ctx: Context) -> Result:
    ids = (R.T8_UNAUTHORISED_AD, R.T8_PUBLIC_NO_VISA, R.T8_HCP_NO_VISA, R.T8_EARLY_ACCESS_AD, R.T8_PUBLIC_PRESCRIPTION)
    ev = ctx.evidence_of(*ids)
    if ev:
        return yes(
            ev,
            reason="advertising manquements (L. 5422-18, French text not retrieved: GAP) can be sanctioned under L. 5471-1",
        )
    if all(ctx.outcome(r) in ("no", "not_applicable") for r in ids):
        return no("no advertising manquement")
    return undetermined("advertising violations undetermined")
