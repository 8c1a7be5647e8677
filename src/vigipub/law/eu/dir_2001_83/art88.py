"""Directive 2001/83/CE > Titre VIII : Publicité

Article 88 (Directive 2001/83/CE) | CELEX:32001L0083
Interdiction de la publicité auprès du public pour les médicaments soumis à prescription

Versions:
- 2004-04-30 → today [in force; text: full; date: secondary] As substituted by Directive 2004/27/EC (English).

Verbatim text: ``vigipub/law/texts/EU-DIR-2001-83-Art88.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="DIR 2001/83 art. 88",
    code="Directive 2001/83/CE",
    number="88",
    title="Interdiction de la publicité auprès du public pour les médicaments soumis à prescription",
    identifier="CELEX:32001L0083",
    text_file="EU-DIR-2001-83-Art88.md",
    heading_trail="Directive 2001/83/CE > Titre VIII : Publicité",
    label_fr="l'article 88 de la directive 2001/83/CE",
    short_fr="article 88",
    versions=(
        Version(start=d("2004-04-30"), date_certainty="secondary", note="As substituted by Directive 2004/27/EC (English)."),
    ),
    notes=(),
)
