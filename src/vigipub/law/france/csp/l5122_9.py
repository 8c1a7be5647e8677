"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité

Article L. 5122-9 (CSP) | identifier not retrieved
Visa de publicité auprès des professionnels de santé

Versions:
- … → 2011-12-31 [historical (kept, marked); text: full; date: estimated] Historical « dépôt » regime (a-posteriori filing with AFSSAPS).
- 2011-12-31 → today [in force; text: full; date: estimated] Visa regime of loi n° 2011-2012; the current wording (HAS vaccine recommendations) replaced an intermediate one (HCSP) at a date NOT retrieved: the current wording is quoted for the whole period.

Verbatim text: ``vigipub/law/texts/CSP-L5122-9.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5122-9",
    code="CSP",
    number="L.\u00a05122-9",
    title="Visa de publicité auprès des professionnels de santé",
    identifier=None,
    text_file="CSP-L5122-9.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité",
    label_fr="l'article L.\u00a05122-9 du code de la santé publique",
    short_fr="L.\u00a05122-9",
    versions=(
        Version(
            start=None,
            end=d("2011-12-31"),
            date_certainty="estimated",
            section=1,
            note="Historical « dépôt » regime (a-posteriori filing with AFSSAPS).",
        ),
        Version(
            start=d("2011-12-31"),
            date_certainty="estimated",
            note="Visa regime of loi n° 2011-2012; the current wording (HAS vaccine recommendations) replaced an intermediate one (HCSP) at a date NOT retrieved: the current wording is quoted for the whole period.",
        ),
    ),
    notes=(),
)
