"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre VII > Chapitre Ier

Article L. 5471-1 (CSP) | identifier not retrieved
Sanctions financières prononcées par l'ANSM

Versions:
- … → today [in force; text: partial; date: estimated] Current version as displayed 2025; start date NOT retrieved; III cut.

Verbatim text: ``vigipub/law/texts/CSP-L5471-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version

ARTICLE = Article(
    key="CSP L. 5471-1",
    code="CSP",
    number="L.\u00a05471-1",
    title="Sanctions financières prononcées par l'ANSM",
    identifier=None,
    text_file="CSP-L5471-1.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre VII > Chapitre Ier",
    label_fr="l'article L.\u00a05471-1 du code de la santé publique",
    short_fr="L.\u00a05471-1",
    versions=(
        Version(
            start=None,
            completeness="partial",
            date_certainty="estimated",
            note="Current version as displayed 2025; start date NOT retrieved; III cut.",
        ),
    ),
    notes=(),
)
