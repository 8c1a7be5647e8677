"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre III > Titre Ier > Chapitre Ier

Article L. 5311-1 (CSP) | LEGIARTI000006690344
Missions et champ de compétence de l'ANSM

Versions:
- … → 2024-01-01 [historical (kept, marked); text: not_retrieved; date: secondary]
- 2024-01-01 → today [in force; text: partial; date: secondary] Modifiée par la loi n° 2022-1726 du 30 décembre 2022, art. 205; items 3° et seq. not retrieved.

Verbatim text: ``vigipub/law/texts/CSP-L5311-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5311-1",
    code="CSP",
    number="L.\u00a05311-1",
    title="Missions et champ de compétence de l'ANSM",
    identifier="LEGIARTI000006690344",
    text_file="CSP-L5311-1.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre III > Titre Ier > Chapitre Ier",
    label_fr="l'article L.\u00a05311-1 du code de la santé publique",
    short_fr="L.\u00a05311-1",
    versions=(
        Version(
            start=None,
            end=d("2024-01-01"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
        ),
        Version(
            start=d("2024-01-01"),
            completeness="partial",
            date_certainty="secondary",
            note="Modifiée par la loi n° 2022-1726 du 30 décembre 2022, art. 205; items 3° et seq. not retrieved.",
        ),
    ),
    notes=(),
)
