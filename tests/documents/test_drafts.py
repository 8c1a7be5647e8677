"""Drafts from a case file: gaps highlighted and listed, the strict refusal, the measure the letter
allows, the capture the letter may cite, « PROJET » on every page, the Word draft (issue 13)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from vigipub.cli.main import main
from vigipub.documents import render_decision, render_letter

from .conftest import iaso_qualification
from .fidelity import norm

CASE = """\
company: {name: "Clinique Exemple SA", addresses: ["1 rue de l'Exemple, Genève, Suisse"], country: CH}
websites: ["https://clinique.example"]
product: "thérapie cellulaire dendritique"
product_article: la
events: [{date: 2025-03-03, kind: letter_of_intent}]
claims: ["La thérapie cellulaire dendritique guérit le cancer sans aucun effet secondaire."]
decision: {date: 2025-04-20}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_undetermined_case_gives_a_draft_with_its_gaps_listed_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No French version, no preparation, registers not consulted: a draft all the same, each gap a
    highlighted placeholder in the place of its Considérant, and a French warning listing them."""
    case = write(tmp_path, CASE)
    out = tmp_path / "d.html"
    assert main(["draft", "decision", str(case), "--out", str(out), "--no-registers"]) == 0
    err = capsys.readouterr().err
    assert ": indéterminée" in err and "question ouverte : " in err
    warning = next(line for line in err.splitlines() if "projet incomplet" in line)
    # the three open tests, and the signatory the case file does not name
    assert warning.startswith("avertissement : projet incomplet : 5 points à compléter avant signature : ")
    assert warning.endswith("[nom du signataire] ; [qualité du signataire]")
    html = out.read_text(encoding="utf-8")
    marks = re.findall(r'<p class="considerant"[^>]*>Considérant que <mark class="placeholder"[^>]*>\[([^]]+)\]', html)
    assert [m.split(" (")[0] for m in marks] == [
        "lien du site avec la France à établir",
        "préparation du produit à décrire",
        "absence de toute autorisation du produit à vérifier",
    ]
    assert "Points à compléter avant signature" in html  # the draft lists them too
    # the strict refusal of before, on request
    assert main(["draft", "decision", str(case), "--out", str(out), "--no-registers", "--strict"]) == 1
    assert "--strict asks for a violation established on every point" in capsys.readouterr().err


def test_a_measure_beyond_the_letter_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = CASE.replace("decision: {date: 2025-04-20}", "decision: {date: 2025-04-20, measure: suspension_of_all_activities}")
    text += "letter_of_intent: {scope: advertising}\nestablished: {french_version: true}\n"
    case = write(tmp_path, text)
    assert main(["draft", "decision", str(case), "--out", str(tmp_path / "d.html"), "--no-registers"]) == 2
    err = capsys.readouterr().err
    assert "goes beyond the letter of intent" in err and "--force" in err


def test_the_letter_cites_a_capture_only_when_there_is_one(iaso_case) -> None:  # type: ignore[no-untyped-def]
    without = norm(render_letter(iaso_qualification(), iaso_case).decode())
    assert "conservés sous forme de captures horodatées" not in without
    assert "[date du constat du site" in without
    from vigipub.evidence import CaptureRecord

    captured = iaso_case.model_copy(
        update={"captures": [CaptureRecord(date="2024-10-15T09:30:00Z", sha256="sha256:" + "ab" * 32)]}
    )
    text = norm(render_letter(iaso_qualification(), captured).decode())
    assert "constatés le 15 octobre 2024 et conservés sous forme de captures horodatées" in text
    assert "sha256:" + "ab" * 32 in text


def test_every_page_of_a_pdf_draft_is_marked_projet(iaso_case) -> None:  # type: ignore[no-untyped-def]
    pdf = pypdf.PdfReader(io.BytesIO(bytes(render_decision(iaso_qualification(), iaso_case, fmt="pdf"))))
    assert len(pdf.pages) > 1
    for n, page in enumerate(pdf.pages, 1):
        text = page.extract_text()
        assert "PROJET" in text, n
        assert re.search(rf"\b{n} / {len(pdf.pages)}\b", text), n  # the page number


def test_the_word_draft_is_french_administrative_and_numbered(iaso_case) -> None:  # type: ignore[no-untyped-def]
    data = bytes(render_decision(iaso_qualification(), iaso_case, fmt="docx"))
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.language == "fr-FR"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
        header = z.read("word/header1.xml").decode()
        footer = z.read("word/footer1.xml").decode()
    assert 'w:lang w:val="fr-FR"' in styles  # spelling and hyphenation in French, for every run
    title = document.styles["Title"]
    assert title.font.name == "Liberation Sans" and title.font.bold  # the PDF's title font
    assert str(title.font.color.rgb) == "000000"  # not the template's blue
    assert "w:pBdr" not in title.element.xml  # nor its rule under the title
    assert document.styles["Normal"].font.name == "Liberation Serif"  # the PDF's text font
    assert "PROJET" in header  # on every page
    assert "PAGE" in footer and "NUMPAGES" in footer  # « page n / N »
    assert "PROJET" not in " ".join(p.text for p in document.paragraphs)  # the header, not the body


def test_a_doctors_practice_is_named_as_a_doctor_in_every_document(tmp_path: Path) -> None:
    """An operator whose name starts with a doctor's title is « le Dr … » (« du Dr … », « au
    Dr … », « lui a fait part », with no participle to agree with a gender the site does not
    say), never « la société Dr … »; a company stays « la société … » (« l'a informée »)."""
    doctor = CASE.replace(
        'company: {name: "Clinique Exemple SA", addresses: ["1 rue de l\'Exemple, Genève, Suisse"], country: CH}',
        'company: {name: "Dr. med. Stefan Vogel", addresses: ["Kaiser-Joseph-Straße 200, 79098 Freiburg"], country: DE}',
    )
    assert doctor != CASE
    case = write(tmp_path, doctor)
    texts = {}
    for kind in ("decision", "letter", "news", "alert"):
        out = tmp_path / f"{kind}.html"
        assert main(["draft", kind, str(case), "--out", str(out), "--no-registers", "--force"]) == 0
        texts[kind] = norm(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
    everything = " ".join(texts.values())  # lower case (norm)
    assert "société dr" not in everything
    assert "adressé au dr. med. stefan vogel (exerçant kaiser-joseph-straße" in texts["decision"]
    assert "l'ansm lui a fait part de son intention" in texts["decision"].replace("’", "'")
    assert "informé" not in everything.replace("informée", "")
    assert "par le dr. med. stefan vogel" in texts["decision"]
    assert "que votre cabinet présente" in texts["letter"]
    assert "la publicité du dr. med. stefan vogel" in texts["news"] and "par ce médecin" in texts["news"]
    assert "le dr. med. stefan vogel fait la promotion" in texts["alert"]
    company = write(tmp_path, CASE)
    out = tmp_path / "company.html"
    assert main(["draft", "decision", str(company), "--out", str(out), "--no-registers"]) == 0
    said = norm(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))).replace("’", "'")
    assert "adressé à la société clinique exemple sa" in said and "l'a informée de son intention" in said
