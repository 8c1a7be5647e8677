"""Directive 2001/83/CE > Titre VIII : Publicité

Article 87 (Directive 2001/83/CE) | CELEX:32001L0083
Interdiction de la publicité sans autorisation de mise sur le marché

Versions:
- 2001-12-18 → today [in force; text: full; date: secondary] Original 2001 wording (English).

Verbatim text: ``vigipub/law/texts/EU-DIR-2001-83-Art87.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="DIR 2001/83 art. 87",
    code="Directive 2001/83/CE",
    number="87",
    title="Interdiction de la publicité sans autorisation de mise sur le marché",
    identifier="CELEX:32001L0083",
    text_file="EU-DIR-2001-83-Art87.md",
    heading_trail="Directive 2001/83/CE > Titre VIII : Publicité",
    label_fr="l'article 87 de la directive 2001/83/CE",
    short_fr="article 87",
    versions=(
        Version(start=d("2001-12-18"), date_certainty="secondary", note="Original 2001 wording (English)."),
    ),
    notes=(),
)
