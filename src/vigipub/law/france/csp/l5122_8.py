"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité

Article L. 5122-8 (CSP) | identifier not retrieved
Visa de publicité auprès du public

Versions:
- … → 2012-05-01 [historical (kept, marked); text: not_retrieved; date: secondary]
- 2012-05-01 → today [in force; text: full; date: estimated] Current wording (ANSM, visa de publicité); start date NOT retrieved, inferred from loi n° 2011-2012.

Verbatim text: ``vigipub/law/texts/CSP-L5122-8.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5122-8",
    code="CSP",
    number="L.\u00a05122-8",
    title="Visa de publicité auprès du public",
    identifier=None,
    text_file="CSP-L5122-8.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité",
    label_fr="l'article L.\u00a05122-8 du code de la santé publique",
    short_fr="L.\u00a05122-8",
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
            date_certainty="estimated",
            note="Current wording (ANSM, visa de publicité); start date NOT retrieved, inferred from loi n° 2011-2012.",
        ),
    ),
    notes=(),
)
