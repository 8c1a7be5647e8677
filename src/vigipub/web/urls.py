"""Addresses of the case application. ``/login/``, ``/cases/``, ``/publications/`` and
``/publications/feed.atom`` are stable (bookmarked, linked from the agency's site)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path
from django.views.i18n import set_language

from .views import audit, auth, cases, documents, evidence, public

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    # the public register
    path("publications/", public.publications, name="publications"),
    path("publications/feed.atom", public.PublicationsFeed(), name="publications_feed"),
    path("publications/open-data.csv", public.open_data_csv, name="open_data_csv"),
    path("publications/open-data.json", public.open_data_json, name="open_data_json"),
    path("publications/<str:ref>/", public.publication, name="publication"),
    path("publications/<str:ref>/<int:doc_id>.<str:fmt>", public.publication_document, name="publication_document"),
    # cases (login required)
    path("cases/", cases.dashboard, name="dashboard"),
    path("cases/new/", cases.new_case, name="new_case"),
    path("cases/import/", cases.import_leads, name="import_leads"),
    path("cases/reviews.jsonl", evidence.export_all_reviews, name="export_reviews"),
    path("cases/<str:ref>/", cases.case_detail, name="case"),
    path("cases/<str:ref>/jobs.json", cases.jobs_json, name="case_jobs"),
    path("cases/<str:ref>/transition/<str:name>/", cases.transition, name="transition"),
    path("cases/<str:ref>/operator/", cases.operator, name="operator"),
    path("cases/<str:ref>/product/", cases.product, name="product"),
    path("cases/<str:ref>/urgency/", cases.urgency, name="urgency"),
    path("cases/<str:ref>/observations/", cases.observation, name="observation"),
    path("cases/<str:ref>/websites/", cases.website, name="website"),
    path("cases/<str:ref>/captures/", cases.capture, name="capture"),
    path("cases/<str:ref>/recordings/", cases.recording, name="recording"),
    path("cases/<str:ref>/merge/<str:other>/", cases.merge, name="merge"),
    path("cases/<str:ref>/duplicates/<int:dup_id>/dismiss/", cases.dismiss_duplicate, name="dismiss_duplicate"),
    path("cases/<str:ref>/rechecks/", cases.recheck, name="recheck"),
    path("cases/<str:ref>/rechecks/recording/", cases.recheck_recording, name="recheck_recording"),
    path("cases/<str:ref>/rechecks/<int:recheck_id>/report.html", cases.recheck_report, name="recheck_report"),
    path("cases/<str:ref>/evidence/", evidence.evidence_list, name="evidence"),
    path("cases/<str:ref>/evidence/<int:page_id>/", evidence.page_review, name="page"),
    path("cases/<str:ref>/evidence/<int:page_id>/review/", evidence.review_findings, name="review"),
    path("cases/<str:ref>/evidence/<int:page_id>/label/", evidence.label, name="label"),
    path("cases/<str:ref>/evidence/<int:page_id>/screenshot.png", evidence.screenshot, name="screenshot"),
    path("cases/<str:ref>/evidence/<int:page_id>/record.warc.gz", evidence.record_download, name="record"),
    path("cases/<str:ref>/evidence/<int:page_id>/record/", evidence.record_view, name="record_view"),
    path("cases/<str:ref>/qualification/", evidence.qualification, name="qualification"),
    path("cases/<str:ref>/reviews.jsonl", evidence.export_case_reviews, name="export_case_reviews"),
    path("cases/<str:ref>/documents/", documents.generate, name="generate"),
    path("cases/<str:ref>/documents/<int:doc_id>/", documents.document_detail, name="document"),
    path("cases/<str:ref>/documents/<int:doc_id>/sign/", documents.sign, name="sign"),
    path("cases/<str:ref>/documents/<int:doc_id>.<str:fmt>", documents.download, name="document_file"),
    path("audit/", audit.audit_log, name="audit"),
    path("admin/", admin.site.urls),
]

handler403 = "vigipub.web.views.errors.forbidden"
handler404 = "vigipub.web.views.errors.not_found"
