"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier

Article L. 5121-14-1 (CSP) | LEGIARTI000006689906
Enregistrement des médicaments traditionnels à base de plantes

Versions:
- 2007-04-27 → 2010-02-26 [historical (kept, marked); text: not_retrieved; date: secondary] Created by ordonnance n° 2007-613 du 26 avril 2007, art. 2.
- 2010-02-26 → 2012-05-01 [historical (kept, marked); text: partial; date: secondary] AFSSAPS-era wording; last paragraph cut.
- 2012-05-01 → today [in force; text: not_retrieved; date: secondary] Current version (renaming to ANSM presumed): wording NOT retrieved.

Verbatim text: ``vigipub/law/texts/CSP-L5121-14-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 5121-14-1",
    code="CSP",
    number="L.\u00a05121-14-1",
    title="Enregistrement des médicaments traditionnels à base de plantes",
    identifier="LEGIARTI000006689906",
    text_file="CSP-L5121-14-1.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier",
    label_fr="l'article L.\u00a05121-14-1 du code de la santé publique",
    short_fr="L.\u00a05121-14-1",
    versions=(
        Version(
            start=d("2007-04-27"),
            end=d("2010-02-26"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Created by ordonnance n° 2007-613 du 26 avril 2007, art. 2.",
        ),
        Version(
            start=d("2010-02-26"),
            end=d("2012-05-01"),
            completeness="partial",
            date_certainty="secondary",
            note="AFSSAPS-era wording; last paragraph cut.",
        ),
        Version(
            start=d("2012-05-01"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Current version (renaming to ANSM presumed): wording NOT retrieved.",
        ),
    ),
    notes=(),
)
