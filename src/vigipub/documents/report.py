"""The inspector's report (``report.html``): verdict first, then the evidence behind it.

Unlike the legal documents, the report is in English-and-French working language for the
inspector: it shows every quote with the record it came from, so that each claim can be
checked against the WARC before a decision is signed.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from vigipub import __version__
from vigipub.documents.typography import fr_date
from vigipub.evidence import (
    AuthorisationAnswer,
    CaptureManifest,
    Finding,
    FindingsFile,
    PageAnalysis,
    Qualification,
    utc_now,
)

_TEMPLATES = Path(__file__).parent / "templates"
_env = Environment(
    loader=FileSystemLoader(_TEMPLATES),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

KIND_ORDER = ["claim", "testimonial", "therapy", "manipulation", "disease", "call_to_action", "travel",
              "france_targeting", "reporting_context", "genre"]


#: French labels of the report (the inspector's working language); the values are the model's ids.
LABELS_FR = {
    "verdict_fr": {"promotion": "promotion", "uncertain": "incertain", "not_promotion": "pas de promotion"},
    "conclusion_fr": {"violation": "manquement", "no_violation": "pas de manquement",
                      "undetermined": "indéterminée"},
    "outcome_fr": {"yes": "oui", "no": "non", "not_applicable": "sans objet", "undetermined": "indéterminé"},
    "status_fr": {"authorised": "autorisé", "authorised_other_indication": "autorisé pour une autre indication",
                  "withdrawn": "autorisation retirée", "not_authorised": "non autorisé", "uncertain": "à vérifier"},
    "measure_fr": {"suspension_of_advertising": "suspension de la publicité",
                   "suspension_of_all_activities": "suspension de toutes les activités", "none": "aucune"},
    "kind_fr": {"claim": "allégations", "testimonial": "témoignages", "therapy": "thérapies",
                "manipulation": "préparation (manipulations)", "disease": "maladies visées",
                "call_to_action": "incitations (prix, réservation)", "travel": "tourisme médical",
                "france_targeting": "ciblage de la France", "reporting_context": "contexte journalistique ou d’alerte",
                "genre": "genre de la page"},
}


def _site_verdict(pages: list[PageAnalysis]) -> str:
    verdicts = {p.verdict for p in pages}
    if "promotion" in verdicts:
        return "promotion"
    return "uncertain" if "uncertain" in verdicts else "not_promotion"


def _distinct(findings: list[tuple[PageAnalysis, Finding]]) -> list[tuple[PageAnalysis, Finding]]:
    """One row per distinct quote and kind (the same claim appears in the raw and rendered DOM)."""
    seen: set[tuple[str, str]] = set()
    rows = []
    for page, finding in findings:
        key = (finding.kind, " ".join(finding.quote.split()))
        if key in seen:
            continue
        seen.add(key)
        rows.append((page, finding))
    return rows


def render_report(
    *,
    manifest: CaptureManifest | None,
    findings: FindingsFile,
    authorisations: list[AuthorisationAnswer],
    qualification: Qualification | None,
    decision_sha256: str | None = None,
) -> str:
    """Render ``report.html`` as a self-contained HTML string."""
    pages = findings.pages
    by_kind: dict[str, list[tuple[PageAnalysis, Finding]]] = defaultdict(list)
    for page in pages:
        if page.verdict == "not_promotion":
            continue
        for finding in page.findings:
            by_kind[finding.kind].append((page, finding))
    screenshots = {}
    if manifest is not None:
        for captured in manifest.pages:
            if captured.screenshot:
                screenshots[captured.url] = "evidence/" + captured.screenshot
                screenshots[captured.final_url] = "evidence/" + captured.screenshot
    template = _env.get_template("report.html.j2")
    return template.render(
        **LABELS_FR,
        version=__version__,
        generated_at=utc_now().isoformat(),
        manifest=manifest,
        findings=findings,
        pages=pages,
        site_verdict=_site_verdict(pages),
        sections=[(kind, _distinct(by_kind[kind])) for kind in KIND_ORDER if by_kind.get(kind)],
        authorisations=authorisations,
        qualification=qualification,
        decision_sha256=decision_sha256,
        screenshots=screenshots,
        counts={
            "pages": len(pages),
            "promotion": sum(p.verdict == "promotion" for p in pages),
            "uncertain": sum(p.verdict == "uncertain" for p in pages),
            "claims": len(_distinct(by_kind.get("claim", []) + by_kind.get("testimonial", []))),
        },
    )


def render_no_decision(qualification: Qualification, *, site_url: str) -> str:
    """``decision.html`` when the qualification finds no violation: say so, and why, in French.

    A suspension draft with empty Considérants would invite a signature on nothing; the
    inspector gets instead the tests that failed or stayed open.
    """
    template = _env.get_template("no_decision.html.j2")
    return template.render(qualification=qualification, site_url=site_url, version=__version__,
                           date_fr=fr_date(qualification.date_of_facts))
