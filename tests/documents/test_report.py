"""The inspector's report: one screen first, in French, then the proof grouped once (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import lxml.html

from vigipub.documents.report import render_report
from vigipub.evidence import (
    CapturedPage,
    CaptureManifest,
    FindingsFile,
    IdentityClue,
    OperatorIdentity,
    Producer,
    RecordRef,
)
from vigipub.qualify import qualify
from vigipub.qualify.lawcases import authorisations_from_spec, pages_from_spec

WHEN = datetime(2025, 3, 3, 14, 2, tzinfo=UTC)
CLAIMS = [
    ("cure", "La thérapie dendritique guérit le cancer en quelques mois, même à un stade avancé."),
    ("efficacy_figure", "Notre taux de réussite dépasse 85 % en traitement adjuvant."),
    ("safety", "Un traitement totalement naturel, sans aucun effet secondaire."),
    ("superiority", "Contrairement à la chimiothérapie, le vaccin renforce votre organisme."),
]


def record(url: str, offset: int) -> RecordRef:
    return RecordRef(
        warc_file="capture.warc.gz", offset=offset, length=100, record_id=f"<urn:uuid:{offset:08d}>",
        target_uri=url, payload_digest=f"sha256:{offset:064d}", captured_at=WHEN,
    )  # fmt: skip


def site_pages() -> list:  # type: ignore[type-arg]
    common = [{"kind": "therapy", "subkind": "dendritic_cells", "quote": "thérapie cellulaire dendritique",
               "attributes": {"family": "dendritic_cells"}}]  # fmt: skip
    spec = [
        {"url": "https://c.example/fr/", "language": "fr", "genre": "clinic",
         "findings": common + [{"kind": "claim", "subkind": k, "quote": q} for k, q in CLAIMS]
         + [{"kind": "france_targeting", "subkind": "french_patient", "quote": "Des centaines de patients français nous font confiance."}]},
        # the same claims, on another page and in the rendered DOM: one row each in the evidence
        {"url": "https://c.example/fr/resultats", "language": "fr",
         "findings": common + [{"kind": "claim", "subkind": k, "quote": q} for k, q in CLAIMS]},
        {"url": "https://c.example/fr/rendez-vous", "language": "fr", "verdict": "not_promotion",
         "findings": [{"kind": "call_to_action", "subkind": "booking", "quote": "Réservez votre consultation en ligne"}]},
        {"url": "https://c.example/fr/presse", "language": "fr", "verdict": "not_promotion", "genre": "news",
         "findings": [{"kind": "reporting_context", "subkind": "warning", "quote": "L'ANSM met en garde contre ces offres."}]},
    ]  # fmt: skip
    pages = pages_from_spec(spec)
    return [p.model_copy(update={"record": record(p.url, 1000 * (n + 1))}) for n, p in enumerate(pages)]


def manifest(pages: list) -> CaptureManifest:  # type: ignore[type-arg]
    return CaptureManifest(
        seed_url="https://c.example/",
        started_at=WHEN,
        tool=Producer(name="vigipub.capture", version="test"),
        user_agent="test",
        pages=[
            CapturedPage(url=p.url, final_url=p.url, status=200, record=p.record, screenshot=f"screenshots/{n:04d}.png")
            for n, p in enumerate(pages, 1)
        ],
    )


def report(pages: list, qualification, confidence: str = "high", **operator: Any) -> lxml.html.HtmlElement:  # type: ignore[no-untyped-def,type-arg]
    findings = FindingsFile(
        producer=Producer(name="test", version="1"),
        pages=pages,
        operator=OperatorIdentity(
            **{"name": "Vitadendra Health AG", "address": "Kurhausstrasse 21, CH-7399 Tannenbad", "country": "CH",
               "confidence": confidence, **operator}  # fmt: skip
        ),
    )
    html = render_report(
        manifest=manifest(pages), findings=findings, authorisations=[], qualification=qualification
    )
    return lxml.html.document_fromstring(html)


def qualified(pages: list):  # type: ignore[no-untyped-def,type-arg]
    return qualify(pages, authorisations_from_spec([{"therapy": "dendritic_cells", "status": "not_authorised"}]),
                   site_url="https://c.example/")  # fmt: skip


def test_the_first_screen_says_what_was_found_and_what_blocks() -> None:
    pages = site_pages()
    root = report(pages, qualified(pages))
    summary = root.find_class("summary")[0]
    text = " ".join(summary.text_content().split())
    # verdict and why in one French sentence, the operator to verify
    assert "Le site https://c.example/ présente au public français la thérapie cellulaire dendritique" in text
    assert "publicité illicite (CSP, art. L. 5122-3" in text and "suspension de la publicité" in text
    assert "Vitadendra Health AG" in text and "relevé dans les mentions légales, à vérifier" in text
    # an operator read from a footer or a contact page is not said to come from a legal notice
    footer = " ".join(report(pages, qualified(pages), confidence="low").find_class("summary")[0].text_content().split())
    assert "mentions légales, à vérifier" not in footer and "pied de page, page de contact" in footer
    # read in the legal notice, which gives no street address: said so, not « hors de toute page »
    legal = report(pages, qualified(pages), confidence="low", address=None, legal_notice=True)
    bare = " ".join(legal.find_class("summary")[0].text_content().split())
    assert "relevé dans les mentions légales, sans adresse postale lisible, à vérifier de près" in bare
    assert "hors de toute page" not in bare
    # read in the pages' schema.org data only: said so, not « pied de page »
    clue = IdentityClue(field="name", value="Vitadendra Health AG", quote="Vitadendra Health AG — Kurhausstrasse 21",
                        start=0, end=39, url="https://c.example/", structured_data=True)  # fmt: skip
    structured = report(pages, qualified(pages), confidence="medium", clues=[clue])
    said = " ".join(structured.find_class("summary")[0].text_content().split())
    assert "relevé dans les données structurées schema.org des pages, pas dans leur texte visible" in said
    assert "pied de page" not in said
    # the three strongest claims, each with its screenshot, capture time and archived record
    cards = summary.find_class("claim")
    assert len(cards) == 3
    for card in cards:
        links = [a.get("href") for a in card.iter("a")]
        assert links and all(h.startswith("screenshots/") or h.startswith("evidence/") for h in links)
        assert not any(h.startswith("http") for h in links)  # never the live site
        card_text = " ".join(card.text_content().replace("\u00a0", " ").replace("\u202f", " ").split())
        assert "capturée le 3 mars 2025 à 14 h 02 UTC" in card_text
        assert "archive capture.warc.gz, octet" in card_text
    assert "guérit le cancer" in cards[0].text_content()
    assert "Adresser le courrier d’intention" in text  # what still blocks a decision
    # the summary comes first
    html = lxml.html.tostring(root, encoding="unicode")
    assert html.index('class="summary"') < html.index("Éléments de preuve") < html.index("Annexe technique")


def test_the_evidence_is_grouped_once_in_french_without_internals() -> None:
    pages = site_pages()
    root = report(pages, qualified(pages))
    for style in root.iter("style"):
        style.drop_tree()
    body = root.text_content().split("Annexe technique")[0]
    # each sentence once, with the number of pages it was read on
    assert body.count("Notre taux de réussite dépasse 85 %") <= 2  # the card and the evidence row
    assert "et 1 autre page" in body
    # French labels, no ids, scores or English internals before the technical annex
    for internal in ("p0f", "confiance 0", "score", "efficacy_figure", "T8.unauthorised_ad", "undetermined", "<urn:uuid"):
        assert internal not in body, internal
    assert "chiffre d’efficacité" in body and "guérison" in body


def test_pages_say_why_and_a_booking_page_is_an_incitation() -> None:
    pages = site_pages()
    root = report(pages, qualified(pages))
    rows = {
        (tr.findall("td")[0].text or "").strip(): " ".join(tr.text_content().split())
        for tr in root.xpath("//h2[.='Pages']/following-sibling::table[1]//tr")[1:]
    }
    assert "incitation" in rows["https://c.example/fr/rendez-vous"]
    assert "réservation sur un site qui fait la promotion du produit" in rows["https://c.example/fr/rendez-vous"]
    press = rows["https://c.example/fr/presse"]
    assert "pas de promotion" in press and "site de presse" in press and "mise en garde" in press


def test_a_cleared_site_says_why_and_asks_nothing() -> None:
    pages = [p for p in site_pages() if p.url.endswith("presse")]
    q = qualified(pages)
    assert q.conclusion == "no_violation"
    root = report(pages, q)
    summary = " ".join(root.find_class("summary")[0].text_content().split())
    assert "ne fait pas la promotion d’un médicament : site de presse" in summary
    assert "mise en garde" in summary
    assert "Aucune mesure n’est proposée" in summary and "?" not in summary
    legal = " ".join(root.xpath("//h2[.='Analyse juridique']/following-sibling::table[1]")[0].text_content().split())
    assert "à établir" not in legal  # no question that only a measure would raise


def test_every_page_genre_has_its_french_name() -> None:
    """A report never falls back to a genre's code (« veterinary »): every genre of the
    vocabulary has its French name."""
    from vigipub.documents.report import LABELS_FR
    from vigipub.evidence.vocabulary import GENRES

    assert set(GENRES) <= set(LABELS_FR["genre_fr"]), set(GENRES) - set(LABELS_FR["genre_fr"])


def test_the_first_sentence_names_the_decision_s_product_and_never_a_blood_preparation() -> None:
    """An exosome clinic naming the cells its exosomes come from and PRP beside them: the report
    said « présente … les exosomes, les cellules souches mésenchymateuses et le plasma riche en
    plaquettes (PRP), médicaments dépourvus de toute autorisation »."""
    named = [
        {"kind": "therapy", "subkind": "exosomes", "quote": "exosomes", "attributes": {"family": "exosomes"}},
        {"kind": "therapy", "subkind": "mesenchymal_stem_cells", "quote": "cellules souches mésenchymateuses",
         "attributes": {"family": "mesenchymal_stem_cells"}},
        {"kind": "therapy", "subkind": "prp", "quote": "PRP", "attributes": {"family": "prp"}},
    ]  # fmt: skip
    pages = [
        p.model_copy(update={"record": record(p.url, 1000 * (n + 1))})
        for n, p in enumerate(
            pages_from_spec(
                [{"url": "https://c.example/fr/", "language": "fr", "genre": "clinic",
                  "findings": named + [{"kind": "claim", "subkind": k, "quote": q} for k, q in CLAIMS]
                  + [{"kind": "france_targeting", "subkind": "french_patient",
                      "quote": "Des centaines de patients français nous font confiance."}]}]  # fmt: skip
            )
        )
    ]
    auth = authorisations_from_spec(
        [{"therapy": t, "status": "not_authorised"} for t in ("exosomes", "mesenchymal_stem_cells", "prp")]
    )
    qualification = qualify(pages, auth, site_url="https://c.example/")
    assert qualification.conclusion == "violation" and qualification.product == "exosomes"
    text = " ".join(report(pages, qualification).find_class("summary")[0].text_content().split())
    assert "présente au public français les exosomes, médicaments dépourvus de toute autorisation" in text
    assert "plasma riche en plaquettes" not in text
    # without the qualification's product (a file written before it was recorded), every family
    # but the blood preparation
    older = qualification.model_copy(update={"product": None})
    text = " ".join(report(pages, older).find_class("summary")[0].text_content().split())
    assert "les exosomes et les cellules souches mésenchymateuses, médicaments dépourvus" in text
    assert "plasma riche en plaquettes" not in text


def test_a_blood_preparation_named_first_is_not_the_product() -> None:
    """« PRP et cellules souches » : the decision's product is the cell therapy."""
    named = [
        {"kind": "therapy", "subkind": "prp", "quote": "PRP", "attributes": {"family": "prp"}},
        {"kind": "therapy", "subkind": "stem_cells", "quote": "cellules souches", "attributes": {"family": "stem_cells"}},
    ]  # fmt: skip
    pages = pages_from_spec(
        [{"url": "https://c.example/fr/", "language": "fr", "genre": "clinic",
          "findings": named + [{"kind": "claim", "subkind": k, "quote": q} for k, q in CLAIMS]}]  # fmt: skip
    )
    auth = authorisations_from_spec([{"therapy": t, "status": "not_authorised"} for t in ("prp", "stem_cells")])
    assert qualify(pages, auth, site_url="https://c.example/").product == "thérapie par cellules souches"


def test_the_site_s_menu_is_no_testimonial_at_the_top_of_its_table() -> None:
    """« Accueil Témoignages Tarifs » is a testimonial cue on every page of a site's French
    section: it headed the report's testimonials, above the patients' own words."""
    menu = {"kind": "testimonial", "subkind": "testimonial", "quote": "Accueil Témoignages Tarifs Türkçe"}
    story = {"kind": "testimonial", "subkind": "testimonial",
             "quote": "Trois mois après notre séjour, Lucas a prononcé ses premières phrases."}  # fmt: skip
    named = {"kind": "therapy", "subkind": "stem_cells", "quote": "cellules souches", "attributes": {"family": "stem_cells"}}
    spec = [
        {"url": f"https://c.example/fr/{n}", "language": "fr", "genre": "clinic",
         "findings": [named, menu] + ([story] if n == "temoignages" else [])}
        for n in ("accueil", "tarifs", "temoignages")
    ]  # fmt: skip
    pages = [p.model_copy(update={"record": record(p.url, 1000 * (n + 1))}) for n, p in enumerate(pages_from_spec(spec))]
    root = report(pages, None)
    table = next(t for t in root.iter("table") if "Lucas" in t.text_content())
    rows = [" ".join(tr.text_content().split()) for tr in table.iter("tr")][1:]
    assert "Lucas" in rows[0], rows
    assert "Accueil Témoignages Tarifs" in rows[-1] and "menu ou pied de page du site" in rows[-1], rows


def test_a_quote_is_shown_without_the_marks_around_it() -> None:
    """« « Notre fille dort… » » and « GMP Laboratuvarımız | »: the report puts its own « »
    around a sentence, so the marks and the title separator the page put around it go."""
    spec = [
        {"url": "https://c.example/fr/temoignages", "language": "fr", "genre": "clinic",
         "findings": [
             {"kind": "therapy", "subkind": "stem_cells", "quote": "cellules souches", "attributes": {"family": "stem_cells"}},
             {"kind": "testimonial", "subkind": "testimonial",
              "quote": "« Notre fille dort enfin toute la nuit et regarde ses frères dans les yeux. »"},
             {"kind": "claim", "subkind": "safety", "quote": "Un laboratoire certifié, sans aucun risque |"},
         ]},
    ]  # fmt: skip
    pages = [p.model_copy(update={"record": record(p.url, 1000)}) for p in pages_from_spec(spec)]
    root = report(pages, None)
    for style in root.iter("style"):
        style.drop_tree()
    text = " ".join(root.text_content().split())
    assert "« Notre fille dort enfin toute la nuit et regarde ses frères dans les yeux. »" in text
    assert "« «" not in text and "» »" not in text
    assert "« Un laboratoire certifié, sans aucun risque »" in text


def test_a_menu_entry_is_no_evidence_row_and_one_product_is_one_treatment() -> None:
    """« Accueil Témoignages Contact » (the menu, marked ``menu``) is no row of the evidence; a
    single product is « un traitement efficace et sûr »."""
    common = [{"kind": "therapy", "subkind": "dendritic_cells", "quote": "thérapie cellulaire dendritique",
               "attributes": {"family": "dendritic_cells"}}]  # fmt: skip
    menu = {"kind": "testimonial", "subkind": "testimonial", "quote": "Accueil Témoignages Contact", "attributes": {"menu": "yes"}}
    label = {"kind": "testimonial", "subkind": "testimonial", "quote": "Nos témoignages"}
    story = {"kind": "testimonial", "subkind": "testimonial", "quote": "« Mon fils parle enfin depuis le traitement. »"}
    pages = pages_from_spec(
        [{"url": "https://c.example/fr/", "language": "fr", "genre": "clinic",
          "findings": common + [{"kind": "claim", "subkind": k, "quote": q} for k, q in CLAIMS] + [menu, label, story]}]  # fmt: skip
    )
    pages = [p.model_copy(update={"record": record(p.url, 1000)}) for p in pages]
    auth = authorisations_from_spec([{"therapy": "dendritic_cells", "status": "not_authorised"}])
    qualification = qualify(pages, auth, site_url="https://c.example/")
    doc = report(pages, qualification)
    text = " ".join(doc.text_content().split())
    assert "Mon fils parle enfin" in text and "Accueil Témoignages Contact" not in text and "Nos témoignages" not in text
    summary = " ".join(doc.find_class("summary")[0].text_content().split())
    assert "comme un traitement efficace et sûr" in summary, summary


def test_a_title_over_a_page_s_stories_is_no_story_of_its_own() -> None:
    """« Témoignages – Clinique Lumen » (the page's title, marked ``heading``) labels the stories
    under it: no row of the evidence beside them. Alone on its page, it stays (it is all there is)."""
    common = [{"kind": "therapy", "subkind": "dendritic_cells", "quote": "thérapie cellulaire dendritique",
               "attributes": {"family": "dendritic_cells"}}]  # fmt: skip
    title = {"kind": "testimonial", "subkind": "testimonial", "quote": "Témoignages – Clinique Lumen", "attributes": {"heading": "yes"}}
    story = {"kind": "testimonial", "subkind": "testimonial", "quote": "« Mon fils parle enfin depuis le traitement. »"}
    claims = [{"kind": "claim", "subkind": k, "quote": q} for k, q in CLAIMS]

    def rendered(findings: list[dict[str, Any]]) -> str:
        pages = pages_from_spec([{"url": "https://c.example/fr/", "language": "fr", "genre": "clinic", "findings": findings}])
        pages = [p.model_copy(update={"record": record(p.url, 1000)}) for p in pages]
        auth = authorisations_from_spec([{"therapy": "dendritic_cells", "status": "not_authorised"}])
        return " ".join(report(pages, qualify(pages, auth, site_url="https://c.example/")).text_content().split())

    with_story = rendered(common + claims + [title, story])
    assert "Mon fils parle enfin" in with_story and "Témoignages – Clinique Lumen" not in with_story
    assert "Témoignages – Clinique Lumen" in rendered(common + claims + [title])
    # the clinic speaking of its patients (« … après le traitement », marked third_person)
    told = {"kind": "testimonial", "subkind": "testimonial", "quote": "Nos patients marchent mieux après le traitement.",
            "attributes": {"third_person": "yes"}}  # fmt: skip
    assert "Nos patients marchent mieux" not in rendered(common + claims + [told, story])


def test_what_the_site_says_of_its_provider_is_listed_from_any_page() -> None:
    """A foreign licence claimed on a FAQ and « simple intermédiaire » in the legal notice (a page
    that is no promotion): the arguments the company will make, listed for the inspector, without
    the note of descriptions the decision never quotes."""
    extra = pages_from_spec([
        {"url": "https://c.example/fr/mentions", "language": "fr", "verdict": "not_promotion", "findings": [
            {"kind": "offer", "subkind": "medical_tourism_only", "quote": "Exemple Ltd est un intermédiaire et ne fournit aucun soin médical.", "attributes": {"inferred": "yes"}}]},
        {"url": "https://c.example/fr/faq", "language": "fr", "findings": [
            {"kind": "offer", "subkind": "authorised_abroad", "quote": "Le traitement est légal en Turquie.", "attributes": {"inferred": "yes"}}]},
    ])  # fmt: skip
    pages = site_pages() + [p.model_copy(update={"record": record(p.url, 9000 + n)}) for n, p in enumerate(extra)]
    root = report(pages, qualified(pages))
    for style in root.iter("style"):
        style.drop_tree()
    body = " ".join(root.text_content().split("Annexe technique")[0].split())
    at = body.index("ce que le site dit de son exploitant et du produit")
    section = body[at : at + 800]
    assert "simple intermédiaire selon le site « Exemple Ltd est un intermédiaire" in section
    assert "autorisation étrangère invoquée « Le traitement est légal en Turquie. »" in section
    assert "jamais cité dans la décision" not in section
