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
        version=__version__,
        generated_at=utc_now().isoformat(),
        manifest=manifest,
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
