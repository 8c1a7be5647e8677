"""The public register: published decisions with their documents, an Atom feed, open data.

Only what was published is reachable here (a case whose ``published_at`` is set, and the
document versions frozen at publication); everything else needs a login.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from vigipub.evidence.casework import DocumentKind

from .. import services
from ..models import Case, Document

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial answer (load balancers, and the load benchmark's reference)."""
    return HttpResponse("ok\n", content_type="text/plain")


def home(request: HttpRequest) -> HttpResponse:
    return redirect("dashboard" if request.user.is_authenticated else "publications")


def _published(ref: str) -> Case:
    case = Case.objects.filter(reference=ref, published_at__isnull=False).first()
    if case is None:
        raise Http404
    return case


def _decision(docs: list[Document]) -> Document | None:
    return next((d for d in docs if d.kind == DocumentKind.DECISION), None)


@require_GET
def publications(request: HttpRequest) -> HttpResponse:
    page = Paginator(services.public_cases().prefetch_related("documents"), 25).get_page(request.GET.get("page"))
    rows = []
    for case in page:
        docs = [d for d in case.documents.all() if d.published_at is not None]
        rows.append({"case": case, "documents": docs, "decision": _decision(docs)})
    return render(request, "vigipub/publications.html", {"page": page, "rows": rows})


@require_GET
def publication(request: HttpRequest, ref: str) -> HttpResponse:
    case = _published(ref)
    docs = services.public_documents(case)
    return render(
        request,
        "vigipub/publication.html",
        {"case": case, "documents": docs, "decision": _decision(docs), "websites": case.websites.all()},
    )


def serve_document(doc: Document, fmt: str, *, inline: bool) -> FileResponse:
    if fmt not in MEDIA_TYPES or fmt not in doc.files:
        raise Http404
    try:
        path = services.document_path(doc, fmt)
        handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    except (OSError, FileNotFoundError) as exc:
        raise Http404 from exc
    name = f"{doc.case.reference}-{doc.kind}-v{doc.version}.{fmt}"
    response = FileResponse(handle, content_type=MEDIA_TYPES[fmt], as_attachment=not inline, filename=name)
    response["X-Content-SHA256"] = doc.digests.get(fmt, "")
    if fmt == "html":
        # our own rendering, but quotes come from third-party sites: no script, ever; the
        # document page of the application frames it (the only page ever framed)
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"
        )
        if inline:
            response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@require_GET
def publication_document(request: HttpRequest, ref: str, doc_id: int, fmt: str) -> FileResponse:
    case = _published(ref)
    doc = get_object_or_404(Document, pk=doc_id, case=case, published_at__isnull=False)
    return serve_document(doc, fmt, inline=fmt in ("html", "pdf"))


class PublicationsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Published decisions — %(site)s") % {"site": settings.VIGIPUB["SITE_TITLE"]}

    def subtitle(self) -> str:
        return _("Decisions suspending the advertising of unauthorised medicinal products.")

    def link(self) -> str:
        return reverse("publications")

    def items(self) -> Any:
        return services.public_cases()[:50]

    def item_title(self, item: Case) -> str:
        return f"{item.reference} — {item.operator_name or item.title}"

    def item_description(self, item: Case) -> str:
        return _("Decision on the advertising of %(product)s by %(company)s (%(sites)s).") % {
            "product": item.product or "—",
            "company": item.operator_name or item.title,
            "sites": ", ".join(w.url for w in item.websites.all()),
        }

    def item_link(self, item: Case) -> str:
        return reverse("publication", args=[item.reference])

    def item_pubdate(self, item: Case) -> Any:
        return item.published_at

    def item_updateddate(self, item: Case) -> Any:
        return item.published_at

    def item_guid(self, item: Case) -> str:
        return f"urn:vigipub:{item.reference}"

    item_guid_is_permalink = False


def _open_data_rows(request: HttpRequest) -> list[dict[str, Any]]:
    rows = []
    for case in services.public_cases().prefetch_related("documents", "websites")[:10_000]:
        docs = [d for d in case.documents.all() if d.published_at is not None]
        decision = _decision(docs)
        rows.append(
            {
                "reference": case.reference,
                "published_at": case.published_at.isoformat() if case.published_at else "",
                "decision_date": decision.on_date.isoformat() if decision else "",
                "company": case.operator_name,
                "country": case.operator_country,
                "product": case.product,
                "websites": [w.url for w in case.websites.all()],
                "status": case.status,
                "decision_pdf": request.build_absolute_uri(
                    reverse("publication_document", args=[case.reference, decision.pk, "pdf"])
                )
                if decision
                else "",
                "decision_sha256": decision.digests.get("pdf", "") if decision else "",
                "documents": [
                    {"kind": d.kind, "version": d.version, "sha256": d.digests}
                    for d in docs
                ],
            }
        )
    return rows


@require_GET
@cache_control(max_age=300, public=True)
def open_data_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {"publisher": settings.VIGIPUB["AUTHORITY"], "decisions": _open_data_rows(request)},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@require_GET
@cache_control(max_age=300, public=True)
def open_data_csv(request: HttpRequest) -> HttpResponse:
    out = io.StringIO()
    columns = ["reference", "published_at", "decision_date", "company", "country", "product", "websites",
               "status", "decision_pdf", "decision_sha256"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in _open_data_rows(request):
        writer.writerow({**row, "websites": " | ".join(row["websites"])})
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    return response


__all__ = ["json"]
