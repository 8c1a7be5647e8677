"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier

Article L. 5121-12 (CSP) | LEGIARTI000006689900
Accès précoce (AAP)

Versions:
- … → 2021-07-01 [historical (kept, marked); text: not_retrieved; date: secondary] Versions 22/06/2000 … 01/10/2020 (ATU regime), wording not retrieved.
- 2021-07-01 → 2022-12-25 [historical (kept, marked); text: partial; date: secondary] Opening of I only.
- 2022-12-25 → 2023-12-28 [historical (kept, marked); text: not_retrieved; date: secondary]
- 2023-12-28 → today [in force; text: not_retrieved; date: secondary] Current version (28/12/2023): French wording NOT retrieved.

Verbatim text: ``vigipub/law/texts/CSP-L5121-12.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5121-12",
    code="CSP",
    number="L.\u00a05121-12",
    title="Accès précoce (AAP)",
    identifier="LEGIARTI000006689900",
    text_file="CSP-L5121-12.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier",
    label_fr="l'article L.\u00a05121-12 du code de la santé publique",
    short_fr="L.\u00a05121-12",
    versions=(
        Version(
            start=None,
            end=d("2021-07-01"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Versions 22/06/2000 … 01/10/2020 (ATU regime), wording not retrieved.",
        ),
        Version(
            start=d("2021-07-01"),
            end=d("2022-12-25"),
            completeness="partial",
            date_certainty="secondary",
            identifier="LEGIARTI000042685762",
            note="Opening of I only.",
        ),
        Version(
            start=d("2022-12-25"),
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
            note="Current version (28/12/2023): French wording NOT retrieved.",
        ),
    ),
    notes=(),
)
