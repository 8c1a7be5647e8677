"""Claim probes: sentences written for these tests (not taken from the corpus), phrased the way
clinic and broker sites word claims and testimonials in German and Italian (verb-final clauses,
passives, modal verbs, nominal style, hedges, figures, parents' stories, cosmetic, orthopaedic,
neurological, cancer, diabetes, long COVID), plus negative probes (news, regulator,
encyclopaedia sentences and everyday sentences using the same verbs).

Each positive probe must yield a lexicon claim or testimonial that is not marked reported;
each negative probe must yield none. The limits are documented honestly below: KNOWN_MISSES
are asserted to be missed, KNOWN_FALSE_HITS (generic one-word verbs of older entries such as
« verbessert », « migliorata ») are asserted to still fire, so that a fix shows up as a failing
test to update.
"""

from __future__ import annotations

import pytest

from ._probe_helper import claims, hit

POSITIVE: dict[str, list[str]] = {
    'de': [
        'Die Stammzellen können geschädigtes Knorpelgewebe regenerieren und so das Kniegelenk erhalten.',
        'Viele Patienten berichten uns, dass sich ihr Zustand nach der Behandlung deutlich verbessert hat.',
        'Wir behandeln Kniearthrose erfolgreich, weil die Stammzellen das Gewebe regenerieren.',
        'In vielen Fällen kann eine Operation dadurch hinausgezögert werden.',
        'Die Therapie führt zu einer spürbaren Verbesserung der Lebensqualität.',
        'Eine Reduktion der Schmerzen um bis zu 70 Prozent ist keine Seltenheit.',
        'Bei acht von zehn Patienten verringerten sich die Beschwerden innerhalb von drei Monaten.',
        'Schon nach wenigen Wochen war mein Knie wieder voll belastbar.',
        'Mein Sohn hat seit der Behandlung riesige Fortschritte in der Sprache gemacht.',
        'Seit der zweiten Infusion schaut uns unsere Tochter wieder in die Augen und lacht.',
        'Unser Sohn mit Autismus ist viel ruhiger geworden und schläft endlich durch.',
        'Die Kinder mit Zerebralparese zeigen nach der Therapie eine bessere Muskelkontrolle.',
        'Die dendritischen Zellen bringen dem Immunsystem bei, die Krebszellen zu erkennen.',
        'Die Impfung mit dendritischen Zellen kann das Tumorwachstum dauerhaft unterdrücken.',
        'Die Tumormarker sind nach der dritten Impfung auf normale Werte gefallen.',
        'Im letzten CT war der Tumor nicht mehr nachweisbar.',
        'Die Überlebenszeit unserer Patienten ist im Durchschnitt doppelt so lang.',
        'Die NK-Zellen greifen gezielt die Tumorzellen an, ohne gesundes Gewebe zu schädigen.',
        'Durch die Zellimpfung wird die körpereigene Abwehr gegen den Krebs mobilisiert.',
        'Die Stammzellen wandern an den Ort der Schädigung und reparieren die Nervenzellen.',
        'Bei Multipler Sklerose kann die Behandlung die Krankheit zum Stillstand bringen.',
        'Bei ALS-Patienten verlangsamt sich der Krankheitsverlauf nachweislich.',
        'Parkinson-Patienten zittern nach der Therapie deutlich weniger.',
        'Nach dem Schlaganfall konnte mein Vater dank der Stammzellen seinen Arm wieder bewegen.',
        'Die Nervenzellen werden durch die Infusion neu gebildet.',
        'Typ-1-Diabetiker können ihren Insulinbedarf erheblich senken.',
        'Die Bauchspeicheldrüse produziert nach der Behandlung wieder eigenes Insulin.',
        'Bei Long Covid verschwinden Erschöpfung und Atemnot oft schon nach einer Infusion.',
        'Die chronische Müdigkeit war nach zwei Wochen wie verflogen.',
        'Exosomen lassen Falten sichtbar verschwinden und straffen die Haut.',
        'Die Haut wirkt nach der Exosomen-Behandlung um Jahre jünger.',
        'Exosomen kurbeln die Kollagenproduktion an und verjüngen das Hautbild.',
        'Der Haarausfall wurde gestoppt und die Haare wachsen dichter nach.',
        'Die Eigenbluttherapie beschleunigt die Heilung von Sehnen und Bändern.',
        'Die PRP-Behandlung sorgt für eine schnellere Regeneration nach Sportverletzungen.',
        'Bei Rückenschmerzen erzielen wir mit der Stammzellinjektion sehr gute Erfolge.',
        'Die Bandscheibe wird durch die Zellen wieder aufgebaut.',
        'Eine Hüftprothese wird in den meisten Fällen überflüssig.',
        'Über 90 % unserer Patienten sind nach der Therapie schmerzfrei.',
        'Neun von zehn Patienten würden die Behandlung weiterempfehlen.',
        'Die Erfolgsquote liegt bei über achtzig Prozent.',
        'Studien belegen die Wirksamkeit der Stammzelltherapie bei Arthrose.',
        'Unsere Therapie ist frei von Nebenwirkungen, da nur körpereigenes Material verwendet wird.',
        'Da es sich um Ihre eigenen Zellen handelt, ist eine Abstoßung ausgeschlossen.',
        'Die Behandlung ist völlig schmerzlos und dauert nur eine Stunde.',
        'Es handelt sich um eine bewährte und sichere Behandlungsmethode.',
        'Unsere Methode ist der Schulmedizin in vielen Bereichen überlegen.',
        'Die Stammzelltherapie eignet sich für nahezu alle chronischen Erkrankungen.',
        'Wir bieten eine echte Chance auf Heilung, auch wenn andere Ärzte aufgegeben haben.',
        'Die Gelenkschmerzen sind seit der Behandlung vollständig abgeklungen.',
        'Die Entzündung ist abgeklungen und das Gelenk ist wieder beweglich.',
        'Das Knie ist deutlich weniger geschwollen und ich kann wieder joggen.',
        'Ich bin seit einem Jahr beschwerdefrei und brauche keine Schmerzmittel mehr.',
        'Ich hätte nie gedacht, dass ich wieder Tennis spielen kann.',
        'Meine Mutter hatte Parkinson und kann sich heute wieder selbst anziehen.',
        'Nach der Behandlung hat sich meine Sehkraft verbessert.',
        'Der Tumor ist um die Hälfte geschrumpft.',
        'Die Metastasen in der Leber sind nach der Therapie nicht mehr sichtbar.',
        'Die Lebensqualität der Patienten steigt deutlich.',
        'Die Gentherapie repariert den Gendefekt dauerhaft.',
        'Mit der Gentherapie lässt sich der Alterungsprozess umkehren.',
        'Die Zellen werden vom Körper nicht abgestoßen, da sie körpereigen sind.',
        'Die Zellen sorgen für eine Neubildung von Knorpel.',
        'Die Behandlung kann Ihnen helfen, wieder ein aktives Leben zu führen.',
        'Patienten mit Herzschwäche profitieren von einer verbesserten Pumpleistung.',
        'Die Regeneration des Herzmuskels wird durch die Stammzellen angeregt.',
        'Die Nierenfunktion hat sich nach der Infusion stabilisiert.',
        'Die Symptome des Asthmas haben sich deutlich gebessert.',
        'Durch die Behandlung werden die Schübe seltener und schwächer.',
        'Meine MS-Symptome sind nahezu verschwunden.',
        'Der Krebs ist besiegt und ich genieße wieder mein Leben.',
        'Die Therapie hat meinem Vater das Leben gerettet.',
        'Die Stammzellkur macht Sie fitter, vitaler und leistungsfähiger.',
        'Die Frischzellenkur stärkt die Vitalität und verzögert das Altern.',
        'Nach der Kur fühle ich mich zehn Jahre jünger.',
        'Die Behandlung bewirkt eine nachhaltige Schmerzreduktion.',
        'Die Stammzellen regen die körpereigene Reparatur an.',
        'Die Beschwerden verschwinden meist innerhalb weniger Wochen.',
        'Unsere Patienten erleben eine deutliche Steigerung ihrer Mobilität.',
        'Bereits nach der zweiten Sitzung klangen die Nackenschmerzen vollständig ab.',
        'Die Killerzellen erkennen die Krebszellen und zerstören sie gezielt.',
        'Der PSA-Wert ist seit der Impfung deutlich gesunken.',
        'Die Exosomen glätten Falten und sorgen für ein frischeres Aussehen.',
        'Dank der Infusion kann ich wieder Golf spielen.',
        'Im MRT war neuer Knorpel gebildet worden, der Knorpel wurde neu aufgebaut.',
        'Viele Betroffene profitieren schon nach kurzer Zeit von der Stammzelltherapie.',
        'Die Anfälle unseres Sohnes sind seit der Therapie seltener geworden.',
        'Die Stammzellen kurbeln die Selbstheilungskräfte des Körpers an.',
        'Die Zellen werden nicht abgestoßen.',
    ],
    'it': [
        'Le cellule staminali sono in grado di rigenerare la cartilagine danneggiata del ginocchio.',
        'Molti pazienti ci raccontano che le loro condizioni sono migliorate in modo significativo.',
        "Trattiamo l'artrosi del ginocchio con successo perché le staminali riparano il tessuto.",
        "Nella maggior parte dei casi l'intervento chirurgico può essere evitato.",
        'La terapia porta a un netto miglioramento della qualità della vita.',
        'Una riduzione del dolore fino al 70% è frequente già dopo il primo mese.',
        'In otto pazienti su dieci i sintomi si sono ridotti entro tre mesi.',
        'Dopo poche settimane il mio ginocchio era di nuovo in grado di sopportare carichi.',
        'Mio figlio ha fatto enormi progressi nel linguaggio dopo il trattamento.',
        'Dopo la seconda infusione nostra figlia ci guarda negli occhi e sorride.',
        'Nostro figlio autistico è diventato molto più tranquillo e finalmente dorme tutta la notte.',
        'I bambini con paralisi cerebrale mostrano un migliore controllo muscolare dopo la terapia.',
        'Le cellule dendritiche insegnano al sistema immunitario a riconoscere le cellule tumorali.',
        'Il vaccino con cellule dendritiche può bloccare la crescita del tumore.',
        'I marcatori tumorali sono tornati nella norma dopo la terza vaccinazione.',
        "All'ultima TAC il tumore non era più presente.",
        'La sopravvivenza dei nostri pazienti è in media raddoppiata.',
        'Le cellule NK attaccano in modo mirato le cellule tumorali senza danneggiare i tessuti sani.',
        "Grazie al vaccino cellulare le difese dell'organismo vengono mobilitate contro il cancro.",
        'Le cellule staminali raggiungono la zona danneggiata e riparano i neuroni.',
        'Nella sclerosi multipla il trattamento può arrestare la malattia.',
        'Nei pazienti con SLA la progressione della malattia rallenta in modo evidente.',
        'I pazienti con Parkinson tremano molto meno dopo la terapia.',
        "Dopo l'ictus mio padre ha ripreso a muovere il braccio grazie alle staminali.",
        'I neuroni danneggiati vengono sostituiti da nuove cellule.',
        'I pazienti con diabete di tipo 1 possono ridurre notevolmente il fabbisogno di insulina.',
        'Il pancreas torna a produrre insulina dopo il trattamento.',
        'Nel long COVID stanchezza e affanno scompaiono spesso già dopo una sola infusione.',
        'La stanchezza cronica è svanita in due settimane.',
        'Gli esosomi attenuano visibilmente le rughe e rendono la pelle più compatta.',
        'Dopo il trattamento con esosomi la pelle appare più giovane di anni.',
        'Gli esosomi stimolano la produzione di collagene e ringiovaniscono la pelle.',
        'La caduta dei capelli si è fermata e i capelli ricrescono più folti.',
        'Il PRP accelera la guarigione di tendini e legamenti.',
        'Il plasma ricco di piastrine garantisce un recupero più rapido dopo gli infortuni sportivi.',
        "Per il mal di schiena otteniamo ottimi risultati con l'infiltrazione di cellule staminali.",
        'Il disco intervertebrale viene ricostruito dalle cellule.',
        "Nella maggior parte dei casi la protesi d'anca non è più necessaria.",
        'Oltre il 90% dei nostri pazienti non ha più dolore dopo la terapia.',
        'Nove pazienti su dieci consiglierebbero il trattamento.',
        "Il tasso di successo supera l'ottanta per cento.",
        "Gli studi confermano l'efficacia della terapia con cellule staminali nell'artrosi.",
        'La nostra terapia non ha effetti collaterali perché utilizza solo materiale autologo.',
        'Trattandosi delle sue cellule, il rigetto è escluso.',
        "Il trattamento è del tutto indolore e dura solo un'ora.",
        'Si tratta di un metodo collaudato e sicuro.',
        'Il nostro metodo è superiore alla medicina tradizionale in molti ambiti.',
        'La terapia con cellule staminali è indicata per quasi tutte le malattie croniche.',
        'Offriamo una reale possibilità di guarigione anche quando altri medici si sono arresi.',
        'La terapia non cura solo i sintomi ma la causa della malattia.',
        'I dolori articolari sono completamente passati dopo il trattamento.',
        "L'infiammazione si è risolta e l'articolazione è di nuovo mobile.",
        'Il ginocchio è molto meno gonfio e posso tornare a correre.',
        'Da un anno non ho più dolori e non prendo più antidolorifici.',
        'Non avrei mai pensato di poter giocare di nuovo a tennis.',
        'Mia madre ha il Parkinson e oggi riesce di nuovo a vestirsi da sola.',
        'Dopo il trattamento la mia vista è migliorata.',
        'Il tumore si è ridotto della metà.',
        'Le metastasi al fegato non si vedono più dopo la terapia.',
        'La qualità della vita dei pazienti aumenta in modo evidente.',
        'La terapia genica corregge definitivamente il difetto genetico.',
        "Con la terapia genica è possibile invertire l'invecchiamento.",
        "Le cellule non vengono rigettate dall'organismo perché sono autologhe.",
        'Le cellule favoriscono la formazione di nuova cartilagine.',
        'Il trattamento può aiutarla a tornare a una vita attiva.',
        'I pazienti con insufficienza cardiaca beneficiano di una migliore funzione cardiaca.',
        'La rigenerazione del muscolo cardiaco viene stimolata dalle cellule staminali.',
        "La funzione renale si è stabilizzata dopo l'infusione.",
        "I sintomi dell'asma sono nettamente migliorati.",
        'Grazie al trattamento le ricadute diventano più rare e più lievi.',
        'I miei sintomi della sclerosi multipla sono quasi spariti.',
        'Ho sconfitto il cancro e oggi mi godo di nuovo la vita.',
        'La terapia ha salvato la vita a mio padre.',
        'La cura con cellule staminali la rende più energica, più vitale e più efficiente.',
        "La terapia con cellule fresche rafforza la vitalità e rallenta l'invecchiamento.",
        'Dopo la cura mi sento dieci anni più giovane.',
        'Il trattamento produce una riduzione duratura del dolore.',
        "Le cellule staminali attivano i meccanismi di autoriparazione dell'organismo.",
        'I disturbi scompaiono di solito nel giro di poche settimane.',
        'I nostri pazienti vivono un netto aumento della mobilità.',
        'Il dolore alla spalla è svanito dopo la seconda seduta.',
        'Le cellule killer riconoscono e distruggono le cellule tumorali.',
        'Dopo il vaccino i valori glicemici si sono stabilizzati e la dose di insulina è stata dimezzata.',
        'Gli esosomi distendono le rughe e donano un aspetto più fresco.',
        "Grazie all'infiltrazione ho ripreso a correre.",
        'La cartilagine viene ricostruita in pochi mesi.',
        'I bambini autistici traggono beneficio dalla terapia con cellule staminali.',
        'Le crisi epilettiche di nostra figlia sono diventate più rare.',
        'Le staminali stimolano la rigenerazione dei tessuti danneggiati.',
        "Dopo il trattamento l'intervento non è più necessario.",
    ],
}

NEGATIVE: dict[str, list[str]] = {
    'de': [
        'Das Paul-Ehrlich-Institut warnt vor nicht zugelassenen Stammzelltherapien.',
        'Stammzellen können sich in verschiedene Zelltypen differenzieren.',
        'Die Wirksamkeit der Stammzelltherapie bei Arthrose ist wissenschaftlich nicht belegt.',
        'Laut der Klinik soll die Behandlung Krebs heilen, Belege dafür gibt es keine.',
        'Der Mechaniker reparierte das Auto in zwei Stunden.',
        'Der Wasserverbrauch ist im vergangenen Jahr gesunken.',
        'Die Preise sind im Sommer deutlich gestiegen.',
        'Das Unternehmen konnte seinen Umsatz verdoppeln.',
        'Die Wunde am Finger ist gut verheilt.',
        'Die Ärztekammer hat ein Verfahren gegen den Arzt eingeleitet.',
        'Die Staatsanwaltschaft ermittelt gegen eine Klinik, die mit Stammzellen geworben hat.',
        'Der Nebel verschwand am Vormittag.',
        'Die Schmerzen im Rücken kamen vom vielen Sitzen im Büro.',
        'Die Behandlung der Akten dauert mehrere Wochen.',
        'Die Polizei stoppte den Fahrer auf der Autobahn.',
        'Die Regierung will den Anstieg der Mieten bremsen.',
        'Die Eintracht hat das Spiel gewonnen und ist wieder Tabellenführer.',
        'Die Gentherapie Zolgensma ist für Kinder mit spinaler Muskelatrophie zugelassen.',
        'Die Krankenkasse übernimmt die Kosten für die CAR-T-Therapie.',
        'Kritiker bezweifeln, dass die Behandlung wirkt.',
        'Die Firma verspricht ihren Kunden eine schnelle Lieferung.',
        'Der Tumor wurde bei einer Routineuntersuchung entdeckt.',
        'Sie erkrankte vor drei Jahren an Brustkrebs.',
        'Die Haut besteht aus mehreren Schichten.',
        'Der Umbau des Bahnhofs soll die Situation verbessern.',
        'Das Museum wurde nach der Renovierung wiedereröffnet.',
        'Nach dem Spiel konnte der Trainer wieder lachen.',
        'Der Verkehr auf der A7 hat deutlich abgenommen.',
        'Die Arbeitslosigkeit ging im Mai leicht zurück.',
        'Die Studie zeigt, dass Bewegung das Risiko für Demenz senken kann.',
        'Der Schauspieler ist an Krebs gestorben.',
        'Die Nebel verschwinden im Laufe des Vormittags.',
        'Im Herbst werden die Tage kürzer und die Nächte kälter.',
        'Das Immunsystem erkennt Krankheitserreger an ihren Oberflächenmerkmalen.',
        'Die Kinder profitieren von dem neuen Spielplatz.',
    ],
    'it': [
        "L'AIFA mette in guardia contro le terapie con cellule staminali non autorizzate.",
        'Le cellule staminali possono differenziarsi in diversi tipi di cellule.',
        "L'efficacia della terapia con staminali nell'artrosi non è dimostrata scientificamente.",
        'Secondo la clinica il trattamento guarirebbe il cancro, ma non ci sono prove.',
        "L'associazione aiuta le famiglie a trovare un posto all'asilo.",
        'Il meccanico ha riparato la macchina in due ore.',
        "Il consumo di acqua è diminuito l'anno scorso.",
        "I prezzi sono aumentati notevolmente durante l'estate.",
        "L'azienda è riuscita a raddoppiare il fatturato.",
        'I ricercatori studiano se le staminali potrebbero aiutare nel Parkinson.',
        'Nello studio sono stati trattati dodici pazienti con SLA.',
        "L'Ordine dei medici ha avviato un procedimento contro il medico.",
        'La procura indaga su una clinica che pubblicizzava le cellule staminali.',
        'Il mal di schiena derivava dalle molte ore seduto in ufficio.',
        'Il corso aiuta i principianti a imparare a programmare.',
        'La pratica richiede diverse settimane di lavoro.',
        'La polizia ha fermato il conducente in autostrada.',
        "Il governo vuole frenare l'aumento degli affitti.",
        'La Juventus ha vinto la partita ed è tornata in testa alla classifica.',
        'La terapia genica Zolgensma è autorizzata per i bambini con atrofia muscolare spinale.',
        'Il Servizio sanitario nazionale rimborsa la terapia CAR-T.',
        'I critici dubitano che il trattamento funzioni.',
        "L'azienda promette ai clienti una consegna rapida.",
        'Il tumore è stato scoperto durante un controllo di routine.',
        'Tre anni fa le è stato diagnosticato un cancro al seno.',
        'La pelle è composta da diversi strati.',
        'La ristrutturazione della stazione dovrebbe migliorare la situazione.',
        'Il museo è stato riaperto dopo il restauro.',
        "Dopo la partita l'allenatore è tornato a sorridere.",
        "Il traffico sull'autostrada è diminuito notevolmente.",
        'La disoccupazione è leggermente calata a maggio.',
        'Lo studio mostra che il movimento può ridurre il rischio di demenza.',
        "L'attore è morto di cancro.",
        'Le giornate diventano più brevi in autunno.',
        'Il sistema immunitario riconosce gli agenti patogeni.',
        'I bambini beneficiano del nuovo parco giochi.',
        'Il governo ha ricostruito il ponte crollato.',
    ],
}

# « heilt nicht nur …, sondern … » holds the negation cue « heilt nicht »; the longer cue
# « heilt nicht nur » (kind cue, subkind not_only) hides it, so the claim is the page's own.
NOT_ONLY: dict[str, list[str]] = {
    'de': [
        'Die Therapie heilt nicht nur die Symptome, sondern die Ursache der Erkrankung.',
    ],
    'it': [
        'La terapia non guarisce solo i sintomi, ma la causa della malattia.',
    ],
}

# A therapy « proven » for very few conditions is a caution, as patient-information pages
# write it; the same sentence naming the conditions is a claim (the first of each pair).
FEW_CONDITIONS: dict[str, tuple[str, str]] = {
    'fr': (
        'La thérapie cellulaire a prouvé son efficacité contre ces maladies.',
        'La thérapie cellulaire a prouvé son efficacité contre très peu de maladies.',
    ),
    'es': (
        'Está demostrado que la terapia celular es eficaz en estas enfermedades.',
        'Está demostrado que la terapia celular es eficaz en muy pocas enfermedades.',
    ),
    'de': (
        'Die Zelltherapie ist nachweislich wirksam bei diesen Erkrankungen.',
        'Die Zelltherapie ist nachweislich wirksam bei sehr wenigen Erkrankungen.',
    ),
    'it': (
        'È dimostrato che la terapia cellulare è efficace in queste malattie.',
        'È dimostrato che la terapia cellulare è efficace in pochissime malattie.',
    ),
    'nl': (
        'Celtherapie is bewezen effectief bij deze aandoeningen.',
        'Celtherapie is bewezen effectief bij zeer weinig aandoeningen.',
    ),
}

# "There is currently no proven treatment" frames what follows in its sentence as a caution, as
# science explainers and patient-information pages write it (the first of each pair a claim).
NO_PROVEN_TREATMENT: dict[str, tuple[str, str]] = {
    'fr': (
        'Les cellules souches permettent de guérir la paralysie cérébrale.',
        "Il n'existe actuellement aucun traitement éprouvé permettant de guérir la paralysie cérébrale.",
    ),
    'es': (
        'Las células madre permiten curar la parálisis cerebral.',
        'Hoy no existe ningún tratamiento probado que permita curar la parálisis cerebral.',
    ),
    'it': (
        'Le cellule staminali permettono di guarire la paralisi cerebrale.',
        'Non esiste attualmente alcun trattamento che permetta di guarire la paralisi cerebrale.',
    ),
    'de': (
        'Stammzellen können die Zerebralparese heilen.',
        'Es gibt derzeit keine nachgewiesene Therapie, die die Zerebralparese heilen kann.',
    ),
    'nl': (
        'Stamcellen kunnen hersenverlamming genezen.',
        'Er is momenteel geen bewezen behandeling die hersenverlamming kan genezen.',
    ),
}

# Older generic single-word entries fire on everyday sentences in a clinic page (left as is;
# on non-clinic pages they are outweighed by genre and reporting cues).
KNOWN_FALSE_HITS: dict[str, list[str]] = {
    'de': [
        'Der Verein hilft Familien bei der Suche nach einem Kindergartenplatz.',
        'Die Stadt verbessert die Radwege im Zentrum.',
        'Die Bahn hat den Fahrplan verbessert.',
        'Der Bürgermeister will die Verwaltung reparieren lassen.',
        'Die Mannschaft hat sich in der zweiten Halbzeit verbessert.',
        'Die Forscher untersuchen, ob Stammzellen bei Parkinson helfen könnten.',
        'In der Studie wurden zwölf Patienten mit ALS behandelt.',
        'Der Kurs hilft Anfängern beim Einstieg in die Programmierung.',
        'Die Temperaturen sinken in der Nacht auf zwei Grad.',
        'Die Mobilität in der Stadt soll durch neue Buslinien verbessert werden.',
    ],
    'it': [
        'Il comune migliora le piste ciclabili del centro.',
        "Le ferrovie hanno migliorato l'orario dei treni.",
        'Il sindaco vuole riparare le strade del quartiere.',
        'La squadra è migliorata nel secondo tempo.',
        'La ferita al dito è guarita bene.',
        'La nebbia è scomparsa in mattinata.',
        'Le temperature scendono di notte fino a due gradi.',
        'La mobilità urbana è migliorata con le nuove linee della metropolitana.',
    ],
}


def _cases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(lang, s) for lang, xs in table.items() for s in xs]


@pytest.mark.parametrize(("lang", "sentence"), _cases(POSITIVE))
def test_positive_probe_is_found(lang: str, sentence: str) -> None:
    assert hit(lang, sentence), claims(lang, sentence)


@pytest.mark.parametrize(("lang", "sentence"), _cases(NEGATIVE))
def test_negative_probe_is_left_alone(lang: str, sentence: str) -> None:
    assert not hit(lang, sentence), claims(lang, sentence)


@pytest.mark.parametrize(("lang", "sentence"), _cases(NOT_ONLY))
def test_not_only_is_a_claim_not_a_negation(lang: str, sentence: str) -> None:
    assert hit(lang, sentence), claims(lang, sentence)


@pytest.mark.parametrize("lang", sorted(FEW_CONDITIONS))
def test_proven_for_very_few_conditions_is_a_caution(lang: str) -> None:
    claim, caution = FEW_CONDITIONS[lang]
    assert hit(lang, claim), claims(lang, claim)
    assert not hit(lang, caution), claims(lang, caution)


@pytest.mark.parametrize(("lang", "sentence"), _cases(KNOWN_FALSE_HITS))
def test_known_false_hit_still_fires(lang: str, sentence: str) -> None:
    found = claims(lang, sentence)
    assert hit(lang, sentence), found
    # the new probe-driven entries (".p3_") are never the cause
    assert not any(".p3_" in e for _s, ids, _a in found for e in ids), found


@pytest.mark.parametrize("lang", sorted(NO_PROVEN_TREATMENT))
def test_no_proven_treatment_is_a_caution(lang: str) -> None:
    claim, caution = NO_PROVEN_TREATMENT[lang]
    assert hit(lang, claim), claims(lang, claim)
    assert not hit(lang, caution), claims(lang, caution)


#: the patient no longer suffers (written for this test, after a probe site's treatment page)
NO_LONGER_SUFFERS = {
    "fr": "La plupart de nos patients ne souffrent plus après trois mois.",
    "en": "Most of our patients no longer suffer after three months.",
    "de": "Die meisten unserer Patienten leiden nicht mehr nach drei Monaten.",
    "es": "La mayoría de nuestros pacientes ya no sufren después de tres meses.",
    "it": "La maggior parte dei nostri pazienti non soffrono più dopo tre mesi.",
    "pt": "A maioria dos nossos pacientes já não sofre após três meses.",
}


@pytest.mark.parametrize("lang", sorted(NO_LONGER_SUFFERS))
def test_a_patient_who_no_longer_suffers_is_a_claim(lang: str) -> None:
    assert hit(lang, NO_LONGER_SUFFERS[lang]), claims(lang, NO_LONGER_SUFFERS[lang])
