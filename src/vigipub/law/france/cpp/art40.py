"""Code de procédure pénale > Partie législative (heading trail not retrieved)

Article 40 (CPP) | identifier not retrieved
Avis au procureur de la République

Versions:
- … → today [in force; text: full; date: estimated] Wording as quoted in 2019 secondary sources; official version id/date NOT retrieved.

Verbatim text: ``vigipub/law/texts/CPP-40.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version

ARTICLE = Article(
    key="CPP 40",
    code="CPP",
    number="40",
    title="Avis au procureur de la République",
    identifier=None,
    text_file="CPP-40.md",
    heading_trail="Code de procédure pénale > Partie législative (heading trail not retrieved)",
    label_fr="l'article 40 du code de procédure pénale",
    short_fr="40",
    versions=(
        Version(
            start=None,
            date_certainty="estimated",
            note="Wording as quoted in 2019 secondary sources; official version id/date NOT retrieved.",
        ),
    ),
    notes=(),
)
