"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité

Article L. 5122-3 (CSP) | LEGIARTI000006689933
Seuls les médicaments autorisés peuvent faire l'objet d'une publicité

Versions:
- … → 2016-07-17 [historical (kept, marked); text: not_retrieved; date: secondary] Versions of 22/06/2000, 27/04/2007, 01/01/2009, 31/12/2011 (wording not retrieved).
- 2016-07-17 → today [in force; text: full; date: secondary] Latest version listed by doctrine.fr.

Verbatim text: ``vigipub/law/texts/CSP-L5122-3.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5122-3",
    code="CSP",
    number="L.\u00a05122-3",
    title="Seuls les médicaments autorisés peuvent faire l'objet d'une publicité",
    identifier="LEGIARTI000006689933",
    text_file="CSP-L5122-3.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre II : Publicité",
    label_fr="l'article L.\u00a05122-3 du code de la santé publique",
    short_fr="L.\u00a05122-3",
    versions=(
        Version(
            start=None,
            end=d("2016-07-17"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Versions of 22/06/2000, 27/04/2007, 01/01/2009, 31/12/2011 (wording not retrieved).",
        ),
        Version(
            start=d("2016-07-17"), date_certainty="secondary", note="Latest version listed by doctrine.fr."
        ),
    ),
    notes=(),
)
