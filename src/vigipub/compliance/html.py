"""``compliance.html``: the verdict, its reasons, and each changed page side by side.

For each page that changed (edited, removed, redirected, new with claims) the inspector
sees the old and the new screenshot and a block-by-block text diff in which the claims are
highlighted by what became of them (kept, reworded, gone, new). French interface text.
"""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from pathlib import Path

import jinja2

from vigipub.evidence import Document
from vigipub.evidence.compliance import ClaimStatus, ComplianceReport, PageCheck, PageStatus

from .inputs import CaptureView
from .text import normal

TEMPLATES = Path(__file__).resolve().parent / "templates"

VERDICT_FR = {
    "complied": "Mise en conformité constatée",
    "partially_complied": "Mise en conformité partielle",
    "not_complied": "Pas de mise en conformité",
    "unreachable": "Site non consultable",
}
STATUS_FR = {
    "present": "toujours présente", "reworded": "reformulée", "gone": "retirée", "unverified": "non vérifiable",
    "unchanged": "inchangée", "changed": "modifiée", "removed": "supprimée", "redirected": "redirigée",
    "unavailable": "indisponible", "not_rechecked": "non recontrôlée", "new": "nouvelle",
    "served": "toujours servie", "hidden": "masquée", "none_before": "absente dès l'origine", "unknown": "indéterminée",
}
SIDE_FR = {"original": "capture initiale", "recheck": "recontrôle", "second_exit": "seconde sortie", "moved": "nouveau domaine"}


@dataclass
class DiffRow:
    tag: str  # equal | replace | delete | insert
    old: str  # HTML
    new: str


def _blocks(document: Document | None) -> list[str]:
    if document is None:
        return []
    return [document.text[b[0] : b[1]] for b in document.blocks] or [document.text]


def _highlight(text: str, marks: list[tuple[str, str]]) -> str:
    """Escape ``text`` and wrap each (quote, css class) found in it in <mark>."""
    spans: list[tuple[int, int, str]] = []
    for quote, css in marks:
        start = text.find(quote)
        if start >= 0 and not any(s < start + len(quote) and start < e for s, e, _ in spans):
            spans.append((start, start + len(quote), css))
    out, pos = [], 0
    for start, end, css in sorted(spans):
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{css}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def text_diff(old: Document | None, new: Document | None, old_marks: list[tuple[str, str]], new_marks: list[tuple[str, str]]) -> list[DiffRow]:
    a, b = _blocks(old), _blocks(new)
    matcher = difflib.SequenceMatcher(a=[normal(x) for x in a], b=[normal(x) for x in b], autojunk=False)
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = a[i1:i2], b[j1:j2]
        for k in range(max(len(left), len(right))):
            rows.append(DiffRow(
                tag,
                _highlight(left[k], old_marks) if k < len(left) else "",
                _highlight(right[k], new_marks) if k < len(right) else "",
            ))
    return rows


def _marks(report: ComplianceReport, view: CaptureView | None, document: Document | None, side: str) -> list[tuple[str, str]]:
    if view is None or document is None:
        return []
    status_by_norm = {normal(c.quote): c.status.value for c in report.claims}
    matched = {normal(c.match.quote): c.status.value for c in report.claims if c.match and c.match.quote}
    new = {normal(n.quote) for n in report.new_claims}
    marks = []
    for f in view.claim_findings(document):
        norm = normal(f.quote)
        if side == "original":
            css = "claim-" + status_by_norm.get(norm, "present")
        elif norm in new:
            css = "claim-new"
        else:
            css = "claim-" + matched.get(norm, "present")
        marks.append((f.quote, css))
    if side != "original":  # sentences matched but no longer detected as claims
        for c in report.claims:
            if c.match and c.match.quote and c.match.url == document.url:
                marks.append((c.match.quote, "claim-" + c.status.value))
    return marks


def _doc(view: CaptureView | None, url: str | None) -> Document | None:
    if view is None or not url:
        return None
    page = next((p for p in view.manifest.pages if p.final_url == url), None)
    docs = view.documents_of(page) if page else []
    return docs[0] if docs else None


def changed_pages(report: ComplianceReport) -> list[PageCheck]:
    keep = {PageStatus.CHANGED, PageStatus.REMOVED, PageStatus.REDIRECTED}
    return [p for p in report.pages if p.status in keep or (p.status == PageStatus.NEW and p.claims_after)]


def render(report: ComplianceReport, original: CaptureView | None, recheck: CaptureView | None) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    sections = []
    for page in changed_pages(report):
        old_doc = _doc(original, page.url) if page.status != PageStatus.NEW else None
        new_url = page.after.url if page.after else None
        new_doc = _doc(recheck, new_url) if page.status not in (PageStatus.REMOVED,) else None
        rows = text_diff(
            old_doc, new_doc,
            _marks(report, original, old_doc, "original"),
            _marks(report, recheck, new_doc, "recheck"),
        )
        sections.append({"page": page, "rows": rows})
    counts = {s.value: sum(1 for c in report.claims if c.status == s) for s in ClaimStatus}
    return env.get_template("compliance.html.j2").render(
        r=report,
        sections=sections,
        counts=counts,
        verdict_fr=VERDICT_FR,
        status_fr=STATUS_FR,
        side_fr=SIDE_FR,
    )
