"""Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier

Article L. 5121-1 (CSP) | identifier not retrieved
Définitions (17° : médicaments de thérapie innovante préparés ponctuellement)

Versions:
- … → today [in force; text: not_retrieved; date: estimated] 17° (MTI-PP, transposition of the hospital exemption) NOT retrieved: only indirect references.

Verbatim text: ``vigipub/law/texts/CSP-L5121-1-17.md`` (with its Source / Version / Completeness notes).
"""

from vigipub.law.core import Article, Version

ARTICLE = Article(
    key="CSP L. 5121-1",
    code="CSP",
    number="L.\u00a05121-1",
    title="Définitions (17° : médicaments de thérapie innovante préparés ponctuellement)",
    identifier=None,
    text_file="CSP-L5121-1-17.md",
    heading_trail="Code de la santé publique > Partie législative > Cinquième partie : Produits de santé > Livre Ier > Titre II > Chapitre Ier",
    label_fr="l'article L.\u00a05121-1 du code de la santé publique",
    short_fr="L.\u00a05121-1",
    versions=(
        Version(
            start=None,
            completeness="not_retrieved",
            date_certainty="estimated",
            section=None,
            note="17° (MTI-PP, transposition of the hospital exemption) NOT retrieved: only indirect references.",
        ),
    ),
    notes=("GAP: verbatim 17° to be retrieved from Légifrance.",),
)
