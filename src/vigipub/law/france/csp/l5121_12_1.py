"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier

Article L. 5121-12-1 (CSP) | LEGIARTI000025086118
Accès compassionnel (AAC, CPC)

Versions:
- … → 2023-12-28 [historical (kept, marked); text: not_retrieved; date: secondary] Versions 31/12/2011 … 25/12/2021, wording not retrieved.
- 2023-12-28 → today [in force; text: partial; date: secondary] Modifiée par la loi n° 2023-1250 du 26 décembre 2023, art. 76; I complete, II cut.

Verbatim text: ``vigipub/law/texts/CSP-L5121-12-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5121-12-1",
    code="CSP",
    number="L.\u00a05121-12-1",
    title="Accès compassionnel (AAC, CPC)",
    identifier="LEGIARTI000025086118",
    text_file="CSP-L5121-12-1.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier",
    label_fr="l'article L.\u00a05121-12-1 du code de la santé publique",
    short_fr="L.\u00a05121-12-1",
    versions=(
        Version(
            start=None,
            end=d("2023-12-28"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Versions 31/12/2011 … 25/12/2021, wording not retrieved.",
        ),
        Version(
            start=d("2023-12-28"),
            completeness="partial",
            date_certainty="secondary",
            note="Modifiée par la loi n° 2023-1250 du 26 décembre 2023, art. 76; I complete, II cut.",
        ),
    ),
    notes=(),
)
