"""Règlement (CE) n° 1394/2007 du 13 novembre 2007 > Chapitre 1 : Objet et définitions

Article 2 (Règlement (CE) n° 1394/2007) | CELEX:32007R1394
Définitions (médicament de thérapie innovante, produit issu de l'ingénierie tissulaire)

Versions:
- 2007-12-30 → today [in force; text: partial; date: secondary] In force since 30/12/2007, applicable since 30/12/2008; (c) partially reconstructed, (d)-(e) and 2(2)-(4) NOT FOUND.

Verbatim text: ``vigipub/law/texts/EU-REG-1394-2007-Art2.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="REG 1394/2007 art. 2",
    code="Règlement (CE) n°\u00a01394/2007",
    number="2",
    title="Définitions (médicament de thérapie innovante, produit issu de l'ingénierie tissulaire)",
    identifier="CELEX:32007R1394",
    text_file="EU-REG-1394-2007-Art2.md",
    heading_trail="Règlement (CE) n° 1394/2007 du 13 novembre 2007 > Chapitre 1 : Objet et définitions",
    label_fr="l'article 2 du règlement (CE) n°\u00a01394/2007",
    short_fr="article 2",
    versions=(
        Version(
            start=d("2007-12-30"),
            completeness="partial",
            date_certainty="secondary",
            heading="Français",
            note="In force since 30/12/2007, applicable since 30/12/2008; (c) partially reconstructed, (d)-(e) and 2(2)-(4) NOT FOUND.",
        ),
    ),
    notes=(),
)
