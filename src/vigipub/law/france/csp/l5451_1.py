"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre V > Chapitre unique

Article L. 5451-1 (CSP) | identifier not retrieved
Poursuite d'une activité suspendue (délit)

Versions:
- … → today [in force; text: full; date: estimated] Version 4 (adds 4°); start date NOT retrieved.

Verbatim text: ``vigipub/law/texts/CSP-L5451-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version

ARTICLE = Article(
    key="CSP L. 5451-1",
    code="CSP",
    number="L.\u00a05451-1",
    title="Poursuite d'une activité suspendue (délit)",
    identifier=None,
    text_file="CSP-L5451-1.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre V > Chapitre unique",
    label_fr="l'article L.\u00a05451-1 du code de la santé publique",
    short_fr="L.\u00a05451-1",
    versions=(
        Version(
            start=None, date_certainty="estimated", note="Version 4 (adds 4°); start date NOT retrieved."
        ),
    ),
    notes=(),
)
