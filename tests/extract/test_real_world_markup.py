"""Extraction and detection on the markup that site builders really produce.

The labelled corpus is clean hand-written HTML; real clinic sites are built with Elementor,
Wix, Divi, Webflow, Next.js… Each fixture under ``fixtures/markup/`` reproduces one such
pattern (fictitious clinics, our own sentences), and each test checks the concrete text the
extractor builds and the finding the detector quotes from it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from vigipub.detect import Detector
from vigipub.evidence.document import Document, DocumentSource
from vigipub.evidence.findings import PageAnalysis
from vigipub.extract import document_from_html

MARKUP = Path(__file__).resolve().parent / "fixtures" / "markup"


@lru_cache(maxsize=1)
def _detector() -> Detector:
    return Detector.default()


def _doc(name: str, source: DocumentSource = "http") -> Document:
    return document_from_html((MARKUP / name).read_bytes(), f"https://clinic.test/{name}", source=source)


def _blocks(doc: Document) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks]


def _quotes(analysis: PageAnalysis, kind: str) -> list[str]:
    return [f.quote for f in analysis.findings if f.kind == kind]


def _check_offsets(doc: Document, analysis: PageAnalysis) -> None:
    for finding in analysis.findings:
        assert doc.text[finding.start : finding.end] == finding.quote


def test_elementor_nested_wrappers_and_spans_make_one_paragraph() -> None:
    doc = _doc("elementor_en.html")
    assert _blocks(doc)[1:] == [
        "Mesenchymal Stem Cell Therapy",
        "Our mesenchymal stem cell therapy cures autism in 9 out of 10 children. "
        "Each treatment uses cells grown in our own laboratory.",
        "Patients with multiple sclerosis walk again after a single infusion.",
        "Book a free consultation",
    ]
    analysis = _detector().analyze(doc)
    _check_offsets(doc, analysis)
    assert "Our mesenchymal stem cell therapy cures autism in 9 out of 10 children." in _quotes(
        analysis, "claim"
    )


def test_wix_spans_split_mid_word_join_without_space_and_zwsp_paragraphs_vanish() -> None:
    doc = _doc("wix_fr.html")
    # "aucun effet secon" + "daire." are two spans: joined as written, no space added
    assert _blocks(doc)[1:] == [
        "Thérapie par cellules souches",
        "Nos cellules souches guérissent la sclérose en plaques sans aucun effet secondaire.",
        "Le traitement de l'autisme par cellules souches dure trois jours à Kiev.",
    ]
    analysis = _detector().analyze(doc)
    sentence = "Nos cellules souches guérissent la sclérose en plaques sans aucun effet secondaire."
    assert sentence in _quotes(analysis, "claim")
    assert sentence in _quotes(analysis, "disease")


def test_leaked_divi_and_wpbakery_shortcodes_are_stripped() -> None:
    doc = _doc("divi_shortcodes_en.html")
    assert "[" not in doc.text and "_builder_version" not in doc.text
    assert _blocks(doc)[1:] == [
        "Exosome therapy reverses Parkinson's disease within three months.",
        "Our stem cell injections cure diabetes for good.",
    ]
    analysis = _detector().analyze(doc)
    _check_offsets(doc, analysis)
    assert "Our stem cell injections cure diabetes for good." in _quotes(analysis, "therapy")


def test_shortcode_pattern_keeps_ordinary_brackets() -> None:
    from vigipub.extract.html import strip_shortcodes

    blocks = [
        ("See [1] and [sic] here.", "p"),
        ("[caption id=”attachment_7″ width=”300″]Our lab[/caption]", "p"),
        ("[vc_empty_space]", "p"),
        ("[/et_pb_text][/et_pb_column]", "p"),
    ]
    assert strip_shortcodes(blocks) == [("See [1] and [sic] here.", "p"), ("Our lab", "p")]


def test_webflow_classes_and_rich_text() -> None:
    doc = _doc("webflow_de.html")
    blocks = _blocks(doc)
    assert "Unsere Stammzelltherapie heilt Parkinson ohne Nebenwirkungen." in blocks
    assert "Die Behandlung mit mesenchymalen Stammzellen dauert nur zwei Tage." in blocks
    analysis = _detector().analyze(doc)
    assert "Unsere Stammzelltherapie heilt Parkinson ohne Nebenwirkungen." in _quotes(analysis, "claim")


def test_nextjs_comment_separated_text_nodes_merge_and_next_data_does_not_leak() -> None:
    doc = _doc("nextjs_en.html")
    # React puts "<!-- -->" between the text nodes of one sentence
    assert _blocks(doc)[1:] == [
        "Dendritic cell vaccine",
        "Our dendritic cell vaccine destroys glioblastoma in 80% of patients.",
        "Treatment costs 12,000 euros.",
        "Frequently asked questions",
        "Is it safe?",
        "The vaccine has no side effects at all.",
    ]
    # the __NEXT_DATA__ JSON and the streamed payload stay out, so nothing is said twice
    assert "pageProps" not in doc.text and "__next_f" not in doc.text
    assert doc.text.count("destroys glioblastoma") == 1
    analysis = _detector().analyze(doc)
    _check_offsets(doc, analysis)
    sentence = "Our dendritic cell vaccine destroys glioblastoma in 80% of patients."
    assert sentence in _quotes(analysis, "therapy") and sentence in _quotes(analysis, "disease")


def test_comments_next_to_elements_still_keep_touching_links_apart() -> None:
    html = (
        b'<body><nav><a href="/a"><!--[-->Advertising<!--]--></a><a href="/c"><!--[-->Contact'
        b"<!--]--></a></nav><p>Stem<!-- --> cells</p></body>"
    )
    doc = document_from_html(html, "https://clinic.test/")
    assert _blocks(doc) == ["Advertising", "Contact", "Stem cells"]


def test_br_inside_a_sentence_joins_br_between_items_separates() -> None:
    doc = _doc("br_lines_fr.html")
    assert _blocks(doc)[1:] == [
        "Nos injections de cellules souches guérissent la maladie de Crohn en quelques semaines seulement.",
        "Centre Médical Helvétia",
        "12 rue des Tilleuls",
        "1201 Genève",
        "Tél. +41 22 000 00 00",
        "Indications traitées :",
        "Autisme",
        "Sclérose en plaques",
        "Diabète de type 1",
        "Les cellules souches contre la maladie d'Alzheimer",
    ]
    analysis = _detector().analyze(doc)
    sentence = (
        "Nos injections de cellules souches guérissent la maladie de Crohn en quelques semaines seulement."
    )
    assert sentence in _quotes(analysis, "claim") and sentence in _quotes(analysis, "therapy")


def test_br_edge_cases() -> None:
    html = (
        b"<body><p>Stammzell-<br>therapie</p><p>first line<br><br>second line</p>"
        b"<p>Done.<br>and then</p><p><br>alone<br></p></body>"
    )
    assert _blocks(document_from_html(html, "https://clinic.test/")) == [
        "Stammzell-therapie",
        "first line",
        "second line",
        "Done.",
        "and then",
        "alone",
    ]


def test_letter_by_letter_span_heading_reads_as_words() -> None:
    doc = _doc("split_letters_en.html")
    blocks = _blocks(doc)
    assert blocks[1] == "Stem cells heal"
    analysis = _detector().analyze(doc)
    assert "Stem cells heal" in _quotes(analysis, "therapy")


def test_soft_hyphens_and_zero_width_characters_are_dropped() -> None:
    doc = _doc("invisible_chars_de.html")
    assert _blocks(doc)[1:] == [
        "Unsere Stammzellentherapie heilt Multiple Sklerose dauerhaft.",
        "Die Stammzellen werden aus Ihrem eigenen Fettgewebe gewonnen.",
        "Die Stammzellentherapie heilt Arthrose im Knie.",
        "Our stem-cell treatment reverses autism in weeks.",
        "Exosome infusions cure Alzheimer’s disease.",
        "Our mesenchymal stem cell therapy cures ALS.",
    ]
    assert not any(c in doc.text for c in "\u00ad\u200b\u200d\u2060\ufeff")
    analysis = _detector().analyze(doc)
    _check_offsets(doc, analysis)
    therapy = _quotes(analysis, "therapy")
    assert "Unsere Stammzellentherapie heilt Multiple Sklerose dauerhaft." in therapy
    assert "Exosome infusions cure Alzheimer’s disease." in therapy


def test_joiners_stay_where_they_shape_a_script() -> None:
    # ZWNJ inside a Persian word and ZWJ inside an emoji sequence are kept
    html = "<body><p>می\u200cخواهم</p><p>family 👨\u200d👩\u200d👧</p><p>Exo\u200dsomes</p></body>".encode()
    assert _blocks(document_from_html(html, "https://clinic.test/")) == [
        "می\u200cخواهم",
        "family 👨\u200d👩\u200d👧",
        "Exosomes",
    ]


def test_title_loses_invisible_characters_too() -> None:
    html = "<head><title>Stamm\u00adzellen\u00ad\u200bklinik</title></head><body><p>x</p></body>".encode()
    doc = document_from_html(html, "https://clinic.test/")
    assert doc.title == "Stammzellenklinik"


def test_nbsp_separated_words_become_spaces() -> None:
    doc = _doc("nbsp_es.html")
    assert _blocks(doc)[1:] == [
        "Nuestra terapia con células madre cura el autismo en pocas semanas.",
        "Las células madre regeneran el cartílago de la rodilla.",
    ]
    analysis = _detector().analyze(doc)
    assert "Nuestra terapia con células madre cura el autismo en pocas semanas." in _quotes(analysis, "claim")


def test_collapsed_accordions_and_tab_panels_are_kept() -> None:
    # Hidden panels open on a click: what the clinic publishes there is still published.
    doc = _doc("accordion_en.html")
    blocks = _blocks(doc)
    assert "Yes, our umbilical cord stem cells cure autism in most children." in blocks
    assert "Our stem cell infusions reverse ALS in a few weeks." in blocks
    assert "Exosome therapy restores memory in Alzheimer's patients within a month." in blocks
    analysis = _detector().analyze(doc)
    assert "Our stem cell infusions reverse ALS in a few weeks." in _quotes(analysis, "claim")


def test_widgets_template_svg_and_noscript() -> None:
    doc = _doc("widgets_en.html")
    blocks = _blocks(doc)
    # the cookie banner and the chat widget are visible text; <template>, inline <svg> and
    # <noscript> are not shown by a browser running scripts, and stay out
    assert "We use cookies to optimise our website and our service." in blocks
    assert "Stem cells cure cancer, ask us how." not in doc.text
    assert "Stem cells cure arthritis" not in doc.text
    assert doc.text.count("regrow knee cartilage") == 1
    analysis = _detector().analyze(doc)
    assert "Our stem cell injections regrow knee cartilage without surgery." in _quotes(analysis, "claim")


def test_price_table_of_divs_keeps_currency_and_amount_together() -> None:
    """A price card of <div>s: the currency and the amount stay together, and the amount joins
    its plan's label on one line, as a table row's cells do (an amount alone says nothing)."""
    doc = _doc("price_divs_en.html")
    blocks = _blocks(doc)
    assert "Basic\t$4,900" in blocks and "Premium\t$12,500/course" in blocks
    analysis = _detector().analyze(doc)
    prices = [f.quote for f in analysis.findings if f.subkind == "price"]
    assert prices == ["Basic\t$4,900", "Premium\t$12,500/course"]


def test_an_amount_joins_only_the_label_of_its_own_card() -> None:
    """The amount under a paragraph of the main column, or far from the label in the tree, stays
    a block of its own; a long sentence before it is no label."""
    html = (
        "<html lang='fr'><body><main><section><div><div><div><h3>Protocole autisme</h3></div></div></div>"
        "<div><div><div><p>14 900 €</p></div></div></div></section>"
        "<div class='card'><p>Nos cellules souches sont injectées en trois séances sous anesthésie locale, "
        "avec un suivi de six mois par notre équipe.</p><p>9 800 €</p></div></main></body></html>"
    )
    blocks = _blocks(document_from_html(html.encode(), "https://clinic.example/tarifs"))
    assert "14 900 €" in blocks and "9 800 €" in blocks


def test_carousel_clones_are_dropped_from_a_rendered_dom() -> None:
    served = _doc("slider_en.html")
    rendered = _doc("slider_en.html", source="rendered")
    assert served.text.count("my son with autism started talking again") == 2
    assert _blocks(rendered)[1:] == [
        "What our patients say",
        "My multiple sclerosis is gone thanks to the stem cell infusions.",
        "John, Texas",
        "After the stem cell treatment my son with autism started talking again.",
        "Maria, Ohio",
        "Stem cells gave my father his life back after his stroke.",
    ]
    analysis = _detector().analyze(rendered)
    # each testimonial is quoted once per finding kind, not once per clone
    pairs = [(f.kind, f.subkind, f.quote) for f in analysis.findings]
    assert len(pairs) == len(set(pairs))
    assert "After the stem cell treatment my son with autism started talking again." in _quotes(
        analysis, "testimonial"
    )


def test_rtl_and_mixed_scripts() -> None:
    doc = _doc("rtl_mixed_en.html")
    blocks = _blocks(doc)
    assert "Our stem cell therapy cures autism in 9 out of 10 children." in blocks
    # bidi marks are kept: they order the quote when it is shown, and do not split words
    assert "\u200fStem cell therapy\u200e cures diabetes in one week." in blocks
    analysis = _detector().analyze(doc)
    _check_offsets(doc, analysis)
    assert "Our stem cell therapy cures autism in 9 out of 10 children." in _quotes(analysis, "claim")


def test_table_layout_font_tags_and_uppercase_text() -> None:
    doc = _doc("table_font_fr.html")
    assert _blocks(doc)[1:] == [
        "Accueil",
        "Tarifs",
        "LES CELLULES SOUCHES GUERISSENT LA SCLEROSE EN PLAQUES.",
        "Notre thérapie par cellules souches guérit l'autisme en trois séances.",
    ]
    analysis = _detector().analyze(doc)
    claims = _quotes(analysis, "claim")
    assert "LES CELLULES SOUCHES GUERISSENT LA SCLEROSE EN PLAQUES." in claims
    assert "Notre thérapie par cellules souches guérit l'autisme en trois séances." in claims


def test_wbr_inside_words_adds_nothing() -> None:
    doc = _doc("wbr_de.html")
    assert _blocks(doc)[1:] == [
        "Die Stammzellentherapie heilt Diabetes.",
        "Unsere Exosomentherapie heilt Parkinson in wenigen Wochen.",
        "Our stem-cell injections cure autism.",
    ]
    analysis = _detector().analyze(doc)
    assert "Die Stammzellentherapie heilt Diabetes." in _quotes(analysis, "therapy")
    assert "Unsere Exosomentherapie heilt Parkinson in wenigen Wochen." in _quotes(analysis, "claim")


def test_the_cells_of_a_table_row_are_one_line_separated_by_tabs() -> None:
    """A price list's amount alone (« 80 € ») says nothing: a row is read, quoted and judged as
    one line, its cells separated by a tab as a browser's innerText separates them."""
    doc = document_from_html(
        "<html lang='fr'><body><h1>Nos tarifs</h1><table><tr><th>Soin</th><th>Prix</th></tr>"
        "<tr><td>Exosomes cheveux (forfait 3 séances)</td><td>1 200 €</td></tr>"
        "<tr><td>Consultation</td><td>80 €</td></tr></table>"
        "<table><tr><td><p>Cellule dans un paragraphe</p></td><td>seule</td></tr></table></body></html>".encode(),
        "https://clinic.example/tarifs",
    )
    lines = doc.text.split("\n")
    assert "Soin\tPrix" in lines
    assert "Exosomes cheveux (forfait 3 séances)\t1 200 €" in lines and "Consultation\t80 €" in lines
    # a cell whose text sits in a paragraph stays a block of its own
    assert "Cellule dans un paragraphe" in lines
    for block in doc.blocks:
        assert "\n" not in doc.text[block.start : block.end]
    page = Detector.default().analyze(doc)
    prices = [f.quote for f in page.findings if f.kind == "call_to_action" and f.subkind in ("price", "package")]
    assert "Exosomes cheveux (forfait 3 séances)\t1 200 €" in prices
