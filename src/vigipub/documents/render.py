"""Render the case documents: decision, letter of intent, news item, patient alert.

Each document is one Jinja2 HTML master (``templates/<kind>.html.j2``, StrictUndefined) fed
with the context of :mod:`vigipub.documents.context`; the HTML is typeset (French rules on
every text node) and then converted to the requested format. The result is a
:class:`RenderedDocument`: the bytes, plus their SHA-256 and the producer.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from vigipub import __version__
from vigipub.evidence import Case, Company, Producer, Qualification, french, params_digest, sha256_bytes
from vigipub.evidence.french import date_list as fr_date_list
from vigipub.evidence.french import join as fr_join
from vigipub.evidence.french import long_date as fr_date
from vigipub.evidence.french import quote as fr_quote
from vigipub.evidence.french import typeset as fr_text
from vigipub.evidence.french import upper_first
from vigipub.evidence.vocabulary import names_a_doctor

from . import context as cx
from .convert import html_to_docx, html_to_markdown, html_to_pdf, typeset_html
from .errors import DocumentInputError, TemplateError, UnknownFormatError, UnsupportedConclusionError

TEMPLATES = Path(__file__).parent / "templates"
FORMATS: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}
KINDS = ("decision", "letter", "news", "alert")
TITLES = {
    "decision": "Décision",
    "letter": "Courrier d’intention",
    "news": "Actualité",
    "alert": "Recommandations aux patients",
    "decision_draft": "Projet de décision",
}


class RenderedDocument(bytes):
    """The bytes of a rendered document, with their digest and who produced them.

    A ``bytes`` subclass, so that callers that only want the bytes can ignore the rest.
    """

    kind: str
    fmt: str
    media_type: str
    sha256: str
    producer: Producer
    inputs_sha256: str
    warnings: list[str]

    def __new__(cls, data: bytes, **meta: Any) -> RenderedDocument:
        obj = super().__new__(cls, data)
        for k, v in meta.items():
            setattr(obj, k, v)
        return obj

    def summary(self) -> str:
        return f"{self.sha256}  {self.kind}.{self.fmt}  producer={self.producer.name} {self.producer.version}"


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        {
            # « aux exosomes », « à la thérapie … »; « proposés », « proposée »: the product's
            # contraction and agreement (a template never guesses them from the article)
            "fr_a": french.a,
            "fr_agree": french.agree,
            "fr_date": fr_date,
            "fr_dates": fr_date_list,
            "fr_join": fr_join,
            "fr_quote": fr_quote,
            "fr_text": fr_text,
            "with_article": cx.with_article,
            "de": cx.de,
            "ph": cx.placeholder,
            "ucfirst": upper_first,
        }
    )
    return env


_ENV = _env()


def _template_error(exc: Exception, name: str) -> TemplateError:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(
            f"template syntax error: {exc.message}", where=f"{exc.filename or name}:{exc.lineno}"
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"template not found: {exc.name}", where=str(TEMPLATES))
    # Jinja rewrites tracebacks so that template frames carry the template's file and line
    where = str(TEMPLATES / name)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return TemplateError(f"template uses an undefined variable or fails: {exc}", where=where)


def render_template(name: str, ctx: dict[str, Any]) -> str:
    """Render ``templates/<name>`` with ``ctx``; any template problem raises :class:`TemplateError`."""
    try:
        return _ENV.get_template(name).render(**ctx)
    except (jinja2.TemplateError, TypeError) as exc:
        raise _template_error(exc, name) from exc


# --------------------------------------------------------------------------- context


def _template_digest() -> str:
    files = sorted(p for p in TEMPLATES.rglob("*") if p.is_file() and p.name != "report.html.j2")
    return params_digest({str(p.relative_to(TEMPLATES)): sha256_bytes(p.read_bytes()) for p in files})


def _vu_list(qualification: Qualification) -> list[dict[str, str]]:
    """The qualification's Vu, in the canonical order of the agency's decisions."""
    items = [{"kind": cx.vu_kind(v), "id": v.id, "text": v.text_fr} for v in qualification.vu]
    rank = {k: i for i, k in enumerate(cx.VU_KINDS)}
    return sorted(items, key=lambda i: rank[i["kind"]])


def _procedure_warnings(qualification: Qualification, case: Case) -> list[str]:
    """Procedure facts of the case the qualification's Vu do not state: the qualification was
    made before them (the Vu are phrased by the qualification, never by this stage)."""
    kinds = {cx.vu_kind(v) for v in qualification.vu}
    facts = cx.procedure_facts(case)
    missing = [
        what
        for what, dates, kind in (
            ("le courrier d'intention", facts.letter_dates, "letter"),
            ("les observations écrites", facts.written, "written_observations"),
            ("les observations orales", facts.oral, "oral_observations"),
        )
        if dates and kind not in kinds
    ]
    if not missing:
        return []
    return [
        f"la qualification ne vise pas {fr_join(missing)} du dossier : qualifier à nouveau le dossier "
        "(vigipub draft le fait) pour que la décision les vise"
    ]


def _defence_warnings(qualification: Qualification, case: Case) -> list[str]:
    """Defences raised in the case that the qualification does not visibly answer.

    A defence counts as answered when a Considérant names it (id, tests or evidence), or when
    the qualification's defence test (T9…) answered ``yes`` and some Considérant relies on it.
    """
    if not case.defences:
        return []
    t9 = [t for t in qualification.tests if t.id.upper().startswith("T9")]
    t9_ids = {t.id for t in t9}
    rebutting = [
        c
        for c in qualification.considerants
        if t9_ids & set(c.tests) or any(t.startswith("T9") for t in c.tests)
    ]
    if t9 and all(t.outcome == "yes" for t in t9) and rebutting:
        return []
    hay = " ".join(f"{c.id} {' '.join(c.tests)} {' '.join(c.evidence)}" for c in qualification.considerants)
    return [
        f"l'argument « {d} » soulevé par la société n'est examiné par aucun considérant de la qualification"
        for d in case.defences
        if d not in hay
    ]


def _doc_date(kind: str, case: Case, on: date | None, draft: bool) -> date | str:
    if on is not None:
        return on
    if kind == "decision" and case.decision:
        return case.decision.date
    if kind == "letter" and case.letter_of_intent and case.letter_of_intent.date:
        return case.letter_of_intent.date
    if kind in ("news", "alert"):
        pub = [e.date for e in case.events if e.kind == "publication"]
        if pub:
            return pub[0]
        if case.decision:
            return case.decision.date
    return cx.placeholder("date de la décision" if kind == "decision" else "date") if draft else date.today()


def build_context(
    kind: str, qualification: Qualification, case: Case, *, on: date | None = None, draft: bool = False
) -> dict[str, Any]:
    """Every variable the templates may use (documented in ``docs/templates.md``)."""
    auth = cx.authority_for(case)
    when = _doc_date(kind, case, on, draft)
    when_fr = fr_date(when) if isinstance(when, date) else when
    if kind == "letter":  # the letter is signed by whoever signs it, not by the decision's signatory
        signatory = case.letter_of_intent.signatory if case.letter_of_intent else None
    else:
        signatory = case.decision.signatory if case.decision and case.decision.signatory else None
    if signatory is None and auth.get("signatory"):
        signatory = auth["signatory"]
    if isinstance(signatory, dict):
        signatory = type("S", (), signatory)
    letter = case.letter_of_intent
    facts = cx.procedure_facts(case)
    executors = case.decision.executors if case.decision and case.decision.executors else auth["executors"]
    mkind = cx.measure_kind(qualification, case)
    article_1 = qualification.measure or qualification.draft_measure
    claims = cx.claims_for(qualification, case)
    return {
        "doc": {
            "kind": kind,
            "title": TITLES[kind if not draft or kind != "decision" else "decision_draft"],
            "date": when_fr,
            "date_iso": when.isoformat() if isinstance(when, date) else "",
            "draft": draft,
            "generator": f"vigipub {__version__}",
            "producer": f"vigipub.documents.{kind}",
            "inputs_sha256": cx.inputs_digest(qualification, case),
            "reference": case.reference or "",
        },
        "authority": auth,
        "head": auth["head"],
        "company": {
            "name": case.company.name,
            "trading_names": case.company.trading_names,
            "addresses": case.company.addresses
            or ([cx.placeholder("adresse de la société")] if draft else []),
            "country": case.company.country or "",
            # a doctor's practice is named « le Dr … », not « la société Dr … » (_addressee.html.j2)
            "doctor": names_a_doctor(case.company.name),
        },
        "product": case.product,
        "the_product": cx.product_with_article(case),
        "websites": case.websites,
        "claims": claims,
        # an authorised medicine advertised to the public: the news item and the alert say so
        "authorised": cx.authorised_product(qualification),
        "therapies": cx.therapy_labels(qualification),
        "vu": _vu_list(qualification),
        "considerants": [{"id": c.id, "text": c.text_fr} for c in qualification.considerants],
        "measure": {
            "kind": mkind,
            # Article 1: the measure the qualification proposes, or the one its draft words
            "text": article_1.text_fr if article_1 else "",
            "basis": [b.label_fr for b in qualification.measure.basis] if qualification.measure else [],
        },
        "executors": executors,
        "signatory": {
            "name": signatory.name if signatory else cx.placeholder("nom du signataire"),
            "title": signatory.title if signatory else cx.placeholder("qualité du signataire"),
        },
        "place": (case.decision.place if case.decision else auth["place"]) or auth["place"],
        "letter": {
            "sent": bool(facts.letter_dates),
            "date": fr_date(facts.letter_dates[0]) if facts.letter_dates else when_fr,
            "scope": letter.scope
            if letter
            else ("all_activities" if mkind == "all_activities" else "advertising"),
            "addresses": (letter.addresses if letter and letter.addresses else case.company.addresses)
            or [cx.placeholder("adresse de la société")],
            "days": letter.observation_days if letter and letter.observation_days else None,
            "deadline": fr_date(letter.observation_deadline)
            if letter and letter.observation_deadline
            else cx.placeholder("date limite des observations"),
            "reference": letter.delay_reference if letter and letter.delay_reference else "",
            "contact": auth.get("observations_contact")
            or cx.placeholder("service et adresse électronique de l’ANSM"),
        },
        "observations": {
            "written": fr_date_list(facts.written) if facts.written else "",
            "oral": fr_date_list(facts.oral) if facts.oral else "",
        },
        "defences": case.defences,
        "legal_basis": _basis_labels(qualification),
        "questions": qualification.questions,
        "conclusion": qualification.conclusion,
        "escalations": [{"kind": e.kind, "text": e.text_fr} for e in qualification.escalations],
        "date_of_facts": fr_date(qualification.date_of_facts),
        "urgency": case.urgency or "",
        "captures": [
            {"date": fr_date(c.date.date() if isinstance(c.date, datetime) else c.date), "sha256": c.sha256}
            for c in case.captures
        ],
        "gaps": [],  # filled by a second pass once the placeholders of the text are known
    }


def _basis_order(code: str, article: str) -> tuple[int, str, int, tuple[int, ...]]:
    """Hierarchy of norms, then instrument, then article number in numeric order: EU regulations,
    directives, the public health code, the CRPA, then anything else; annexes after articles."""
    folded = code.casefold()
    rank = (
        0
        if folded.startswith("règlement")
        else 1
        if folded.startswith("directive")
        else 2
        if folded == "csp"
        else 3
        if folded == "crpa"
        else 4
    )
    numbers = tuple(int(n) for n in re.findall(r"\d+", article))
    return rank, " ".join(code.split()), 1 if article.casefold().startswith("annexe") else 0, numbers


def _basis_labels(qualification: Qualification) -> list[str]:
    """The provisions the qualification relies on, once each, in the order a lawyer lists them
    (the order of first citation mixed CSP articles with EU annexes and the CRPA)."""
    seen: dict[str, tuple[tuple[int, str, int, tuple[int, ...]], str]] = {}
    refs = [r for v in qualification.vu for r in v.basis] + [
        r for c in qualification.considerants for r in c.basis
    ]
    for ref in refs:
        # "L. 5122-1" and "L.5122-1" are the same article
        key = f"{ref.code}|{''.join(ref.article.split())}"
        if key not in seen:
            seen[key] = (_basis_order(ref.code, ref.article), ref.label_fr)
    return [label for _, label in sorted(seen.values(), key=lambda item: item[0])]


# --------------------------------------------------------------------------- output


def _produce(
    kind: str,
    html: str,
    fmt: str,
    qualification: Qualification,
    case: Case,
    ctx: dict[str, Any],
    warnings: list[str],
    when: date | None,
) -> RenderedDocument:
    if fmt not in FORMATS:
        raise UnknownFormatError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    html = typeset_html(html)
    if fmt == "html":
        data = html.encode("utf-8")
    elif fmt == "md":
        data = html_to_markdown(html).encode("utf-8")
    elif fmt == "pdf":
        data = html_to_pdf(html, base_url=str(TEMPLATES))
    else:
        data = html_to_docx(
            html,
            title=f"{ctx['doc']['title']} – {case.company.name}",
            author=ctx["authority"]["short"],
            comments=f"{ctx['doc']['generator']}; inputs {ctx['doc']['inputs_sha256']}",
            created=when,
        )
    producer = Producer(
        name=f"vigipub.documents.{kind}",
        version=__version__,
        params_digest=params_digest(
            {"format": fmt, "templates": _template_digest(), "inputs": ctx["doc"]["inputs_sha256"]}
        ),
    )
    return RenderedDocument(
        data,
        kind=kind,
        fmt=fmt,
        media_type=FORMATS[fmt],
        sha256=sha256_bytes(data),
        producer=producer,
        inputs_sha256=ctx["doc"]["inputs_sha256"],
        warnings=warnings,
    )


def _require_violation(kind: str, qualification: Qualification, *, strict: bool = True) -> None:
    """A document needs a violation; without ``strict``, an undetermined qualification still
    gives a draft whose gaps are highlighted and listed (never a ``no_violation`` one)."""
    if qualification.conclusion == "violation":
        return
    if not strict and qualification.conclusion == "undetermined":
        return
    raise UnsupportedConclusionError(
        f"the qualification concludes '{qualification.conclusion}': no {kind} can be drafted "
        "(use render_decision_draft for a working draft)"
    )


_GAP_RE = re.compile(re.escape(cx.PH_OPEN) + r"(.*?)" + re.escape(cx.PH_CLOSE), re.S)


def gaps_of(html: str) -> list[str]:
    """The labels of the fields left to complete (placeholders), in reading order, each once
    with the number of places it is left in (« … (2 fois) »)."""
    counts = Counter(" ".join(html_lib.unescape(m.group(1)).split()) for m in _GAP_RE.finditer(html))
    return [f"{label} ({n} fois)" if n > 1 else label for label, n in counts.items()]


def gap_warning(gaps: list[str]) -> str:
    """The French warning that lists a draft's gaps (printed by ``vigipub draft``)."""
    n = len(gaps)
    head = "projet incomplet : 1 point à compléter" if n == 1 else f"projet incomplet : {n} points à compléter"
    return head + " avant signature : " + " ; ".join(f"[{g}]" for g in gaps)


def _scope_warnings(qualification: Qualification, case: Case) -> list[str]:
    """The measure may not go beyond what the letter of intent announced: the company could
    comment only on that (CRPA L. 121-1)."""
    letter = case.letter_of_intent
    if letter is None or cx.procedure_facts(case).letter_dates == []:
        return []
    if cx.measure_kind(qualification, case) == "all_activities" and letter.scope == "advertising":
        return [
            "la mesure (suspension de l'ensemble des activités) va au-delà de ce qu'annonçait le courrier "
            "d'intention (la seule publicité) : la société n'a pas pu présenter d'observations sur cette "
            "mesure ; adresser un nouveau courrier ou limiter la mesure à la publicité"
        ]
    return []


def _claim_warnings(qualification: Qualification, case: Case) -> list[str]:
    """The case file's claims the decision does not quote (the detector found no efficacy,
    safety, superiority or cure claim in them): say so rather than drop them silently."""
    text = " ".join(" ".join(c.text_fr.split()) for c in qualification.considerants)
    missing = [claim for claim in case.claims if " ".join(claim.split()) not in text]
    if not missing:
        return []
    shown = " ; ".join(f"« {c if len(c) <= 120 else c[:117] + '…'} »" for c in missing[:3])
    more = f" et {len(missing) - 3} autre(s)" if len(missing) > 3 else ""
    return [
        f"{len(missing)} allégation(s) du dossier ne sont pas citées (aucune allégation d'efficacité, de sécurité, "
        f"de supériorité ou de guérison n'y a été reconnue) : {shown}{more}"
    ]


def _render(
    kind: str, qualification: Qualification, case: Case, fmt: str, on: date | None, strict: bool = True
) -> RenderedDocument:
    if fmt not in FORMATS:
        raise UnknownFormatError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    _require_violation(kind, qualification, strict=strict)
    if kind == "decision" and not qualification.considerants:
        raise DocumentInputError("the qualification has no Considérant: nothing to motivate a decision")
    # a case file states the procedure: no placeholder for an observation nobody made; the gaps
    # of an undetermined qualification are in its Considérants and listed in the banner
    ctx = build_context(kind, qualification, case, on=on, draft=False)
    html = render_template(f"{kind}.html.j2", ctx)
    if gaps_of(html):
        # the banner lists what is left to complete: render once more with the list
        ctx["gaps"] = gaps_of(html)
        html = render_template(f"{kind}.html.j2", ctx)
    warnings = _defence_warnings(qualification, case) if kind == "decision" else []
    if kind == "decision":
        warnings += _procedure_warnings(qualification, case)
    if kind in ("decision", "letter"):
        warnings += _scope_warnings(qualification, case)
    if kind == "decision":
        warnings += _claim_warnings(qualification, case)
    gaps = gaps_of(html)
    if gaps:
        warnings.append(gap_warning(gaps))
    when = on or (date.fromisoformat(ctx["doc"]["date_iso"]) if ctx["doc"]["date_iso"] else None)
    return _produce(kind, html, fmt, qualification, case, ctx, warnings, when)


def render_decision(
    qualification: Qualification, case: Case, *, fmt: str = "html", on: date | None = None, strict: bool = True
) -> RenderedDocument:
    """The decision: authority line, Vu, Considérants, « Décide : », Articles 1–2, place, date, signatory.

    ``strict=False``: an undetermined qualification gives a draft with its gaps highlighted."""
    return _render("decision", qualification, case, fmt, on, strict)


def render_letter(
    qualification: Qualification, case: Case, *, fmt: str = "html", on: date | None = None, strict: bool = True
) -> RenderedDocument:
    """The letter of intent: facts, legal grounds, measure envisaged, deadline and means to answer."""
    return _render("letter", qualification, case, fmt, on, strict)


def render_news(
    qualification: Qualification, case: Case, *, fmt: str = "html", on: date | None = None, strict: bool = True
) -> RenderedDocument:
    """The news item announcing the decision, in the agency's public tone."""
    return _render("news", qualification, case, fmt, on, strict)


def render_alert(
    qualification: Qualification, case: Case, *, fmt: str = "html", on: date | None = None, strict: bool = True
) -> RenderedDocument:
    """Recommendations to patients who used or consider the therapy."""
    return _render("alert", qualification, case, fmt, on, strict)


def render_decision_draft(
    qualification: Qualification,
    *,
    site_url: str,
    company_name: str | None = None,
    product: str | None = None,
    authority: str = "ANSM",
    company_address: str | None = None,
    company_country: str | None = None,
) -> str:
    """A decision draft (HTML) from the qualification alone, for ``vigipub investigate``.

    Facts of the procedure not known yet are marked placeholders (« [date du courrier] »);
    a banner lists the qualification's open questions. An undetermined qualification gives a
    draft that says so; a ``no_violation`` one gives no suspension, only a note saying that no
    measure is proposed (``vigipub investigate`` uses ``report.render_no_decision`` there).
    """
    case = Case(
        authority=authority,
        company=Company(
            name=company_name or cx.placeholder("nom de la société"),
            addresses=[company_address] if company_address else [],
            country=company_country,
        ),
        websites=[site_url] if site_url else [],
        product=product or _guess_product(qualification) or cx.placeholder("produit"),
    )
    ctx = build_context("decision", qualification, case, draft=True)
    html = render_template("decision.html.j2", ctx)
    return typeset_html(html)


def _guess_product(qualification: Qualification) -> str | None:
    """The product the qualification named (its considérants' product), else the first family."""
    if qualification.product:
        return qualification.product
    labels = cx.therapy_labels(qualification)
    return labels[0] if labels else None


__all__ = [
    "FORMATS",
    "KINDS",
    "RenderedDocument",
    "build_context",
    "render_alert",
    "render_decision",
    "render_decision_draft",
    "render_letter",
    "render_news",
    "render_template",
]
