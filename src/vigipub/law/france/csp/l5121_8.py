"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier

Article L. 5121-8 (CSP) | LEGIARTI000006689889
Autorisation de mise sur le marché

Versions:
- … → 2012-05-01 [historical (kept, marked); text: not_retrieved; date: secondary] Versions of 22/06/2000, 27/02/2007, 26/02/2010, 31/12/2011 (wording not retrieved).
- 2012-05-01 → today [in force; text: partial; date: secondary] Modifiée par la loi n° 2011-2012 du 29 décembre 2011, art. 5; first four paragraphs only.

Verbatim text: ``vigipub/law/texts/CSP-L5121-8.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5121-8",
    code="CSP",
    number="L.\u00a05121-8",
    title="Autorisation de mise sur le marché",
    identifier="LEGIARTI000006689889",
    text_file="CSP-L5121-8.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier",
    label_fr="l'article L.\u00a05121-8 du code de la santé publique",
    short_fr="L.\u00a05121-8",
    versions=(
        Version(
            start=None,
            end=d("2012-05-01"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Versions of 22/06/2000, 27/02/2007, 26/02/2010, 31/12/2011 (wording not retrieved).",
        ),
        Version(
            start=d("2012-05-01"),
            completeness="partial",
            date_certainty="secondary",
            identifier="LEGIARTI000025104474",
            note="Modifiée par la loi n° 2011-2012 du 29 décembre 2011, art. 5; first four paragraphs only.",
        ),
    ),
    notes=(),
)
