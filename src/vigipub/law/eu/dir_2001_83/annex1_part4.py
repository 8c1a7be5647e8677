"""Directive 2001/83/CE > Annexe I > Partie IV

Article Annexe I, partie IV (Directive 2001/83/CE) | CELEX:32009L0120
Médicaments de thérapie innovante (thérapie génique, thérapie cellulaire somatique)

Versions:
- … → 2010-04-05 [historical (kept, marked); text: not_retrieved; date: secondary] Pre-2009 definition (French wording in EU-DIR-2001-83-AnnexI-PartIV.md, not extracted).
- 2010-04-05 → today [in force; text: partial; date: estimated] As replaced by Commission Directive 2009/120/EC; French wording as quoted by ANSM (secondary).

Verbatim text: ``vigipub/law/texts/EU-DIR-2001-83-AnnexI-PartIV-FR.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="DIR 2001/83 annexe I partie IV",
    code="Directive 2001/83/CE",
    number="Annexe I, partie IV",
    title="Médicaments de thérapie innovante (thérapie génique, thérapie cellulaire somatique)",
    identifier="CELEX:32009L0120",
    text_file="EU-DIR-2001-83-AnnexI-PartIV-FR.md",
    heading_trail="Directive 2001/83/CE > Annexe I > Partie IV",
    label_fr="l'annexe I, partie IV, de la directive 2001/83/CE",
    short_fr="annexe I, partie IV",
    versions=(
        Version(
            start=None,
            end=d("2010-04-05"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Pre-2009 definition (French wording in EU-DIR-2001-83-AnnexI-PartIV.md, not extracted).",
        ),
        Version(
            start=d("2010-04-05"),
            completeness="partial",
            date_certainty="estimated",
            note="As replaced by Commission Directive 2009/120/EC; French wording as quoted by ANSM (secondary).",
        ),
    ),
    notes=("English text of 2.1 and 2.2: EU-DIR-2001-83-AnnexI-PartIV.md.",),
)
