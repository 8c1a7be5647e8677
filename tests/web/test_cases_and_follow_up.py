"""Leads import and duplicates, merging, the dashboard's order, and the follow-up re-check."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from vigipub.evidence import Lead, LeadQuote, LeadsFile
from vigipub.web import jobs, services
from vigipub.web.models import AuditEntry, Case, Duplicate, Job

pytestmark = pytest.mark.django_db


def upload(name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    return f


def test_a_triage_leads_file_makes_one_case_per_site_and_flags_duplicates(client_as, users, case_with_capture):
    inspector = client_as(users["inspector"])
    existing = case_with_capture  # the demo clinic, on 127.0.0.1:<port>
    clinic_url = existing.websites.get().url
    leads = LeadsFile(
        generated_at=datetime(2026, 2, 1, tzinfo=UTC),
        leads=[
            Lead(url="https://www.cordavita.example.com/fr/", domain="example.com", score=0.93,
                 therapies=["umbilical_cord_cells"], quotes=[LeadQuote(quote="Les cellules souches guérissent l'autisme.",
                                                                       url="https://www.cordavita.example.com/fr/")]),
            Lead(url="https://shop.cordavita.example.com/offres", domain="example.com", score=0.41),
            Lead(url=clinic_url.replace("/fr/", "/de/"), domain="127.0.0.1", score=0.8),
        ],
    )
    response = inspector.post(reverse("import_leads"),
                              {"file": upload("leads.json", leads.model_dump_json().encode()), "capture": ""})
    assert response.status_code == 200
    html = response.content.decode()
    created = Case.objects.exclude(pk=existing.pk).order_by("id")
    assert created.count() == 2  # the two example.com leads are one site
    cordavita = created.get(site_key="example.com")
    assert cordavita.lead_score == pytest.approx(0.93) and cordavita.websites.count() == 2
    assert cordavita.lead["quotes"][0]["quote"].startswith("Les cellules souches")
    twin = created.exclude(pk=cordavita.pk).get()
    assert Duplicate.objects.filter(case=twin, other=existing).exists()
    assert existing.reference in html and "127.0.0.1" in html
    # why they may be one case, in the interface's language (the domain records English words)
    assert "même site 127.0.0.1" in unescape(html) and "same site" not in html
    case_page = unescape(inspector.get(reverse("case", args=[twin.reference])).content.decode())
    assert f"Doublon possible de {existing.reference} : même site 127.0.0.1" in case_page
    assert AuditEntry.objects.filter(action="leads.import").exists()
    # the duplicate is offered for merging on both case pages; merging folds it into the other
    assert "Fusionner" in inspector.get(reverse("case", args=[existing.reference])).content.decode()
    inspector.post(reverse("merge", args=[existing.reference, twin.reference]))
    twin.refresh_from_db()
    assert twin.status == "closed" and twin.merged_into == existing
    assert existing.websites.count() == 2
    assert not Duplicate.objects.filter(case=existing, dismissed=False).exists()
    # a file with an error names its line and creates nothing
    before = Case.objects.count()
    response = inspector.post(reverse("import_leads"),
                              {"file": upload("leads.csv", b"url,score\nhttps://a.example.org/,0.5\nhttps://b.example.net/,lots\n")})
    shown = unescape(response.content.decode())
    # the inspector reads what went wrong in French, then the detail naming the line
    assert "La liste de sites est invalide. Détail technique : leads.csv:3" in shown
    assert Case.objects.count() == before


def test_same_operator_is_a_duplicate_across_domains(users, case_with_capture):
    from vigipub.cases.leads import leads_from_urls

    other = services.create_cases(users["inspector"], leads_from_urls("https://vitadendra-klinik.example.ch/")).created[0]
    assert not Duplicate.objects.filter(case=other).exists()
    services.confirm_operator(users["inspector"], other, name="VITADENDRA HEALTH AG", address="Zürich")
    reason = Duplicate.objects.get(case=other, other=case_with_capture).reason
    assert "operator" in reason
    from vigipub.web.templatetags.vigipub_tags import duplicate_reason

    with translation.override("fr"):
        assert duplicate_reason(reason) == "même nom d'exploitant « vitadendra health »"


def test_the_dashboard_puts_overdue_deadlines_first(client_as, users):
    from vigipub.cases.leads import leads_from_urls

    today = timezone.localdate()
    made = services.create_cases(
        users["inspector"],
        leads_from_urls("https://a.example.com/\nhttps://b.example.org/\nhttps://c.example.net/\nhttps://d.example.fr/"),
    ).created
    a, b, c, d = made
    for case, status, deadline, score in ((a, "observations", today + timedelta(days=9), 0.0),
                                          (b, "observations", today - timedelta(days=2), 0.0),
                                          (c, "decision", None, 0.0), (d, "lead", None, 0.9)):
        case.status, case.next_deadline, case.lead_score = status, deadline, score
        case.save()
    html = client_as(users["inspector"]).get(reverse("dashboard")).content.decode()
    order = sorted((html.index(x.reference), x.reference) for x in made)
    assert [ref for _, ref in order] == [b.reference, a.reference, c.reference, d.reference]
    assert "vp-overdue" in html



def test_before_any_review_the_qualification_reads_to_review_and_a_case_without_triage_has_no_score(client_as, users):
    """The qualification is of the ACCEPTED findings: with none reviewed yet it must not read
    « pas de manquement »; a case opened from a URL has no triage score to show."""
    from vigipub.cases.leads import leads_from_urls

    case = services.create_cases(users["inspector"], leads_from_urls("https://e.example.com/")).created[0]
    case.findings_total, case.conclusion = 12, "no_violation"
    case.save()
    client = client_as(users["inspector"])
    row = client.get(reverse("dashboard")).content.decode().split(case.reference, 1)[1].split("</tr>", 1)[0]
    assert "à relire" in row and "pas de manquement" not in row and "0.00" not in row
    page = client.get(reverse("case", args=[case.reference])).content.decode()
    assert '<strong id="conclusion">à relire</strong>' in page
    case.findings_rejected = 12
    case.save()
    page = client.get(reverse("case", args=[case.reference])).content.decode()
    assert re.search(r"<strong id=\"conclusion\">(?!à relire)[^<]+</strong>", page), re.search(r"<strong id=\"conclusion\">[^<]*", page)

def test_the_qualification_page_says_to_review_before_any_finding_is(client_as, users, case_with_capture):
    """The qualification page read « Conclusion : pas de manquement » on a captured site whose
    findings nobody had reviewed (the qualification of no accepted finding)."""
    case = case_with_capture
    assert case.review_not_started, (case.findings_total, case.findings_accepted, case.findings_rejected)
    page = unescape(client_as(users["inspector"]).get(reverse("qualification", args=[case.reference])).content.decode())
    assert "Conclusion\u00a0: <strong>à relire</strong>" in page
    assert "Aucun constat n’a encore été relu" in page


def test_follow_up_re_check_runs_vigipub_recheck_and_decides_the_next_step(client_as, users, case_with_capture):
    case = case_with_capture
    ref = case.reference
    Case.objects.filter(pk=case.pk).update(status="follow_up", published_at=timezone.now())
    legal = client_as(users["legal"])
    site = case.websites.get()
    legal.post(reverse("recheck", args=[ref]), {"website": site.pk, "on": date.today().isoformat()})
    recheck = case.rechecks.get()
    job = Job.objects.get(kind="recheck")
    assert recheck.job == job
    assert jobs.run_job(job.pk) == "done", Job.objects.get(pk=job.pk).error
    recheck.refresh_from_db()
    # the demo clinic did not change: the advertising continues
    assert recheck.verdict == "not_complied" and recheck.report.endswith("compliance.html")
    html = legal.get(reverse("case", args=[ref])).content.decode()
    assert "non conforme" in html
    report = legal.get(reverse("recheck_report", args=[ref, recheck.pk]))
    assert report.status_code == 200 and "sandbox" in report["Content-Security-Policy"]
    facts = services.facts(case)
    assert facts.last_recheck_verdict == "not_complied"
    legal.post(reverse("transition", args=[ref, "close_complied"]))
    case.refresh_from_db()
    assert case.status == "follow_up"
    legal.post(reverse("transition", args=[ref, "escalate"]), {"reason": "la publicité continue après la décision"})
    case.refresh_from_db()
    assert case.status == "escalated"
    assert AuditEntry.objects.filter(case_ref=ref, action="recheck.done").exists()


def test_a_re_check_against_a_browser_recording(client_as, users, case_with_capture, demo_site, tmp_path):
    """A site behind a firewall after the decision: the lawyer gives the WARC an inspector recorded
    in a browser; the re-check compares with it (the demo clinic's French home page, unchanged:
    « non conforme »), and the recording's digest is in the audit log."""
    import urllib.request

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    case = case_with_capture
    ref = case.reference
    Case.objects.filter(pk=case.pk).update(status="follow_up", published_at=timezone.now())
    site = case.websites.get()
    # the inspector's browser went through every page of the capture the decision rests on
    import json as _json

    from vigipub.web.services import data_path

    baseline = case.captures.get()
    manifest = _json.loads((data_path(baseline.dossier) / "evidence" / "manifest.json").read_text(encoding="utf-8"))
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url in dict.fromkeys(p["final_url"] for p in manifest["pages"] if p["status"] == 200):
        with urllib.request.urlopen(url) as answer:  # noqa: S310 - the local demo site
            body, final = answer.read(), answer.geturl()
            headers = StatusAndHeaders(f"{answer.status} OK", list(answer.headers.items()), protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(final, "response", payload=io.BytesIO(body), http_headers=headers))
    legal = client_as(users["legal"])
    legal.post(reverse("recheck_recording", args=[ref]), {"website": site.pk, "recording": upload("rec.warc.gz", buffer.getvalue())})
    recheck = case.rechecks.get()
    job = Job.objects.get(kind="recheck")
    assert recheck.job == job and job.params["recording"].endswith("rec.warc.gz")
    assert jobs.run_job(job.pk) == "done", Job.objects.get(pk=job.pk).error
    recheck.refresh_from_db()
    assert recheck.verdict == "not_complied"
    entry = AuditEntry.objects.filter(action="recheck.schedule", case_ref=ref).latest("pk")
    assert entry.details["recording_sha256"].startswith("sha256:")
    # a file that is not a recording is refused, in French, and nothing is queued
    legal.post(reverse("recheck_recording", args=[ref]), {"website": site.pk, "recording": upload("x.txt", b"hello")})
    assert Job.objects.filter(kind="recheck").count() == 1
    assert "n’est pas un enregistrement WARC" in unescape(legal.get(reverse("case", args=[ref])).content.decode())

@pytest.mark.slow
def test_the_leads_a_triage_run_writes_are_imported(client_as, users, demo_dossier, tmp_path):
    """`vigipub triage` (batch triage of web archives) writes leads.json and leads.csv; both
    import as they are."""
    import subprocess
    import sys

    out = tmp_path / "triage"
    run = subprocess.run([sys.executable, "-m", "vigipub", "triage", str(demo_dossier / "evidence" / "capture.warc.gz"),
                          "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    inspector = client_as(users["inspector"])
    for name in ("leads.json", "leads.csv"):
        before = Case.objects.count()
        response = inspector.post(reverse("import_leads"), {"file": upload(name, (out / name).read_bytes())})
        assert response.status_code == 200 and "fr-alert--error" not in response.content.decode(), name
        new = Case.objects.order_by("-id").first()
        assert Case.objects.count() == before + 1, name
        assert new.lead_score > 0.5 and new.lead["quotes"], name
