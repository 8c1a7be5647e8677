"""The audit log, newest first, and the state of its chain."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vigipub.evidence.casework import Capability

from .. import audit as chain
from ..auth import capability_required
from ..models import AuditEntry


@login_required
@capability_required(Capability.VIEW_AUDIT)
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.order_by("-seq")
    case = request.GET.get("case", "").strip()
    if case:
        entries = entries.filter(case_ref=case)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    report = chain.verify() if request.GET.get("verify") == "1" else None
    return render(request, "vigipub/audit.html", {"page": page, "report": report, "case": case})
