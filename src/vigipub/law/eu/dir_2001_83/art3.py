"""Directive 2001/83/CE > Titre II : Champ d'application

Article 3 (Directive 2001/83/CE) | CELEX:32001L0083
Exclusions (dont point 3 : essais ; point 7 : exemption hospitalière)

Versions:
- … → 2008-12-30 [historical (kept, marked); text: full; date: secondary] Points 1-6 (English).
- 2008-12-30 → today [in force; text: partial; date: secondary] Point 7 (hospital exemption) added by Reg. 1394/2007, verbatim NOT found.

Verbatim text: ``vigipub/law/texts/EU-DIR-2001-83-Art3.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="DIR 2001/83 art. 3",
    code="Directive 2001/83/CE",
    number="3",
    title="Exclusions (dont point 3 : essais ; point 7 : exemption hospitalière)",
    identifier="CELEX:32001L0083",
    text_file="EU-DIR-2001-83-Art3.md",
    heading_trail="Directive 2001/83/CE > Titre II : Champ d'application",
    label_fr="l'article 3 de la directive 2001/83/CE",
    short_fr="article 3",
    versions=(
        Version(start=None, end=d("2008-12-30"), date_certainty="secondary", note="Points 1-6 (English)."),
        Version(
            start=d("2008-12-30"),
            completeness="partial",
            date_certainty="secondary",
            note="Point 7 (hospital exemption) added by Reg. 1394/2007, verbatim NOT found.",
        ),
    ),
    notes=(),
)
