"""Documents of a case: generate a version (rendered by a worker), read it, download it as
HTML, PDF or DOCX, and sign a decision (signatories only; the signed version is frozen)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vigipub.evidence.casework import Capability, DocumentKind

from .. import forms, services
from ..auth import has
from ..models import Case, Document
from .cases import _form_errors, show_refusal
from .public import serve_document


@login_required
@require_POST
def generate(request: HttpRequest, ref: str) -> HttpResponse:
    case = get_object_or_404(Case, reference=ref)
    form = forms.DocumentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("case", ref=ref)
    try:
        doc = services.request_document(
            request.user,
            case,
            DocumentKind(form.cleaned_data["kind"]),
            on=form.cleaned_data["on"],
            signatory=form.cleaned_data.get("signatory"),
        )
    except services.Refused as exc:
        show_refusal(request, exc)
        return redirect("case", ref=ref)
    messages.success(request, _("Version %(v)s is being rendered (HTML, PDF, DOCX).") % {"v": doc.version})
    return redirect("document", ref=ref, doc_id=doc.pk)


@login_required
@require_GET
def document_detail(request: HttpRequest, ref: str, doc_id: int) -> HttpResponse:
    doc = get_object_or_404(Document.objects.select_related("case", "signed_by", "job", "signatory"), pk=doc_id, case__reference=ref)
    intact = services.verify_document(doc) if doc.digests else []
    latest = doc.case.documents.filter(kind=doc.kind).order_by("-version").values_list("pk", flat=True).first()
    return render(
        request,
        "vigipub/document.html",
        {
            "case": doc.case,
            "doc": doc,
            "tampered": intact,
            "is_latest": latest == doc.pk,
            "can_sign": has(request.user, Capability.SIGN)
            and doc.kind == DocumentKind.DECISION
            and doc.signed_at is None
            and doc.state == "done"
            and (doc.signatory_id is None or doc.signatory_id == request.user.pk),
        },
    )


@login_required
@require_POST
def sign(request: HttpRequest, ref: str, doc_id: int) -> HttpResponse:
    doc = get_object_or_404(Document, pk=doc_id, case__reference=ref)
    try:
        services.sign(request.user, doc)
    except services.Refused as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, _("Decision signed: version %(v)s is frozen.") % {"v": doc.version})
    return redirect("document", ref=ref, doc_id=doc_id)


@login_required
@require_GET
def download(request: HttpRequest, ref: str, doc_id: int, fmt: str) -> FileResponse:
    doc = get_object_or_404(Document.objects.select_related("case"), pk=doc_id, case__reference=ref)
    return serve_document(doc, fmt, inline=request.GET.get("inline") == "1" and fmt in ("html", "pdf"))
