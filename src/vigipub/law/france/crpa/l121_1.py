"""Code des relations entre le public et l'administration > Livre Ier : Les échanges avec l'administration > Titre II : Les procédures préalables à l'intervention de certaines décisions > Chapitre Ier

Article L. 121-1 (CRPA) | LEGIARTI000031367424
Procédure contradictoire préalable

Versions:
- 2016-01-01 → today [in force; text: full; date: official] Créé par l'ordonnance n° 2015-1341 du 23 octobre 2015 (version 1.0, VIGUEUR).

Verbatim text: ``vigipub/law/texts/CRPA-L121-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CRPA L. 121-1",
    code="CRPA",
    number="L.\u00a0121-1",
    title="Procédure contradictoire préalable",
    identifier="LEGIARTI000031367424",
    text_file="CRPA-L121-1.md",
    heading_trail="Code des relations entre le public et l'administration > Livre Ier : Les échanges avec l'administration > Titre II : Les procédures préalables à l'intervention de certaines décisions > Chapitre Ier",
    label_fr="l'article L.\u00a0121-1 du code des relations entre le public et l'administration",
    short_fr="L.\u00a0121-1",
    versions=(
        Version(
            start=d("2016-01-01"),
            date_certainty="official",
            identifier="LEGIARTI000031367424",
            note="Créé par l'ordonnance n° 2015-1341 du 23 octobre 2015 (version 1.0, VIGUEUR).",
        ),
    ),
    notes=(),
)
