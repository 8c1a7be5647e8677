"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre III > Titre Ier > Chapitre II

Article L. 5312-4 (CSP) | identifier not retrieved
Information du public et des professionnels de santé

Versions:
- … → 2012-12-22 [historical (kept, marked); text: not_retrieved; date: secondary]
- 2012-12-22 → today [in force; text: full; date: estimated] Version 3 (veille et alerte, médicaments falsifiés); date inferred from a nomoscope.fr diff.

Verbatim text: ``vigipub/law/texts/CSP-L5312-4.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5312-4",
    code="CSP",
    number="L.\u00a05312-4",
    title="Information du public et des professionnels de santé",
    identifier=None,
    text_file="CSP-L5312-4.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre III > Titre Ier > Chapitre II",
    label_fr="l'article L.\u00a05312-4 du code de la santé publique",
    short_fr="L.\u00a05312-4",
    versions=(
        Version(
            start=None,
            end=d("2012-12-22"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
        ),
        Version(
            start=d("2012-12-22"),
            date_certainty="estimated",
            note="Version 3 (veille et alerte, médicaments falsifiés); date inferred from a nomoscope.fr diff.",
        ),
    ),
    notes=(),
)
