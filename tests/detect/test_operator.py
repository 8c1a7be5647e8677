"""Operator identity from a site's legal notice (pages written for these tests, fictitious)."""

from __future__ import annotations

import pytest

from vigipub.detect.operator import OperatorExtractor, find_operator
from vigipub.evidence.core import RecordRef
from vigipub.evidence.findings import FindingsFile, OperatorIdentity
from vigipub.extract import document_from_html


def _doc(url: str, body: str, title: str = "", record: RecordRef | None = None):  # type: ignore[no-untyped-def]
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return document_from_html(html.encode("utf-8"), url, record=record)


IMPRESSUM_CH = """
<nav><a href="/">Start</a> <a href="/therapie">Therapie</a></nav>
<h1>Impressum</h1>
<p>Verantwortlich für den Inhalt dieser Website:</p>
<p>Alpenzell Therapie GmbH<br>Talstrasse 12<br>CH-7310 Bad Ragaz<br>Schweiz</p>
<p>Handelsregister: CHE-123.456.789</p>
<p>Geschäftsführer: Dr. Hans Muster</p>
<p>Hosting: Bergnetz Hosting AG<br>Serverweg 4<br>CH-8000 Zürich</p>
"""

MENTIONS_FR = """
<h1>Mentions légales</h1>
<p>Le site est édité par :</p>
<p>Raison sociale : Bio Régénération Conseil SAS</p>
<p>Siège social : 14 rue des Lilas, 75011 Paris</p>
<p>Immatriculée au RCS Paris 812 345 678</p>
<p>Directeur de la publication : Jean Dupont</p>
<p>Hébergeur : Nuage Hébergement SAS, 2 rue du Serveur, 59100 Roubaix, France</p>
"""


def test_swiss_impressum_gives_name_address_country_and_register_number() -> None:
    home = _doc(
        "https://alpenzell.example/", "<h1>Zelltherapie</h1><footer>© 2026 Alpenzell Therapie GmbH</footer>"
    )
    legal = _doc("https://alpenzell.example/impressum", IMPRESSUM_CH, title="Impressum")
    op = find_operator([home, legal])
    assert op is not None
    assert op.name == "Alpenzell Therapie GmbH"
    assert op.address == "Talstrasse 12, CH-7310 Bad Ragaz, Schweiz"
    assert op.country == "CH"
    assert op.registrations == ["CHE-123.456.789"]
    assert op.confidence == "high"
    # the web host named in the same notice is not taken for the operator
    assert "Bergnetz" not in (op.name or "") and "Zürich" not in (op.address or "")


def test_french_mentions_legales_labels_win_over_the_web_host() -> None:
    op = find_operator([_doc("https://bio-regen.example/mentions-legales", MENTIONS_FR)])
    assert op is not None
    assert op.name == "Bio Régénération Conseil SAS"
    assert op.address == "14 rue des Lilas, 75011 Paris"
    assert op.country == "FR"
    assert op.registrations == ["RCS Paris 812 345 678"]


def test_every_clue_is_an_exact_quote_of_its_document_with_the_record_digest() -> None:
    record = RecordRef(
        warc_file="site.warc.gz",
        offset=0,
        length=10,
        record_id="<urn:uuid:1>",
        record_type="response",
        target_uri="https://alpenzell.example/impressum",
        payload_digest="sha256:" + "ab" * 32,
    )
    legal = _doc("https://alpenzell.example/impressum", IMPRESSUM_CH, record=record)
    op = find_operator([legal])
    assert op is not None and op.clues
    for clue in op.clues:
        assert legal.text[clue.start : clue.end] == clue.quote
        assert clue.value.split(",")[0].split()[0] in clue.quote
        assert clue.payload_digest == record.payload_digest
        assert clue.url == legal.url


def test_one_line_english_notice_with_company_number() -> None:
    page = _doc(
        "https://regenera.example/about-us",
        "<p>We are a leading clinic.</p><p>Company: Regenera Health Ltd</p>"
        "<p>Registered office: 1 Harbour Road, Limassol 3036, Cyprus</p><p>Company number: HE123456</p>",
    )
    op = find_operator([page])
    assert op is not None
    assert op.name == "Regenera Health Ltd"
    assert op.country == "CY"
    assert op.registrations == ["Company number: HE123456"]


def test_footer_only_gives_a_low_confidence_name() -> None:
    pages = [
        _doc(
            f"https://cordavita.example/{p}",
            f"<p>Text {p}.</p><footer>© 2019–2026 Cordavita Medical Ltd. – All rights reserved</footer>",
        )
        for p in ("index", "packages", "testimonials")
    ]
    op = find_operator(pages)
    assert op is not None
    assert op.name == "Cordavita Medical Ltd"
    assert op.address is None and op.confidence == "low" and not op.legal_notice


def test_a_legal_notice_without_a_postal_address_is_still_the_legal_notice() -> None:
    """The name read on the page titled « Mentions légales » but no street address: low
    confidence, yet the report must not say it was read outside the legal notice."""
    legal = _doc(
        "https://longevia.example/mentions-legales.html",
        "<h1>Mentions légales</h1><p>Le site est édité par Longevia Bio LLC, société enregistrée à "
        "Roatán, Honduras, sous le numéro PR-2021-00417.</p>",
        title="Mentions légales",
    )
    op = find_operator([_doc("https://longevia.example/", "<h1>Longévité</h1>"), legal])
    assert op is not None and op.name == "Longevia Bio LLC"
    assert op.legal_notice and op.confidence != "high"


def test_a_site_that_names_nobody_gives_none() -> None:
    pages = [
        _doc(
            "https://anon.example/",
            "<h1>Stem cells</h1><p>Call 1200 Patients today. Over 5000 Happy families.</p>",
        )
    ]
    assert find_operator(pages) is None


def test_numbers_before_capitalised_words_are_not_addresses() -> None:
    page = _doc(
        "https://news.example/impressum",
        "<p>Top 250 Industriebetriebe</p><p>Top 1000 Industriemanager</p><p>© 2019 Beispiel Verlag GmbH</p>",
    )
    op = find_operator([page])
    assert op is not None and op.name == "Beispiel Verlag GmbH"
    assert op.address is None


def test_hostile_input_is_linear_and_bounded() -> None:
    # a long run of capitalised words before a legal form: no catastrophic backtracking
    body = "<p>" + " ".join(["Alpha"] * 20_000) + " GmbH</p>"
    extractor = OperatorExtractor(max_pages=2)
    for _ in range(5):
        extractor.add(_doc("https://x.example/impressum", body))
    assert extractor.pages == 2
    extractor.result()  # must simply return


def test_findings_file_round_trips_the_operator() -> None:
    op = find_operator([_doc("https://bio-regen.example/mentions-legales", MENTIONS_FR)])
    assert isinstance(op, OperatorIdentity)
    from vigipub.evidence.core import Producer

    ff = FindingsFile(producer=Producer(name="t", version="0"), operator=op)
    again = FindingsFile.model_validate_json(ff.model_dump_json())
    assert again.operator == op


def test_small_words_inside_a_name_belong_to_it() -> None:
    """« Klinik am Sonnenhang GmbH » was read « Sonnenhang GmbH », and a decision was addressed
    to a company that does not exist under that name."""
    for line in ("Klinik am Sonnenhang GmbH", "Clínica de la Luz S.L.", "Zentrum für Zelltherapie GmbH"):
        extractor = OperatorExtractor()
        extractor.add(_doc("https://c.example/impressum", f"<h1>Impressum</h1><p>{line}</p>", title="Impressum"))
        assert line in {c.value for c in extractor.candidates if c.field == "name"}


def test_a_belgian_chaussee_in_a_sentence_is_an_address() -> None:
    page = _doc(
        "https://exopure.example/cgv",
        "<h1>Conditions générales de vente</h1><p>Le site est édité par ExoPure Distribution SRL, Chaussée de "
        "Louvain 212, 1030 Schaerbeek, Belgique. Numéro d'entreprise BE 0765.432.109.</p>",
        title="Conditions générales de vente et mentions légales",
    )
    op = find_operator([page])
    assert op is not None and op.name == "ExoPure Distribution SRL"
    assert (op.address or "").startswith("Chaussée de Louvain 212, 1030 Schaerbeek") and op.country == "BE"


def test_a_block_between_street_and_town_and_a_story_s_signature() -> None:
    """« Av. Bonampak 45, SM 10, 77500 Cancún, Quintana Roo, México. RFC: … » was missed (the
    supermanzana between street and town, the sentence going on after the country), and a
    patient's signature « – Pierre M., 49, Lyon, France » was taken for the operator's address."""
    about = _doc(
        "https://regencare.example/about",
        "<p>RegenCare Cancún is operated by Medicina Regenerativa del Caribe S.A. de C.V., Av. Bonampak 45, "
        "SM 10, 77500 Cancún, Quintana Roo, México. RFC: MRC180512AB3.</p>",
        title="About us",
    )
    story = _doc(
        "https://regencare.example/ms",
        "<blockquote>\"I walked my daughter down the aisle after my treatment.\" – Pierre M., 49, Lyon, France</blockquote>",
    )
    op = find_operator([story, about])
    assert op is not None and op.name == "Medicina Regenerativa del Caribe S.A. de C.V."
    assert op.address == "Av. Bonampak 45, SM 10, 77500 Cancún, Quintana Roo, México" and op.country == "MX"
    assert find_operator([story]) is None


def test_a_name_stops_at_prose_before_it() -> None:
    page = _doc(
        "https://zeitung.example/impressum",
        "<p>Es gelten die Datenschutzbestimmungen der Beispiel-Medien GmbH</p>"
        "<p>Früchte und Gemüse. Köln: Lizenzausgabe Musterverlag GmbH</p>",
    )
    extractor = OperatorExtractor()
    extractor.add(page)
    names = {c.value for c in extractor.candidates if c.field == "name"}
    assert "Beispiel-Medien GmbH" in names
    # the words before « der », a colon or a full stop are prose, not the name
    assert not any(w in n for n in names for w in ("Datenschutzbestimmungen", "Köln", "Gemüse"))



def test_an_initialism_keeps_its_last_dot_and_an_abbreviated_street_word_is_a_street() -> None:
    """« A.Ş. » is the legal form (« A.Ş » is not); « Cad. » and « Hauptstr. » end with their dot."""
    page = _doc(
        "https://vitacell.example/iletisim",
        "<h1>İletişim</h1><p>Vitacell Sağlık Hizmetleri A.Ş.</p>"
        "<p>Halaskargazi Cad. No 112, 34371 Şişli / İstanbul, Türkiye</p>",
    )
    op = find_operator([page])
    assert op is not None
    assert op.name == "Vitacell Sağlık Hizmetleri A.Ş."
    assert op.address == "Halaskargazi Cad. No 112, 34371 Şişli, Türkiye" and op.country == "TR"
    german = _doc("https://praxis.example/impressum", "<p>Keller Praxis GmbH, Hauptstr. 5, 80331 München, Deutschland</p>")
    op = find_operator([german])
    assert op is not None and op.address == "Hauptstr. 5, 80331 München, Deutschland"


def test_an_address_after_a_separator_and_with_a_region_before_the_country() -> None:
    """« Société · rue…, code ville, région, pays » on one footer line: the whole address is read."""
    page = _doc(
        "https://regeneravida.example/aviso-legal",
        "<h1>Aviso legal</h1><p>Regenera Vida S.A. de C.V. · Av. Bonampak 45, 77500 Cancún, Quintana Roo, México</p>",
    )
    op = find_operator([page])
    assert op is not None and op.name == "Regenera Vida S.A. de C.V."
    assert op.address == "Av. Bonampak 45, 77500 Cancún, Quintana Roo, México" and op.country == "MX"
    # a part with a number between the town and the country is not a region
    other = _doc("https://x.example/aviso-legal", "<p>Clinica X S.L., Calle Mayor 3, 28013 Madrid, 2º piso, España</p>")
    op = find_operator([other])
    assert op is not None and op.address == "Calle Mayor 3, 28013 Madrid"


def test_an_american_address_is_read_town_state_and_zip_code() -> None:
    """The ZIP code follows the town and the state (« Tampa, FL 33607 »): the European « code
    town » reading never found it, so a US clinic's decision had no address."""
    page = _doc(
        "https://sunrise.example/",
        "<h1>Stem cells</h1><p>Text.</p><footer><p>Sunrise Regenerative Institute LLC · 4200 W Cypress St, Suite 300, "
        "Tampa, FL 33607, USA · (813) 555-0142</p></footer>",
    )
    op = find_operator([page])
    assert op is not None and op.name == "Sunrise Regenerative Institute LLC"
    assert op.address == "4200 W Cypress St, Suite 300, Tampa, FL 33607, USA" and op.country == "US"
    # numbers and a two-letter word are no address
    noise = _doc("https://x.example/contact", "<p>We treated 2014 patients in Florida, FL 2020 and more.</p>")
    op = find_operator([noise])
    assert op is None or op.address is None


def test_a_belgian_footer_line_gives_the_country_and_the_enterprise_number() -> None:
    """« …, 2018 Antwerpen, België · BTW BE 0712.345.678 · +32… »: the country ends at the next
    separator, and the Belgian number is written with dots."""
    page = _doc(
        "https://regencare.example/",
        "<h1>Stamceltherapie</h1><p>Tekst.</p><footer><p>Regencare BV · Mechelsesteenweg 120, 2018 Antwerpen, "
        "België · BTW BE 0712.345.678 · +32 3 555 12 34</p></footer>",
    )
    op = find_operator([page])
    assert op is not None and op.name == "Regencare BV"
    assert op.address == "Mechelsesteenweg 120, 2018 Antwerpen, België" and op.country == "BE"
    assert op.registrations == ["BE 0712.345.678"]


def test_an_estonian_footer_gives_the_street_the_country_and_the_registry_code() -> None:
    """Estonian « mnt » (maantee) is a street word, Estonia a country, the registry code a number;
    the other EU and EEA countries are named too."""
    page = _doc(
        "https://medivoyage.example/",
        "<h1>Stem cell clinics abroad</h1><p>Text.</p><footer><p>MediVoyage OÜ · Registry code 16123456 · "
        "Tartu mnt 67, 10115 Tallinn, Estonia</p></footer>",
    )
    op = find_operator([page])
    assert op is not None and op.name == "MediVoyage OÜ"
    assert op.address == "Tartu mnt 67, 10115 Tallinn, Estonia" and op.country == "EE"
    assert op.registrations == ["Registry code 16123456"]
    norway = find_operator(
        [_doc("https://x.example/impressum", "<p>Fjord Helse AS, Storgata 5, 0155 Oslo, Norway</p>", "Impressum")]
    )
    assert norway is not None and norway.country == "NO"


def test_a_doctors_practice_without_a_legal_form_is_named_by_the_line_above_its_address() -> None:
    """An Impressum's address block under a person's name (no GmbH, no SAS): the person is the
    operator; an address block with a prose or a label line above it names nobody."""
    notice = _doc(
        "https://praxis.example/impressum",
        "<h1>Impressum</h1><p>Angaben gemäß § 5 DDG</p><p>Praxis für Regenerative Medizin<br>Dr. med. Stefan Vogel"
        "<br>Kaiser-Joseph-Straße 200<br>79098 Freiburg im Breisgau<br>Deutschland</p>",
        "Impressum",
    )
    op = find_operator([notice])
    assert op is not None and op.name == "Dr. med. Stefan Vogel" and op.country == "DE"
    labelled = _doc(
        "https://praxis.example/impressum",
        "<h1>Impressum</h1><p>Anschrift:<br>Kaiser-Joseph-Straße 200<br>79098 Freiburg im Breisgau</p>",
        "Impressum",
    )
    op = find_operator([labelled])
    assert op is None or op.name is None


def test_a_russian_footer_gives_the_company_with_its_form_before_the_name_and_its_tax_number() -> None:
    """« ООО «Новая Жизнь» »: the legal form stands before the name in quotes; ИНН is Russian."""
    page = _doc(
        "https://novaya-zhizn.example/",
        "<h1>Лечение стволовыми клетками</h1><p>Текст.</p><footer><p>ООО «Новая Жизнь», ИНН 7701234567, "
        "г. Москва, ул. Тверская, д. 15</p></footer>",
    )
    op = find_operator([page])
    assert op is not None and op.name == "ООО «Новая Жизнь»"
    assert op.registrations == ["ИНН 7701234567"] and op.country == "RU"
    ukrainian = find_operator(
        [_doc("https://klinika.example/kontakty", '<p>ТОВ "Клініка Регенерації", код ЄДРПОУ 12345678</p>', "Контакти")]
    )
    assert ukrainian is not None and ukrainian.name == 'ТОВ "Клініка Регенерації"' and ukrainian.country == "UA"


def test_an_address_whose_postal_code_follows_the_town_is_read_with_its_country() -> None:
    """Thailand, Singapore, the UK write the code after the town; without a country named, such a
    line (« Suite 1200 », « Floor 12 ») is no address."""
    footer = _doc(
        "https://vitacell.example/",
        "<h1>Stem cells</h1><p>Text.</p><footer><p>VitaCell Co., Ltd. · 123 Sukhumvit Road, Khlong Toei, "
        "Bangkok 10110, Thailand · +66 2 123 4567</p></footer>",
    )
    op = find_operator([footer])
    assert op is not None and op.address == "123 Sukhumvit Road, Khlong Toei, Bangkok 10110, Thailand"
    assert op.country == "TH"
    block = _doc(
        "https://vitacell.example/contact",
        "<h1>Contact</h1><p>VitaCell Co., Ltd.<br>123 Sukhumvit Road, Khlong Toei<br>Bangkok 10110<br>Thailand</p>",
        "Contact",
    )
    op = find_operator([block])
    assert op is not None and op.address == "123 Sukhumvit Road, Khlong Toei, Bangkok 10110, Thailand"
    no_country = _doc(
        "https://x.example/contact",
        "<h1>Contact</h1><p>Acme Ltd<br>12 Harbour Road<br>Tower 2001</p>",
        "Contact",
    )
    op = find_operator([no_country])
    assert op is None or op.address is None


def test_an_address_at_the_end_of_a_sentence_starts_at_its_street() -> None:
    notice = _doc(
        "https://regenera.example/aviso-legal",
        "<h1>Aviso legal</h1><p>Este sítio é propriedade de Regenera Saúde, Lda., sociedade por quotas com sede na "
        "Rua de Santa Catarina 250, 4000-443 Porto, Portugal, NIPC 514 123 456.</p>",
        "Aviso legal",
    )
    op = find_operator([notice])
    assert op is not None and op.address == "Rua de Santa Catarina 250, 4000-443 Porto, Portugal"
    french = _doc(
        "https://clinique.example/mentions-legales",
        "<h1>Mentions légales</h1><p>Le site est édité par la société Clinique Nova SAS, dont le siège est situé au "
        "14 rue des Lilas, 75011 Paris, France.</p>",
        "Mentions légales",
    )
    op = find_operator([french])
    assert op is not None and op.address == "14 rue des Lilas, 75011 Paris, France"


def test_a_label_before_the_street_is_not_part_of_the_address() -> None:
    """« Siège : Avenue de Chillon 44, 1820 Montreux, Suisse » (a Swiss notice): the address
    starts at the street, whatever the label (one the vocabulary lists, or another)."""
    for label in ("Siège", "Adresse de la clinique"):
        notice = (
            "<h1>Mentions légales</h1><p>Éditeur du site : Clinique Lémanrive SA, société anonyme de droit suisse.</p>"
            f"<p>{label} : Avenue de Chillon 44, 1820 Montreux, Suisse.</p><p>Numéro IDE : CHE-114.278.903.</p>"
        )
        op = find_operator([_doc("https://lemanrive.example/mentions-legales", notice, title="Mentions légales")])
        assert op is not None and op.name == "Clinique Lémanrive SA"
        assert op.address == "Avenue de Chillon 44, 1820 Montreux, Suisse", label
        assert op.country == "CH"


def test_register_numbers_of_medical_tourism_countries_name_their_country() -> None:
    """A Mexican RFC, a Brazilian CNPJ, a Colombian NIT, an Indian CIN and a Thai juristic person
    number are read, each with its country, when the notice names no country by its address."""
    cases = [
        ("Vidamex Salud, S.A. de C.V.", "RFC: VMS150312AB1", "RFC: VMS150312AB1", "MX"),
        ("Celulas Vivas Ltda.", "CNPJ nº 12.345.678/0001-90", "CNPJ nº 12.345.678/0001-90", "BR"),
        ("Regenera Andes S.A.S.", "NIT 900.123.456-7", "NIT 900.123.456-7", "CO"),
        ("Stemcure Hospitals Private Limited", "CIN: U85110MH2011PTC123456", "CIN: U85110MH2011PTC123456", "IN"),
        ("Siam Regen Co., Ltd.", "Juristic Person Registration No. 0105561234567", "Juristic Person Registration No. 0105561234567", "TH"),
    ]
    for name, line, number, country in cases:
        page = _doc("https://clinic.example/legal", f"<h1>Legal notice</h1><p>{name}</p><p>{line}</p>", "Legal notice")
        op = find_operator([page])
        assert op is not None and op.registrations == [number], (name, op)
        assert op.country == country, name
    # one number written twice, with and without its colon, is listed once
    page = _doc("https://clinic.example/legal", "<p>Vidamex Salud, S.A. de C.V.</p><p>RFC: VMS150312AB1</p><footer>RFC VMS150312AB1</footer>", "Aviso legal")
    op = find_operator([page])
    assert op is not None and op.registrations == ["RFC: VMS150312AB1"]


def test_a_french_doctors_notice_names_the_doctor_and_her_rpps_number() -> None:
    """« Dr Sophie Marchal, médecin inscrite au Conseil de l'Ordre …, RPPS 10101234567 »: no
    company, no address block under the name; the doctor is the publisher, the RPPS says France."""
    notice = (
        "<h1>Mentions légales</h1><p>Dr Sophie Marchal, médecin inscrite au Conseil départemental de l'Ordre "
        "des médecins de Paris, RPPS 10101234567.</p><p>Cabinet : 24 rue de Miromesnil, 75008 Paris.</p>"
        "<p>Hébergeur : OVH SAS, 2 rue Kellermann, 59100 Roubaix.</p>"
    )
    op = find_operator([_doc("https://dr-marchal.example/mentions", notice, title="Mentions légales")])
    assert op is not None and op.name == "Dr Sophie Marchal"
    assert op.address == "24 rue de Miromesnil, 75008 Paris"
    assert op.registrations == ["RPPS 10101234567"] and op.country == "FR"
    # a doctor quoted in a clinic's page text is nobody's publisher
    page = _doc("https://clinic.example/", "<p>Dr Anna Weber, our medical director, explains the protocol.</p>")
    assert find_operator([page]) is None or find_operator([page]).name != "Dr Anna Weber"  # type: ignore[union-attr]


def test_a_turkish_street_number_is_no_label_and_the_district_keeps_its_city() -> None:
    """« Büyükdere Cad. No:120, 34394 Şişli/İstanbul, Türkiye »: « No: » is the street's
    number, not a label to cut; the town is the district and its city."""
    for line, street in (
        ("NeoCell Sağlık Hizmetleri A.Ş. – Büyükdere Cad. No:120, 34394 Şişli/İstanbul, Türkiye", "Büyükdere Cad. No:120"),
        ("NeoCell Sağlık Hizmetleri A.Ş. – Büyükdere Cad. No: 120, 34394 Şişli/İstanbul, Türkiye", "Büyükdere Cad. No: 120"),
    ):
        page = _doc("https://neocell.example/", f"<h1>Kök hücre</h1><p>Metin.</p><footer><p>{line}</p></footer>")
        op = find_operator([page])
        assert op is not None and op.name == "NeoCell Sağlık Hizmetleri A.Ş."
        assert op.address == f"{street}, 34394 Şişli/İstanbul, Türkiye" and op.country == "TR"


def test_a_british_address_with_its_postcode_after_the_town() -> None:
    """« 5 Princes Gate, London SW7 1QJ, United Kingdom », « …, London W1G 9PQ, UK »."""
    for line, address in (
        ("SantéVoyage est un service de SV Medical Travel Ltd, 5 Princes Gate, London SW7 1QJ, United Kingdom.",
         "5 Princes Gate, London SW7 1QJ, United Kingdom"),
        ("Regen Clinic Ltd · 14 Harley Street, London W1G 9PQ, UK", "14 Harley Street, London W1G 9PQ, UK"),
    ):  # fmt: skip
        op = find_operator([_doc("https://x.example/", f"<h1>Stem cells</h1><p>Text.</p><footer><p>{line}</p></footer>")])
        assert op is not None and op.address == address and op.country == "GB", op


def test_a_catalan_street_is_a_street() -> None:
    """« Avinguda Diagonal 640, 08017 Barcelona, España » (Catalan street words: avinguda,
    carrer, passeig, plaça, rambla)."""
    line = "Clínica Hematològica Diagonal S.L. – Avinguda Diagonal 640, 08017 Barcelona, España – CIF B12345678"
    op = find_operator([_doc("https://x.example/", f"<h1>CAR-T</h1><p>Text.</p><footer><p>{line}</p></footer>")])
    assert op is not None and op.address == "Avinguda Diagonal 640, 08017 Barcelona, España" and op.country == "ES"


def test_russian_and_ukrainian_addresses_are_read() -> None:
    """« 125009, г. Москва, ул. Тверская, д. 12, стр. 1, Россия »; « 01001, м. Київ, вул.
    Хрещатик, 22 » (the country then from the site's domain, as for any address without one)."""
    moscow = _doc(
        "https://novaya-zhizn.example/",
        "<h1>Лечение стволовыми клетками</h1><p>Текст.</p><footer><p>ООО «Новая Жизнь», ИНН 7701234567, "
        "125009, г. Москва, ул. Тверская, д. 12, стр. 1, Россия</p></footer>",
    )
    op = find_operator([moscow])
    assert op is not None and op.address == "125009, г. Москва, ул. Тверская, д. 12, стр. 1, Россия"
    assert op.country == "RU"
    kyiv = _doc(
        "https://klinika.example.ua/",
        "<h1>Стовбурові клітини</h1><p>Текст.</p><footer><p>ТОВ «Нове Життя», 01001, м. Київ, вул. Хрещатик, 22</p></footer>",
    )
    op = find_operator([kyiv])
    assert op is not None and op.address == "01001, м. Київ, вул. Хрещатик, 22" and op.country == "UA"


def test_a_footer_without_postal_code_still_gives_the_country_named_last() -> None:
    """« Dubai Stem Cell Center FZ-LLC – Dubai Healthcare City, Building 64, Dubai, United Arab
    Emirates »: no postal code, so no address is read, but the country is the Emirates."""
    line = "Dubai Stem Cell Center FZ-LLC – Dubai Healthcare City, Building 64, Dubai, United Arab Emirates"
    op = find_operator([_doc("https://dscc.example/", f"<h1>Stem cells</h1><p>Text.</p><footer><p>{line}</p></footer>")])
    assert op is not None and op.name == "Dubai Stem Cell Center FZ-LLC"
    assert op.country == "AE"


def test_an_address_without_postal_code_ends_with_its_country_and_holds_a_building() -> None:
    """The Emirates and Panama have no postal codes: « Dubai Healthcare City, Building 64, Dubai,
    United Arab Emirates »; « Punta Pacifica, Oceania Business Plaza, Torre 1000, Piso 37, Panama
    City, Panama ». A list of towns ending with a country is no address."""
    for line, address, country in (
        ("Dubai Stem Cell Center FZ-LLC – Dubai Healthcare City, Building 64, Dubai, United Arab Emirates",
         "Dubai Healthcare City, Building 64, Dubai, United Arab Emirates", "AE"),
        ("Regenera Panamá S.A. · Punta Pacifica, Oceania Business Plaza, Torre 1000, Piso 37, Panama City, Panama",
         "Punta Pacifica, Oceania Business Plaza, Torre 1000, Piso 37, Panama City, Panama", "PA"),
    ):  # fmt: skip
        op = find_operator([_doc("https://x.example/", f"<h1>Stem cells</h1><p>Text.</p><footer><p>{line}</p></footer>")])
        assert op is not None and op.address == address and op.country == country, op
    towns = _doc("https://x.example/", "<h1>Stem cells</h1><p>Text.</p><footer><p>Medistem Sağlık A.Ş. · Clinics in Istanbul, Antalya, Izmir, Turkey</p></footer>")
    op = find_operator([towns])
    assert op is None or op.address is None


@pytest.mark.parametrize(
    ("notice", "name", "address", "country", "registrations"),
    [
        # a French doctor's company states everything in one paragraph: the town's part of the
        # address ends with its sentence, the registrations follow
        ("Éditeur du site : SELARL Docteur Lucie Exemple, société d'exercice libéral à responsabilité "
         "limitée au capital de 5 000 €, 8 rue des Tilleuls, 69006 Lyon. RCS Lyon 812 345 678. "
         "SIRET 812 345 678 00014.</p><p>Hébergeur : Nuage Hébergement SAS, 2 rue du Serveur, 59100 Roubaix, France.",
         "SELARL Docteur Lucie Exemple", "8 rue des Tilleuls, 69006 Lyon", "FR",
         ["RCS Lyon 812 345 678", "SIRET 812 345 678 00014"]),
        # a street number range; the country ends its sentence
        ("Ce site est édité par Exemple Conseil Ltd, société de droit anglais, 71-75 Shelton Street, "
         "Covent Garden, London WC2H 9JQ, United Kingdom. Company number 12345678.",
         "Exemple Conseil Ltd", "71-75 Shelton Street, Covent Garden, London WC2H 9JQ, United Kingdom", "GB",
         ["Company number 12345678"]),
        # Hong Kong has no postal codes; the company's name opens the line; the register number
        # names no country (« Company … » is not Colombia's « CO »)
        ("Exemple Voyage Limited, Room 1203, 12/F, Tower 2, Lippo Centre, 89 Queensway, Admiralty, "
         "Hong Kong. Company registration number 3012345.",
         "Exemple Voyage Limited", "Room 1203, 12/F, Tower 2, Lippo Centre, 89 Queensway, Admiralty, Hong Kong",
         "HK", ["Company registration number 3012345"]),
    ],
)  # fmt: skip
def test_an_address_in_a_sentence_that_goes_on(
    notice: str, name: str, address: str, country: str, registrations: list[str]
) -> None:
    legal = _doc(
        "https://exemple.example/mentions-legales.html",
        f"<h1>Mentions légales</h1><p>{notice}</p>",
        title="Mentions légales",
    )
    op = find_operator([legal])
    assert op is not None
    assert (op.name, op.address, op.country, op.registrations) == (name, address, country, registrations)


def test_a_representative_in_france_is_not_the_operator() -> None:
    """« Représentant en France : … SAS, …, RCS Paris … » names another company: its address and
    its registration number are not the operator's (as the web host's are not)."""
    legal = _doc(
        "https://regen-exemple.example/fr/mentions-legales",
        "<h1>Mentions légales</h1><p>Le site est édité par Exemple Regen Klinik Sağlık Hizmetleri A.Ş., "
        "Halaskargazi Cad. No: 45, 34371 Şişli/İstanbul, Türkiye. MERSIS No: 0123456789012345.</p>"
        "<p>Représentant dans l'Union : Exemple Contact SAS, 10 rue de la Paix, 75002 Paris, France. "
        "RCS Paris 901 234 567.</p>",
        title="Mentions légales",
    )
    op = find_operator([legal])
    assert op is not None
    assert (op.name, op.country, op.registrations) == (
        "Exemple Regen Klinik Sağlık Hizmetleri A.Ş.", "TR", ["MERSIS No: 0123456789012345"]
    )
    assert op.address == "Halaskargazi Cad. No: 45, 34371 Şişli/İstanbul, Türkiye"


CLINIC_JSONLD = """<html lang="fr"><head><title>Clinique Azur Régénération</title>
<script type="application/ld+json">{JSONLD}</script></head>
<body><h1>Injections de cellules souches à Nice</h1><p>Prenez rendez-vous au 04 93 00 00 00.</p>
<footer>© 2026 Clinique Azur Régénération</footer></body></html>"""

MEDICAL_CLINIC = (
    '{"@context": "https://schema.org", "@type": "MedicalClinic", "name": "Clinique Azur Régénération", '
    '"legalName": "SARL Azur Régénération", "telephone": "+33 4 93 00 00 00", "address": {"@type": '
    '"PostalAddress", "streetAddress": "3 promenade des Anglais", "postalCode": "06000", '
    '"addressLocality": "Nice", "addressCountry": "FR"}}'
)


def _jsonld_page(jsonld: str, url: str = "https://azur-regeneration.example/"):  # type: ignore[no-untyped-def]
    return document_from_html(CLINIC_JSONLD.replace("{JSONLD}", jsonld).encode("utf-8"), url)


def test_a_clinic_s_schema_org_data_names_its_operator_when_no_text_does() -> None:
    """Written for this test: no legal notice, a footer without a legal form or an address, and
    the SEO plug-in's MedicalClinic with the legal name and the postal address."""
    doc = _jsonld_page(MEDICAL_CLINIC)
    line = "SARL Azur Régénération — 3 promenade des Anglais, 06000 Nice, FR"
    assert doc.text.endswith("\n" + line) and doc.blocks[-1].tag == "jsonld"
    identity = find_operator([doc])
    assert identity is not None
    assert (identity.name, identity.address, identity.country) == (
        "SARL Azur Régénération",
        "3 promenade des Anglais, 06000 Nice",
        "FR",
    )
    assert identity.confidence == "medium" and not identity.legal_notice
    for clue in identity.clues:
        assert clue.structured_data and clue.quote == doc.text[clue.start : clue.end] == line


@pytest.mark.parametrize(
    "jsonld",
    [
        '{"@type": "MedicalClinic", "name": "Clinique Azur", "address": ',  # cut short: invalid JSON
        '{"@type": "MedicalClinic", "name": "Clinique Azur", "telephone": "+33 4 93 00 00 00"}',  # no address
        '{"@type": "NewsArticle", "headline": "x", "address": "3 rue X, 75001 Paris"}',  # no organisation
        '{"@type": "MedicalClinic", "name": "Clinique Azur", "address": {"addressLocality": "Nice"}}',  # no street
        '[1, "x", null, {"@type": 5, "address": []}]',
    ],
)
def test_schema_org_data_that_names_no_operator_adds_no_text(jsonld: str) -> None:
    doc = _jsonld_page(jsonld)
    assert doc.blocks[-1].tag != "jsonld" and "Clinique Azur," not in doc.text


def test_the_legal_notice_outweighs_the_schema_org_data() -> None:
    home = _jsonld_page(MEDICAL_CLINIC)
    notice = _doc("https://azur-regeneration.example/mentions-legales", MENTIONS_FR, "Mentions légales")
    identity = find_operator([home, notice])
    assert identity is not None
    assert identity.name == "Bio Régénération Conseil SAS" and identity.address == "14 rue des Lilas, 75011 Paris"
    assert identity.confidence == "high"


def test_a_us_address_after_a_copyright_year_in_a_footer() -> None:
    """« © 2026 » before the name read as a four-digit postal code and its town, and the US
    address after it was never tried (written for this test)."""
    home = _doc(
        "https://desert-regen.example/",
        "<h1>Stem cell therapy in Scottsdale</h1><footer><p>© 2026 Desert Regenerative Institute LLC, "
        "4100 N Scottsdale Rd, Scottsdale, AZ 85251, USA</p></footer>",
    )
    identity = find_operator([home])
    assert identity is not None
    assert identity.name == "Desert Regenerative Institute LLC"
    assert identity.address == "4100 N Scottsdale Rd, Scottsdale, AZ 85251, USA" and identity.country == "US"


def test_the_schema_org_line_is_no_sentence_of_the_page() -> None:
    """« Nice » in it is no French city the page shows, nor is the line a quote of the report."""
    from vigipub.detect import Detector

    doc = _jsonld_page(MEDICAL_CLINIC)
    hidden = doc.blocks[-1].start
    findings = Detector.default().analyze(doc).findings
    assert findings and all(f.start < hidden for f in findings)
    assert any(f.kind == "therapy" for f in findings)


def test_schema_org_data_from_a_hostile_page_stays_small() -> None:
    """Two hundred scripts of 40,000 characters, an « address » with no number: no identity line
    (a few scripts are read at most, and an address has a number)."""
    script = '<script type="application/ld+json">{"@type": "MedicalClinic", "name": "X", "address": "%s"}</script>'
    html = "<html><head>" + (script % ("y" * 40_000)) * 200 + "</head><body><p>Bonjour.</p></body></html>"
    doc = document_from_html(html.encode(), "https://x.example/")
    assert doc.text == "Bonjour." and doc.blocks[-1].tag != "jsonld"


def test_schema_org_registration_numbers_are_read_as_a_notice_s() -> None:
    """« vatID FR00123456789 »: the line names the property it renders, and the number is a
    registration the decision can cite (to verify)."""
    jsonld = MEDICAL_CLINIC[:-1] + ', "vatID": "FR00123456789", "taxID": "n/a"}'
    doc = _jsonld_page(jsonld)
    assert doc.text.endswith("\nSARL Azur Régénération — 3 promenade des Anglais, 06000 Nice, FR\nvatID FR00123456789")
    identity = find_operator([doc])
    assert identity is not None and identity.registrations == ["FR00123456789"]
    assert identity.name == "SARL Azur Régénération" and identity.address == "3 promenade des Anglais, 06000 Nice"
    clue = next(c for c in identity.clues if c.field == "registration")
    assert clue.structured_data and clue.quote == "vatID FR00123456789"


@pytest.mark.parametrize(
    ("jsonld", "expected"),
    [
        # in a @graph, as Yoast writes it, without a legal name: the trade name; the country by name
        (
            '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Azur"}, {"@type": '
            '["Organization", "MedicalBusiness"], "name": "Clinique Azur Régénération", "address": '
            '{"streetAddress": "3 promenade des Anglais", "postalCode": "06000", "addressLocality": "Nice", '
            '"addressCountry": {"@type": "Country", "name": "France"}}}]}',
            ("Clinique Azur Régénération", "3 promenade des Anglais, 06000 Nice, France", "FR"),
        ),
        # the data says which part is the address: no postal code is needed (the Emirates)
        (
            '{"@type": "MedicalClinic", "name": "Azur Regen Clinic Dubai", "address": {"streetAddress": '
            '"Dubai Healthcare City, Building 64", "addressLocality": "Dubai", "addressCountry": "AE"}}',
            ("Azur Regen Clinic Dubai", "Dubai Healthcare City, Building 64, Dubai", "AE"),
        ),
        # « Clínica Regenera, S.L. »: the name is what comes before the line's dash, not its comma
        (
            '{"@type": "MedicalClinic", "legalName": "Clínica Azur Regenera, S.L.", "address": {"streetAddress": '
            '"Calle de Serrano 41", "postalCode": "28001", "addressLocality": "Madrid", "addressCountry": "ES"}}',
            ("Clínica Azur Regenera, S.L.", "Calle de Serrano 41, 28001 Madrid", "ES"),
        ),
    ],
    ids=["graph-trade-name", "no-postal-code", "comma-in-legal-name"],
)
def test_schema_org_identity_as_the_data_gives_it(jsonld: str, expected: tuple[str, str, str]) -> None:
    identity = find_operator([_jsonld_page(jsonld)])
    assert identity is not None
    assert (identity.name, identity.address, identity.country) == expected


@pytest.mark.parametrize(
    ("url", "body", "name", "address", "country"),
    [
        # a Japanese block number of three parts, a postal code of 3 + 4 digits after the town (a
        # Tokyo clinic's decision had no address)
        ("https://ginza-clinic.example/a-propos",
         "<h1>À propos</h1><p>Éditeur du site : Medical Corporation Sakurakai, 4-2-8 Ginza, Chuo-ku, "
         "Tokyo 104-0061, Japon.</p>",
         "Medical Corporation Sakurakai", "4-2-8 Ginza, Chuo-ku, Tokyo 104-0061, Japon", "JP"),
        # « Ltd. Şti. » ends a Turkish company's name (« Ltd » alone cut it short)
        ("https://hair.example/mentions-legales",
         "<h1>Mentions légales</h1><p>Le site est édité par Istanbul Hair Center Sağlık Hizmetleri Ltd. Şti., "
         "Halaskargazi Cad. No: 214, 34381 Şişli/İstanbul, Türkiye.</p>",
         "Istanbul Hair Center Sağlık Hizmetleri Ltd. Şti", "Halaskargazi Cad. No: 214, 34381 Şişli/İstanbul, Türkiye",
         "TR"),
        # a Texan practice's « PLLC » (its footer gave no operator)
        ("https://lonestar.example/",
         "<h1>Stem cells</h1><p>Text.</p><footer><p>© 2026 Lone Star Regenerative PLLC, 2200 Post Oak Blvd, "
         "Houston, TX 77056, USA</p></footer>",
         "Lone Star Regenerative PLLC", "2200 Post Oak Blvd, Houston, TX 77056, USA", "US"),
    ],
)  # fmt: skip
def test_operators_of_this_sessions_sites(url: str, body: str, name: str, address: str, country: str) -> None:
    """Three operators of sites written for the tests (Tokyo, Istanbul, Houston), as they write them."""
    op = find_operator([_doc(url, body)])
    assert op is not None and (op.name, op.address, op.country) == (name, address, country)
