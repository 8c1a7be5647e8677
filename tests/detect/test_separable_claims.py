"""Split claims: separable verbs and interrupted phrases matched with `with` groups.

German and Dutch put the particle of a separable verb at the end of the clause (« die
Schmerzen ließen deutlich nach », « de pijn nam sterk af »), so no contiguous term matches;
the entries take the finite verb as the term and require, in the same sentence, the
clause-final particle and what the verb is about (a symptom, a tumour, a patient). Other
languages interrupt fixed phrases (« è tornato finalmente a camminare »). The sentences were
written for these tests (not copied from the corpus). Each entry has sentences it must find
and ordinary news/other sentences it must leave alone.
"""

from __future__ import annotations

import html

import pytest

from vigipub.detect import analyze_document
from vigipub.extract import document_from_html

_CONTEXT = {
    "de": "Stammzellen.",
    "it": "Cellule staminali.",
    "es": "Células madre.",
    "nl": "Stamcellen.",
    "pt": "Células-tronco.",
    "fr": "Cellules souches.",
    "en": "Stem cells.",
}


def _findings(lang: str, sentence: str) -> list[tuple[str, str, set[str], dict[str, str]]]:
    """(kind, subkind, entry ids, attributes) of the lexicon findings overlapping ``sentence``."""
    page = (
        f"<!DOCTYPE html><html lang='{lang}'><head><title>t</title></head><body><main>"
        f"<p>{_CONTEXT[lang]}</p><p>{html.escape(sentence)}</p></main></body></html>"
    )
    doc = document_from_html(page.encode(), "https://example.test/p", source="file")
    pos = doc.text.find(sentence[:30])
    assert pos >= 0
    return [
        (f.kind, f.subkind, set(f.entry_ids), dict(f.attributes))
        for f in analyze_document(doc).findings
        if f.attributes.get("inferred") != "yes" and f.end > pos and f.start < pos + len(sentence)
    ]


def _entry_ids(lang: str, sentence: str) -> set[str]:
    return {e for kind, _sub, ids, _a in _findings(lang, sentence) if kind == "claim" for e in ids}


FIRES = [
    ("de", "Nach drei Wochen ließen die Knieschmerzen deutlich nach.", "de.claim.treat.split_ease"),
    ("de", "Die Spastik ließ schon nach der zweiten Infusion spürbar nach, sagt die Mutter.", "de.claim.treat.split_ease"),
    ("de", "Die Zahl der Krampfanfälle nahm innerhalb weniger Monate deutlich ab.", "de.claim.treat.split_decrease"),
    ("de", "Die Rückenschmerzen gingen nach der Behandlung vollständig zurück.", "de.claim.treat.split_recede"),
    ("de", "Der Tumor bildete sich nach vier Impfungen vollständig zurück.", "de.claim.cure.split_regress"),
    ("de", "Bei vielen Patienten bilden sich die Metastasen zurück.", "de.claim.cure.split_regress"),
    ("de", "Die epileptischen Anfälle hörten nach der ersten Sitzung ganz auf.", "de.claim.treat.split_stop"),
    ("de", "Seit der Therapie treten die Migräneattacken nicht mehr auf.", "de.claim.treat.split_no_longer"),
    ("de", "Wir sind so froh, dass die Schmerzen endlich nachgelassen haben.", "de.claim.treat.split_joined"),
    ("de", "Der Krebs kam nach der Behandlung nie wieder.", "de.claim.prevent.split_no_return"),
    ("de", "Nach sechs Monaten konnte unser Sohn wieder ohne Krücken laufen.", "de.claim.treat.split_able_again"),
    ("de", "Die Beweglichkeit des Knies nahm von Woche zu Woche zu.", "de.claim.treat.split_increase"),
    ("de", "Das biologische Alter unserer Gäste ist danach um fünf Jahre niedriger.", "de.claim.treat.split_bio_age"),
    ("nl", "De zwelling in haar knie nam na twee weken duidelijk af.", "nl.claim.treat.split_decrease"),
    ("nl", "De epileptische aanvallen hielden na een maand helemaal op.", "nl.claim.treat.split_stop"),
    ("nl", "Onze dochter ging er na de kuur enorm op vooruit.", "nl.claim.treat.split_progress"),
    ("nl", "Mijn vader knapte binnen een paar weken zienderogen op.", "nl.claim.treat.split_recover"),
    ("nl", "Na drie maanden kon ik weer zonder krukken lopen.", "nl.claim.treat.split_able_again"),
    ("nl", "Ons zoontje van vier is na de behandeling gaan praten.", "nl.claim.treat.split_start_talking"),
    ("nl", "De tumor kwam na de behandeling nooit meer terug.", "nl.claim.prevent.split_no_return"),
    ("nl", "We merkten al snel dat de klachten afnamen.", "nl.claim.treat.split_joined"),
    ("it", "Dopo il trattamento mio padre è tornato finalmente a camminare.", "it.claim.treat.split_walk_again"),
    ("it", "Nostro figlio è tornato a parlare dopo la seconda infusione.", "it.claim.treat.split_speak_again"),
    ("es", "Tras el tratamiento, mi madre volvió por fin a caminar sin ayuda.", "es.claim.treat.split_walk_again"),
    ("es", "Nuestro hijo volvió poco a poco a hablar.", "es.claim.treat.split_speak_again"),
    ("pt", "Depois do tratamento o meu pai voltou finalmente a caminhar.", "pt.claim.treat.split_walk_again"),
    ("fr", "Après trois injections, Paul a retrouvé l'usage de ses jambes.", "fr.claim.treat.split_regain_use"),
    ("fr", "Après des mois d'épuisement, j'ai retrouvé toute mon énergie.", "fr.claim.treat.split_regain_function"),
    ("en", "After the second infusion she was able to walk unaided again.", "en.claim.treat.split_walk_again"),
    ("en", "Within weeks our son could speak in full sentences again.", "en.claim.treat.split_speak_again"),
]

QUIET = [
    # a group is missing: the verb, the particle or the symptom
    ("de", "Die Regierung ließ nach der Wahl alle Gespräche platzen.", "de.claim.treat.split_ease"),
    ("de", "Nach dem Unfall ließ er seine Rückenschmerzen untersuchen.", "de.claim.treat.split_ease"),
    ("de", "Die Wirkung des Medikaments ließ nach.", "de.claim.treat.split_ease"),
    ("de", "Die Polizei nahm dem Fahrer den Führerschein ab.", "de.claim.treat.split_decrease"),
    ("de", "Die Zahl der Arbeitslosen ging im März leicht zurück.", "de.claim.treat.split_recede"),
    ("de", "Die Zahl der Krebstoten ging im vergangenen Jahr zurück.", "de.claim.treat.split_recede"),
    ("de", "Die Gletscher in den Alpen bilden sich immer schneller zurück.", "de.claim.cure.split_regress"),
    ("de", "Der Regen hörte am Abend auf.", "de.claim.treat.split_stop"),
    ("de", "Der Tumor kam nach einem Jahr wieder.", "de.claim.prevent.split_no_return"),
    ("de", "Der Minister kam nach der Sitzung nicht zurück.", "de.claim.prevent.split_no_return"),
    ("de", "Nach dem Lockdown können wir wieder ins Kino gehen.", "de.claim.treat.split_able_again"),
    ("de", "Die Koalition kann wieder über den Haushalt sprechen.", "de.claim.treat.split_able_again"),
    ("de", "Der Verkehr nahm am Wochenende deutlich zu.", "de.claim.treat.split_increase"),
    ("de", "Das Alter der Bevölkerung ist in Ostdeutschland niedriger.", "de.claim.treat.split_bio_age"),
    ("nl", "Het aantal aanvallen op agenten nam vorig jaar af.", "nl.claim.treat.split_decrease"),
    ("nl", "De regen hield in de loop van de middag op.", "nl.claim.treat.split_stop"),
    ("nl", "De economie ging er in het derde kwartaal op vooruit.", "nl.claim.treat.split_progress"),
    ("nl", "Het weer knapt morgen op.", "nl.claim.treat.split_recover"),
    ("nl", "Na de versoepeling kunnen we weer gaan sporten.", "nl.claim.treat.split_able_again"),
    ("nl", "De partijen gaan volgende week praten over de formatie.", "nl.claim.treat.split_start_talking"),
    ("nl", "De minister kwam niet terug op zijn besluit.", "nl.claim.prevent.split_no_return"),
    ("nl", "Het aantal inbraken is vorig jaar afgenomen.", "nl.claim.treat.split_joined"),
    ("it", "Il ministro è tornato a parlare della riforma delle pensioni.", "it.claim.treat.split_speak_again"),
    ("it", "Il governo torna a discutere della legge di bilancio.", "it.claim.treat.split_walk_again"),
    ("es", "El presidente volvió a hablar de la reforma fiscal.", "es.claim.treat.split_speak_again"),
    ("es", "El Congreso vuelve a debatir los presupuestos.", "es.claim.treat.split_walk_again"),
    ("pt", "O ministro voltou ao terceiro andar do edifício.", "pt.claim.treat.split_walk_again"),
    ("fr", "La police a retrouvé la voiture volée dans un parking.", "fr.claim.treat.split_regain_use"),
    ("fr", "L'entreprise a retrouvé des couleurs après une année difficile.", "fr.claim.treat.split_regain_function"),
    ("en", "Residents can walk in the park again after the storm.", "en.claim.treat.split_walk_again"),
    ("en", "The two leaders can talk again after months of silence.", "en.claim.treat.split_speak_again"),
]


@pytest.mark.parametrize(("lang", "sentence", "entry_id"), FIRES)
def test_split_claim_is_found(lang: str, sentence: str, entry_id: str) -> None:
    assert entry_id in _entry_ids(lang, sentence)


@pytest.mark.parametrize(("lang", "sentence", "entry_id"), QUIET)
def test_news_or_other_sentence_is_not_a_split_claim(lang: str, sentence: str, entry_id: str) -> None:
    assert entry_id not in _entry_ids(lang, sentence)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("de", "Die Schmerzen ließen trotz der Stammzellen nicht nach."),
        ("de", "Der Tumor bildete sich leider nicht zurück."),
        ("nl", "De pijn nam ondanks de behandeling niet af."),
    ],
)
def test_negated_particle_marks_the_claim_as_not_asserted(lang: str, sentence: str) -> None:
    claims = [a for kind, _s, _ids, a in _findings(lang, sentence) if kind == "claim"]
    assert all(a.get("reported") == "yes" for a in claims), claims
