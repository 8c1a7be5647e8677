"""Who can reach what: login, logout, anonymous visitors, CSRF, roles."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_stable_addresses():
    assert reverse("login") == "/login/"
    assert reverse("dashboard") == "/cases/"
    assert reverse("publications") == "/publications/"
    assert reverse("publications_feed") == "/publications/feed.atom"


def test_login_with_the_real_password_then_logout_kills_the_session(users):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/login/")
    token = page.cookies["csrftoken"].value
    response = browser.post("/login/", {"username": "ines", "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response.url == "/cases/"
    session_id = browser.cookies["sessionid"].value
    assert browser.get("/cases/").status_code == 200
    token = browser.cookies["csrftoken"].value
    assert browser.post("/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    # another client replaying the old session cookie is not logged in
    thief = Client()
    thief.cookies["sessionid"] = session_id
    response = thief.get("/cases/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_a_wrong_password_is_refused(users):
    response = Client().post("/login/", {"username": "ines", "password": "not-the-password"})
    assert response.status_code == 200 and "sessionid" not in response.cookies


def test_a_post_without_csrf_token_is_refused(users, case_with_capture):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["legal"])
    url = reverse("transition", args=[case_with_capture.reference, "open_investigation"])
    response = browser.post(url, {})
    assert response.status_code == 403
    case_with_capture.refresh_from_db()
    assert case_with_capture.status == "lead"
    # the same POST with the token goes through
    browser.get(reverse("case", args=[case_with_capture.reference]))
    response = browser.post(url, {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value})
    assert response.status_code == 302
    case_with_capture.refresh_from_db()
    assert case_with_capture.status == "investigation"


def test_a_login_form_without_csrf_token_is_refused(users):
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "ines", "password": PASSWORD})
    assert response.status_code == 403


def test_anonymous_visitors_reach_nothing_of_an_unpublished_case(client, case_with_capture, users):
    from vigipub.web import jobs, services
    from vigipub.web.models import Document

    case = case_with_capture
    page = case.pages.filter(screenshot="").first() or case.pages.first()
    # a rendered document of the unpublished case
    case.status = "letter_of_intent"
    case.conclusion = "violation"
    case.save()
    doc = Document.objects.create(case=case, kind="letter", version=1, on_date=case.created_at.date(),
                                  files={"pdf": "nowhere.pdf"}, digests={"pdf": "sha256:0"})
    urls = [
        reverse("dashboard"),
        reverse("case", args=[case.reference]),
        reverse("case_jobs", args=[case.reference]),
        reverse("evidence", args=[case.reference]),
        reverse("page", args=[case.reference, page.pk]),
        reverse("screenshot", args=[case.reference, page.pk]),
        reverse("record", args=[case.reference, page.pk]),
        reverse("record_view", args=[case.reference, page.pk]),
        reverse("qualification", args=[case.reference]),
        reverse("document", args=[case.reference, doc.pk]),
        reverse("document_file", args=[case.reference, doc.pk, "pdf"]),
        reverse("export_case_reviews", args=[case.reference]),
        reverse("export_reviews"),
        reverse("audit"),
        reverse("new_case"),
        reverse("import_leads"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/"), url
    # the public register does not know it either
    assert client.get(reverse("publication", args=[case.reference])).status_code == 404
    assert client.get(reverse("publication_document", args=[case.reference, doc.pk, "pdf"])).status_code == 404
    assert case.reference not in client.get(reverse("publications")).content.decode()
    assert case.reference not in client.get(reverse("publications_feed")).content.decode()
    assert case.reference not in client.get(reverse("open_data_json")).content.decode()
    # and an anonymous POST changes nothing
    assert client.post(reverse("transition", args=[case.reference, "send_letter"])).status_code == 302
    assert services.facts(case).status == "letter_of_intent"
    assert jobs  # imported for its side effect only


def test_roles_decide_what_a_user_sees_and_does(client_as, users, case_with_capture):
    case = case_with_capture
    admin = client_as(users["admin"])
    assert admin.get(reverse("audit")).status_code == 200
    inspector = client_as(users["inspector"])
    assert inspector.get(reverse("audit")).status_code == 403
    # an administrator takes no part in cases: no review, no transition
    admin = client_as(users["admin"])
    finding = case.findings.first()
    response = admin.post(reverse("review", args=[case.reference, finding.page_id]),
                          {"decision": "accepted", "findings": str(finding.pk)})
    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.decision == "pending"
    assert admin.post(reverse("transition", args=[case.reference, "open_investigation"])).status_code == 403


def test_security_headers(client_as, users):
    response = client_as(users["inspector"]).get(reverse("dashboard"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_administrators_manage_accounts_in_the_admin_site_and_nothing_more(client_as, users):
    admin = client_as(users["admin"])
    assert admin.get("/admin/auth/user/").status_code == 200
    assert admin.get(f"/admin/auth/user/{users['inspector'].pk}/change/").status_code == 200
    assert admin.get("/admin/vigipub/auditentry/").status_code == 404  # the log is not editable there
    inspector = client_as(users["inspector"])
    response = inspector.get("/admin/auth/user/")
    assert response.status_code == 302 and "/admin/login/" in response.url
