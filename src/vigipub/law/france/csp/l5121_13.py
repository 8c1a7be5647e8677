"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier

Article L. 5121-13 (CSP) | identifier not retrieved
Enregistrement des médicaments homéopathiques

Versions:
- … → 2012-05-01 [historical (kept, marked); text: not_retrieved; date: secondary]
- 2012-05-01 → today [in force; text: partial; date: estimated] Current wording (refers to ANSM); date NOT retrieved, inferred.

Verbatim text: ``vigipub/law/texts/CSP-L5121-13.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5121-13",
    code="CSP",
    number="L.\u00a05121-13",
    title="Enregistrement des médicaments homéopathiques",
    identifier=None,
    text_file="CSP-L5121-13.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier",
    label_fr="l'article L.\u00a05121-13 du code de la santé publique",
    short_fr="L.\u00a05121-13",
    versions=(
        Version(
            start=None,
            end=d("2012-05-01"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
        ),
        Version(
            start=d("2012-05-01"),
            completeness="partial",
            date_certainty="estimated",
            note="Current wording (refers to ANSM); date NOT retrieved, inferred.",
        ),
    ),
    notes=(),
)
