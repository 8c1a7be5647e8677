"""Règlement (CE) n° 726/2004 > Annexe I

Article Annexe I (Règlement (CE) n° 726/2004) | CELEX:32004R0726
Médicaments devant être autorisés par l'Union (point 1 bis : MTI)

Versions:
- 2004-05-20 → 2007-12-30 [historical (kept, marked); text: not_retrieved; date: secondary] Before point 1a (ATMPs).
- 2007-12-30 → 2022-01-28 [historical (kept, marked); text: not_retrieved; date: secondary] Point 1a inserted by Reg. 1394/2007.
- 2022-01-28 → today [in force; text: full; date: secondary] Current consolidated wording (English; Reg. (EU) 2019/5).

Verbatim text: ``vigipub/law/texts/EU-REG-726-2004-AnnexI-1a.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="REG 726/2004 annexe I",
    code="Règlement (CE) n°\u00a0726/2004",
    number="Annexe I",
    title="Médicaments devant être autorisés par l'Union (point 1 bis : MTI)",
    identifier="CELEX:32004R0726",
    text_file="EU-REG-726-2004-AnnexI-1a.md",
    heading_trail="Règlement (CE) n° 726/2004 > Annexe I",
    label_fr="l'annexe I du règlement (CE) n°\u00a0726/2004",
    short_fr="annexe I",
    versions=(
        Version(
            start=d("2004-05-20"),
            end=d("2007-12-30"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Before point 1a (ATMPs).",
        ),
        Version(
            start=d("2007-12-30"),
            end=d("2022-01-28"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Point 1a inserted by Reg. 1394/2007.",
        ),
        Version(
            start=d("2022-01-28"),
            date_certainty="secondary",
            note="Current consolidated wording (English; Reg. (EU) 2019/5).",
        ),
    ),
    notes=(),
)
