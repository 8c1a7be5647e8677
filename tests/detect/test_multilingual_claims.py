"""Multilingual lexicon coverage: how clinics phrase claims and how the press reports them.

The sentences below were written from linguistic knowledge (not copied from the corpus, and not
taken from the test split): outcome idioms ("der Tumor war nicht mehr nachweisbar", "la
malattia smette di progredire", "ya no necesitará una prótesis", "de klachten verdwijnen
volledig"), pro-drop first-person stories ("Soffrivo da anni...", "Llevaba años..."), and the
reported-speech markers of news and regulators (condizionale/condicional, "rühmt sich",
"beloofde", "sitesine göre"). Each sentence is analysed alone in a minimal page of its language
that names a therapy, so the test pins the lexicon, not the verdict model.
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
    "tr": "Kök hücre.",
    "fr": "Cellules souches.",
    "en": "Stem cells.",
}


def _kinds(lang: str, sentence: str, context: bool = True) -> dict[str, set[str]]:
    """Finding kinds (lexicon findings only, not inferred ones) overlapping ``sentence``."""
    first = f"<p>{_CONTEXT[lang]}</p>" if context else ""
    page = (
        f"<!DOCTYPE html><html lang='{lang}'><head><title>t</title></head><body><main>"
        f"{first}<p>{html.escape(sentence)}</p></main></body></html>"
    )
    doc = document_from_html(page.encode(), "https://example.test/p", source="file")
    analysis = analyze_document(doc)
    pos = doc.text.find(sentence[:30])
    assert pos >= 0
    out: dict[str, set[str]] = {}
    for f in analysis.findings:
        if f.attributes.get("inferred") == "yes":
            continue
        if f.end > pos and f.start < pos + len(sentence):
            out.setdefault(f.kind, set()).add(f.subkind)
    return out


CLAIMS = [
    ('de', 'Nach nur drei Infusionen war der Tumor nicht mehr nachweisbar.'),
    ('de', 'Die Stammzellen reparieren geschädigtes Gewebe und lassen neuen Knorpel wachsen.'),
    ('de', 'Unsere Therapie ist frei von Nebenwirkungen.'),
    ('de', 'Die Behandlung verursacht keinerlei Nebenwirkungen.'),
    ('de', 'Mehr als 90 Prozent unserer Patienten berichten von einer spürbaren Besserung.'),
    ('de', 'In neun von zehn Fällen bessern sich die Symptome deutlich.'),
    ('de', 'Viele Kinder mit Autismus sprechen nach der Behandlung zum ersten Mal ganze Sätze.'),
    ('de', 'Die Krankheit kommt zum Stillstand.'),
    ('de', 'Sie können auf die Chemotherapie verzichten.'),
    ('de', 'Die Zellen wandern gezielt zu den Entzündungsherden und fördern die Heilung.'),
    ('de', 'Geeignet für Patienten jeden Alters und jeder Diagnose.'),
    ('de', 'Wir geben Ihnen eine Erfolgsgarantie.'),
    ('de', 'Seit der Behandlung ist mein Vater wieder selbstständig.'),
    ('de', 'Ich hatte jahrelang Schmerzen, heute gehe ich wieder wandern.'),
    ('de', 'Unsere Tochter macht seitdem enorme Fortschritte.'),
    ('de', 'Nach der zweiten Sitzung konnte ich meine Insulindosis halbieren.'),
    ('de', 'Der Tumormarker ist um die Hälfte gesunken.'),
    ('de', 'Die Lebenserwartung steigt deutlich.'),
    ('de', 'Die Methode hat sich tausendfach bewährt.'),
    ('de', 'Die Zellen verjüngen den gesamten Organismus.'),
    ('de', 'Sie fühlen sich um Jahre jünger.'),
    ('de', 'Das Fortschreiten der Erkrankung wird aufgehalten.'),
    ('de', 'Bereits nach wenigen Wochen spüren Sie eine deutliche Linderung der Beschwerden.'),
    ('de', 'Schulmedizinisch austherapierte Patienten schöpfen bei uns neue Hoffnung.'),
    ('de', 'Die Behandlung ist schonend und ohne Risiken.'),
    ('de', 'Die Heilungsrate liegt bei 85 %.'),
    ('de', 'Die Beschwerden verschwinden vollständig.'),
    ('de', 'Die Metastasen haben sich zurückgebildet.'),
    ('de', 'Die Erfolgsaussichten sind hervorragend.'),
    ('de', 'Der Tumor ist deutlich geschrumpft.'),
    ('de', 'Die MS-Schübe bleiben aus.'),
    ('de', 'Die Patienten gewinnen ihre Mobilität zurück.'),
    ('de', 'Die Lähmung bildet sich zurück.'),
    ('de', 'Die Therapie wirkt bereits nach der ersten Anwendung.'),
    ('de', 'Der Knorpel baut sich neu auf.'),
    ('de', 'Damit lässt sich die Dialyse hinauszögern.'),
    ('de', 'Die Kinder werden ruhiger, schlafen besser und nehmen mehr Blickkontakt auf.'),
    ('de', 'Viele unserer Patienten brauchen danach kein Insulin mehr.'),
    ('de', 'Eine dauerhafte Heilung ist möglich.'),
    ('de', 'Die Schmerzen sind seitdem verschwunden.'),
    ('de', 'Die Ergebnisse sind spektakulär.'),
    ('de', 'Erstaunliche Erfolge bei Parkinson.'),
    ('de', 'Die Krebszellen werden gezielt vernichtet.'),
    ('de', 'Die Therapie ist für jeden Patienten geeignet.'),
    ('de', 'Heute bin ich beschwerdefrei und kann wieder arbeiten.'),
    ('de', 'Ich würde die Behandlung jederzeit wieder machen.'),
    ('de', 'Unser Sohn hat nach der Therapie angefangen zu sprechen.'),
    ('it', 'Dopo tre infusioni il tumore non era più visibile alla TAC.'),
    ('it', 'Le cellule staminali rigenerano la cartilagine e fanno sparire il dolore.'),
    ('it', 'La terapia è priva di effetti collaterali.'),
    ('it', 'Oltre il 90% dei pazienti riferisce un netto miglioramento.'),
    ('it', 'Nove pazienti su dieci tornano a camminare senza stampelle.'),
    ('it', 'Molti bambini autistici iniziano a parlare dopo il trattamento.'),
    ('it', 'La malattia smette di progredire.'),
    ('it', 'Può evitare la chemioterapia e i suoi effetti devastanti.'),
    ('it', 'La protesi diventa inutile.'),
    ('it', 'Adatto a pazienti di ogni età e in qualsiasi fase della malattia.'),
    ('it', 'Offriamo una garanzia di rimborso se non noti miglioramenti.'),
    ('it', 'Mio padre ora è di nuovo autonomo.'),
    ('it', 'Soffrivo da anni di dolori, oggi faccio di nuovo trekking.'),
    ('it', 'Nostra figlia ha fatto progressi enormi.'),
    ('it', 'Dopo la seconda seduta ho potuto dimezzare la dose di insulina.'),
    ('it', 'I marcatori tumorali si sono dimezzati.'),
    ('it', "L'aspettativa di vita aumenta in modo significativo."),
    ('it', 'Il metodo è stato collaudato su migliaia di pazienti.'),
    ('it', "Le cellule ringiovaniscono l'intero organismo."),
    ('it', 'Ti sentirai dieci anni più giovane.'),
    ('it', 'La progressione della malattia si arresta.'),
    ('it', 'Già dopo poche settimane i sintomi si attenuano.'),
    ('it', 'I pazienti che la medicina tradizionale ha abbandonato trovano qui una nuova speranza.'),
    ('it', "Il tasso di guarigione supera l'85%."),
    ('it', 'I sintomi scompaiono completamente.'),
    ('it', 'Le metastasi sono regredite.'),
    ('it', 'Il tumore si è ridotto notevolmente.'),
    ('it', 'Le ricadute della sclerosi multipla non si sono più presentate.'),
    ('it', 'I pazienti recuperano la mobilità.'),
    ('it', 'La paralisi regredisce.'),
    ('it', 'Una cura definitiva per il diabete di tipo 1.'),
    ('it', 'Risultati visibili fin dalla prima seduta.'),
    ('it', 'Trattamento privo di rischi.'),
    ('it', 'I bambini diventano più calmi, dormono meglio e cercano di più il contatto visivo.'),
    ('it', 'Molti nostri pazienti non hanno più bisogno di insulina.'),
    ('it', 'Le cellule tumorali vengono distrutte in modo mirato.'),
    ('it', 'Risultati spettacolari nel Parkinson.'),
    ('it', 'Il dolore è sparito del tutto.'),
    ('it', 'La terapia è adatta a tutti i pazienti.'),
    ('it', 'Si può rimandare la dialisi.'),
    ('it', 'Oggi non ho più sintomi e sono tornato al lavoro.'),
    ('it', 'Rifarei il trattamento domani stesso.'),
    ('it', 'Nostro figlio ha iniziato a parlare dopo la terapia.'),
    ('es', 'Tras tres infusiones el tumor ya no aparecía en el escáner.'),
    ('es', 'Las células madre regeneran el cartílago y eliminan el dolor.'),
    ('es', 'El tratamiento no tiene efectos secundarios.'),
    ('es', 'Más del 90 % de nuestros pacientes notan una mejoría clara.'),
    ('es', 'Nueve de cada diez pacientes vuelven a caminar sin muletas.'),
    ('es', 'Muchos niños con autismo empiezan a hablar después del tratamiento.'),
    ('es', 'Se detiene la progresión de la enfermedad.'),
    ('es', 'Podrá evitar la quimioterapia y sus efectos devastadores.'),
    ('es', 'Ya no necesitará una prótesis de rodilla.'),
    ('es', 'Apto para pacientes de cualquier edad y en cualquier fase de la enfermedad.'),
    ('es', 'Le devolvemos su dinero si no nota mejoría.'),
    ('es', 'Mi padre vuelve a ser independiente.'),
    ('es', 'Llevaba años con dolores y hoy vuelvo a hacer senderismo.'),
    ('es', 'Nuestra hija ha progresado muchísimo.'),
    ('es', 'Después de la segunda sesión pude reducir a la mitad la dosis de insulina.'),
    ('es', 'Los marcadores tumorales bajaron a la mitad.'),
    ('es', 'La esperanza de vida aumenta notablemente.'),
    ('es', 'Las células rejuvenecen todo el organismo.'),
    ('es', 'Se sentirá diez años más joven.'),
    ('es', 'Los síntomas desaparecen por completo.'),
    ('es', 'Las metástasis remitieron.'),
    ('es', 'El tumor se redujo considerablemente.'),
    ('es', 'Los pacientes recuperan la movilidad.'),
    ('es', 'Una cura definitiva para la diabetes tipo 1.'),
    ('es', 'Resultados visibles desde la primera sesión.'),
    ('es', 'Un tratamiento sin riesgos y totalmente natural.'),
    ('es', 'Es la única alternativa cuando la medicina convencional ya no ofrece soluciones.'),
    ('es', 'Las células tumorales son destruidas de forma selectiva.'),
    ('es', 'Resultados espectaculares en el Parkinson.'),
    ('es', 'El dolor desapareció por completo.'),
    ('es', 'La terapia es apta para todos los pacientes.'),
    ('es', 'Se puede retrasar la diálisis.'),
    ('es', 'Los brotes de esclerosis múltiple dejaron de aparecer.'),
    ('es', 'Hoy ya no tengo síntomas y he vuelto a trabajar.'),
    ('es', 'Volvería a hacerme el tratamiento sin dudarlo.'),
    ('es', 'Nuestro hijo empezó a hablar después de la terapia.'),
    ('nl', 'Na drie infusies was de tumor niet meer zichtbaar op de scan.'),
    ('nl', 'De stamcellen herstellen het kraakbeen en de pijn verdwijnt.'),
    ('nl', 'De behandeling heeft geen bijwerkingen.'),
    ('nl', 'Meer dan 90% van onze patiënten merkt een duidelijke verbetering.'),
    ('nl', 'Negen op de tien patiënten lopen weer zonder krukken.'),
    ('nl', 'De ziekte komt tot stilstand.'),
    ('nl', 'U kunt chemotherapie vermijden.'),
    ('nl', 'Een knieprothese is niet meer nodig.'),
    ('nl', 'Geschikt voor patiënten van elke leeftijd en in elk stadium.'),
    ('nl', 'Geld terug als u geen verbetering merkt.'),
    ('nl', 'Mijn vader is weer zelfstandig.'),
    ('nl', 'Ik had jarenlang pijn, nu wandel ik weer.'),
    ('nl', 'Onze dochter maakt enorme vooruitgang.'),
    ('nl', 'Na de tweede sessie kon ik mijn insulinedosis halveren.'),
    ('nl', 'De tumormarkers zijn gehalveerd.'),
    ('nl', 'De levensverwachting neemt aanzienlijk toe.'),
    ('nl', 'De cellen verjongen het hele lichaam.'),
    ('nl', 'U voelt zich tien jaar jonger.'),
    ('nl', 'De klachten verdwijnen volledig.'),
    ('nl', 'De uitzaaiingen zijn verdwenen.'),
    ('nl', 'De tumor is flink gekrompen.'),
    ('nl', 'Patiënten krijgen hun mobiliteit terug.'),
    ('nl', 'Een definitieve genezing van diabetes type 1.'),
    ('nl', 'Zichtbaar resultaat na de eerste sessie.'),
    ('nl', "Een natuurlijke behandeling zonder risico's."),
    ('nl', 'Wanneer de reguliere geneeskunde niets meer kan bieden, is dit uw kans.'),
    ('nl', 'De kankercellen worden gericht vernietigd.'),
    ('nl', 'Spectaculaire resultaten bij Parkinson.'),
    ('nl', 'De pijn is helemaal weg.'),
    ('nl', 'De therapie is geschikt voor iedere patiënt.'),
    ('nl', 'Dialyse kan worden uitgesteld.'),
    ('nl', 'De MS-aanvallen bleven uit.'),
    ('nl', 'Vandaag heb ik geen klachten meer en werk ik weer.'),
    ('nl', 'Ik zou de behandeling zo weer doen.'),
    ('nl', 'Ons zoontje begon na de therapie te praten.'),
    ('pt', 'Após três infusões, o tumor deixou de aparecer nos exames.'),
    ('pt', 'O tratamento não tem efeitos colaterais.'),
    ('pt', 'Mais de 90% dos nossos pacientes relatam uma melhora evidente.'),
    ('pt', 'Nove em cada dez pacientes voltam a andar sem muletas.'),
    ('pt', 'Muitas crianças com autismo começam a falar depois do tratamento.'),
    ('pt', 'Você pode evitar a quimioterapia.'),
    ('pt', 'Meu pai voltou a ser independente.'),
    ('pt', 'Os sintomas desaparecem completamente.'),
    ('pt', 'Uma cura definitiva para o diabetes tipo 1.'),
    ('pt', 'Tratamento sem riscos e totalmente natural.'),
    ('pt', 'A doença deixa de progredir.'),
    ('pt', 'As células rejuvenescem todo o organismo.'),
    ('pt', 'As metástases regrediram.'),
    ('pt', 'Hoje já não tenho sintomas e voltei a trabalhar.'),
    ('tr', 'Üç infüzyondan sonra tümör taramada görünmüyordu.'),
    ('tr', 'Tedavinin hiçbir yan etkisi yoktur.'),
    ('tr', "Hastalarımızın yüzde 90'ından fazlası belirgin bir iyileşme bildiriyor."),
    ('tr', 'Otizmli birçok çocuk tedaviden sonra konuşmaya başlıyor.'),
    ('tr', 'Kemoterapiden kaçınabilirsiniz.'),
    ('tr', 'Babam artık yeniden kendi işlerini yapabiliyor.'),
    ('tr', 'Şikayetler tamamen ortadan kalkıyor.'),
    ('tr', 'Tip 1 diyabete kesin çözüm.'),
    ('tr', 'Risksiz ve tamamen doğal bir tedavi.'),
    ('tr', 'Hastalığın ilerlemesi durduruluyor.'),
    ('de', 'Da wir ausschließlich Ihre eigenen Zellen verwenden, sind Unverträglichkeiten praktisch ausgeschlossen.'),
    ('de', 'Bei drei von vier Patienten lässt der Schmerz bereits nach wenigen Wochen spürbar nach.'),
    ('de', 'Die Injektion ersetzt in vielen Fällen das künstliche Kniegelenk.'),
    ('de', 'Das körpereigene Immunsystem wird wieder in die Lage versetzt, den Krebs zu bekämpfen.'),
    ('de', 'Selbst im fortgeschrittenen Stadium können wir noch helfen.'),
    ('de', 'Sehen Sie selbst: Vorher und nachher Aufnahmen unserer Patienten.'),
    ('de', 'Schon nach einer Sitzung spürten viele eine deutliche Verbesserung ihrer Beweglichkeit.'),
    ('de', 'Die Therapie eignet sich auch für Patienten, denen die Ärzte keine Chance mehr gegeben haben.'),
    ('de', 'Nach drei Monaten konnte mein Mann wieder ohne Stock spazieren gehen.'),
    ('de', 'Wir sind dem ganzen Team von Herzen dankbar.'),
    ('it', 'Poiché utilizziamo esclusivamente le sue cellule, le reazioni avverse sono praticamente escluse.'),
    ('it', 'In tre pazienti su quattro il dolore si riduce sensibilmente già dopo poche settimane.'),
    ('it', 'Il sistema immunitario torna in grado di combattere il tumore.'),
    ('it', 'Anche nelle fasi avanzate possiamo ancora aiutarla.'),
    ('it', 'Le cellule si integrano nel tessuto nervoso danneggiato e ne favoriscono la rigenerazione.'),
    ('it', 'Guardi le foto prima e dopo dei nostri pazienti.'),
    ('it', 'Dopo una sola seduta molti hanno notato una maggiore mobilità.'),
    ('it', 'La terapia è indicata anche per chi è stato dichiarato incurabile.'),
    ('it', 'Dopo tre mesi mio marito è tornato a passeggiare senza bastone.'),
    ('it', "Siamo grati di cuore a tutta l'équipe."),
    ('it', 'La mia glicemia è stabile da quando ho fatto il trattamento.'),
    ('es', 'Como solo utilizamos sus propias células, el rechazo es prácticamente imposible.'),
    ('es', 'En tres de cada cuatro pacientes el dolor disminuye notablemente en pocas semanas.'),
    ('es', 'Más de 2.000 pacientes satisfechos avalan nuestros resultados.'),
    ('es', 'El sistema inmunitario vuelve a ser capaz de combatir el cáncer.'),
    ('es', 'Incluso en fases avanzadas todavía podemos ayudarle.'),
    ('es', 'Las células se integran en el tejido nervioso dañado y favorecen su regeneración.'),
    ('es', 'Vea las fotos de antes y después de nuestros pacientes.'),
    ('es', 'Tras una sola sesión muchos notaron una mayor movilidad.'),
    ('es', 'La terapia también está indicada para quienes fueron desahuciados.'),
    ('es', 'A los tres meses mi marido volvió a pasear sin bastón.'),
    ('es', 'Estamos profundamente agradecidos a todo el equipo.'),
    ('es', 'Mi glucosa está estable desde que me hice el tratamiento.'),
    ('nl', 'Omdat we uitsluitend uw eigen cellen gebruiken, is afstoting vrijwel uitgesloten.'),
    ('nl', 'Bij drie op de vier patiënten neemt de pijn binnen enkele weken merkbaar af.'),
    ('nl', 'De injectie vervangt in veel gevallen de knieprothese.'),
    ('nl', 'Het immuunsysteem wordt weer in staat gesteld de kanker te bestrijden.'),
    ('nl', 'Ook in een vergevorderd stadium kunnen wij nog helpen.'),
    ('nl', 'De cellen nestelen zich in beschadigd zenuwweefsel en bevorderen het herstel.'),
    ('nl', "Bekijk de voor- en nafoto's van onze patiënten."),
    ('nl', 'Na één sessie merkten velen al een grotere beweeglijkheid.'),
    ('nl', 'De therapie is ook geschikt voor mensen die uitbehandeld zijn.'),
    ('nl', 'Na drie maanden kon mijn man weer zonder stok wandelen.'),
    ('nl', 'We zijn het hele team ontzettend dankbaar.'),
    ('nl', 'Mijn bloedsuiker is stabiel sinds de behandeling.'),
]

REPORTS = [
    ('de', 'Laut Angaben des Anbieters sollen die Zellen Krebs heilen.'),
    ('de', 'Die Klinik stellt in Aussicht, dass Kinder mit Autismus sprechen lernen.'),
    ('de', 'Fachleute halten diese Versprechen für unseriös.'),
    ('de', 'Nach Recherchen des Magazins kostet die Behandlung bis zu 20.000 Euro.'),
    ('de', 'Auf ihrer Website heißt es, die Therapie sei frei von Nebenwirkungen.'),
    ('de', 'Die Anbieter versprachen Heilung, doch Belege fehlen.'),
    ('de', 'Die Klinik warb damit, dass die Zellen Parkinson heilen könnten.'),
    ('de', 'Wissenschaftler bezweifeln, dass die Behandlung wirkt.'),
    ('de', 'Der Arzt soll Patienten eine Heilung in Aussicht gestellt haben.'),
    ('it', 'Secondo quanto riportato sul sito, le cellule curerebbero il cancro.'),
    ('it', 'La clinica prometteva la guarigione ai pazienti.'),
    ('it', 'Gli esperti definiscono queste promesse prive di fondamento.'),
    ('it', "L'efficacia non è mai stata dimostrata, avverte l'agenzia."),
    ('it', "Il sito della clinica pubblicizzava trattamenti contro l'autismo."),
    ('it', 'Secondo gli inquirenti, i pazienti pagavano fino a 30.000 euro.'),
    ('it', 'Il medico avrebbe promesso la guarigione a pazienti malati di tumore.'),
    ('it', 'Gli scienziati dubitano che il trattamento funzioni.'),
    ('es', 'Según la web de la clínica, las células curarían el cáncer.'),
    ('es', 'La clínica prometía la curación a los pacientes.'),
    ('es', 'Los expertos califican estas promesas de infundadas.'),
    ('es', 'Su eficacia nunca ha sido demostrada, advierte la agencia.'),
    ('es', 'De acuerdo con la investigación, los pacientes pagaban hasta 30.000 euros.'),
    ('es', 'El centro anunciaba en redes sociales supuestas curas del autismo.'),
    ('es', 'La Guardia Civil detuvo al responsable de la clínica.'),
    ('es', 'El médico habría prometido la curación a enfermos de cáncer.'),
    ('es', 'Los científicos dudan de que el tratamiento funcione.'),
    ('nl', 'Volgens de website van de kliniek zouden de cellen kanker genezen.'),
    ('nl', 'De kliniek beloofde patiënten genezing.'),
    ('nl', 'Deskundigen noemen die beloftes ongefundeerd.'),
    ('nl', 'De werkzaamheid is nooit aangetoond, waarschuwt de Inspectie.'),
    ('nl', 'Uit onderzoek van de krant blijkt dat patiënten tot 30.000 euro betaalden.'),
    ('nl', 'Het zogenaamde wondermiddel wordt via sociale media aangeprezen.'),
    ('nl', 'De arts zou genezing hebben beloofd aan kankerpatiënten.'),
    ('nl', 'Wetenschappers betwijfelen of de behandeling werkt.'),
    ('pt', 'Segundo o site da clínica, as células curariam o câncer.'),
    ('pt', 'A clínica prometia a cura aos pacientes.'),
    ('pt', 'A agência alerta que a eficácia nunca foi comprovada.'),
    ('pt', 'Os especialistas consideram estas promessas infundadas.'),
    ('tr', 'Kliniğin internet sitesine göre hücreler kanseri tedavi ediyor.'),
    ('tr', 'Uzmanlar bu vaatlerin bilimsel dayanağı olmadığı konusunda uyarıyor.'),
    ('tr', 'Sağlık Bakanlığı, tedavinin onaylı olmadığını açıkladı.'),
    ('de', 'Das Landgericht untersagte der Klinik, mit Heilversprechen zu werben.'),
    ('de', 'Der Verbraucherzentrale liegen zahlreiche Beschwerden von Betroffenen vor.'),
    ('de', 'Die Behörde hat die Herstellung der Zellpräparate untersagt.'),
    ('de', 'Die Klinik rühmt sich, Autismus heilen zu können.'),
    ('de', 'Nach Einschätzung von Experten gibt es dafür keine wissenschaftliche Grundlage.'),
    ('it', 'Il tribunale ha vietato alla clinica di promettere guarigioni.'),
    ('it', "Sono numerose le segnalazioni di pazienti arrivate all'associazione dei consumatori."),
    ('it', "L'autorità ha disposto la chiusura del laboratorio."),
    ('it', "La clinica si vanta di poter guarire l'autismo."),
    ('it', 'Per gli esperti non esiste alcuna base scientifica.'),
    ('es', 'El juzgado prohibió a la clínica prometer curaciones.'),
    ('es', 'La asociación de consumidores ha recibido numerosas quejas de pacientes.'),
    ('es', 'La autoridad sanitaria ordenó el cierre del laboratorio.'),
    ('es', 'La clínica presume de poder curar el autismo.'),
    ('es', 'Para los expertos no existe ninguna base científica.'),
    ('nl', 'De rechter verbood de kliniek genezing te beloven.'),
    ('nl', 'De Consumentenbond ontving tientallen klachten van patiënten.'),
    ('nl', 'De inspectie heeft het laboratorium laten sluiten.'),
    ('nl', 'De kliniek pocht dat ze autisme kan genezen.'),
    ('nl', 'Volgens experts is er geen enkele wetenschappelijke basis.'),
]

CALLS_TO_ACTION = [
    ('de', 'Fordern Sie jetzt Ihr unverbindliches Informationspaket an.'),
    ('de', 'Sichern Sie sich einen der begrenzten Behandlungsplätze.'),
    ('de', 'Schicken Sie uns einfach Ihre aktuellen Arztberichte per E-Mail.'),
    ('it', 'Richiedi subito il tuo pacchetto informativo gratuito.'),
    ('it', 'I posti disponibili sono limitati: assicurati il tuo trattamento.'),
    ('it', 'Inviaci i tuoi referti via email.'),
    ('es', 'Solicite ahora su dossier informativo gratuito.'),
    ('es', 'Plazas limitadas: reserve ya su tratamiento.'),
    ('es', 'Envíenos sus informes médicos por correo electrónico.'),
    ('nl', 'Vraag nu gratis onze informatiebrochure aan.'),
    ('nl', 'Beperkt aantal plaatsen: reserveer nu uw behandeling.'),
    ('nl', 'Stuur ons uw medische verslagen per e-mail.'),
]


@pytest.mark.parametrize(("lang", "sentence"), CLAIMS)
def test_claim_or_testimonial_is_found(lang: str, sentence: str) -> None:
    kinds = _kinds(lang, sentence)
    assert kinds.keys() & {"claim", "testimonial"}, kinds


@pytest.mark.parametrize(("lang", "sentence"), REPORTS)
def test_reporting_context_is_found(lang: str, sentence: str) -> None:
    kinds = _kinds(lang, sentence)
    assert "reporting_context" in kinds, kinds


@pytest.mark.parametrize(("lang", "sentence"), CALLS_TO_ACTION)
def test_call_to_action_is_found(lang: str, sentence: str) -> None:
    kinds = _kinds(lang, sentence)
    assert "call_to_action" in kinds, kinds


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        # "fordern" (to demand) folds like "fördern" (to promote): a news verb, not a claim
        ("de", "Verbraucherschützer fordern ein Verbot der Werbung."),
        ("de", "Die Opposition fordert die Regierung zum Handeln auf."),
        ("de", "Der Bundestag hat am Donnerstag über den Haushalt abgestimmt."),
        ("it", "Il Parlamento ha approvato giovedì la legge di bilancio."),
        ("es", "El Congreso aprobó el jueves los presupuestos generales."),
        ("nl", "De Tweede Kamer stemde donderdag over de begroting."),
    ],
)
def test_ordinary_news_sentence_has_no_claim(lang: str, sentence: str) -> None:
    kinds = _kinds(lang, sentence)
    assert not kinds.keys() & {"claim", "testimonial", "call_to_action"}, kinds


def test_turkish_sikayet_symptoms_is_not_a_reporting_cue() -> None:
    # "şikayet" is a legal complaint but also the everyday word for symptoms on clinic pages
    kinds = _kinds("tr", "Tedaviden sonra şikayetleriniz belirgin şekilde azalır.")
    assert "reporting_context" not in kinds, kinds
    assert "reporting_context" in _kinds("tr", "Aileler savcılığa şikayette bulundu.")


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "She holds an MSc in computer science from a Scottish university."),
        ("de", "Er hat einen MSc in Informatik und arbeitet als Entwickler."),
        ("es", "Tiene un MSc en economía por una universidad británica."),
    ],
)
def test_msc_degree_is_not_a_therapy(lang: str, sentence: str) -> None:
    kinds = _kinds(lang, sentence, context=False)
    assert "therapy" not in kinds, kinds


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("it", "Non esiste una cura definitiva per la sclerosi laterale amiotrofica."),
        ("de", "Für die amyotrophe Lateralsklerose gibt es keine Heilung."),
        ("es", "La esclerosis lateral amiotrófica no tiene cura."),
        ("nl", "ALS is tot op heden ongeneeslijk en er is geen genezing."),
    ],
)
def test_negated_cure_in_encyclopaedic_sentence_is_reported(lang: str, sentence: str) -> None:
    """A claim may be found in a negated sentence, but only as reported, never as the page's own."""
    page = (
        f"<!DOCTYPE html><html lang='{lang}'><body><main><p>{_CONTEXT[lang]}</p>"
        f"<p>{html.escape(sentence)}</p></main></body></html>"
    )
    doc = document_from_html(page.encode(), "https://example.test/n", source="file")
    own = [
        f.match
        for f in analyze_document(doc).findings
        if f.kind == "claim"
        and f.attributes.get("reported") != "yes"
        and f.attributes.get("inferred") != "yes"
    ]
    assert not own, own
