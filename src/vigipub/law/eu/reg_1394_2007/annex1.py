"""Règlement (CE) n° 1394/2007 > Annexe I

Article Annexe I (Règlement (CE) n° 1394/2007) | CELEX:32007R1394
Manipulations non substantielles (art. 2, § 1, c)

Versions:
- 2007-12-30 → today [in force; text: not_retrieved; date: secondary] GAP: verbatim list NOT retrieved; the engine uses the dated parameter annex1_non_substantial_manipulations (unverified list).

Verbatim text: ``vigipub/law/texts/EU-REG-1394-2007-AnnexI.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="REG 1394/2007 annexe I",
    code="Règlement (CE) n°\u00a01394/2007",
    number="Annexe I",
    title="Manipulations non substantielles (art. 2, § 1, c)",
    identifier="CELEX:32007R1394",
    text_file="EU-REG-1394-2007-AnnexI.md",
    heading_trail="Règlement (CE) n° 1394/2007 > Annexe I",
    label_fr="l'annexe I du règlement (CE) n°\u00a01394/2007",
    short_fr="annexe I",
    versions=(
        Version(
            start=d("2007-12-30"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="GAP: verbatim list NOT retrieved; the engine uses the dated parameter annex1_non_substantial_manipulations (unverified list).",
        ),
    ),
    notes=(
        "GAP: verbatim Annex I not retrieved — the list used is our unverified recollection (parameter file).",
    ),
)
