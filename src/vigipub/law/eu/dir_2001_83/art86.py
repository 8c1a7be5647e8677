"""Directive 2001/83/CE > Titre VIII : Publicité

Article 86 (Directive 2001/83/CE) | CELEX:32001L0083
Définition de la publicité

Versions:
- … → 2004-04-30 [historical (kept, marked); text: not_retrieved; date: secondary]
- 2004-04-30 → today [in force; text: full; date: estimated] As amended by Directive 2004/27/EC (English).

Verbatim text: ``vigipub/law/texts/EU-DIR-2001-83-Art86.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="DIR 2001/83 art. 86",
    code="Directive 2001/83/CE",
    number="86",
    title="Définition de la publicité",
    identifier="CELEX:32001L0083",
    text_file="EU-DIR-2001-83-Art86.md",
    heading_trail="Directive 2001/83/CE > Titre VIII : Publicité",
    label_fr="l'article 86 de la directive 2001/83/CE",
    short_fr="article 86",
    versions=(
        Version(
            start=None,
            end=d("2004-04-30"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
        ),
        Version(
            start=d("2004-04-30"),
            date_certainty="estimated",
            note="As amended by Directive 2004/27/EC (English).",
        ),
    ),
    notes=(),
)
