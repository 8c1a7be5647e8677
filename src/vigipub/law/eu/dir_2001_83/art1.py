"""Directive 2001/83/CE > Titre I : Définitions

Article 1 (Directive 2001/83/CE) | CELEX:32001L0083
Définitions (médicament, substance)

Versions:
- … → 2004-04-30 [historical (kept, marked); text: not_retrieved; date: secondary] Original 2001 wording.
- 2004-04-30 → today [in force; text: partial; date: estimated] As substituted by Directive 2004/27/EC (English).

Verbatim text: ``vigipub/law/texts/EU-DIR-2001-83-Art1-2.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="DIR 2001/83 art. 1",
    code="Directive 2001/83/CE",
    number="1",
    title="Définitions (médicament, substance)",
    identifier="CELEX:32001L0083",
    text_file="EU-DIR-2001-83-Art1-2.md",
    heading_trail="Directive 2001/83/CE > Titre I : Définitions",
    label_fr="l'article 1er de la directive 2001/83/CE",
    short_fr="article 1er",
    versions=(
        Version(
            start=None,
            end=d("2004-04-30"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Original 2001 wording.",
        ),
        Version(
            start=d("2004-04-30"),
            completeness="partial",
            date_certainty="estimated",
            note="As substituted by Directive 2004/27/EC (English).",
        ),
    ),
    notes=(),
)
