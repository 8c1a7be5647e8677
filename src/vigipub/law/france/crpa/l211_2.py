"""Code des relations entre le public et l'administration > Livre II : Les actes unilatéraux pris par l'administration > Titre Ier > Chapitre Ier > Section 1

Article L. 211-2 (CRPA) | LEGIARTI000031367505
Décisions devant être motivées

Versions:
- 2016-01-01 → today [in force; text: full; date: official] Créé par l'ordonnance n° 2015-1341 du 23 octobre 2015 (version 1.0, VIGUEUR).

Verbatim text: ``vigipub/law/texts/CRPA-L211-2.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CRPA L. 211-2",
    code="CRPA",
    number="L.\u00a0211-2",
    title="Décisions devant être motivées",
    identifier="LEGIARTI000031367505",
    text_file="CRPA-L211-2.md",
    heading_trail="Code des relations entre le public et l'administration > Livre II : Les actes unilatéraux pris par l'administration > Titre Ier > Chapitre Ier > Section 1",
    label_fr="l'article L.\u00a0211-2 du code des relations entre le public et l'administration",
    short_fr="L.\u00a0211-2",
    versions=(
        Version(
            start=d("2016-01-01"),
            date_certainty="official",
            identifier="LEGIARTI000031367505",
            note="Créé par l'ordonnance n° 2015-1341 du 23 octobre 2015 (version 1.0, VIGUEUR).",
        ),
    ),
    notes=(),
)
