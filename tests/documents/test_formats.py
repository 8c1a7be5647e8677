"""PDF reads back (pypdf), DOCX opens (python-docx) with named styles, Markdown is clean."""

from __future__ import annotations

import io
import re

import docx
import pypdf
import pytest

from vigipub.documents import render_alert, render_decision, render_letter, render_news
from vigipub.documents.convert import CLASS_STYLES, PLACEHOLDER_STYLE, html_to_docx
from vigipub.documents.render import render_decision_draft

from .conftest import iaso_qualification
from .fidelity import norm


@pytest.fixture(scope="module")
def decision_pdf(iaso_case_module) -> bytes:  # type: ignore[no-untyped-def]
    return bytes(render_decision(iaso_qualification(), iaso_case_module, fmt="pdf"))


@pytest.fixture(scope="module")
def iaso_case_module():  # type: ignore[no-untyped-def]
    from vigipub.cases import load_case

    from .conftest import IASO_CASE

    return load_case(IASO_CASE)


def test_pdf_reads_back(decision_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(decision_pdf))
    text = norm(" ".join(page.extract_text() for page in reader.pages))
    assert "vu le code de la santé publique" in text
    assert "décide" in text and "article 2" in text
    assert "alexandre de la volpiliere" in text
    meta = reader.metadata
    assert meta is not None and "vigipub" in (meta.creator or "")
    assert "vigipub-inputs:sha256:" in str(meta.get("/Keywords"))


def test_pdf_is_reproducible(iaso_case_module, decision_pdf: bytes) -> None:  # type: ignore[no-untyped-def]
    again = render_decision(iaso_qualification(), iaso_case_module, fmt="pdf")
    assert bytes(again) == decision_pdf


@pytest.mark.parametrize("render", [render_letter, render_news, render_alert])
def test_other_documents_render_to_pdf(render, iaso_case_module) -> None:  # type: ignore[no-untyped-def]
    data = bytes(render(iaso_qualification(), iaso_case_module, fmt="pdf"))
    assert data.startswith(b"%PDF")
    assert "iaso health gmbh" in norm(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text())


def test_docx_uses_named_styles(iaso_case_module) -> None:  # type: ignore[no-untyped-def]
    data = render_decision(iaso_qualification(), iaso_case_module, fmt="docx")
    document = docx.Document(io.BytesIO(bytes(data)))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("Vu") == 6
    assert styles.count("Considérant") == len(iaso_qualification().considerants)
    assert styles.count("Article") == 2 and styles.count("Article texte") == 2
    assert {"Title", "Autorité", "Décide", "Lieu et date", "Signature"} <= set(styles)
    # no hard formatting on the paragraphs: the look lives in the styles
    for p in document.paragraphs:
        assert p.paragraph_format.alignment is None
        for run in p.runs:
            assert run.bold is None and run.italic is None and run.font.size is None
    vu = next(p for p in document.paragraphs if p.style.name == "Vu")
    assert vu.text.startswith("Vu le règlement")
    props = document.core_properties
    assert props.author == "ANSM" and "vigipub" in props.comments
    assert (
        docx.Document(io.BytesIO(bytes(render_decision(iaso_qualification(), iaso_case_module, fmt="docx"))))
        .paragraphs[0]
        .text
        == document.paragraphs[0].text
    )


def test_docx_every_class_style_exists_and_placeholders_use_a_character_style() -> None:
    html = render_decision_draft(
        iaso_qualification(conclusion="undetermined", procedure="draft"), site_url="https://c.example"
    )
    document = docx.Document(
        io.BytesIO(html_to_docx(html, title="t", author="a", comments="c", created=None))
    )
    names = {s.name for s in document.styles}
    assert set(CLASS_STYLES.values()) <= names
    marked = [
        r.text
        for p in document.paragraphs
        for r in p.runs
        if r.style is not None and r.style.name == PLACEHOLDER_STYLE
    ]
    assert any("date du courrier" in t for t in marked)


def test_data_style_attribute_chooses_the_docx_style() -> None:
    html = '<html><body><p data-style="Vu">Vu le texte ;</p><p class="considerant">Considérant que ;</p></body></html>'
    document = docx.Document(
        io.BytesIO(html_to_docx(html, title="t", author="a", comments="c", created=None))
    )
    assert [p.style.name for p in document.paragraphs] == ["Vu", "Considérant"]


def test_markdown_structure(iaso_case_module) -> None:  # type: ignore[no-untyped-def]
    md = render_decision(iaso_qualification(), iaso_case_module, fmt="md").decode()
    assert md.startswith("PROJET\n\n# Décision du 28")  # « PROJET » on every draft
    assert "**Article 1**" in md and "**Décide\u202f:**" in md
    assert "<" not in re.sub(r"<https?://[^>]+>", "", md)  # no HTML left
    assert "vigipub" not in md.split("\n")[-2]  # the screen-only footer is not exported
    assert "**Alexandre DE LA VOLPILIERE**  \nDirecteur" in md


@pytest.mark.parametrize("fmt", ["html", "md", "docx", "pdf"])
def test_control_and_bidi_characters_in_site_quotes_are_neutralised(fmt: str, iaso_case_module) -> None:  # type: ignore[no-untyped-def]
    """QA: a quote taken from a site with a control character (here BEL) crashed the DOCX
    writer with a lxml traceback; a right-to-left override (U+202E) could make it display
    other than it reads. Both are shown as U+FFFD."""
    q = iaso_qualification()
    first = q.considerants[0]
    tainted = first.model_copy(update={"text_fr": first.text_fr + " « Guérit\u0007 le \u202ecancer »"})
    q = q.model_copy(update={"considerants": [tainted, *q.considerants[1:]]})
    data = bytes(render_decision(q, iaso_case_module, fmt=fmt))
    if fmt in ("html", "md"):
        text = data.decode("utf-8")
        assert "\u0007" not in text and "\u202e" not in text
        assert "Guérit\ufffd le \ufffdcancer" in text
