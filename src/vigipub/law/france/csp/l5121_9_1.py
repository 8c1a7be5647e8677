"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier

Article L. 5121-9-1 (CSP) | identifier not retrieved
Autorisation d'un médicament autorisé dans un autre État membre

Versions:
- 2006-12-23 → 2012-05-01 [historical (kept, marked); text: not_retrieved; date: estimated] Created by loi n° 2006-1640 du 21 décembre 2006, art. 58 (wording at creation not copied).
- 2012-05-01 → today [in force; text: full; date: estimated] Post-2011 wording (ANSM); start date inferred from the renaming of the agency, NOT retrieved.

Verbatim text: ``vigipub/law/texts/CSP-L5121-9-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5121-9-1",
    code="CSP",
    number="L.\u00a05121-9-1",
    title="Autorisation d'un médicament autorisé dans un autre État membre",
    identifier=None,
    text_file="CSP-L5121-9-1.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier",
    label_fr="l'article L.\u00a05121-9-1 du code de la santé publique",
    short_fr="L.\u00a05121-9-1",
    versions=(
        Version(
            start=d("2006-12-23"),
            end=d("2012-05-01"),
            completeness="not_retrieved",
            date_certainty="estimated",
            section=None,
            note="Created by loi n° 2006-1640 du 21 décembre 2006, art. 58 (wording at creation not copied).",
        ),
        Version(
            start=d("2012-05-01"),
            date_certainty="estimated",
            note="Post-2011 wording (ANSM); start date inferred from the renaming of the agency, NOT retrieved.",
        ),
    ),
    notes=(),
)
