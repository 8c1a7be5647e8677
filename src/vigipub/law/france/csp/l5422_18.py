"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre II > Chapitre II

Article L. 5422-18 (CSP) | identifier not retrieved
Manquements en matière de publicité soumis à sanction financière

Versions:
- 2014-02-01 → today [in force; text: paraphrase_only; date: estimated] French text NOT FOUND; created by ordonnance n° 2013-1183 du 19 décembre 2013 (inferred).

Verbatim text: ``vigipub/law/texts/CSP-L5422-18.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5422-18",
    code="CSP",
    number="L.\u00a05422-18",
    title="Manquements en matière de publicité soumis à sanction financière",
    identifier=None,
    text_file="CSP-L5422-18.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre IV > Titre II > Chapitre II",
    label_fr="l'article L.\u00a05422-18 du code de la santé publique",
    short_fr="L.\u00a05422-18",
    versions=(
        Version(
            start=d("2014-02-01"),
            completeness="paraphrase_only",
            date_certainty="estimated",
            section=None,
            note="French text NOT FOUND; created by ordonnance n° 2013-1183 du 19 décembre 2013 (inferred).",
        ),
    ),
    notes=("GAP: only an English paraphrase is available; never quote it as law.",),
)
