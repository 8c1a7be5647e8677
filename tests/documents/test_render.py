"""Rendering: Vu assembly, placeholders, refusals, digests, strict templates."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, FileSystemLoader

from vigipub.documents import (
    UnknownFormatError,
    UnsupportedConclusionError,
    render_alert,
    render_decision,
    render_decision_draft,
    render_letter,
    render_news,
)
from vigipub.documents import render as render_module
from vigipub.documents.errors import TemplateError
from vigipub.evidence import MeasureKind, sha256_bytes
from vigipub.evidence.french import NNBSP

from .conftest import iaso_qualification
from .fidelity import norm, parse_html

RENDERERS = [render_decision, render_letter, render_news, render_alert]


def test_digest_and_producer_are_those_of_the_bytes(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    for render in RENDERERS:
        out = render(qualification, iaso_case)
        assert out.sha256 == sha256_bytes(bytes(out))
        assert out.producer.name == f"vigipub.documents.{out.kind}"
        assert out.producer.params_digest and out.producer.params_digest.startswith("sha256:")
        assert out.inputs_sha256 in out.decode()  # recorded in the document's metadata
        assert render(qualification, iaso_case).sha256 == out.sha256  # reproducible


def test_inputs_digest_changes_with_the_case(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    a = render_decision(qualification, iaso_case)
    other = iaso_case.model_copy(update={"product": "thérapie par cellules NK"})
    b = render_decision(qualification, other)
    assert a.inputs_sha256 != b.inputs_sha256 and a.sha256 != b.sha256


def test_decision_renders_qualification_vu_and_considerants_verbatim(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    d = parse_html(render_decision(qualification, iaso_case))
    assert [norm(v) for v in d.vu] == [norm(v.text_fr) for v in qualification.vu]
    assert [norm(c) for c in d.considerants] == [norm(c.text_fr) for c in qualification.considerants]
    html = render_decision(qualification, iaso_case).decode()
    assert f"«{NNBSP}Vaincre le cancer sans effets secondaires{NNBSP}»" in html
    assert f"Décide{NNBSP}:" in html


def test_the_decision_lays_out_the_qualification_s_vu_and_never_phrases_one(iaso_case) -> None:  # type: ignore[no-untyped-def]
    """Every legal sentence is phrased once, by the qualification: the documents put its Vu in
    the agency's order and add none; a qualification made before the letter is flagged."""
    q = iaso_qualification()
    q = q.model_copy(update={"vu": list(reversed(q.vu))})
    d = parse_html(render_decision(q, iaso_case))
    assert d.vu_kinds == ["regulation", "code", "website", "letter", "written_observations", "oral_observations"]
    legal_only = iaso_qualification(procedure="none")
    rendered = render_decision(legal_only, iaso_case)
    assert parse_html(rendered).vu_kinds == ["regulation", "code"]
    assert any("ne vise pas le courrier d'intention" in w for w in rendered.warnings), rendered.warnings


def test_article_1_is_the_qualification_s_measure(iaso_case) -> None:  # type: ignore[no-untyped-def]
    q = iaso_qualification()
    words = "L'ensemble des activités opérées en France et portant sur la thérapie X est suspendu."
    q = q.model_copy(update={"measure": q.measure.model_copy(update={"kind": MeasureKind.SUSPENSION_OF_ALL_ACTIVITIES, "text_fr": words})})
    assert norm(parse_html(render_decision(q, iaso_case)).articles[0]) == norm("Article 1 " + words)
    # no measure proposed (nor drafted): a highlighted gap, never words of this stage
    gap = render_decision(iaso_qualification().model_copy(update={"measure": None}), iaso_case).decode()
    assert "mesure de police sanitaire à rédiger" in gap and "est suspendue" not in gap


def test_no_violation_refuses_final_documents(iaso_case) -> None:  # type: ignore[no-untyped-def]
    q = iaso_qualification(conclusion="undetermined")
    for render in RENDERERS:
        with pytest.raises(UnsupportedConclusionError):
            render(q, iaso_case)


def test_unknown_format(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownFormatError):
        render_decision(qualification, iaso_case, fmt="odt")


def test_decision_draft_marks_placeholders() -> None:
    q = iaso_qualification(conclusion="undetermined", procedure="draft")
    html = render_decision_draft(q, site_url="https://clinic.example", company_name="Clinic Ltd")
    d = parse_html(html)
    assert d.vu_kinds == [
        "regulation",
        "code",
        "website",
        "letter",
        "written_observations",
        "oral_observations",
    ]
    assert '<mark class="placeholder"' in html
    for label in (
        "[date du courrier]",
        "[adresse de la société]",
        "[dates des observations écrites]",
        "[nom du signataire]",
    ):
        assert label in html.replace(NNBSP, " ")
    assert "Projet de décision" in html and "indéterminée" in html
    assert norm(q.questions[0]).rstrip(" ?") in norm(html)
    # without a company name the draft says it must be filled in
    assert "[nom de la société]" in render_decision_draft(q, site_url="https://clinic.example")


def test_letter_states_deadline_means_and_excludes_later_facts(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    text = norm(render_letter(qualification, iaso_case).decode())
    # the whole case: Iaso (Switzerland) answered on 7 November, so it had the letter by then;
    # 15 days from that answer is the latest honest end of the period
    assert "au plus tard le 22 novembre 2024" in text
    assert "17 jours" in text
    from vigipub.cases import case_as_of, load_case_file, plan_letter

    from .conftest import IASO_CASE

    # as `vigipub draft letter` drafts it: as of its date, no answer and no receipt known yet,
    # a company abroad gets the longer period from sending
    raw = load_case_file(IASO_CASE).raw
    assert raw is not None
    sent = date(2024, 11, 5)
    as_sent = norm(render_letter(qualification, plan_letter(case_as_of(raw, sent), sent)).decode())
    assert "30 jours" in as_sent and "au plus tard le 5 décembre 2024" in as_sent
    assert "l.121-1" in text and "l.122-1" in text
    assert "demander à être entendu" in text and "conseil" in text
    assert "saint-denis, le 5 novembre 2024" in text
    assert "observations écrites formulées" not in text  # no Vu of later observations in the annex


def test_news_and_alert_public_tone(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    for render in (render_news, render_alert):
        text = norm(render(qualification, iaso_case, fmt="md").decode())
        assert "https://signalement-sante.gouv.fr" in text
        assert "médecin" in text
        assert "perte de chance" in text or "perdre une chance" in text
        assert "iaso health gmbh" in text
        assert "28 novembre 2024" in text


def test_an_authorised_medicine_is_never_called_unauthorised(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    """The registers found the product authorised (T5 « no »): the violation is its advertising
    to the public (L. 5122-6); the news item and the alert say it is prescription-only, never
    that it lacks an authorisation."""
    from vigipub.evidence import LegalTest

    t5 = LegalTest(id="T5.unauthorised", rule="t5", question="autorisé ?", outcome="no", evidence=["register0"])
    authorised = qualification.model_copy(update={"tests": [*qualification.tests, t5]})
    for render in (render_news, render_alert):
        text = norm(render(authorised, iaso_case, fmt="md").decode()).replace("’", "'")
        assert "soumis à prescription" in text, render.__name__
        assert "non autorisé" not in text and "pas autorisé" not in text and "aucune autorisation" not in text, text
    said = norm(render_news(authorised, iaso_case, fmt="md").decode())
    assert "5122-6" in said
    # the unauthorised product's wording is unchanged
    assert "aucune autorisation" in norm(render_news(qualification, iaso_case, fmt="md").decode()).replace("’", "'")


@pytest.mark.parametrize(
    ("product", "article", "said"),
    [
        ("exosomes", "les", "n'ayez pas recours aux exosomes proposés par cette société"),
        ("cellules souches mésenchymateuses", "les", "recours aux cellules souches mésenchymateuses proposées"),
        ("vaccin dendritique", "le", "n'ayez pas recours au vaccin dendritique proposé par cette société"),
    ],
)
def test_the_news_item_agrees_with_the_product(qualification, iaso_case, product, article, said) -> None:  # type: ignore[no-untyped-def]
    """« à les exosomes proposé » was drafted: « aux », « au » and the agreement come from
    evidence.french (the template's fr_a and fr_agree filters)."""
    case = type(iaso_case).model_validate(
        {**iaso_case.model_dump(mode="json"), "product": product, "product_article": article}
    )
    text = norm(render_news(qualification, case, fmt="md").decode())
    assert said in text.replace("’", "'"), text[:2000]


def test_undefined_template_variable_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qualification, iaso_case
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "decision.html.j2").write_text("<p>{{ doc.kind }}</p>\n<p>{{ no_such_variable }}</p>\n")
    env = render_module._env()
    env.loader = ChoiceLoader([FileSystemLoader(tmp_path), FileSystemLoader(render_module.TEMPLATES)])
    monkeypatch.setattr(render_module, "_ENV", env)
    with pytest.raises(TemplateError) as exc:
        render_decision(qualification, iaso_case)
    assert "no_such_variable" in str(exc.value)
    assert exc.value.where and exc.value.where.endswith("decision.html.j2:2")


def test_template_syntax_error_names_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qualification, iaso_case
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "decision.html.j2").write_text("<p>ok</p>\n{% if %}\n")
    env = render_module._env()
    env.loader = ChoiceLoader([FileSystemLoader(tmp_path), FileSystemLoader(render_module.TEMPLATES)])
    monkeypatch.setattr(render_module, "_ENV", env)
    with pytest.raises(TemplateError) as exc:
        render_decision(qualification, iaso_case)
    assert exc.value.where and exc.value.where.endswith(":2")


def test_unknown_authority_is_an_input_error(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    from vigipub.documents import DocumentInputError

    with pytest.raises(DocumentInputError, match="unknown authority 'XYZ'"):
        render_decision(qualification, iaso_case.model_copy(update={"authority": "XYZ"}))


def test_authority_head_override(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    head = "Le directeur général de l'Agence nationale de sécurité du médicament et des produits de santé (ANSM) ;"
    d = parse_html(render_decision(qualification, iaso_case.model_copy(update={"authority_head": head})))
    assert norm(d.head) == norm(head)


def test_defence_not_answered_is_warned(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    out = render_decision(qualification, iaso_case)
    assert any("no_activity_in_france" in w for w in out.warnings)
    assert not any("medical_tourism_only" in w for w in out.warnings)  # C8_medical_tourism_only answers it


def test_docs_list_every_template_variable(qualification, iaso_case) -> None:  # type: ignore[no-untyped-def]
    from vigipub.documents import build_context

    docs = Path(__file__).resolve().parents[2] / "docs" / "templates.md"
    if not docs.exists():
        pytest.skip("docs/templates.md not found")
    text = docs.read_text(encoding="utf-8")
    missing = [k for k in build_context("decision", qualification, iaso_case) if f"| `{k}` |" not in text]
    assert missing == []


@pytest.mark.parametrize(
    ("product", "expected", "with_de"),
    [
        (
            "thérapie cellulaire dendritique (TCD)",
            "la thérapie cellulaire dendritique (TCD)",
            "de la thérapie",
        ),
        ("cellules souches mésenchymateuses", "les cellules souches mésenchymateuses", "des cellules"),
        ("exosomes", "les exosomes", "des exosomes"),
        ("immunothérapie NK", "l'immunothérapie NK", "de l'immunothérapie"),
        ("sécrétome", "le sécrétome", "du sécrétome"),
        ("la thérapie génique X", "la thérapie génique X", "de la thérapie"),
    ],
)
def test_product_articles(product: str, expected: str, with_de: str) -> None:
    from vigipub.evidence.french import de, with_article

    assert with_article(product) == expected
    assert de(with_article(product)).startswith(with_de)


def test_provenance_line_is_not_justified() -> None:
    """QA: the footer « … données d’entrée sha256:… » was justified, and the unbreakable digest
    spread its words across the whole line in the rendered decision."""
    import re as _re

    css = (
        Path(__file__).resolve().parents[2] / "src" / "vigipub" / "documents" / "templates" / "documents.css"
    )
    text = _re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=_re.S)
    rules = _re.findall(r"([^{}]+)\{([^}]*)\}", text)
    meta = [body for sel, body in rules if ".meta" in [s.strip() for s in sel.split(",")]]
    assert any("text-align: left" in body for body in meta), meta


def test_letter_does_not_quote_the_product_name_as_a_claim_and_ends_its_list(
    qualification, iaso_case
) -> None:  # type: ignore[no-untyped-def]
    """QA: the engine's T1 quotes include the bare therapy mention; the letter listed
    « thérapie cellulaire dendritique (TCD) » under « On peut notamment y lire », and its list of
    provisions ended with « ; » instead of a full stop."""
    t1 = qualification.tests[0]
    with_name = qualification.model_copy(
        update={"tests": [t1.model_copy(update={"quotes": [*t1.quotes, iaso_case.product]})]}
    )
    html = render_letter(with_name, iaso_case).decode()
    quoted = [q.strip("\u202f ") for q in re.findall(r'<li class="quote">«(.*?)»</li>', html, flags=re.S)]
    assert quoted and iaso_case.product not in quoted, quoted
    provisions = re.findall(r"<li>(l[’'].*?)</li>", html)
    assert provisions and provisions[-1].endswith(".") and all(p.endswith(";") for p in provisions[:-1])


def test_cleared_site_gets_no_suspension_draft() -> None:
    """QA: for the demo news site (qualification « no_violation », no Vu of law, no Considérant)
    decision.html still read « Décide : Article 1 – La publicité … est suspendue »."""
    q = iaso_qualification(conclusion="no_violation").model_copy(update={"vu": [], "considerants": []})
    html = render_decision_draft(q, site_url="https://news.example/article")
    text = norm(html)
    assert "aucun projet de décision" in text and "aucune mesure de police sanitaire" in text
    assert "https://news.example/article" in html
    assert "décide" not in text and "est suspendue" not in text and "article 1" not in text
    # an undetermined qualification still gives the skeleton to complete
    assert "Décide" in render_decision_draft(
        iaso_qualification(conclusion="undetermined"), site_url="https://x.fr"
    )


def test_letter_lists_provisions_by_hierarchy_and_number() -> None:
    """QA: the letter's « dispositions suivantes » followed the order of first citation, so CSP
    articles were split in two runs around the CRPA and the EU annexes (L. 5312-4, L. 121-1
    CRPA, annexe I…, then L. 5121-12). EU law first, then the CSP in numeric order, then the CRPA."""
    from vigipub.documents.render import _basis_order

    refs = [
        ("CSP", "L.\u00a05312-4"),
        ("CRPA", "L.\u00a0121-1"),
        ("Directive 2001/83/CE", "Annexe I, partie IV"),
        ("CSP", "L.\u00a05121-12-1"),
        ("Règlement (CE) n°\u00a01394/2007", "Annexe I"),
        ("CSP", "L.\u00a05121-9-1"),
        ("Règlement (CE) n°\u00a01394/2007", "2"),
        ("CSP", "L.\u00a05121-12"),
    ]
    ordered = sorted(refs, key=lambda r: _basis_order(*r))
    assert ordered == [
        ("Règlement (CE) n°\u00a01394/2007", "2"),
        ("Règlement (CE) n°\u00a01394/2007", "Annexe I"),
        ("Directive 2001/83/CE", "Annexe I, partie IV"),
        ("CSP", "L.\u00a05121-9-1"),
        ("CSP", "L.\u00a05121-12"),
        ("CSP", "L.\u00a05121-12-1"),
        ("CSP", "L.\u00a05312-4"),
        ("CRPA", "L.\u00a0121-1"),
    ]


def test_the_draft_s_title_names_the_product_its_considerants_name() -> None:
    """The title took the first therapy family in the vocabulary's order (« thérapie par cellules
    souches » on an exosome clinic's site, whose considérants speak of « les exosomes »)."""
    q = iaso_qualification(conclusion="undetermined", procedure="draft").model_copy(update={"product": "exosomes"})
    html = render_decision_draft(q, site_url="https://clinic.example", company_name="Clinic Ltd")
    title = norm(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1))  # type: ignore[union-attr]
    assert "la publicité pour les exosomes par la société clinic ltd" in title
