"""What the workers do for each kind of job (:mod:`vigipub.web.jobs` runs them, in French)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from vigipub import pipeline
from vigipub.evidence.casework import JobState

from . import services
from .models import Capture, Document, Job, Recheck
from .templatetags.vigipub_tags import VERDICT


def _browser() -> bool | None:
    choice = settings.VIGIPUB["CAPTURE_BROWSER"]
    return None if choice in ("", "auto") else choice in ("1", "true", "yes", "on")


def capture(job: Job, progress: Any) -> dict[str, Any]:
    """Investigate a website into a fresh dossier folder (one per attempt), then import it."""
    cap = Capture.objects.select_related("case", "website").get(pk=job.params["capture"])
    Capture.objects.filter(pk=cap.pk).update(state=JobState.RUNNING)
    out = services.data_dir() / "cases" / cap.case.reference / "captures" / f"{cap.pk}-attempt{job.attempts}"
    out.parent.mkdir(parents=True, exist_ok=True)
    options = pipeline.InvestigateOptions(
        capture={
            "max_pages": cap.max_pages,
            "browser": _browser(),
            "allow_private": settings.VIGIPUB["ALLOW_PRIVATE"],
            "case_ref": cap.case.reference,
            "operator": job.created_by.get_username() if job.created_by else None,
        }
    )
    recording = job.params.get("recording")
    if recording:  # a browser recording the inspector gave: its pages are the evidence
        summary = pipeline.investigate_recording(Path(recording), out, options, progress=progress, url=cap.seed_url)
    else:
        summary = pipeline.investigate(cap.seed_url, out, options, progress=progress)
    progress(gettext("storing %(pages)s pages and their findings") % {"pages": summary.pages})
    services.import_dossier(cap, out)
    verdict = VERDICT.get(str(summary.verdict), summary.verdict)
    return {
        "progress": gettext("%(pages)s pages captured; site verdict: %(verdict)s")
        % {"pages": summary.pages, "verdict": verdict}
    }


def capture_failed(job: Job, message: str) -> None:
    Capture.objects.filter(pk=job.params.get("capture")).update(state=JobState.FAILED)


def render(job: Job, progress: Any) -> dict[str, Any]:
    doc = Document.objects.select_related("case").get(pk=job.params["document"])
    return services.render_from_job(doc, progress)


def render_failed(job: Job, message: str) -> None:
    Document.objects.filter(pk=job.params.get("document"), signed_at__isnull=True).update(state=JobState.FAILED)


def recheck(job: Job, progress: Any) -> dict[str, Any]:
    item = Recheck.objects.select_related("case", "website", "baseline", "job").get(pk=job.params["recheck"])
    Recheck.objects.filter(pk=item.pk).update(state=JobState.RUNNING)
    return services.recheck_from_job(item, progress, job.attempts)


def recheck_failed(job: Job, message: str) -> None:
    Recheck.objects.filter(pk=job.params.get("recheck")).update(state=JobState.FAILED)
