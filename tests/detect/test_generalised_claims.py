"""Generalised claim phrasings: avoiding a treatment, fewer relapses, slowed progression.

Sentences written for these tests, in the word orders real clinic pages use; the negative
sentences are ordinary news or lifestyle wording that must not become a claim.
"""

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_html

FIRE = [
    ("it", "Con le cellule staminali si evita l'intervento chirurgico al ginocchio.", "it.claim.superiority.avoid_with"),
    ("it", "Molti dei nostri pazienti con SLA hanno rallentato la progressione della malattia.", "it.claim.treat.slowed"),
    ("it", "Dopo le infusioni di cellule staminali mia figlia ha meno crisi epilettiche.", "it.claim.treat.fewer"),
    ("de", "Eine Operation kann dank der Stammzellen in vielen Fällen vermieden werden.", "de.claim.superiority.avoid_with"),
    ("de", "Unsere Patienten mit Multipler Sklerose haben nach der Therapie weniger Schübe.", "de.claim.treat.fewer"),
    ("de", "Die Zelltherapie verlangsamt das Fortschreiten der Parkinson-Krankheit.", "de.claim.treat.slowed"),
    ("es", "Gracias a las células madre, muchos pacientes evitan la prótesis de rodilla.", "es.claim.superiority.avoid_with"),
    ("es", "El tratamiento con exosomas frena la progresión de la ELA.", "es.claim.treat.slowed"),
    ("pt", "Com as células-tronco, o paciente evita a cirurgia da anca.", "pt.claim.superiority.avoid_with"),
    ("nl", "Met stamceltherapie kunt u een knieoperatie voorkomen.", "nl.claim.superiority.avoid_with"),
    ("nl", "Na de behandeling had mijn zoon minder epileptische aanvallen.", "nl.claim.treat.fewer"),
    ("fr", "Grâce aux cellules souches, vous évitez la pose d'une prothèse de hanche.", "fr.claim.superiority.avoid_with"),
    ("fr", "Nos patients atteints de sclérose en plaques ont moins de poussées.", "fr.claim.treat.fewer"),
    ("en", "Stem cell injections help patients avoid knee replacement surgery.", "en.claim.superiority.avoid_with"),
    ("en", "The treatment slowed the progression of ALS in most of our patients.", "en.claim.treat.slowed"),
]

QUIET = [
    ("it", "Il governo evita di commentare la decisione della Corte.", "it.claim.superiority.avoid_with"),
    ("de", "Die Regierung will neue Schulden vermeiden.", "de.claim.superiority.avoid_with"),
    ("es", "El ministro evitó responder a las preguntas de los periodistas.", "es.claim.superiority.avoid_with"),
    ("nl", "De gemeente wil files op de ring voorkomen.", "nl.claim.superiority.avoid_with"),
    ("fr", "Le club évite la relégation grâce à une victoire à domicile.", "fr.claim.superiority.avoid_with"),
    ("en", "Drivers should avoid the motorway during the roadworks.", "en.claim.superiority.avoid_with"),
]


def _entries(lang: str, sentence: str) -> set[str]:
    html = f"<html lang='{lang}'><body><p>{sentence}</p></body></html>"
    doc = document_from_html(html.encode("utf-8"), "https://site.example/")
    return {e for f in Detector.default().analyze(doc).findings if f.kind == "claim" for e in f.entry_ids}


@pytest.mark.parametrize(("lang", "sentence", "entry"), FIRE)
def test_the_generalised_phrasing_is_a_claim(lang: str, sentence: str, entry: str) -> None:
    # the new entry, or an older entry of the same claim subkind whose longer match covers it
    family = entry.rsplit(".", 1)[0]
    found = _entries(lang, sentence)
    assert entry in found or any(e == family or e.startswith(family + ".") for e in found), found


@pytest.mark.parametrize(("lang", "sentence", "entry"), QUIET)
def test_ordinary_avoidance_is_not_a_claim(lang: str, sentence: str, entry: str) -> None:
    assert entry not in _entries(lang, sentence)
