"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité

Article L. 5122-6 (CSP) | LEGIARTI000034079699
Publicité auprès du public : médicaments non soumis à prescription et non remboursables

Versions:
- … → 2017-05-23 [historical (kept, marked); text: not_retrieved; date: secondary] Earlier wordings (not retrieved).
- 2017-05-23 → today [in force; text: partial; date: secondary] Loi n° 2017-220 du 23 février 2017, art. 4 (latest listed by doctrine.fr); first two paragraphs only.

Verbatim text: ``vigipub/law/texts/CSP-L5122-6.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5122-6",
    code="CSP",
    number="L.\u00a05122-6",
    title="Publicité auprès du public : médicaments non soumis à prescription et non remboursables",
    identifier="LEGIARTI000034079699",
    text_file="CSP-L5122-6.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité",
    label_fr="l'article L.\u00a05122-6 du code de la santé publique",
    short_fr="L.\u00a05122-6",
    versions=(
        Version(
            start=None,
            end=d("2017-05-23"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Earlier wordings (not retrieved).",
        ),
        Version(
            start=d("2017-05-23"),
            completeness="partial",
            date_certainty="secondary",
            note="Loi n° 2017-220 du 23 février 2017, art. 4 (latest listed by doctrine.fr); first two paragraphs only.",
        ),
    ),
    notes=(),
)
