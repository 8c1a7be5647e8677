"""Code des relations entre le public et l'administration > Livre Ier : Les échanges avec l'administration > Titre II : Les procédures préalables à l'intervention de certaines décisions > Chapitre II

Article L. 122-1 (CRPA) | LEGIARTI000031367431
Observations écrites et orales

Versions:
- 2016-01-01 → today [in force; text: full; date: official] Créé par l'ordonnance n° 2015-1341 du 23 octobre 2015 (version 1.0, VIGUEUR).

Verbatim text: ``vigipub/law/texts/CRPA-L122-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CRPA L. 122-1",
    code="CRPA",
    number="L.\u00a0122-1",
    title="Observations écrites et orales",
    identifier="LEGIARTI000031367431",
    text_file="CRPA-L122-1.md",
    heading_trail="Code des relations entre le public et l'administration > Livre Ier : Les échanges avec l'administration > Titre II : Les procédures préalables à l'intervention de certaines décisions > Chapitre II",
    label_fr="l'article L.\u00a0122-1 du code des relations entre le public et l'administration",
    short_fr="L.\u00a0122-1",
    versions=(
        Version(
            start=d("2016-01-01"),
            date_certainty="official",
            identifier="LEGIARTI000031367431",
            note="Créé par l'ordonnance n° 2015-1341 du 23 octobre 2015 (version 1.0, VIGUEUR).",
        ),
    ),
    notes=(),
)
