"""A news investigation is news, even when it names the law on advanced therapies and a CHU; a
public body or a university is known by its host.

Pages written for these tests, not corpus text.
"""

from __future__ import annotations

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_html

_INVESTIGATION = """<html lang="fr"><head><title>Enquête</title><meta property="og:type" content="article"></head><body>
<p>Par Claire Vidal, journaliste, publié le 14 mars 2026.</p>
<p>Ces promesses n'ont aucune base scientifique, rappelle un pédopsychiatre du CHU de Bordeaux.</p>
<p>L'ANSM estime que ces injections sont des médicaments de thérapie innovante sans autorisation.</p>
<p>Contactée, la clinique n'a pas répondu à nos questions.</p>
</body></html>"""


def test_a_clinic_that_did_not_answer_the_journalists_questions_makes_the_page_news() -> None:
    doc = document_from_html(_INVESTIGATION.encode(), "https://journal.example/enquete", source="file")
    analysis = Detector.default().analyze(doc)
    assert analysis.genre == "news"
    assert analysis.verdict == "not_promotion"


@pytest.mark.parametrize(
    ("url", "genre"),
    [
        ("https://www.health.gov.au/topics/stem-cells", "regulator"),
        ("https://anahtar.sanayi.gov.tr/kok-hucre", "regulator"),
        ("https://www.cirm.ca.gov/patients", "regulator"),
        ("https://www.gob.mx/salud/celulas-madre", "regulator"),
        ("https://solidarites-sante.gouv.fr/cellules", "regulator"),
        ("https://cancer.unm.edu/car-t", "science"),
        ("https://www.stemcells.ox.ac.uk/research", "science"),
        ("https://www.unimelb.edu.au/stem-cells", "science"),
        ("https://clinicaltrials.gov/study/NCT01", "clinical_trial"),  # a named site first
        ("https://stemcellres.biomedcentral.com/articles/10.1186/x", "science"),  # a publisher
        ("https://www.frontiersin.org/articles/10.3389/x", "science"),
    ],
)
def test_public_bodies_and_universities_are_known_by_their_host(url: str, genre: str) -> None:
    """A government's or a university's page informs, regulates or reports research (a Turkish
    ministry's explainer and a US university's CAR-T page were accused); « gov.* » stands for a
    country code."""
    body = "<p>La thérapie par cellules souches mésenchymateuses traite l'arthrose du genou.</p>"
    page = f"<html lang='fr'><body><main>{body}</main></body></html>".encode()
    a = Detector.default().analyze(document_from_html(page, url, source="file"))
    assert [f.subkind for f in a.findings if f.entry_ids == [f"host.{f.subkind}"]] == [genre]


@pytest.mark.parametrize(
    "url",
    [
        "https://gov-stemcells.com/",
        "https://www.stemcell.ac/",
        "https://clinic.example.go/",
        "https://edu-clinic.mx/",
        "https://www.vegastemcell.com/",  # ends with « cell.com », a publisher's host, as a word
    ],
)
def test_a_clinic_is_no_public_body_for_a_word_of_its_host(url: str) -> None:
    body = "<p>La thérapie par cellules souches mésenchymateuses traite l'arthrose du genou.</p>"
    page = f"<html lang='fr'><body><main>{body}</main></body></html>".encode()
    a = Detector.default().analyze(document_from_html(page, url, source="file"))
    assert not [f for f in a.findings if f.kind == "genre" and f.entry_ids[0].startswith("host.")]


def _dutch(body: str):  # type: ignore[no-untyped-def]
    page = f"<html lang='nl'><body><main><p>Stamceltherapie bij knieartrose.</p>{body}</main></body></html>".encode()
    return Detector.default().analyze(document_from_html(page, "https://kliniek.example/", source="file"))


def test_an_address_is_no_date_and_a_postal_code_no_year() -> None:
    """« Meir 12, 2000 Antwerpen »: an Antwerp street (read "Mei 12, 2000"), its number, a postal code
    and the town gave a clinic's page the date and the year of a news report."""
    a = _dutch("<p>Regenera Kliniek BV – Meir 12, 2000 Antwerpen, België.</p><p>Zürich: CH-2018 Zug.</p>")
    assert not [f for f in a.findings if f.kind == "genre" and f.subkind == "news"], a.findings
    # a date is still a date, a year still a year
    b = _dutch("<p>Gepubliceerd op 12 mei 2021.</p><p>In 2019 werd de kliniek gesloten.</p>")
    cues = {i for f in b.findings if f.kind == "genre" and f.subkind == "news" for i in f.entry_ids}
    assert {"pattern.date", "pattern.year"} <= cues, cues


def test_an_insurer_refusing_to_pay_is_no_hospital_page() -> None:
    """« De behandeling wordt niet vergoed door de zorgverzekeraar »: a provider's word on its
    price (non_coverage), not the insurer's genre of an authorised treatment."""
    a = _dutch("<p>De behandeling wordt niet vergoed door de zorgverzekeraar.</p>")
    assert any(f.subkind == "non_coverage" for f in a.findings)
    assert not [f for f in a.findings if f.subkind == "authorised_medicine_info"]


def test_a_denied_approval_is_no_authorised_medicine_page() -> None:
    """"It hasn't been approved by the FDA for hair restoration" (a clinic's disclaimer) named the
    approval it denies: the authorised-medicine genre (a hospital's page) weighed against the offer."""
    page = (
        b"<html lang='en'><body><main><p>Exosome therapy for hair loss: three sessions, $3,000.</p>"
        b"<p>It hasn't been approved by the FDA for hair restoration.</p></main></body></html>"
    )
    a = Detector.default().analyze(document_from_html(page, "https://hairclinic.example/exosomes", source="file"))
    assert any(f.subkind == "unauthorised" for f in a.findings)
    assert not [f for f in a.findings if f.subkind == "authorised_medicine_info"]
    # an approval stated is still one
    b = Detector.default().analyze(
        document_from_html(b"<html lang='en'><body><p>Kymriah was approved by the FDA for leukaemia.</p></body></html>",
                           "https://hospital.example/car-t", source="file")  # fmt: skip
    )
    assert [f for f in b.findings if f.subkind == "authorised_medicine_info"]


@pytest.mark.parametrize(
    ("lang", "own", "reported"),
    [
        ("es", "Esta guía explica cómo funciona nuestro tratamiento con células madre.",
         "El tratamiento con células madre no funciona, explicó el doctor."),
        ("pt", "Este artigo explica como funciona o nosso tratamento com células-tronco.",
         "O tratamento com células-tronco não funciona, explicou o médico."),
    ],
)  # fmt: skip
def test_a_page_that_explains_is_no_journalist(lang: str, own: str, reported: str) -> None:
    """« Esta guía explica… » is a clinic's guide as often as a report (six real promotion pages and
    five others held it): only the past tense (« explicó », « explicou ») attributes speech."""

    def journalism(text: str) -> list[str]:
        page = f"<html lang='{lang}'><body><main><p>{text}</p></main></body></html>".encode()
        a = Detector.default().analyze(document_from_html(page, "https://clinica.example/", source="file"))
        return [f.match for f in a.findings if f.subkind == "journalism"]

    assert journalism(own) == []
    assert journalism(reported)


def test_numbered_references_are_a_science_cue() -> None:
    """« [1,2,3] », « [4] »: an article's or an encyclopedia's references, in any language; one « [1] »
    alone (a clinic's blog citing one study) is not."""

    def cues(body: str) -> list[str]:
        page = f"<html lang='en'><body><main><p>Natural killer cell therapy for cancer.</p>{body}</main></body></html>"
        a = Detector.default().analyze(document_from_html(page.encode(), "https://journal.example/", source="file"))
        return [f.match for f in a.findings if f.entry_ids == ["pattern.citations"]]

    assert cues("<p>NK cells lyse tumour cells [1,2,3]. They release granzymes [4].</p>") == ["[1,2,3]"]
    assert cues("<p>NK cells lyse tumour cells [1]. They release granzymes [2].</p>") == ["[1]"]
    assert cues("<p>Our NK cell therapy works [1]. Book a consultation.</p>") == []
    assert cues("<p>Our NK cell therapy costs [2 500 €]. Array[12] of cells.</p>") == []


def test_references_on_a_site_named_after_the_therapy_keep_the_site_name_s_span() -> None:
    """The references' cue and the host's therapy name are both found on the page's first sentence
    (a variable shared by the two once gave the host's finding the reference's match)."""
    page = (
        "<html lang='en'><body><main><p>Stem cell therapy for knee osteoarthritis.</p>"
        "<p>Stem cells repair cartilage [1,2]. They reduce pain [3].</p></main></body></html>"
    )
    a = Detector.default().analyze(document_from_html(page.encode(), "https://stemcellknee.example/", source="file"))
    named = [f for f in a.findings if f.entry_ids == ["host.therapy_name"]]
    assert named and named[0].start == 0 and named[0].quote.startswith("Stem cell therapy"), named
