"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre II > Chapitre II

Article L. 5422-6 (CSP) | identifier not retrieved
Publicité sans visa (délit)

Versions:
- 2011-12-31 → 2018-07-26 [historical (kept, marked); text: not_retrieved; date: estimated] Version 3: 37 500 € fine (wording not copied).
- 2018-07-26 → today [in force; text: full; date: estimated] Version 4 (1 year, 150 000 €); attested on 26/07/2018, actual start date NOT retrieved.

Verbatim text: ``vigipub/law/texts/CSP-L5422-6.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5422-6",
    code="CSP",
    number="L.\u00a05422-6",
    title="Publicité sans visa (délit)",
    identifier=None,
    text_file="CSP-L5422-6.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre II > Chapitre II",
    label_fr="l'article L.\u00a05422-6 du code de la santé publique",
    short_fr="L.\u00a05422-6",
    versions=(
        Version(
            start=d("2011-12-31"),
            end=d("2018-07-26"),
            completeness="not_retrieved",
            date_certainty="estimated",
            section=None,
            note="Version 3: 37 500 € fine (wording not copied).",
        ),
        Version(
            start=d("2018-07-26"),
            date_certainty="estimated",
            note="Version 4 (1 year, 150 000 €); attested on 26/07/2018, actual start date NOT retrieved.",
        ),
    ),
    notes=(),
)
