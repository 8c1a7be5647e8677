"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre III > Titre Ier > Chapitre II

Article L. 5312-2 (CSP) | identifier not retrieved
Police sanitaire : produit mis sur le marché sans l'autorisation requise

Versions:
- … → today [in force; text: partial; date: estimated] Current wording as displayed 2024-2025; start date NOT retrieved (quoted for every date).

Verbatim text: ``vigipub/law/texts/CSP-L5312-2.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version

ARTICLE = Article(
    key="CSP L. 5312-2",
    code="CSP",
    number="L.\u00a05312-2",
    title="Police sanitaire : produit mis sur le marché sans l'autorisation requise",
    identifier=None,
    text_file="CSP-L5312-2.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre III > Titre Ier > Chapitre II",
    label_fr="l'article L.\u00a05312-2 du code de la santé publique",
    short_fr="L.\u00a05312-2",
    versions=(
        Version(
            start=None,
            completeness="partial",
            date_certainty="estimated",
            note="Current wording as displayed 2024-2025; start date NOT retrieved (quoted for every date).",
        ),
    ),
    notes=(),
)
