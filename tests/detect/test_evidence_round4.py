"""Round-4 evidence: promotional statements the lexicons read as claims, offers or calls to
action in the eight languages (issue 12: claim recall on real pages).

Sentences written for these tests (general phrasings of each class, not any real page's
sentences). Each class is checked in French first, then in the other languages.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_html

#: (language, clinic sentence) per class: the page names the therapy in its heading
CASES = {
    "experience": [
        ("fr", "Depuis 2015, plusieurs centaines de patients ont été traités dans notre centre."),
        ("en", "Over the past years we have treated more than 500 patients."),
        ("de", "Seit 2010 haben wir über 800 Patienten erfolgreich behandelt."),
        ("es", "En nuestra clínica hemos tratado a más de 300 personas."),
        ("it", "Nel nostro centro abbiamo trattato oltre 200 persone."),
        ("pt", "Já tratamos mais de 400 pessoas na nossa clínica."),
        ("tr", "Merkezimizde yüzlerce hasta bu yöntemle tedavi edildi."),
        ("nl", "In onze kliniek zijn al honderden patiënten behandeld."),
    ],
    # the provider's own experience, in its voice, with no count (« notre expérience clinique
    # préliminaire »), or its patients treated on its premises
    "own_experience": [
        ("fr", "Notre expérience clinique préliminaire confirme l'intérêt de ce traitement."),
        ("en", "Patients treated at our clinic come from over 40 countries."),
        ("de", "Unsere klinische Erfahrung mit dieser Methode ist sehr gut."),
        ("es", "Los pacientes tratados en nuestra clínica vienen de 30 países."),
        ("it", "La nostra esperienza clinica con questa tecnica è molto positiva."),
        ("pt", "Os pacientes tratados em nossas instalações vêm de 20 países."),
        ("nl", "Onze klinische ervaring met deze methode is zeer goed."),
    ],
    "results": [
        ("fr", "La plupart des patients constatent les premiers résultats au bout de six semaines."),
        ("en", "Most patients report less pain within a few weeks."),
        ("de", "Viele Patienten berichten schon nach wenigen Wochen von weniger Schmerzen."),
        ("es", "Los primeros resultados aparecen al cabo de un mes."),
        ("it", "I primi risultati si vedono dopo un mese."),
        ("pt", "Os primeiros resultados aparecem depois de um mês."),
        ("tr", "İlk sonuçlar bir ay içinde görülür."),
        ("nl", "De eerste resultaten zijn na een maand te zien."),
    ],
    "credentials": [
        ("fr", "Notre laboratoire certifié applique un contrôle qualité à chaque lot."),
        ("en", "Our certified laboratory applies strict quality control to every batch."),
        ("de", "Unser zertifiziertes Labor prüft jede Charge mit strenger Qualitätskontrolle."),
        ("es", "Nuestro laboratorio certificado aplica un estricto control de calidad."),
        ("it", "Il nostro laboratorio certificato applica un rigoroso controllo di qualità."),
        ("pt", "O nosso laboratório certificado aplica um rigoroso controlo de qualidade."),
        ("tr", "Laboratuvarımız sertifikalı ve her partide kalite kontrol yapılır."),
        ("nl", "Ons laboratorium is gecertificeerd en voert strenge kwaliteitscontrole uit."),
    ],
    "access": [
        ("fr", "Le traitement coûte bien moins cher qu'en Europe de l'Ouest, sans liste d'attente."),
        ("en", "Treatment here is far more affordable, with no waiting list."),
        ("de", "Die Behandlung ist hier deutlich günstiger als zu Hause, ohne Wartezeit."),
        ("es", "El tratamiento es más económico que en Europa y sin listas de espera."),
        ("it", "Il trattamento è più economico che in Europa e senza liste d'attesa."),
        ("pt", "O tratamento é mais barato do que na Europa e sem lista de espera."),
        ("tr", "Tedavi burada daha ucuz ve bekleme listesi olmadan yapılır."),
        ("nl", "De behandeling is hier goedkoper en zonder wachtlijst."),
    ],
}
#: experience and volume are listed as inferred evidence (weighed, they moved a model fitted
#: without French pages to accuse one more French page: docs/detection.md, fourth round)
INFERRED = {"experience", "own_experience"}
CTAS = [
    ("fr", "Demandez un rendez-vous en ligne"),
    ("en", "Book appointment now"),
    ("de", "Lassen Sie sich beraten"),
    ("es", "Pide cita hoy"),
    ("it", "Prenota una visita"),
    ("pt", "Agende sua consulta"),
    ("tr", "Hemen randevu alın"),
    ("nl", "Maak een afspraak"),
]
THERAPY = {
    "fr": "Cellules souches mésenchymateuses",
    "en": "Mesenchymal stem cells",
    "de": "Mesenchymale Stammzellen",
    "es": "Células madre mesenquimales",
    "it": "Cellule staminali mesenchimali",
    "pt": "Células-tronco mesenquimais",
    "tr": "Mezenkimal kök hücre",
    "nl": "Mesenchymale stamcellen",
}


def _findings(lang: str, *paragraphs: str) -> list:  # type: ignore[type-arg]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html lang='{lang}'><body><h1>{THERAPY[lang]}</h1>{body}</body></html>"
    doc = document_from_html(html.encode("utf-8"), "https://clinic.example/")
    return Detector.default().analyze(doc).findings


#: classes whose phrasings are terms of another class's entry
ENTRY = {"own_experience": "experience"}


def _r4(findings: list, cls: str) -> list:  # type: ignore[type-arg]
    cls = ENTRY.get(cls, cls)
    return [f for f in findings if any(e.endswith(f".r4_{cls}") for e in f.entry_ids)]


@pytest.mark.parametrize("cls,lang,sentence", [(c, lang, s) for c, cases in CASES.items() for lang, s in cases])
def test_each_class_is_read_as_a_claim(cls: str, lang: str, sentence: str) -> None:
    found = _r4(_findings(lang, sentence), cls)
    assert found, (cls, lang, sentence)
    inferred = "yes" if cls in INFERRED else None
    assert all(f.kind == "claim" and f.attributes.get("inferred") == inferred for f in found)
    assert sentence.rstrip(".") in found[0].quote


@pytest.mark.parametrize("lang,button", CTAS)
def test_short_calls_to_action_are_read(lang: str, button: str) -> None:
    calls = [f for f in _findings(lang, button) if f.kind == "call_to_action"]
    assert calls, (lang, button)


def test_a_news_story_quoting_a_clinic_s_figures_reports_them() -> None:
    # the same phrasing in reported speech on a news page stays « reported »: not the page's claim
    found = _findings(
        "en",
        "The clinic said it had treated more than 500 patients, according to the newspaper's investigation.",
    )
    claims = _r4(found, "experience")
    assert claims and all(f.attributes.get("reported") == "yes" for f in claims)


def test_administration_is_an_inferred_offer_only_where_the_product_is_named() -> None:
    found = _findings("fr", "Les cellules sont réinjectées le lendemain dans l'articulation.")
    offers = _r4(found, "administration")
    assert offers and all(f.kind == "offer" and f.attributes.get("inferred") == "yes" for f in offers)
    html = "<html lang='fr'><body><h1>Vaccination</h1><p>Le vaccin est injecté dans le bras.</p></body></html>"
    doc = document_from_html(html.encode("utf-8"), "https://sante.example/")
    assert not _r4(Detector.default().analyze(doc).findings, "administration")


def test_a_mechanism_sentence_after_the_one_naming_the_cells_is_read() -> None:
    # the pronoun sentence follows the paragraph that names the product
    found = _findings("fr", "Elles régulent la réponse immunitaire des patients.")
    mech = [f for f in found if any(e.endswith("r4_mechanism") for e in f.entry_ids)]
    assert mech and mech[0].attributes.get("inferred") == "yes"
    # two paragraphs further, the link is lost
    found = _findings(
        "fr",
        "Notre équipe vous accueille du lundi au vendredi.",
        "Le parking est gratuit pour les visiteurs.",
        "La mairie régule la circulation du centre-ville.",
    )
    assert not [f for f in found if any(e.endswith("r4_mechanism") for e in f.entry_ids)]


#: the widgets every site's template holds, a clinic's and a newspaper's alike
TEMPLATE_WIDGETS = {
    "fr": ["Abonnez-vous à notre newsletter", "Inscrivez-vous à notre newsletter", "Lire la suite"],
    "en": ["Subscribe to our newsletter", "Join our newsletter", "Read more", "Related articles", "Subscribe"],
    "de": ["Newsletter abonnieren", "Zum Newsletter anmelden"],
    "es": ["Suscríbete a nuestro boletín", "Suscríbase"],
    "it": ["Iscriviti alla newsletter"],
    "pt": ["Subscreva a nossa newsletter", "Inscreva-se na nossa newsletter"],
    "tr": ["Bültenimize abone olun"],
    "nl": ["Schrijf je in voor de nieuwsbrief"],
}


@pytest.mark.parametrize("lang", sorted(TEMPLATE_WIDGETS))
def test_a_template_s_newsletter_and_read_more_are_no_call_nor_news(lang: str) -> None:
    """A newsletter's sign-up is no contact about a treatment, a "Read more" button no newspaper:
    as cues they turned a clinic's page wrapped in an ordinary template (cookie notice, menu,
    share buttons, newsletter) from 0.94 to 0.45, and a trial's page from 0.34 to 0.62."""
    found = _findings(lang, "Texte.", *(f"{w}." for w in TEMPLATE_WIDGETS[lang]))
    assert not [f.quote for f in found if f.kind == "call_to_action" or (f.kind == "genre" and f.subkind == "news")]


def test_signing_up_for_a_treatment_is_still_a_call() -> None:
    # « inscrivez-vous » is a booking beside no newsletter
    found = _findings("fr", "Inscrivez-vous dès maintenant pour votre protocole de cellules souches.")
    assert [f.subkind for f in found if f.kind == "call_to_action"] == ["booking"]
    found = _findings("fr", "Inscrivez-vous à notre lettre d'information.")
    assert not [f for f in found if f.kind == "call_to_action"]


#: a blog's comment form, as WordPress prints it in each language
COMMENT_FORMS = {
    "fr": "Votre adresse e-mail ne sera pas publiée. Enregistrer mon nom, mon e-mail et mon site dans le navigateur.",
    "en": "Your email address will not be published. Save my name, email, and website in this browser.",
    "de": "Deine E-Mail-Adresse wird nicht veröffentlicht. Meinen Namen, meine E-Mail-Adresse im Browser speichern.",
    "es": "Tu dirección de correo electrónico no será publicada. Guarda mi nombre, correo electrónico y web.",
    "it": "Il tuo indirizzo email non sarà pubblicato. Salva il mio nome, email e sito web in questo browser.",
    "pt": "O seu endereço de email não será publicado. Salvar meus dados neste navegador.",
    "nl": "Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *.",
    "tr": "E-posta adresiniz yayınlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir.",
}


@pytest.mark.parametrize("lang", sorted(COMMENT_FORMS))
def test_a_comment_form_s_notices_are_no_story(lang: str) -> None:
    """« Enregistrer mon nom, mon e-mail… » is a form's, not a patient's first person: a comment
    form's notices are dropped with their paragraph, as a cookie notice is."""
    found = _findings(lang, "Texte.", COMMENT_FORMS[lang])
    assert not [f.quote for f in found if f.quote and f.quote in COMMENT_FORMS[lang]], lang


def test_a_byline_is_a_weak_news_cue() -> None:
    """A byline (« Publié le 12 mars 2024 par admin ») tops every blog post, a clinic's too: it
    weighs less than a newspaper's mark (« Par la rédaction, 12 mars 2024 »)."""

    def genre_reporting(paragraph: str) -> float:
        html = f"<html lang='fr'><body><h1>{THERAPY['fr']}</h1><p>{paragraph}</p></body></html>"
        doc = document_from_html(html.encode("utf-8"), "https://clinic.example/")
        return Detector.default().analyze(doc).features["genre_reporting"]

    byline = genre_reporting("Publié le 12 mars 2024 par admin.")
    assert 0 < byline < 1.0
    assert genre_reporting("Par la rédaction, 12 mars 2024.") == 1.0
