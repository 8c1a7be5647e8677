"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre IV

Article L. 5124-13 (CSP) | LEGIARTI000006689996
Autorisation d'importation (dont importation parallèle)

Versions:
- … → 2016-01-28 [historical (kept, marked); text: not_retrieved; date: secondary]
- 2016-01-28 → 2018-01-19 [historical (kept, marked); text: partial; date: secondary] LOI n° 2016-41 du 26 janvier 2016, art. 168.
- 2018-01-19 → 2021-07-01 [historical (kept, marked); text: not_retrieved; date: secondary]
- 2021-07-01 → 2023-12-28 [historical (kept, marked); text: not_retrieved; date: secondary]
- 2023-12-28 → today [in force; text: not_retrieved; date: secondary] Current version: French wording NOT retrieved.

Verbatim text: ``vigipub/law/texts/CSP-L5124-13.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5124-13",
    code="CSP",
    number="L.\u00a05124-13",
    title="Autorisation d'importation (dont importation parallèle)",
    identifier="LEGIARTI000006689996",
    text_file="CSP-L5124-13.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre IV",
    label_fr="l'article L.\u00a05124-13 du code de la santé publique",
    short_fr="L.\u00a05124-13",
    versions=(
        Version(
            start=None,
            end=d("2016-01-28"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
        ),
        Version(
            start=d("2016-01-28"),
            end=d("2018-01-19"),
            completeness="partial",
            date_certainty="secondary",
            identifier="LEGIARTI000031931340",
            note="LOI n° 2016-41 du 26 janvier 2016, art. 168.",
        ),
        Version(
            start=d("2018-01-19"),
            end=d("2021-07-01"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
        ),
        Version(
            start=d("2021-07-01"),
            end=d("2023-12-28"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
        ),
        Version(
            start=d("2023-12-28"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Current version: French wording NOT retrieved.",
        ),
    ),
    notes=(),
)
