"""Evidence review: per page, the screenshot beside the text with every finding highlighted,
the archived record, accept/reject decisions, the qualification recomputed from them, and
the export of the decisions as labelled data (the real-page corpus's format)."""

from __future__ import annotations

import gzip
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vigipub import pipeline
from vigipub.cases.review import Span, jsonl, labelled_page, segments
from vigipub.evidence import RecordRef
from vigipub.evidence.casework import AuditAction, Capability, JobState, ReviewDecision
from vigipub.evidence.errors import InputError

from .. import audit, forms, services
from ..auth import has, require
from ..models import Capture, Case, Page
from .cases import show_refusal

#: how much of an archived record's payload the record view shows
RECORD_PREVIEW_BYTES = 200_000


def _capture(case: Case, request: HttpRequest) -> Capture | None:
    wanted = request.GET.get("capture")
    if wanted and wanted.isdigit():
        return case.captures.filter(pk=int(wanted), state=JobState.DONE).first()
    return services.latest_capture(case)


@login_required
@require_GET
def evidence_list(request: HttpRequest, ref: str) -> HttpResponse:
    case = get_object_or_404(Case, reference=ref)
    capture = _capture(case, request)
    pages = []
    if capture is not None:
        pages = list(
            capture.page_set.annotate(
                accepted=Count("findings", filter=Q(findings__decision=ReviewDecision.ACCEPTED)),
                rejected=Count("findings", filter=Q(findings__decision=ReviewDecision.REJECTED)),
            ).defer("text")
        )
        # a page captured twice (the HTTP response, then as the browser rendered it) is listed
        # with its two versions together, in crawl order
        first: dict[str, int] = {}
        for p in pages:
            first.setdefault(p.url, len(first))
        pages.sort(key=lambda p: (first[p.url], p.source != "http"))
    return render(
        request,
        "vigipub/evidence.html",
        {
            "case": case,
            "capture": capture,
            "captures": list(case.captures.filter(state=JobState.DONE)),
            "pages": pages,
        },
    )


def _spans(page: Page) -> list[Span]:
    return [Span(str(f.pk), f.start, f.end, f.kind, f.decision) for f in page.findings.all()]


@login_required
@require_GET
def page_review(request: HttpRequest, ref: str, page_id: int) -> HttpResponse:
    case = get_object_or_404(Case, reference=ref)
    page = get_object_or_404(Page.objects.select_related("capture"), pk=page_id, case=case)
    findings = list(page.findings.select_related("reviewer"))
    segs = segments(page.text, [Span(str(f.pk), f.start, f.end, f.kind, f.decision) for f in findings])
    siblings = list(page.capture.page_set.values_list("pk", flat=True))
    index = siblings.index(page.pk) if page.pk in siblings else 0
    kinds: dict[str, int] = {}
    for f in findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    return render(
        request,
        "vigipub/page.html",
        {
            "case": case,
            "page": page,
            "findings": findings,
            "segments": segs,
            "kinds": sorted(kinds.items()),
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
            "label_form": forms.LabelForm(initial={"label": page.label}),
            "can_review": has(request.user, Capability.REVIEW),
            "pending": sum(f.decision == ReviewDecision.PENDING for f in findings),
        },
    )


@login_required
@require_POST
def review_findings(request: HttpRequest, ref: str, page_id: int) -> HttpResponse:
    case = get_object_or_404(Case, reference=ref)
    page = get_object_or_404(Page, pk=page_id, case=case)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Invalid review."))
        return redirect("page", ref=ref, page_id=page_id)
    ids = [int(i) for i in form.cleaned_data["findings"].split(",") if i.strip().isdigit()]
    items = page.findings.filter(pk__in=ids) if ids else page.findings.filter(decision=ReviewDecision.PENDING)
    try:
        n = services.review(
            request.user, list(items), ReviewDecision(form.cleaned_data["decision"]), form.cleaned_data["comment"]
        )
    except services.Refused as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, _("%(n)s finding(s) reviewed.") % {"n": n})
    anchor = f"#f{ids[0]}" if len(ids) == 1 else ""
    return redirect(reverse("page", args=[ref, page_id]) + anchor)


@login_required
@require_POST
def label(request: HttpRequest, ref: str, page_id: int) -> HttpResponse:
    case = get_object_or_404(Case, reference=ref)
    page = get_object_or_404(Page, pk=page_id, case=case)
    form = forms.LabelForm(request.POST)
    if form.is_valid():
        try:
            services.label_page(request.user, page, form.cleaned_data["label"])
        except services.Refused as exc:
            show_refusal(request, exc)
    return redirect("page", ref=ref, page_id=page_id)


def _evidence_file(page: Page, relative: str) -> Any:
    dossier = services.data_path(page.capture.dossier)
    evidence = (dossier / pipeline.EVIDENCE).resolve()
    path = (evidence / relative).resolve()
    if not relative or not path.is_relative_to(evidence) or not path.is_file():
        raise Http404
    return path


@login_required
@require_GET
def screenshot(request: HttpRequest, ref: str, page_id: int) -> FileResponse:
    page = get_object_or_404(Page.objects.select_related("capture"), pk=page_id, case__reference=ref)
    path = _evidence_file(page, page.screenshot)
    response = FileResponse(open(path, "rb"), content_type="image/png")  # noqa: SIM115
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _record_bytes(page: Page) -> tuple[RecordRef, bytes]:
    ref_data = page.http_record or page.record
    if not ref_data:
        raise Http404
    ref = RecordRef.model_validate(ref_data)
    try:
        return ref, pipeline.archived_record(services.data_path(page.capture.dossier), ref)
    except InputError as exc:
        raise Http404 from exc


@login_required
@require_GET
def record_download(request: HttpRequest, ref: str, page_id: int) -> HttpResponse:
    """The archived record as a one-record WARC file (``warcio index`` reads it)."""
    page = get_object_or_404(Page.objects.select_related("capture"), pk=page_id, case__reference=ref)
    record, data = _record_bytes(page)
    response = HttpResponse(data, content_type="application/warc")
    response["Content-Disposition"] = f'attachment; filename="{ref}-page{page.pk}.warc.gz"'
    response["X-WARC-Record-ID"] = record.record_id
    return response


@login_required
@require_GET
def record_view(request: HttpRequest, ref: str, page_id: int) -> HttpResponse:
    """The archived record's headers and the beginning of its payload, as plain text (never
    rendered: the site's HTML could run scripts in our origin)."""
    page = get_object_or_404(Page.objects.select_related("capture"), pk=page_id, case__reference=ref)
    record, data = _record_bytes(page)
    from warcio.archiveiterator import ArchiveIterator

    out = io.StringIO()
    try:
        for rec in ArchiveIterator(io.BytesIO(data)):
            out.write(rec.rec_headers.to_str())
            if rec.http_headers is not None:
                out.write(rec.http_headers.to_str())
            payload = rec.content_stream().read(RECORD_PREVIEW_BYTES)
            out.write(payload.decode("utf-8", errors="replace"))
            break
    except (OSError, ValueError, gzip.BadGzipFile) as exc:
        out.write(f"\n[cannot read the record: {exc}]\n")
    response = HttpResponse(out.getvalue(), content_type="text/plain; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def qualification(request: HttpRequest, ref: str) -> HttpResponse:
    case = get_object_or_404(Case, reference=ref)
    services.ensure_qualified(case)
    return render(
        request,
        "vigipub/qualification.html",
        {"case": case, "qualification": services.qualification_of(case)},
    )


def _export(request: HttpRequest, cases: Any, name: str) -> StreamingHttpResponse:
    require(request.user, Capability.EXPORT_REVIEWS)
    refs = [c.reference for c in cases]
    audit.record(request.user, AuditAction.REVIEWS_EXPORT, subject=name, details={"cases": refs[:200], "count": len(refs)})

    def records() -> Any:
        for page in services.reviewed_pages(cases):
            rec = labelled_page(page)
            if rec is not None:
                yield rec

    response = StreamingHttpResponse(jsonl(records()), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def export_case_reviews(request: HttpRequest, ref: str) -> StreamingHttpResponse:
    case = get_object_or_404(Case, reference=ref)
    return _export(request, [case], f"{case.reference}-reviews.jsonl")


@login_required
@require_GET
def export_all_reviews(request: HttpRequest) -> StreamingHttpResponse:
    cases = list(Case.objects.filter(findings__reviewed_at__isnull=False).distinct().order_by("id"))
    stamp = timezone.localdate().isoformat()
    return _export(request, cases, f"vigipub-reviews-{stamp}.jsonl")
