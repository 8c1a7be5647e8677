"""Site context: a page is judged with what the rest of its site establishes.

The fixture ``fixtures/clinic_site`` is a dendritic-cell clinic written for these tests (every
name, address and number is fictitious): the therapy is named on the treatment page only; the
French section has a results page (« 71 % de nos patients… »), prices, patients' stories and a
laboratory page describing how the cells are cultured and primed, none naming the therapy again.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from vigipub.detect import Detector
from vigipub.evidence.findings import PageAnalysis
from vigipub.extract import document_from_html

SITE = Path(__file__).resolve().parent / "fixtures" / "clinic_site"
ORIGIN = "https://immunaris-klinik.example"
#: pages carrying claims, stories, prices or the preparation of the site's therapy
FLAGGED = {"traitement", "resultats", "tarifs", "temoignages", "laboratoire"}
#: pages that say nothing of the therapy
NOT_FLAGGED = {"mentions-legales", "actualites", "contact"}


def _pages(root: Path = SITE, origin: str = ORIGIN, section: str = "fr") -> dict[str, PageAnalysis]:
    """Each page of ``root/section`` analysed alone, published at ``origin/section/name``."""
    detector = Detector.default()
    folder = root / section if section else root
    prefix = f"{origin}/{section}/" if section else f"{origin}/"
    out = {}
    for path in sorted(folder.glob("*.html")):
        doc = document_from_html(path.read_bytes(), prefix + path.name)
        out[path.stem] = detector.analyze(doc)
    return out


def _in_site(pages: dict[str, PageAnalysis]) -> dict[str, PageAnalysis]:
    judged = Detector.default().judge_in_sites(list(pages.values()))
    return dict(zip(pages, judged, strict=True))


def test_alone_only_the_treatment_page_names_the_therapy() -> None:
    alone = _pages()
    assert alone["traitement"].verdict == "promotion"
    for name in ("resultats", "tarifs", "temoignages", "laboratoire"):
        assert alone[name].verdict != "promotion", name
        assert not [f for f in alone[name].findings if f.kind == "therapy"], name


def test_in_its_site_every_page_with_claims_stories_or_prices_is_promotion() -> None:
    alone = _pages()
    judged = _in_site(alone)
    for name in FLAGGED:
        page = judged[name]
        assert page.verdict == "promotion", (name, page.reasons)
    for name in NOT_FLAGGED:
        assert judged[name].verdict != "promotion", (name, judged[name].reasons)
    results = judged["resultats"]
    assert results.page_verdict == alone["resultats"].verdict  # the verdict alone is kept
    assert any("71 %" in f.quote for f in results.findings if f.kind == "claim")
    context = " ".join(results.reasons)
    assert "thérapie cellulaire dendritique" in context and "/fr/traitement.html" in context
    # the contribution of the site's therapy points to the treatment page's findings
    therapy = next(c for c in results.contributions if c.feature in ("therapy", "site_therapy"))
    treatment_ids = {f.id for f in judged["traitement"].findings}
    assert therapy.findings and set(therapy.findings) <= treatment_ids
    site = Detector.default().analyze_site(list(judged.values()), ORIGIN + "/")
    assert site.verdict == "promotion" and site.source == "site"


def test_the_menu_repeated_on_every_page_is_not_the_page_s_content() -> None:
    judged = _in_site(_pages())
    legal = judged["mentions-legales"]
    # « Témoignages » in the menu is a finding on every page, but never a story of its own
    assert any(f.kind == "testimonial" for f in legal.findings)
    assert legal.verdict == "not_promotion"


def test_the_same_pages_on_a_site_that_promotes_nothing_stay_as_they_are() -> None:
    pages = _pages()
    del pages["traitement"]  # no page establishes a therapy
    judged = _in_site(pages)
    assert all(judged[n].verdict == pages[n].verdict for n in pages)
    assert all(p.page_verdict is None for p in judged.values())


def test_a_reporting_page_and_a_foreign_page_are_not_raised_by_their_site() -> None:
    pages = _pages()
    detector = Detector.default()
    report = document_from_html(
        "<html lang='fr'><body><h1>Revue de presse</h1><p>Selon l'agence, des cliniques prétendent que 71 % des "
        "patients atteints d'un cancer de la prostate voient leur PSA diminuer ; l'agence met en garde contre "
        "ces allégations non démontrées.</p></body></html>".encode(),
        f"{ORIGIN}/fr/presse.html",
    )
    foreign = document_from_html(
        ("<html lang='pl'><body><h1>Wyniki leczenia</h1><p>" + "U 71 % pacjentów z rakiem prostaty poziom PSA "
         "spadł po trzeciej szczepionce, a guz przestał rosnąć u czterech na dziesięciu chorych. " * 4
         + "</p><p>Cena: 18 500 €.</p></body></html>").encode(),
        f"{ORIGIN}/pl/wyniki.html",
    )
    pages["presse"] = detector.analyze(report)
    pages["polski"] = detector.analyze(foreign)
    judged = _in_site(pages)
    assert judged["presse"].verdict != "promotion", judged["presse"].reasons
    assert judged["polski"].verdict != "promotion" and judged["polski"].language == "other"


def test_pages_of_other_hosts_are_other_sites() -> None:
    pages = _pages()
    results_elsewhere = _pages(origin="https://journal.example")["resultats"]
    judged = Detector.default().judge_in_sites([*pages.values(), results_elsewhere])
    assert judged[-1].verdict == results_elsewhere.verdict  # not on the clinic's site


def test_the_site_s_preparation_answers_the_substantial_manipulation_test() -> None:
    """Qualification reads the preparation a page of the site describes, even on a page that is
    not promotion by itself (site-level facts)."""
    from datetime import date

    from vigipub.qualify import qualify

    judged = _in_site(_pages())
    laboratory = judged["laboratoire"]
    assert {f.subkind for f in laboratory.findings if f.kind == "manipulation"} >= {
        "culture_expansion",
        "antigen_loading",
    }
    # even if the laboratory page had stayed « pas de promotion », its manipulations count
    pages = [p if p is not laboratory else p.model_copy(update={"verdict": "not_promotion"}) for p in judged.values()]
    treatment = judged["traitement"]
    pages = [p.model_copy(update={"findings": [f for f in p.findings if f.kind != "manipulation"]})
             if p is treatment else p for p in pages]
    qualification = qualify(pages, [], site_url=ORIGIN + "/", date_of_facts=date(2026, 1, 15))
    tests = {t.id: t.outcome for t in qualification.tests}
    assert tests["T3.substantial"] == "yes"
    assert tests["T3.atmp"] == "yes"


@pytest.mark.slow
def test_investigate_the_clinic_site_end_to_end(tmp_path: Path) -> None:
    """`vigipub investigate` on the fixture site served on 127.0.0.1: capture, site context,
    qualification up to « médicament de thérapie innovante »."""
    from vigipub.demo.server import DemoSiteServer
    from vigipub.evidence import FindingsFile, Qualification
    from vigipub.pipeline import InvestigateOptions, investigate

    server = DemoSiteServer("clinic", SITE)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        out = tmp_path / "dossier"
        summary = investigate(
            server.origin + "/fr/index.html",
            out,
            InvestigateOptions(capture=dict(max_pages=30, browser=False, allow_private=True)),
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert summary.verdict == "promotion" and summary.france_targeted == "yes"
    assert summary.therapies == ["dendritic_cells"]
    findings = FindingsFile.model_validate_json((out / "findings.json").read_text(encoding="utf-8"))
    verdicts = {p.url.rsplit("/", 1)[-1].removesuffix(".html"): p.verdict for p in findings.pages}
    for name in FLAGGED:
        assert verdicts.get(name) == "promotion", (name, verdicts)
    for name in NOT_FLAGGED:
        assert verdicts.get(name) != "promotion", (name, verdicts)
    assert findings.site is not None and findings.site.verdict == "promotion"
    assert findings.operator is not None and findings.operator.name == "Immunaris Klinik GmbH"
    qualification = Qualification.model_validate_json((out / "qualification.json").read_text(encoding="utf-8"))
    tests = {t.id: t.outcome for t in qualification.tests}
    assert tests["T3.substantial"] == "yes" and tests["T3.atmp"] == "yes"
    considerants = " ".join(c.text_fr for c in qualification.considerants)
    assert "médicament de thérapie innovante" in considerants
    assert "thérapie innovante" in (out / "decision.html").read_text(encoding="utf-8")
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    raised = [p for p in data["pages"] if p.get("page_verdict")]
    assert raised and all(p["contributions"] for p in raised)


#: a second clinic, written differently (English, stem cells for multiple sclerosis, a menu on
#: every page, prices written "USD 24,500", stories told as « “…,” says Laura »): what the site
#: context must hold beyond the first fixture's phrasing
SITE_EN = Path(__file__).resolve().parent / "fixtures" / "clinic_site_en"


def test_a_second_clinic_written_otherwise_is_read_the_same_way() -> None:
    alone = _pages(SITE_EN, "https://regenvita.example", section="")
    assert alone["prices"].verdict != "promotion" and alone["stories"].verdict != "promotion"
    assert any(f.subkind == "price" and f.match.startswith("USD") for f in alone["prices"].findings)
    judged = _in_site(alone)
    for name in ("treatment", "results", "prices", "stories"):
        assert judged[name].verdict == "promotion", (name, judged[name].reasons)
    # a patient's story attributed with "says" is a testimonial, not a report …
    assert judged["stories"].page_verdict == alone["stories"].verdict
    # … while the clinic's blog post that reports a published review, and the contact form, are not raised
    assert judged["blog"].verdict != "promotion" and judged["contact"].verdict != "promotion"


#: a third clinic: hair-loss exosomes in Paris, the therapy named in the menu of every page, a
#: legal notice giving the company's share capital in euros
SITE_EXOSOMES = Path(__file__).resolve().parent / "fixtures" / "clinic_site_exosomes"


def test_the_share_capital_of_a_legal_notice_is_no_price_and_the_notice_is_not_raised() -> None:
    alone = _pages(SITE_EXOSOMES, "https://clinique-lumiere.example", section="")
    assert not [f for f in alone["mentions"].findings if f.subkind == "price"]
    assert {"690 €", "1 790 €"} <= {f.match for f in alone["tarifs"].findings if f.subkind == "price"}
    judged = _in_site(alone)
    for name in ("exosomes", "avant-apres", "tarifs", "avis"):
        assert judged[name].verdict == "promotion", (name, judged[name].reasons)
    assert judged["mentions"].verdict == "not_promotion" and judged["rdv"].verdict != "promotion"


#: more sites written for these tests, each in its own style: (folder, host, pages that carry the
#: site's offer and must be flagged in their site, pages that must not be)
SITES = [
    # a German practice: the therapy page alone is only uncertain (no booking, « wir »), its
    # testimonial is attributed (« berichtet Herr M. »), its price page says the insurers do not
    # pay, its Impressum names the medical council (a regulator cue)
    ("clinic_site_de", "praxis-keller.example", {"stammzellen", "kosten", "erfahrungen"}, {"impressum"}),
    # a Mexican provider selling to families abroad, in Spanish
    ("broker_site_es", "cellumed.example", {"autismo", "precios", "testimonios", "tratamientos"}, {"contacto"}),
    # a newspaper: an investigation quoting a clinic's promises and price, a trial, an op-ed
    ("news_site_fr", "quotidien-sante.example", set(), {"index", "clinique", "essai", "tribune", "abonnement"}),
    # a university hospital: authorised CAR-T cells, HSCT, a trial of mesenchymal cells
    ("hospital_site_fr", "chu-lumeville.example", set(), {"hemato", "essais", "rdv"}),
    # a patients' association warning against the clinics (with prices quoted), asking for gifts
    ("association_site_fr", "espoir-autisme.example", set(), {"alerte", "don", "adherer", "temoignages"}),
    # an Italian centre: fat-derived cells injected in the knee, results, costs, booking; its
    # booking form names neither the therapy nor a disease, and is not raised (as the Paris
    # clinic's « Prendre rendez-vous » page); it was, by the claim read in « Centro Medico
    # Rigenera » (the centre's name), until names stopped being claims
    ("clinic_site_it", "rigenera.example", {"cellule-staminali", "risultati", "costi"}, set()),
    # an Istanbul clinic with a French section: its home page names the therapy and the diseases
    # and invites the reader to a free assessment (no claim, no price of its own); the French
    # stories do not name the therapy; the contact page is the legal identity
    (
        "clinic_site_tr",
        "vitacell.example",
        {"index", "otizm", "ms", "fiyatlar", "laboratuvar", "fr-index", "fr-temoignages", "fr-tarifs"},
        {"iletisim"},
    ),
    # a Lyon aesthetic clinic offering platelet-rich plasma (no medicine alone), with results,
    # prices, stories and booking; its knee page contrasts PRP with « les injections de cellules
    # souches proposées à l'étranger, qui ne sont pas autorisées en France »: stem cells named to
    # be warned against are not the site's therapy, and nothing is raised (all pages were, with
    # the suspension of a stem-cell therapy's advertising, before)
    (
        "prp_site_fr",
        "clinique-bellecour.example",
        set(),
        {"index", "prp-cheveux", "prp-genou", "tarifs", "avis"},
    ),
    # a shop of Korean cosmetics: a rose-exosome serum (« exosomes extraits de cellules de rose »,
    # « Produit cosmétique »), and a hair lotion of human mesenchymal stem cells' exosomes said to
    # cure alopecia (a medicine by presentation); the home page lists both with their prices.
    # The serum's page is a cosmetic's, which its site does not raise (it was, for its price and
    # « une peau visiblement plus lisse »)
    (
        "shop_site_fr",
        "seoulglow.example",
        {"index", "lotion-capillaire"},
        {"serum-exosomes-rose", "mentions-legales"},
    ),
]


@pytest.mark.parametrize(("folder", "host", "flagged", "not_flagged"), SITES, ids=[s[0] for s in SITES])
def test_sites_written_in_other_styles(folder: str, host: str, flagged: set[str], not_flagged: set[str]) -> None:
    alone = _pages(Path(__file__).resolve().parent / "fixtures" / folder, f"https://{host}", section="")
    assert set(alone) >= flagged | not_flagged
    judged = _in_site(alone)
    for name in set(alone) - flagged - not_flagged:  # a booking form alone: left to a human, never raised
        assert judged[name].verdict != "promotion", (name, judged[name].reasons)
    for name in flagged:
        assert judged[name].verdict == "promotion", (name, judged[name].reasons)
    for name in not_flagged:
        assert judged[name].verdict == "not_promotion", (name, judged[name].reasons)


def test_a_page_captured_as_served_and_as_rendered_counts_once_in_the_site_verdict() -> None:
    """The browser's rendering of a page is a second analysis of one page, not a second page."""
    site_tr = Path(__file__).resolve().parent / "fixtures" / "clinic_site_tr"
    served = list(_in_site(_pages(site_tr, "https://vitacell.example", section="")).values())
    rendered = [p.model_copy(update={"source": "rendered"}) for p in served]
    site = Detector.default().analyze_site(served + rendered, "https://vitacell.example/")
    promotion = sum(p.verdict == "promotion" for p in served)
    assert promotion == 8
    assert site.reasons[0].startswith(f"verdict du site sur {len(served)} page(s) : {promotion} en promotion")
    listed = site.reasons[1].split(" : ", 1)[1].split(", ")
    assert len(listed) == len(set(listed)) == promotion


def test_a_disease_s_cost_or_a_market_s_size_is_no_price() -> None:
    """« US$818 billion » is what a disease costs the world, not what a clinic charges."""
    detector = Detector.default()
    doc = document_from_html(
        "<html lang='en'><body><h1>Stem cells and dementia</h1><p>Approximately 50 million people live with "
        "dementia, with the estimated global cost of care being US$818 billion. The stem cell clinic industry "
        "is worth €2.4bn a year.</p><p>Our stem cell infusion costs $7,500.</p></body></html>".encode(),
        "https://x.example/dementia",
    )
    prices = [f.match for f in detector.analyze(doc).findings if f.kind == "call_to_action" and f.subkind == "price"]
    assert prices == ["$7,500"]


def test_a_french_section_on_a_subdomain_is_the_same_site() -> None:
    """« fr.clinic.example » holds the French pages of « clinic.example »: an inspector reads
    them as one site, and so does the site context (before, each host was a site)."""
    # a real public suffix: « .example » is none, so each of its hosts is a site of its own
    alone = _pages(origin="https://immunaris-klinik.ch")
    moved = {
        name: page.model_copy(update={"url": page.url.replace("https://", "https://fr.")})
        for name, page in alone.items()
        if name != "traitement"
    }
    judged = _in_site({"traitement": alone["traitement"], **moved})
    for name in FLAGGED:
        assert judged[name].verdict == "promotion", (name, judged[name].reasons)


def test_a_site_of_one_page_is_judged_as_that_page() -> None:
    """Written for this test: a parent's fundraiser, the clinic's words reported (« La clinique
    nous a expliqué que 80 % des enfants progressent après le traitement »). Read "together", its
    findings were judged a second time without the reporting cue of its story sentence, and the
    one page was raised to promotion; a site of one page has no other page to establish anything."""
    html = (
        "<html lang='fr'><head><title>Aidons Léo à suivre son traitement par cellules souches – cagnotte</title></head>"
        "<body><h1>Aidons Léo, 6 ans, autiste, à partir en Turquie</h1><p>Nous, ses parents, avons découvert une "
        "clinique d'Istanbul qui propose des injections de cellules souches.</p><p>La clinique nous a expliqué que "
        "80 % des enfants progressent en langage après le traitement.</p><p>Le traitement coûte 16 900 €, sans "
        "compter le voyage. Chaque don compte !</p><p>Participer à la cagnotte.</p></body></html>"
    )
    detector = Detector.default()
    alone = detector.analyze(document_from_html(html.encode(), "https://cagnotte.example/leo"))
    judged = detector.judge_in_sites([alone])
    assert judged[0].verdict == alone.verdict
    assert judged[0].page_verdict is None


#: a Lyon practice (exosomes for hair, fat-derived cells for the knee) whose menu names both
#: therapies and a disease on every page; its privacy policy says one sentence of its own
SITE_PRIVACY = Path(__file__).resolve().parent / "fixtures" / "clinic_site_privacy"


def test_a_page_left_uncertain_by_the_site_s_menu_alone_is_cleared_in_its_site() -> None:
    alone = _pages(SITE_PRIVACY, "https://cabinet-verdier.example", section="")
    # read alone, the privacy policy is uncertain: the menu's « Cellules souches et arthrose »,
    # « Avis patients », « Rendez-vous »
    assert alone["confidentialite"].verdict == "uncertain"
    judged = _in_site(alone)
    page = judged["confidentialite"]
    assert page.verdict == "not_promotion" and page.page_verdict == "uncertain"
    assert any("gabarit du site" in r for r in page.reasons), page.reasons
    for name in ("index", "exosomes", "arthrose", "tarifs", "avis"):
        assert judged[name].verdict == "promotion", (name, judged[name].reasons)


def test_a_page_with_an_offer_of_its_own_is_not_cleared_by_the_site_s_menu() -> None:
    from vigipub.detect.site import _template_cleared, _template_quotes

    alone = _pages(SITE_PRIVACY, "https://cabinet-verdier.example", section="")
    # the FAQ answers « Y a-t-il un risque de rejet ? » with « aucun rejet »: had it been left
    # uncertain, what it says of the therapy is its own and a human reads it
    pages = {**alone, "faq": alone["faq"].model_copy(update={"verdict": "uncertain"})}
    model = Detector.default().model
    cleared = dict(zip(pages, _template_cleared(model, list(pages.values()), _template_quotes(list(pages.values()))), strict=True))
    assert cleared["faq"].verdict == "uncertain"
    assert cleared["confidentialite"].verdict == "not_promotion"
