"""Règlement (CE) n° 1394/2007 > Chapitre 8 : Dispositions finales (heading NOT verified)

Article 28 (Règlement (CE) n° 1394/2007) | CELEX:32007R1394
Modifications de la directive 2001/83/CE (exemption hospitalière, art. 3, point 7)

Versions:
- 2007-12-30 → today [in force; text: partial; date: secondary] As adopted and corrected (OJ L 87, 31.3.2009); inserted art. 3(7) of Dir. 2001/83 NOT found verbatim.

Verbatim text: ``vigipub/law/texts/EU-REG-1394-2007-Art28.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="REG 1394/2007 art. 28",
    code="Règlement (CE) n°\u00a01394/2007",
    number="28",
    title="Modifications de la directive 2001/83/CE (exemption hospitalière, art. 3, point 7)",
    identifier="CELEX:32007R1394",
    text_file="EU-REG-1394-2007-Art28.md",
    heading_trail="Règlement (CE) n° 1394/2007 > Chapitre 8 : Dispositions finales (heading NOT verified)",
    label_fr="l'article 28 du règlement (CE) n°\u00a01394/2007",
    short_fr="article 28",
    versions=(
        Version(
            start=d("2007-12-30"),
            completeness="partial",
            date_certainty="secondary",
            note="As adopted and corrected (OJ L 87, 31.3.2009); inserted art. 3(7) of Dir. 2001/83 NOT found verbatim.",
        ),
    ),
    notes=(),
)
