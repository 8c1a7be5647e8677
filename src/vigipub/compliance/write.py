"""Write ``compliance.json`` and ``compliance.html`` into the recheck dossier.

The side-by-side view needs the original screenshots next to the new ones: those of the
changed pages are copied into ``compliance-files/`` (their digests are the original
manifest's, so the copies are checkable), the new ones are referenced in ``evidence/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from vigipub.evidence import write_json
from vigipub.evidence.compliance import COMPLIANCE_FILE, COMPLIANCE_HTML, ComplianceReport
from vigipub.evidence.core import write_atomic

from .html import changed_pages, render
from .inputs import CaptureView

FILES_DIR = "compliance-files"


def _place_screenshots(report: ComplianceReport, dossier: Path, original: CaptureView | None, recheck: CaptureView | None) -> ComplianceReport:
    changed = {id(p) for p in changed_pages(report)}
    pages = []
    for number, page in enumerate(report.pages, start=1):
        update: dict[str, str | None] = {}
        if page.screenshot_before:
            update["screenshot_before"] = None
            source = original.evidence_dir / page.screenshot_before if original else None
            if id(page) in changed and source is not None and source.is_file():
                target = dossier / FILES_DIR / f"before-{number:03d}{source.suffix}"
                target.parent.mkdir(exist_ok=True)
                shutil.copyfile(source, target)
                update["screenshot_before"] = target.relative_to(dossier).as_posix()
        if page.screenshot_after and recheck is not None:
            source = recheck.evidence_dir / page.screenshot_after
            update["screenshot_after"] = source.relative_to(dossier).as_posix() if source.is_file() and source.is_relative_to(dossier) else None
        pages.append(page.model_copy(update=update) if update else page)
    return report.model_copy(update={"pages": pages})


def write_outputs(
    dossier: Path, report: ComplianceReport, original: CaptureView | None, recheck: CaptureView | None
) -> tuple[ComplianceReport, Path, Path]:
    """Write both files; return the report as written (screenshot paths resolved) and their paths."""
    report = _place_screenshots(report, dossier, original, recheck)
    json_path = dossier / COMPLIANCE_FILE
    write_json(json_path, report)
    html_path = dossier / COMPLIANCE_HTML
    write_atomic(html_path, render(report, original, recheck).encode("utf-8"))
    return report, json_path, html_path


def copied_files(dossier: Path) -> list[str]:
    folder = dossier / FILES_DIR
    return sorted(p.relative_to(dossier).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
