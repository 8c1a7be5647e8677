"""Règlement (CE) n° 726/2004 > Titre I

Article 3 (Règlement (CE) n° 726/2004) | CELEX:32004R0726
Champ de la procédure centralisée

Versions:
- 2004-05-20 → 2022-01-28 [historical (kept, marked); text: not_retrieved; date: secondary] Earlier consolidated wordings.
- 2022-01-28 → today [in force; text: partial; date: secondary] Consolidated version 28/01/2022 (English; French wording NOT retrieved).

Verbatim text: ``vigipub/law/texts/EU-REG-726-2004-Art3.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version, d

ARTICLE = Article(
    key="REG 726/2004 art. 3",
    code="Règlement (CE) n°\u00a0726/2004",
    number="3",
    title="Champ de la procédure centralisée",
    identifier="CELEX:32004R0726",
    text_file="EU-REG-726-2004-Art3.md",
    heading_trail="Règlement (CE) n° 726/2004 > Titre I",
    label_fr="l'article 3 du règlement (CE) n°\u00a0726/2004",
    short_fr="article 3",
    versions=(
        Version(
            start=d("2004-05-20"),
            end=d("2022-01-28"),
            completeness="not_retrieved",
            date_certainty="secondary",
            section=None,
            note="Earlier consolidated wordings.",
        ),
        Version(
            start=d("2022-01-28"),
            completeness="partial",
            date_certainty="secondary",
            note="Consolidated version 28/01/2022 (English; French wording NOT retrieved).",
        ),
    ),
    notes=(),
)
