"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre II > Chapitre II

Article L. 5422-3 (CSP) | identifier not retrieved
Publicité pour un médicament en accès précoce ou compassionnel (délit)

Versions:
- … → 2021-07-01 [historical (kept, marked); text: not_retrieved; date: secondary] Preceding wording (ATU / cadre de prescription compassionnelle).
- 2021-07-01 → today [in force; text: full; date: estimated] Version 5 (early access 1° of II of L. 5121-12); start date inferred from loi n° 2020-1576, art. 78.

Verbatim text: ``vigipub/law/texts/CSP-L5422-3.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5422-3",
    code="CSP",
    number="L.\u00a05422-3",
    title="Publicité pour un médicament en accès précoce ou compassionnel (délit)",
    identifier=None,
    text_file="CSP-L5422-3.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre II > Chapitre II",
    label_fr="l'article L.\u00a05422-3 du code de la santé publique",
    short_fr="L.\u00a05422-3",
    versions=(
        Version(
            start=None,
            end=d("2021-07-01"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Preceding wording (ATU / cadre de prescription compassionnelle).",
        ),
        Version(
            start=d("2021-07-01"),
            date_certainty="estimated",
            note="Version 5 (early access 1° of II of L. 5121-12); start date inferred from loi n° 2020-1576, art. 78.",
        ),
    ),
    notes=(),
)
