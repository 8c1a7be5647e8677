"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité

Article L. 5122-1 (CSP) | identifier not retrieved
Définition de la publicité pour les médicaments

Versions:
- 2000-06-22 → today [in force; text: full; date: secondary] Codified by ordonnance n° 2000-548 du 15 juin 2000; no later amendment found (verify on Légifrance).

Verbatim text: ``vigipub/law/texts/CSP-L5122-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5122-1",
    code="CSP",
    number="L.\u00a05122-1",
    title="Définition de la publicité pour les médicaments",
    identifier=None,
    text_file="CSP-L5122-1.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité",
    label_fr="l'article L.\u00a05122-1 du code de la santé publique",
    short_fr="L.\u00a05122-1",
    versions=(
        Version(
            start=d("2000-06-22"),
            date_certainty="secondary",
            note="Codified by ordonnance n° 2000-548 du 15 juin 2000; no later amendment found (verify on Légifrance).",
        ),
    ),
    notes=(),
)
