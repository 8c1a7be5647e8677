"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre Ier > Chapitre Ier

Article L. 5111-1 (CSP) | identifier not retrieved
Définition du médicament

Versions:
- … → 2022-03-25 [historical (kept, marked); text: full; date: estimated] Pre-2022 wording (« maladies humaines ou animales »), still quoted by ANSM in 2024-2025.
- 2022-03-25 → today [in force; text: full; date: estimated] Current wording (I/II/III, human and veterinary split). Start date inferred from Ordonnance n° 2022-414 du 23 mars 2022, NOT confirmed.

Verbatim text: ``vigipub/law/texts/CSP-L5111-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5111-1",
    code="CSP",
    number="L.\u00a05111-1",
    title="Définition du médicament",
    identifier=None,
    text_file="CSP-L5111-1.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre Ier > Chapitre Ier",
    label_fr="l'article L.\u00a05111-1 du code de la santé publique",
    short_fr="L.\u00a05111-1",
    versions=(
        Version(
            start=None,
            end=d("2022-03-25"),
            date_certainty="estimated",
            section=1,
            note="Pre-2022 wording (« maladies humaines ou animales »), still quoted by ANSM in 2024-2025.",
        ),
        Version(
            start=d("2022-03-25"),
            date_certainty="estimated",
            note="Current wording (I/II/III, human and veterinary split). Start date inferred from Ordonnance n° 2022-414 du 23 mars 2022, NOT confirmed.",
        ),
    ),
    notes=(
        "The decisions of 2024-2025 quote the previous wording; the engine quotes the version in force on the date of the facts [INTERP].",
    ),
)
