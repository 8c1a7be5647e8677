"""The provider's own voice in the singular: « notre thérapie », "our practice", « notre cabinet ».

The clinic cues had the plural (« nos thérapies », "our treatments") and the clinic's names
(« notre clinique », "our center"); a doctor's practice says « notre cabinet », a US clinic "our
office", and a single offer « notre thérapie ».
"""

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Our regenerative therapy uses amniotic stem cell injections to help your knees. Call our office."),
        ("fr", "Notre thérapie par cellules souches se pratique au cabinet. Notre cabinet vous reçoit sur rendez-vous."),
        ("es", "Nuestra terapia con células madre se realiza en una sola sesión."),
        ("it", "La nostra terapia con cellule staminali dura un giorno."),
        ("pt", "A nossa terapia com células-tronco é feita em ambulatório."),
        ("nl", "Onze therapie met stamcellen duurt een dag, in onze praktijk."),
    ],
)
def test_the_singular_own_voice_is_a_clinic_cue(language: str, text: str) -> None:
    a = Detector.default().analyze(document_from_text(text, "https://praxis.example/", language_hint=language))
    assert any(f.kind == "genre" and f.subkind == "clinic" for f in a.findings), language
