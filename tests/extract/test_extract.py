"""Extraction: WARC records, local files, charsets, and the pages that must never crash."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from tests._pdf import one_page_pdf
from warcio.archiveiterator import ArchiveIterator

from vigipub.extract import (
    ExtractError,
    ExtractIntegrityError,
    ExtractStats,
    document_from_excerpt,
    document_from_html,
    document_from_pdf,
    document_from_text,
    iter_documents,
)

from .conftest import HTML_FR, write_warc

FIXTURES = Path(__file__).resolve().parents[1] / "detect" / "fixtures"


def test_warc_records_become_documents(warc_file: Path) -> None:
    stats = ExtractStats()
    docs = list(iter_documents(warc_file, stats=stats))
    by_source = {(d.source, d.media_type.split(";")[0] if d.media_type else None): d for d in docs}
    assert [d.source for d in docs] == ["http", "pdf", "rendered"]
    html = by_source[("http", "text/html")]
    assert html.url == "https://clinic.example/fr/"
    assert html.language == "fr" and html.html_lang == "fr"
    assert "Les cellules dendritiques guérissent le cancer." in html.text
    assert html.links[0].url == "https://clinic.example/fr/tarifs" and html.links[0].hreflang == "fr"
    # skipped records are counted with a typed reason
    assert stats.skipped["status_404"] == 1
    assert stats.skipped["media_image/png"] == 1
    assert stats.skipped["resource_screenshot"] == 1
    rendered = [d for d in docs if d.source == "rendered"][0]
    assert rendered.url == "https://clinic.example/fr/"
    assert "régénèrent le cartilage" in rendered.text
    pdf = [d for d in docs if d.media_type == "application/pdf"][0]
    assert "Dendritic cell vaccine cures cancer" in pdf.text


def test_record_refs_address_and_digest_the_payload(warc_file: Path) -> None:
    docs = list(iter_documents(warc_file))
    raw = warc_file.read_bytes()
    for doc in docs:
        ref = doc.record
        assert ref is not None and ref.record_id.startswith("<urn:uuid:")
        # offset/length address one gzip member holding exactly this record
        member = gzip.decompress(raw[ref.offset : ref.offset + ref.length])
        assert ref.record_id.encode() in member
        with open(warc_file, "rb") as fh:
            fh.seek(ref.offset)
            record = next(iter(ArchiveIterator(fh)))
            payload = record.content_stream().read()
        assert ref.payload_digest == "sha256:" + hashlib.sha256(payload).hexdigest()
        assert ref.target_uri == doc.url
        assert ref.captured_at is not None


def test_dossier_and_evidence_folders(tmp_path: Path) -> None:
    evidence = tmp_path / "case" / "evidence"
    evidence.mkdir(parents=True)
    write_warc(evidence / "capture.warc.gz")
    (evidence / "manifest.json").write_text(json.dumps({"seed_url": "https://clinic.example/"}))
    from_dossier = list(iter_documents(tmp_path / "case"))
    from_evidence = list(iter_documents(evidence))
    assert len(from_dossier) == len(from_evidence) == 3
    assert all(d.record and d.record.warc_file == "capture.warc.gz" for d in from_dossier)


def test_local_files_use_file_urls(tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    html.write_bytes(HTML_FR)
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(one_page_pdf("Stem cells heal autism"))
    txt = tmp_path / "notes.txt"
    txt.write_text("Les exosomes guérissent tout.\n\nDeuxième paragraphe.", encoding="utf-8")
    (d_html,) = iter_documents(html)
    (d_pdf,) = iter_documents(pdf)
    (d_txt,) = iter_documents(txt)
    assert d_html.url == html.resolve().as_uri() and d_html.source == "file"
    assert d_pdf.url.startswith("file://") and "Stem cells heal autism" in d_pdf.text
    assert d_txt.source == "text" and [d_txt.text[b.start : b.end] for b in d_txt.blocks] == [
        "Les exosomes guérissent tout.",
        "Deuxième paragraphe.",
    ]


def test_an_excerpts_file_is_one_page_per_line(tmp_path: Path) -> None:
    """A JSON-lines file of page excerpts (the real corpus's layout) is read line by line: each
    line is a page with its own URL, its lines the page's blocks; a .jsonl of something else is
    plain text as before; a bad line is an error naming the file and line, after the pages
    before it."""
    lines = [
        {"id": "a-1", "url": "https://clinic.example/fr/traitement", "text": "Titre\nPremier paragraphe."},
        {"id": "a-2", "text": "Sans adresse connue."},
    ]
    path = tmp_path / "fr.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    stats = ExtractStats()
    first, second = iter_documents(path, stats=stats)
    assert first.url == "https://clinic.example/fr/traitement" and first.source == "text"
    assert [first.text[b.start : b.end] for b in first.blocks] == ["Titre", "Premier paragraphe."]
    assert second.url == path.resolve().as_uri() + "#a-2" and second.text.strip() == "Sans adresse connue."
    assert stats.documents == 2

    other = tmp_path / "log.jsonl"
    other.write_text('{"event": "start"}\n{"event": "stop"}\n', encoding="utf-8")
    (whole,) = iter_documents(other)
    assert whole.url == other.resolve().as_uri() and '"event"' in whole.text

    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(lines[0]) + '\n{"text": 3}\n', encoding="utf-8")
    read = []
    with pytest.raises(ExtractError, match="JSON object with a \"text\" string") as info:
        read.extend(iter_documents(broken))
    assert info.value.where == f"{broken}:2" and len(read) == 1


def test_missing_path_and_corrupt_warc(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="no such file"):
        list(iter_documents(tmp_path / "nope.warc.gz"))
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    with pytest.raises(ExtractError, match="no WARC"):
        list(iter_documents(empty_dir))
    good = write_warc(tmp_path / "good.warc.gz").read_bytes()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(good[: len(good) // 2] + b"\x00garbage")
    with pytest.raises((ExtractIntegrityError, ExtractError)):
        list(iter_documents(broken))


def test_blocks_map_offsets_to_visible_text() -> None:
    html = b"""<html><body><h1>Titre  principal</h1><p>Une <b>phrase</b>\n   avec <a href="/x">lien</a>.</p>
    <ul><li>Un</li><li>Deux</li></ul><script>var x = "cach\xc3\xa9";</script><style>p{}</style>
    <table><tr><td>Cellule</td></tr></table><button>R\xc3\xa9server</button></body></html>"""
    doc = document_from_html(html, "https://e.example/")
    texts = [doc.text[b.start : b.end] for b in doc.blocks]
    assert texts == ["Titre principal", "Une phrase avec lien.", "Un", "Deux", "Cellule", "Réserver"]
    assert [b.tag for b in doc.blocks] == ["h1", "p", "li", "li", "td", "button"]
    assert "caché" not in doc.text and "p{}" not in doc.text


def test_charset_lying_latin1_and_invalid_utf8() -> None:
    lying = document_from_html((FIXTURES / "latin1_lying_charset.html").read_bytes(), "file:///lying")
    assert "Thérapie génique" in lying.text and "\ufffd" not in lying.text
    assert any("charset" in w for w in lying.warnings)
    invalid = document_from_html((FIXTURES / "invalid_utf8.html").read_bytes(), "file:///invalid")
    assert "régénèrent le cartilage" in invalid.text
    assert any("replaced" in w for w in invalid.warnings)
    header_wins = document_from_html(
        "<p>Genève</p>".encode("cp1252"), "u:", content_type="text/html; charset=windows-1252"
    )
    assert header_wins.text == "Genève" and header_wins.charset == "cp1252"
    bom = document_from_html(b"\xef\xbb\xbf<p>Caf\xc3\xa9</p>", "u:")
    assert bom.text == "Café"


@pytest.mark.parametrize("name", ["empty.html", "binary.html", "scripts_only.html"])
def test_pages_without_text_never_crash(name: str) -> None:
    doc = document_from_html((FIXTURES / name).read_bytes(), f"file:///{name}")
    assert doc.text.strip() == ""
    assert doc.warnings


def test_huge_page_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from vigipub.extract import build

    monkeypatch.setattr(build, "MAX_HTML_BYTES", 2_000_000)
    paragraph = "<p>" + "Les cellules souches guérissent. " * 30 + "</p>\n"
    data = ("<html><body>" + paragraph * 4000 + "</body></html>").encode()  # ~4 MB
    assert len(data) > 2_000_000
    doc = build.document_from_html(data, "https://big.example/")
    assert any("cut" in w for w in doc.warnings)
    assert 0 < len(doc.text) < 2_100_000


def test_languages_per_page_and_block() -> None:
    doc = document_from_html((FIXTURES / "mixed_de_fr.html").read_bytes(), "file:///mixed")
    assert doc.language == "de"
    langs = {doc.text[b.start : b.end][:20]: b.language for b in doc.blocks if b.language}
    assert "fr" in langs.values() and "de" in langs.values()
    short = document_from_text("ok", "u:")
    assert short.language == "other"
    polish = document_from_text(
        "Komórki macierzyste są wykorzystywane w medycynie regeneracyjnej, a naukowcy badają ich "
        "zastosowanie w leczeniu wielu chorób, w tym cukrzycy i chorób serca.",
        "u:",
    )
    assert polish.language == "other"


def test_pdf_garbage_never_crashes() -> None:
    doc = document_from_pdf(b"%PDF-1.4 garbage", "file:///x.pdf")
    assert doc.text == "" and any("PDF" in w for w in doc.warnings)


def test_pathological_nesting_is_flattened_and_its_text_kept() -> None:
    """Issue 18: a page too deep to parse showed no text at all; a browser shows it (Chromium
    nests 512 levels and puts the rest beside), so its text is extracted the same way."""
    data = ("<div>" * 60_000 + "cellules souches" + "</div>" * 60_000).encode()
    doc = document_from_html(data, "https://deep.example/")
    assert doc.text == "cellules souches" and any("flattened" in w for w in doc.warnings)
    ordinary = ("<div><p>Paragraphe.</p></div>" * 30_000).encode()  # many tags, shallow
    assert document_from_html(ordinary, "https://wide.example/").text.startswith("Paragraphe.")


def test_utf16_with_and_without_bom() -> None:
    html = "<html><body><p>Les cellules souches guérissent l’autisme, dit la clinique de Genève.</p></body></html>"
    for data in (html.encode("utf-16"), html.encode("utf-16-le"), html.encode("utf-16-be")):
        doc = document_from_html(data, "u:")
        assert doc.text == "Les cellules souches guérissent l’autisme, dit la clinique de Genève."


def test_a_pdf_page_s_lines_make_paragraphs() -> None:
    """pypdf gives a PDF page as its printed lines: a heading, a footer and a sentence that ends
    a line are never merged with what follows; a wrapped line continues its sentence (German
    nouns too), a word hyphenated at a line's end is joined, ligatures are letters again."""
    from vigipub.extract.build import _pdf_blocks

    page = (
        "Protocole NeuroCell – brochure patients\n"
        "Nos cellules souches mésenchymateuses, cultivées dans notre laboratoire, réparent les\n"
        "neurones. 80 % des enfants progressent. Le traitement est eﬃcace et sans eﬀet secondaire\n"
        "prouvé chez nos patients, avec une Stamm-\n"
        "zellen-Technik venue d'Allemagne.\n"
        "Tarif du protocole complet (4 injections) : 16 900 €. Réservez au +90 212 000 00 00.\n"
        "12/7/26, 7:35 AM Brochure\n"
        "ﬁle:///brochure.html 1/1"
    )
    assert [b for b, _tag in _pdf_blocks(page, "pdf-page-1")] == [
        "Protocole NeuroCell – brochure patients",
        "Nos cellules souches mésenchymateuses, cultivées dans notre laboratoire, réparent les neurones. 80 % des "
        "enfants progressent. Le traitement est efficace et sans effet secondaire prouvé chez nos patients, avec "
        "une Stammzellen-Technik venue d'Allemagne.",
        "Tarif du protocole complet (4 injections) : 16 900 €. Réservez au +90 212 000 00 00.",
        "12/7/26, 7:35 AM Brochure",
        "file:///brochure.html 1/1",
    ]


def test_a_text_or_pdf_drops_the_invisible_characters_of_the_page_it_was_copied_from() -> None:
    """A text pasted from a page keeps its soft hyphens and zero-width spaces (typography
    plugins, builders); left in, they split the lexicons' terms and the page reads as nothing.
    Texts and PDFs drop them as the HTML walker does; a soft hyphen ending a PDF's printed line
    joins the word it broke."""
    from vigipub.detect import Detector
    from vigipub.extract.build import _pdf_blocks

    text = (
        "Traitement de l'autisme par cel\u200blules sou\u00adches\n\n"
        "Notre clinique propose une thérapie par cellules souches mésenchyma\u00adteuses qui améliore "
        "les symptômes de l'autisme chez 80 % des enfants. Prix : 9 500 €."
    )
    doc = document_from_excerpt(text, "https://clinique.test/autisme")
    assert not any(c in doc.text for c in "\u00ad\u200b")
    assert doc.text.startswith("Traitement de l'autisme par cellules souches")
    therapies = {f.subkind for f in Detector.default().analyze(doc).findings if f.kind == "therapy"}
    assert {"stem_cells", "mesenchymal_stem_cells"} <= therapies

    page = "Unsere Stamm\u00ad\nzellen\u200b-Therapie wirkt.\nZWNJ in می\u200cخواهم bleibt."
    assert [b for b, _tag in _pdf_blocks(page, "pdf-page-1")] == [
        "Unsere Stammzellen-Therapie wirkt.",
        "ZWNJ in می\u200cخواهم bleibt.",
    ]
