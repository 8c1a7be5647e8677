"""The dashboard, lead import and the case page with its actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vigipub.cases import workflow
from vigipub.cases.leads import leads_from_urls, read_leads
from vigipub.cases.workflow import Blocker
from vigipub.evidence.casework import CaseStatus, DocumentKind, ObservationKind
from vigipub.evidence.errors import InputError

from .. import forms, services
from ..auth import roles_of
from ..errors import explain
from ..models import AuditEntry, Case, Duplicate, Job, Recheck
from ..templatetags.vigipub_tags import duplicate_reason, label, status_badge


def translate_blocker(b: Blocker) -> str:
    from ..templatetags.vigipub_tags import CONCLUSION, RECHECK, ROLE, STATUS

    tables: dict[str, dict[str, Any]] = {"conclusion": CONCLUSION, "verdict": RECHECK, "status": STATUS}
    params = {k: str(tables[k].get(v, v)) if k in tables else v for k, v in b.params.items()}
    if "roles" in params:
        params["roles"] = ", ".join(str(ROLE.get(r.strip(), r.strip())) for r in params["roles"].split(","))
    message = _(b.message)
    return message % params if params else message


def show_refusal(request: HttpRequest, exc: services.Refused) -> None:
    for b in exc.blockers:
        messages.error(request, translate_blocker(b))


def case_action(view: Callable[..., HttpResponse | None]) -> Callable[..., HttpResponse]:
    """A POST on a case: refusals become messages, and the user goes back to the case."""

    @wraps(view)
    def wrapped(request: HttpRequest, ref: str, *args: Any, **kwargs: Any) -> HttpResponse:
        case = get_object_or_404(Case, reference=ref)
        try:
            response = view(request, case, *args, **kwargs)
        except services.Refused as exc:
            show_refusal(request, exc)
            response = None
        except InputError as exc:
            messages.error(request, explain(exc))
            response = None
        return response or redirect("case", ref=case.reference)

    return login_required(require_POST(wrapped))


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


# --------------------------------------------------------------------------- dashboard


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Open cases ordered by urgency: dated deadlines first (overdue, then soonest)."""
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    cases = Case.objects.filter(merged_into__isnull=True)
    if status in {str(s) for s in CaseStatus}:
        cases = cases.filter(status=status)
    elif status != "all":
        cases = cases.exclude(status=CaseStatus.CLOSED)
    if query:
        cases = cases.filter(
            Q(reference__icontains=query)
            | Q(title__icontains=query)
            | Q(operator_name__icontains=query)
            | Q(site_key__icontains=query)
        )
    cases = cases.order_by("sort_deadline", "status_rank", "-lead_score", "-id")
    page = Paginator(cases.only(
        "reference", "title", "status", "next_deadline", "next_deadline_what", "lead_score", "operator_name",
        "findings_total", "findings_accepted", "findings_rejected", "conclusion", "qualified_at", "updated_at", "product",
    ), 50).get_page(request.GET.get("page"))
    ids = [c.pk for c in page]
    duplicated = set(Duplicate.objects.filter(case_id__in=ids, dismissed=False).values_list("case_id", flat=True))
    running = set(Job.objects.filter(case_id__in=ids, state__in=["queued", "running"]).values_list("case_id", flat=True))
    counts = _status_counts()
    today = timezone.localdate()
    # the rows are prepared here rather than in the template: a dashboard shows 50 of them on
    # every visit, and Django's template engine is slow at many small lookups
    case_url = reverse("case", args=["REF"])
    rows = []
    for c in page:
        rows.append({
            "ref": c.reference,
            "url": case_url.replace("REF", c.reference),
            "title": c.title,
            "status": c.status,
            "status_label": label(c.status, "status"),
            "badge": status_badge(c.status),
            "deadline": date_format(c.next_deadline, "SHORT_DATE_FORMAT") if c.next_deadline else "",
            "deadline_what": label(c.next_deadline_what, "deadline"),
            "overdue": c.next_deadline is not None and c.next_deadline < today,
            "operator": c.operator_name or "—",
            "findings": f"{c.findings_accepted} / {c.findings_rejected} / {c.findings_total}" if c.findings_total else "—",
            "conclusion": label("pending", "decision") if c.review_not_started
            else label(c.conclusion, "conclusion") + ("" if c.qualified_at else "*"),
            # only leads from triage carry a score; a case opened from a URL has none
            "score": f"{c.lead_score:.2f}" if c.lead_score > 0 else "—",
            "duplicate": c.pk in duplicated,
            "running": c.pk in running,
        })
    return render(
        request,
        "vigipub/dashboard.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "q": query,
            "statuses": [(s, label(s, "status"), counts.get(s, 0)) for s in (str(x) for x in CaseStatus)],
        },
    )


def _status_counts() -> dict[str, int]:
    """Cases per status, for the filter (recounted at most every few seconds: it reads every case)."""
    counts: dict[str, int] | None = cache.get("vigipub:status-counts")
    if counts is None:
        counts = dict(
            Case.objects.filter(merged_into__isnull=True)
            .values("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        cache.set("vigipub:status-counts", counts, 10)
    return counts


# --------------------------------------------------------------------------- creating cases


@login_required
def new_case(request: HttpRequest) -> HttpResponse:
    form = forms.NewCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            leads = leads_from_urls(form.cleaned_data["urls"], _("URL list"))
            result = services.create_cases(
                request.user, leads, capture=form.cleaned_data["capture"], max_pages=form.cleaned_data["max_pages"]
            )
        except InputError as exc:
            messages.error(request, explain(exc))
        except services.Refused as exc:
            show_refusal(request, exc)
        else:
            for _case, other, why in result.duplicates:
                messages.warning(
                    request,
                    _("Possible duplicate of %(ref)s: %(why)s.") % {"ref": other.reference, "why": duplicate_reason(why)},
                )
            if len(result.created) == 1:
                return redirect("case", ref=result.created[0].reference)
            messages.success(request, _("%(n)s cases created.") % {"n": len(result.created)})
            return redirect("dashboard")
    elif request.method == "POST":
        _form_errors(request, form)
    return render(request, "vigipub/new_case.html", {"form": form})


@login_required
def import_leads(request: HttpRequest) -> HttpResponse:
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            leads = read_leads(upload.read(), upload.name)
            result = services.create_cases(request.user, leads, capture=form.cleaned_data["capture"], source=upload.name)
        except InputError as exc:
            messages.error(request, explain(exc))
        except services.Refused as exc:
            show_refusal(request, exc)
    elif request.method == "POST":
        _form_errors(request, form)
    return render(request, "vigipub/import.html", {"form": form, "result": result})


# --------------------------------------------------------------------------- the case page


def transitions_for(case: Case, user: Any, records: services.CaseRecords | None = None) -> list[dict[str, Any]]:
    facts = services.facts(case, records=records)
    roles = roles_of(user)
    out = []
    for t in workflow.available(facts):
        blockers = t.blockers(facts)
        out.append(
            {
                "name": t.name,
                "label": _(t.label),
                "help": _(t.help) if t.help else "",
                "allowed": bool(roles & t.roles),
                "roles": sorted(str(r) for r in t.roles),
                "blockers": [translate_blocker(b) for b in blockers],
                "inputs": t.inputs,
                "target": str(t.target),
            }
        )
    return out


@login_required
@require_GET
def case_detail(request: HttpRequest, ref: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("merged_into", "operator_confirmed_by"), reference=ref)
    services.ensure_qualified(case)
    records = services.CaseRecords.load(case)
    by_kind: dict[str, list[Any]] = {}
    for d in records.documents:
        by_kind.setdefault(d.kind, []).append(d)
    recent = timezone.now() - timedelta(days=2)
    jobs = list(case.jobs.filter(Q(state__in=["queued", "running"]) | Q(state="failed", created_at__gte=recent))[:10])
    today = timezone.localdate()
    proposal, questions = services.analysis_summary(case)
    can_draft = any(case.status in statuses for statuses in workflow.DOCUMENT_STATUSES.values())
    initial_operator = {
        "name": case.operator_name,
        "address": case.operator_address,
        "country": case.operator_country,
        "registrations": "\n".join(case.operator_registrations or []),
    }
    return render(
        request,
        "vigipub/case.html",
        {
            "case": case,
            "websites": records.websites,
            "captures": records.captures[:10],
            "jobs": jobs,
            "documents": by_kind,
            "document_kinds": [str(k) for k in DocumentKind],
            "transitions": transitions_for(case, request.user, records),
            "events": list(case.events.all()),
            "observations": records.observations,
            "rechecks": records.rechecks,
            "duplicates": list(case.duplicates.filter(dismissed=False).select_related("other")),
            "audit": list(AuditEntry.objects.filter(case_ref=case.reference).order_by("-seq")[:30]),
            "questions": questions,
            "proposal": proposal,
            "can_draft": can_draft,
            "overdue": case.next_deadline is not None and case.next_deadline < today,
            "days_left": (case.next_deadline - today).days if case.next_deadline else None,
            "days_overdue": (today - case.next_deadline).days if case.next_deadline else None,
            "operator_form": forms.OperatorForm(initial=initial_operator),
            "product_form": forms.ProductForm(initial={"product": case.product, "article": case.product_article}),
            "urgency_form": forms.UrgencyForm(initial={"reason": case.urgency}),
            "observation_form": forms.ObservationForm(initial={"received_on": today}),
            "website_form": forms.WebsiteForm(),
            "document_form": forms.DocumentForm() if can_draft else None,
            "recheck_form": forms.RecheckForm(initial={"on": today}),
            "transition_form": forms.TransitionForm(initial={"date": today}),
            "observation_kinds": {str(k) for k in ObservationKind},
            "defence_labels": forms.defence_labels(),
        },
    )


@login_required
@require_GET
def jobs_json(request: HttpRequest, ref: str) -> JsonResponse:
    """Progress of the case's jobs, polled by the case page (no page waits on a job)."""
    case = get_object_or_404(Case, reference=ref)
    jobs = case.jobs.order_by("-id")[:10]
    return JsonResponse(
        {
            "jobs": [
                {
                    "id": j.pk,
                    "kind": j.kind,
                    "state": j.state,
                    "progress": j.progress,
                    "error": j.error,
                    "attempts": j.attempts,
                    "started_at": j.started_at.isoformat() if j.started_at else None,
                    "finished_at": j.finished_at.isoformat() if j.finished_at else None,
                }
                for j in jobs
            ],
            "active": any(j.state in ("queued", "running") for j in jobs),
            "status": case.status,
        }
    )


@case_action
def transition(request: HttpRequest, case: Case, name: str) -> HttpResponse | None:
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return None
    services.fire(request.user, case, name, reason=form.cleaned_data["reason"] or "", on=form.cleaned_data["date"])
    messages.success(request, _("Done: %(step)s.") % {"step": _(workflow.transition(name).label)})
    return None


@case_action
def operator(request: HttpRequest, case: Case) -> HttpResponse | None:
    form = forms.OperatorForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return None
    services.confirm_operator(
        request.user,
        case,
        name=form.cleaned_data["name"],
        address=form.cleaned_data["address"],
        country=form.cleaned_data["country"],
        registrations=form.cleaned_data["registrations"].splitlines(),
    )
    messages.success(request, _("Operator confirmed."))
    return None


@case_action
def product(request: HttpRequest, case: Case) -> HttpResponse | None:
    form = forms.ProductForm(request.POST)
    if form.is_valid():
        services.update_case(request.user, case, product=form.cleaned_data["product"], article=form.cleaned_data["article"])
        messages.success(request, _("Saved."))
    else:
        _form_errors(request, form)
    return None


@case_action
def urgency(request: HttpRequest, case: Case) -> HttpResponse | None:
    form = forms.UrgencyForm(request.POST)
    if form.is_valid():
        services.record_urgency(request.user, case, form.cleaned_data["reason"])
        messages.success(request, _("Urgency recorded."))
    else:
        _form_errors(request, form)
    return None


@case_action
def observation(request: HttpRequest, case: Case) -> HttpResponse | None:
    form = forms.ObservationForm(request.POST)
    if form.is_valid():
        services.record_observation(
            request.user,
            case,
            kind=ObservationKind(form.cleaned_data["kind"]),
            received_on=form.cleaned_data["received_on"],
            text=form.cleaned_data["text"],
            defences=form.cleaned_data["defences"],
            arguments=form.free_arguments(),
        )
        messages.success(request, _("Observation recorded."))
    else:
        _form_errors(request, form)
    return None


@case_action
def website(request: HttpRequest, case: Case) -> HttpResponse | None:
    form = forms.WebsiteForm(request.POST)
    if form.is_valid():
        services.add_website(request.user, case, form.cleaned_data["url"])
        messages.success(request, _("Website added."))
    else:
        _form_errors(request, form)
    return None


@case_action
def capture(request: HttpRequest, case: Case) -> HttpResponse | None:
    form = forms.CaptureForm(request.POST)
    if form.is_valid():
        site = case.websites.filter(pk=form.cleaned_data["website"]).first()
        services.request_capture(request.user, case, site, max_pages=form.cleaned_data["max_pages"])
        messages.success(request, _("Capture queued: follow its progress below."))
    else:
        _form_errors(request, form)
    return None


def _queue_recording(request: HttpRequest, case: Case, start: Callable[..., Any]) -> None:
    """A WARC recorded in the inspector's browser, for one of the case's websites, handed to
    ``start`` (the investigation or the re-check that uses it)."""
    form = forms.RecordingForm(request.POST, request.FILES)
    if form.is_valid():
        site = case.websites.filter(pk=form.cleaned_data["website"]).first()
        start(request.user, case, site, form.cleaned_data["recording"])
        messages.success(request, _("Recording queued: follow its progress below."))
    else:
        _form_errors(request, form)


@case_action
def recording(request: HttpRequest, case: Case) -> HttpResponse | None:
    """A WARC recorded in the inspector's browser, investigated instead of a capture."""
    _queue_recording(request, case, services.capture_recording)
    return None


@case_action
def recheck_recording(request: HttpRequest, case: Case) -> HttpResponse | None:
    """A re-check against a WARC recorded in the inspector's browser, now."""
    _queue_recording(request, case, services.recheck_recording)
    return None


@case_action
def merge(request: HttpRequest, case: Case, other: str) -> HttpResponse | None:
    other_case = get_object_or_404(Case, reference=other)
    services.merge(request.user, case, other_case)
    messages.success(request, _("%(other)s merged into this case.") % {"other": other_case.reference})
    return None


@case_action
def dismiss_duplicate(request: HttpRequest, case: Case, dup_id: int) -> HttpResponse | None:
    dup = get_object_or_404(Duplicate, pk=dup_id, case=case)
    services.dismiss_duplicate(request.user, dup)
    return None


@case_action
def recheck(request: HttpRequest, case: Case) -> HttpResponse | None:
    form = forms.RecheckForm(request.POST)
    if form.is_valid():
        site = case.websites.filter(pk=form.cleaned_data["website"]).first()
        if site is None:
            raise Http404
        services.schedule_recheck(request.user, case, site, form.cleaned_data["on"])
        messages.success(request, _("Re-check scheduled."))
    else:
        _form_errors(request, form)
    return None


@login_required
@require_GET
def recheck_report(request: HttpRequest, ref: str, recheck_id: int) -> FileResponse:
    item = get_object_or_404(Recheck, pk=recheck_id, case__reference=ref)
    if not item.report:
        raise Http404
    try:
        handle = open(services.data_path(item.report), "rb")  # noqa: SIM115
    except OSError as exc:
        raise Http404 from exc
    except PermissionDenied:
        raise
    response = FileResponse(handle, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
    return response
