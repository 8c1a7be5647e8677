"""A news investigation is news, even when it names the law on advanced therapies and a CHU.

Pages written for these tests, not corpus text.
"""

from __future__ import annotations

from vigipub.detect import Detector
from vigipub.extract import document_from_html

_INVESTIGATION = """<html lang="fr"><head><title>Enquête</title><meta property="og:type" content="article"></head><body>
<p>Par Claire Vidal, publié le 14 mars 2026.</p>
<p>Ces promesses n'ont aucune base scientifique, rappelle un pédopsychiatre du CHU de Bordeaux.</p>
<p>L'ANSM estime que ces injections sont des médicaments de thérapie innovante sans autorisation.</p>
<p>Contactée, la clinique n'a pas répondu à nos questions.</p>
</body></html>"""


def test_a_clinic_that_did_not_answer_the_journalists_questions_makes_the_page_news() -> None:
    doc = document_from_html(_INVESTIGATION.encode(), "https://journal.example/enquete", source="file")
    analysis = Detector.default().analyze(doc)
    assert analysis.genre == "news"
    assert analysis.verdict == "not_promotion"
