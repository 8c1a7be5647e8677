"""Code de la santé publique > Partie législative > Quatrième partie > Livre II > Titre Ier > Chapitre Ier

Article L. 4211-9-1 (CSP) | identifier not retrieved
Autorisation des établissements préparant des MTI-PP

Versions:
- … → 2021-08-04 [historical (kept, marked); text: full; date: estimated] Original 2011 wording (AFSSAPS).
- 2021-08-04 → today [in force; text: partial; date: estimated] Current wording with a II added by the 2021 bioethics law (loi n° 2021-1017 du 2 août 2021, date inferred).

Verbatim text: ``vigipub/law/texts/CSP-L4211-9-1.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="CSP L. 4211-9-1",
    code="CSP",
    number="L.\u00a04211-9-1",
    title="Autorisation des établissements préparant des MTI-PP",
    identifier=None,
    text_file="CSP-L4211-9-1.md",
    heading_trail="Code de la santé publique > Partie législative > Quatrième partie > Livre II > Titre Ier > Chapitre Ier",
    label_fr="l'article L.\u00a04211-9-1 du code de la santé publique",
    short_fr="L.\u00a04211-9-1",
    versions=(
        Version(
            start=None,
            end=d("2021-08-04"),
            date_certainty="estimated",
            section=1,
            note="Original 2011 wording (AFSSAPS).",
        ),
        Version(
            start=d("2021-08-04"),
            completeness="partial",
            date_certainty="estimated",
            note="Current wording with a II added by the 2021 bioethics law (loi n° 2021-1017 du 2 août 2021, date inferred).",
        ),
    ),
    notes=(),
)
