"""EU-level rules shared by every Member State jurisdiction (T3 ATMP, T4 centralised route).

They cite only EU articles (:mod:`vigipub.law.eu`) and EU parameters, so a second Member State
reuses them unchanged (see :mod:`vigipub.qualify.rulesets`).
"""

from __future__ import annotations

from collections.abc import Iterable

from vigipub.evidence.qualification import RuleId as R
from vigipub.evidence.vocabulary import GENERIC_FAMILIES, THERAPY_FAMILIES

from ..facts import Fact
from .base import Context, Result, Rule, no, not_applicable, rule, undetermined, yes

RULES: list[Rule] = []

ANNEX_PART_IV = "DIR 2001/83 annexe I partie IV"
REG_ART2 = "REG 1394/2007 art. 2"
REG_ANNEX1 = "REG 1394/2007 annexe I"

#: therapeutic claim subkinds: the product is "presented as having properties for treating,
#: preventing or diagnosing a disease" (Annex I Part IV 2.2(b); CSP L. 5111-1 first limb)
THERAPEUTIC_CLAIMS = frozenset({"cure", "treat", "prevent", "efficacy_figure", "universality", "guarantee"})

#: families of gene therapies: a recombinant nucleic acid, given as such or in cells (CAR-T)
GENE_FAMILIES = frozenset({"gene_therapy", "car_t"})
#: families of animal cells: never used in a patient for the function they had in their donor
XENOGENEIC_FAMILIES = frozenset({"xenogeneic_cells"})

#: French past participles describing a manipulation, for the Considérants
MANIPULATION_FR: dict[str, str] = {
    "culture_expansion": "mises en culture",
    "differentiation": "différenciées",
    "activation": "activées",
    "antigen_loading": "chargées en antigènes tumoraux",
    "genetic_modification": "génétiquement modifiées",
    "immortalisation": "immortalisées",
}


def _once(quotes: Iterable[str], limit: int | None = None) -> list[str]:
    """The quotes a question cites, each once (a page captured as served and as rendered states
    it twice), at most ``limit``."""
    return list(dict.fromkeys(quotes))[:limit]


def _non_substantial(ctx: Context) -> set[str]:
    return set(ctx.param("annex1_non_substantial_manipulations")) | set(
        ctx.param("interp_non_substantial_manipulations")
    )


def relied_substantial(ctx: Context) -> list[Fact]:
    """Manipulations described as altering the cells (vocabulary or detector attribute)."""
    substantial = set(ctx.param("substantial_manipulations"))
    return [
        f
        for f in ctx.facts.of("manipulation")
        if f.subkind in substantial or f.attributes.get("substantial") == "yes"
    ]


@rule(
    RULES,
    R.T3_CELLS,
    question="Le produit contient-il des cellules ou des tissus, ou en est-il constitué ?",
    articles=[ANNEX_PART_IV, REG_ART2],
    level="EU",
)
def t3_cells(ctx: Context) -> Result:
    therapies = ctx.facts.therapies
    if not therapies:
        return undetermined(
            "no therapy was identified on the site or in the case file",
            "Quel produit le site promeut-il (nom, composition) ?",
        )
    # umbrella words (« médecine régénérative », « thérapie cellulaire ») say nothing of what a
    # named product is made of: a clinic of « médecine régénérative » selling a secretome sells
    # no cells
    specific = [f for f in therapies if f.attributes.get("family", "") not in GENERIC_FAMILIES]
    therapies = specific or therapies
    cell = [f for f in therapies if THERAPY_FAMILIES.get(f.attributes.get("family", ""), ("", "", False))[2]]
    if cell:
        return yes([f.id for f in cell], reason="the therapy family is a cell or gene therapy")
    unknown = [f for f in therapies if f.attributes.get("family", "") not in THERAPY_FAMILIES]
    if unknown:
        return undetermined(
            "the therapy found has no known family",
            "Le produit promu (" + "; ".join(_once(f.quote for f in unknown)) + ") contient-il des cellules ?",
            evidence=[f.id for f in unknown],
        )
    return no(
        "the therapy families found contain no cells (e.g. exosomes, secretome, PRP)",
        evidence=[f.id for f in therapies],
    )


@rule(
    RULES,
    R.T3_SUBSTANTIAL,
    question="Les cellules ont-elles fait l'objet d'une manipulation substantielle ?",
    articles=[ANNEX_PART_IV, REG_ART2],
    level="EU",
)
def t3_substantial(ctx: Context) -> Result:
    manipulations = ctx.facts.of("manipulation")
    if not manipulations:
        return undetermined(
            "the site does not describe how the product is prepared",
            "Comment le produit est-il préparé (culture, différenciation, simple centrifugation…) ?",
        )
    relied = relied_substantial(ctx)
    only_minimal = [f for f in manipulations if f.attributes.get("only") == "yes" and f not in relied]
    if relied and only_minimal:
        return undetermined(
            "contradictory facts: the site describes a substantial manipulation and states elsewhere "
            "that the cells only undergo a non-substantial one",
            "Le site décrit à la fois "
            + "; ".join(f"« {q} »" for q in _once((f.quote for f in relied), 2))
            + " et "
            + "; ".join(f"« {q} »" for q in _once((f.quote for f in only_minimal), 2))
            + " : quelle description est exacte ?",
            evidence=[f.id for f in relied + only_minimal],
        )
    if relied:
        return yes(
            [f.id for f in relied],
            reason="manipulations that alter the cells: " + ", ".join(sorted({f.subkind for f in relied})),
            subkinds=sorted({f.subkind for f in relied}),
        )
    known = _non_substantial(ctx)
    unknown = [f for f in manipulations if f.subkind not in known and f.attributes.get("substantial") != "no"]
    if unknown:
        return undetermined(
            "manipulations outside the vocabulary: " + ", ".join(sorted({f.subkind for f in unknown})),
            "Les opérations décrites ("
            + "; ".join(_once((f.quote for f in unknown), 3))
            + ") sont-elles substantielles ?",
            evidence=[f.id for f in unknown],
        )
    return no("only non-substantial manipulations are described", evidence=[f.id for f in manipulations])


@rule(
    RULES,
    R.T3_ANNEX1_EXCEPTION,
    question="Les manipulations retenues figurent-elles toutes à l'annexe I du règlement (CE) n° 1394/2007 ?",
    articles=[REG_ANNEX1, REG_ART2, ANNEX_PART_IV],
    overrides=[R.T3_SUBSTANTIAL],
    level="EU",
)
def t3_annex1_exception(ctx: Context) -> Result:
    relied = relied_substantial(ctx)
    if not relied:
        return not_applicable("no manipulation is relied on as substantial")
    annex = set(ctx.param("annex1_non_substantial_manipulations")) | set(
        ctx.param("interp_non_substantial_manipulations")
    )
    outside = [f for f in relied if f.subkind not in annex]
    if outside:
        return no(
            "at least one manipulation relied on is not in Annex I: "
            + ", ".join(sorted({f.subkind for f in outside})),
            evidence=[f.id for f in outside],
        )
    return yes(
        [f.id for f in relied],
        reason="every manipulation relied on is listed in Annex I (not substantial); Annex I list is a GAP parameter",
        effect="no",
    )


@rule(
    RULES,
    R.T3_ATMP,
    question="Le produit est-il un médicament de thérapie innovante et de quelle catégorie ?",
    articles=[REG_ART2, ANNEX_PART_IV],
    depends_on=[R.T3_CELLS, R.T3_SUBSTANTIAL],
    level="EU",
)
def t3_atmp(ctx: Context) -> Result:
    facts = ctx.facts
    genetic = facts.of("manipulation", ["genetic_modification"]) + [
        f for f in facts.therapies if f.attributes.get("family") in GENE_FAMILIES
    ]
    purpose = facts.of("claim", THERAPEUTIC_CLAIMS) + facts.of("disease")
    if genetic and purpose:
        return yes(
            [f.id for f in genetic + purpose],
            reason="recombinant nucleic acid / genetic modification with a therapeutic purpose",
            category="gene_therapy",
        )
    cells, subst = ctx.result(R.T3_CELLS), ctx.result(R.T3_SUBSTANTIAL)
    # homologous use is what the case file establishes (``established.homologous_use``); cells
    # of an animal (« cellules de fœtus de mouton ») never serve in a patient the function they
    # had in their donor [INTERP: Annex I Part IV 2.2(a) second limb; xenogeneic somatic cell
    # therapy is named by Part IV]
    non_homologous = facts.of("use", ["non_homologous"]) + [
        f for f in facts.therapies if f.attributes.get("family") in XENOGENEIC_FAMILIES
    ]
    if cells.outcome == "no":
        return no("the product contains no cells", evidence=cells.evidence)
    engineered = subst.outcome == "yes" or bool(non_homologous)
    if cells.outcome == "yes" and engineered:
        if not purpose:
            return undetermined(
                "cells are substantially manipulated but no therapeutic purpose was found",
                "Le produit est-il présenté comme traitant, prévenant ou diagnostiquant une maladie ?",
                evidence=[*cells.evidence, *subst.evidence],
            )
        aim = {f.attributes.get("aim", "") for f in facts.therapies}
        category = (
            "tissue_engineered" if aim & {"regenerate", "repair", "replace"} else "somatic_cell_therapy"
        )
        if any(f.attributes.get("device") == "yes" for f in facts.therapies):
            category = "combined"
        return yes(
            [*cells.evidence, *subst.evidence, *(f.id for f in non_homologous), *(f.id for f in purpose)],
            reason=f"cells substantially manipulated (or non-homologous use), presented for treating a disease: {category}",
            category=category,
        )
    homologous = facts.of("use", ["homologous"])
    if subst.outcome == "no" and not non_homologous and homologous:
        return no(
            "the cells are not engineered (no substantial manipulation, homologous use)",
            evidence=[*subst.evidence, *(f.id for f in homologous)],
        )
    if subst.outcome == "no" and not non_homologous:
        # Art. 2(1)(c): cells not substantially manipulated are still an ATMP when they are not
        # meant for the same essential function in the recipient as in the donor (fat-derived
        # cells injected into a knee). Nothing on a site says so either way: a human decides.
        return undetermined(
            "no substantial manipulation is described; whether the use is homologous is not established",
            "Les cellules sont-elles destinées à exercer la même fonction essentielle chez le receveur "
            "et chez le donneur (usage homologue) ?",
            evidence=subst.evidence,
        )
    qs = cells.questions + subst.questions
    return undetermined(
        "ATMP status depends on undetermined facts (cells / manipulation)",
        *(qs or ("Le produit répond-il à la définition du médicament de thérapie innovante ?",)),
    )


@rule(
    RULES,
    R.T4_CENTRALISED,
    question="Le produit relève-t-il obligatoirement de la procédure centralisée de l'Union ?",
    articles=["REG 726/2004 art. 3", "REG 726/2004 annexe I", REG_ART2],
    depends_on=[R.T3_ATMP],
    level="EU",
)
def t4_centralised(ctx: Context) -> Result:
    atmp = ctx.result(R.T3_ATMP)
    if atmp.outcome == "yes":
        return yes(
            atmp.evidence,
            reason="ATMPs appear in point 1a of Annex I to Reg. 726/2004",
            route="eu_centralised",
        )
    if atmp.outcome == "no":
        return no(
            "not an ATMP: the centralised procedure is not mandatory on that ground", route="national_or_eu"
        )
    return undetermined("ATMP status undetermined", *atmp.questions)


@rule(
    RULES,
    R.T4_HOSPITAL_EXEMPTION,
    question="Le produit relève-t-il de l'exemption hospitalière (préparation ponctuelle, utilisation dans le même État membre) ?",
    articles=["DIR 2001/83 art. 3", "REG 1394/2007 art. 28"],
    overrides=[R.T4_CENTRALISED],
    level="EU",
)
def t4_hospital_exemption(ctx: Context) -> Result:
    facts = ctx.facts
    registered = [
        f
        for f in facts.of("register", ["authorised"])
        if any(k in f.attributes.get("procedures", "") for k in ("hospital", "mti-pp", "mti_pp"))
    ]
    raised = [
        f for f in facts.of("defence") if f.subkind in ("hospital_exemption", "legal_in_country_of_treatment")
    ]
    # the site itself may invoke it (« fabriqué au titre de l'exemption hospitalière », "§ 4b AMG")
    raised += facts.of("offer", ["hospital_exemption"])
    abroad = facts.of("travel")
    # a company established outside France prepares the product where it treats: not in France
    established_abroad = facts.company is not None and (facts.company.country or "FR").upper() not in (
        "FR",
        "FRANCE",
    )
    if registered:
        return yes(
            [f.id for f in registered],
            reason="a register records a hospital-exemption authorisation for the product",
            effect="no",
        )
    if raised and (abroad or established_abroad):
        return no(
            "the exemption requires preparation and use within the same Member State; the product is prepared and "
            "given abroad (travel organised, or the company established outside France) to patients the site "
            "addresses in France",
            evidence=[f.id for f in raised + abroad],
        )
    if raised:
        return undetermined(
            "the company invokes the hospital exemption; no register answer supports it",
            "Le produit est-il préparé et utilisé dans un hôpital du même État membre, au titre d'une exemption hospitalière autorisée ?",
            evidence=[f.id for f in raised],
        )
    return not_applicable("nothing suggests a hospital exemption")


@rule(
    RULES,
    R.T4_CLINICAL_TRIAL,
    question="Le produit n'est-il utilisé que dans le cadre d'un essai clinique autorisé ?",
    articles=["DIR 2001/83 art. 3"],
    overrides=[R.T4_CENTRALISED],
    level="EU",
)
def t4_clinical_trial(ctx: Context) -> Result:
    facts = ctx.facts
    registered = [
        f for f in facts.of("register", ["authorised"]) if "trial" in f.attributes.get("procedures", "")
    ]
    raised = [f for f in facts.of("defence") if f.subkind in ("clinical_trial", "clinical_studies_exist")]
    if registered:
        return yes(
            [f.id for f in registered],
            reason="a register records a clinical-trial authorisation",
            effect="no",
        )
    if raised:
        return undetermined(
            "the company invokes clinical trials; no trial authorisation was provided",
            "Un essai clinique autorisé (CTIS, ANSM) couvre-t-il l'utilisation promue ?",
            evidence=[f.id for f in raised],
        )
    return not_applicable("nothing suggests a clinical trial")
