"""A case from lead to published decision through the web pages (Django's test client), with
the workers' functions run in-process: the same code the real workers run."""

from __future__ import annotations

import json
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from vigipub.evidence.casework import JobState
from vigipub.web import jobs, services
from vigipub.web.models import AuditEntry, Document, Finding, Job

pytestmark = pytest.mark.django_db


def page_ok(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    assert "!!INVALID" not in html, f"undefined template variable on {url}"
    return html


def post(client, url: str, data: dict | None = None):
    response = client.post(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)
    return response


def messages_of(client, url: str) -> str:
    return page_ok(client, url)


def run_queued_jobs() -> list[Job]:
    """What a worker does for each queued job (the queue message carries only the job id)."""
    done = []
    for job in Job.objects.filter(state=JobState.QUEUED).order_by("id"):
        assert job.q_task, "every job has its queue message"
        assert jobs.run_job(job.pk) in ("done", "failed")
        job.refresh_from_db()
        done.append(job)
    return done


def test_from_lead_to_published_decision(client_as, users, case_with_capture):
    case = case_with_capture
    ref = case.reference
    case.created_at -= timedelta(days=40)  # a lead found six weeks ago
    case.save()
    inspector = client_as(users["inspector"])
    case_url = reverse("case", args=[ref])

    html = page_ok(inspector, case_url)
    assert "Vitadendra" in html  # the operator proposed by the legal notice
    assert "lu dans les mentions légales du site" in html and "lu hors des mentions légales" not in html
    assert page_ok(inspector, reverse("dashboard")).count(ref) >= 1

    post(inspector, reverse("transition", args=[ref, "open_investigation"]))
    case.refresh_from_db()
    assert case.status == "investigation"

    # the letter cannot be prepared before the evidence is reviewed
    post(inspector, reverse("transition", args=[ref, "prepare_letter"]))
    case.refresh_from_db()
    assert case.status == "investigation"

    # review: every page's findings accepted, then one claim rejected with a comment
    evidence = page_ok(inspector, reverse("evidence", args=[ref]))
    promotion_pages = case.pages.filter(verdict="promotion")
    assert promotion_pages.exists()
    for page in promotion_pages:
        html = page_ok(inspector, reverse("page", args=[ref, page.pk]))
        assert "<mark" in html and page.url in html
        post(inspector, reverse("review", args=[ref, page.pk]), {"decision": "accepted", "findings": "", "comment": ""})
    claim = Finding.objects.filter(case=case, kind="claim", decision="accepted").first()
    # a rejection without comment is refused
    post(inspector, reverse("review", args=[ref, claim.page_id]), {"decision": "rejected", "findings": str(claim.pk)})
    claim.refresh_from_db()
    assert claim.decision == "accepted"
    post(inspector, reverse("review", args=[ref, claim.page_id]),
         {"decision": "rejected", "findings": str(claim.pk), "comment": "navigation text, not a claim"})
    claim.refresh_from_db()
    assert claim.decision == "rejected" and claim.reviewer == users["inspector"]
    case.refresh_from_db()
    assert case.qualified_at is None  # reviews since: recomputed when the case is next opened
    html = page_ok(inspector, case_url)
    case.refresh_from_db()
    assert case.conclusion == "violation" and case.findings_rejected == 1 and case.qualified_at is not None
    qualification = services.qualification_of(case)
    cited = {e for t in qualification.tests for e in t.evidence} | {
        e for c in qualification.considerants for e in c.evidence
    }
    assert cited, "the qualification cites the findings it rests on"
    accepted_ids = set(Finding.objects.filter(case=case, decision="accepted").values_list("finding_id", flat=True))
    assert claim.finding_id not in cited, "a rejected finding never supports the qualification"
    all_ids = set(Finding.objects.filter(case=case).values_list("finding_id", flat=True))
    assert cited & all_ids and cited & all_ids <= accepted_ids
    qualification_page = unescape(page_ok(inspector, reverse("qualification", args=[ref])))
    assert "Considérant" in qualification_page
    # in French: the outcomes, the measure, and the reviewer's English detail announced as such
    assert "<strong>oui</strong>" in qualification_page and "<strong>yes</strong>" not in qualification_page
    assert "Mesure proposée\u00a0: suspension de la publicité" in qualification_page
    assert "proposed measure:" not in qualification_page
    assert "Détail technique\u00a0: <span lang=\"en\">" in qualification_page
    assert evidence

    # the labelled export: the corpus format, with the accepted quotes only
    response = inspector.get(reverse("export_case_reviews", args=[ref]))
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert lines and all(set(r) >= {"id", "url", "lang", "label", "claims", "text"} for r in lines)
    assert all(claim.quote not in r["claims"] for r in lines)
    assert any(r["label"] == "promotion" for r in lines)

    post(inspector, reverse("transition", args=[ref, "prepare_letter"]))
    case.refresh_from_db()
    assert case.status == "letter_of_intent"

    # the letter: operator confirmed, letter drafted (rendered by a worker), then sent
    post(inspector, reverse("operator", args=[ref]), {
        "name": "Vitadendra Health AG", "address": "Seestrasse 12\n8002 Zürich", "country": "CH",
        "registrations": "CHE-123.456.789",
    })
    today = timezone.localdate()
    post(inspector, reverse("generate", args=[ref]), {"kind": "letter", "on": today.isoformat()})
    assert [j.state for j in run_queued_jobs()] == ["done"]
    letter = Document.objects.get(case=case, kind="letter")
    assert set(letter.files) == {"html", "pdf", "docx"}
    assert services.document_path(letter, "pdf").read_bytes().startswith(b"%PDF")
    assert "Vitadendra Health AG" in services.document_path(letter, "html").read_text(encoding="utf-8")
    page_ok(inspector, reverse("document", args=[ref, letter.pk]))
    sent = today - timedelta(days=20)
    post(inspector, reverse("transition", args=[ref, "send_letter"]), {"date": sent.isoformat()})
    case.refresh_from_db()
    assert case.status == "observations"
    assert case.observation_deadline == sent + timedelta(days=15)  # the law package's dated parameter
    assert case.next_deadline == case.observation_deadline and case.next_deadline_what == "observations"
    # the timeline's note is a French record, citing the articles; the page's punctuation is French
    note = case.events.get(transition="send_letter").note
    assert note.startswith("courrier d’intention du ") and "(15 jours\u00a0; CRPA, art. L. 121-1 et L. 122-1)" in note
    assert "Qualification des constats acceptés\u00a0:" in page_ok(inspector, reverse("case", args=[ref]))

    # the company's written observations, answered through the arguments they raise
    post(inspector, reverse("observation", args=[ref]), {
        "kind": "written_observations", "received_on": (sent + timedelta(days=7)).isoformat(),
        "text": "Nous ne faisons que du tourisme médical.", "defences": ["medical_tourism_only"],
    })
    # an argument outside the catalogue, with the Agency's own answer
    post(inspector, reverse("observation", args=[ref]), {
        "kind": "oral_observations", "received_on": (sent + timedelta(days=9)).isoformat(),
        "text": "La page a été retirée depuis.", "other_summary": "la page litigieuse a été retirée de son site",
        "other_answer": "Le retrait allégué n'a pas été constaté lors des vérifications de l'Agence.",
        "other_basis": "CSP L. 5122-1",
    })
    assert case.observations.count() == 2
    # an inspector cannot take the decision step; a legal reviewer can (the period is over)
    assert inspector.post(reverse("transition", args=[ref, "proceed_to_decision"])).status_code == 403
    legal = client_as(users["legal"])
    post(legal, reverse("transition", args=[ref, "proceed_to_decision"]))
    case.refresh_from_db()
    assert case.status == "decision" and case.next_deadline is None

    # decision, news item and patient alert, the decision in the signatory's name
    for kind in ("decision", "news", "alert"):
        data = {"kind": kind, "on": today.isoformat()}
        if kind == "decision":
            data["signatory"] = users["signatory"].pk
        post(legal, reverse("generate", args=[ref]), data)
    assert [j.state for j in run_queued_jobs()] == ["done", "done", "done"]
    decision = Document.objects.get(case=case, kind="decision")
    html = services.document_path(decision, "html").read_text(encoding="utf-8")
    assert "Diane Lefèvre" in html and "Décide" in html
    assert "tourisme médical" in html  # the observation is answered in the decision
    assert "retrait allégué n" in html and "retirée de son site" in html  # and the free argument too

    # only a signatory signs: an inspector (and a legal reviewer) is refused
    assert legal.post(reverse("sign", args=[ref, decision.pk])).status_code == 403
    inspector = client_as(users["inspector"])
    assert inspector.post(reverse("sign", args=[ref, decision.pk])).status_code == 403
    decision.refresh_from_db()
    assert decision.signed_at is None
    # no publication of an unsigned decision
    post(legal, reverse("transition", args=[ref, "publish"]))
    case.refresh_from_db()
    assert case.status == "decision"

    signatory = client_as(users["signatory"])
    post(signatory, reverse("sign", args=[ref, decision.pk]))
    decision.refresh_from_db()
    assert decision.signed_by == users["signatory"]
    html = page_ok(signatory, reverse("document", args=[ref, decision.pk]))
    assert decision.digests["pdf"] in html
    entry = AuditEntry.objects.filter(case_ref=ref, action="document.sign").get()
    assert entry.details["digests"]["pdf"] == decision.digests["pdf"]
    # the signed version is frozen
    decision.on_date = today - timedelta(days=1)
    with pytest.raises(ValueError, match="signed"):
        decision.save()

    post(signatory, reverse("transition", args=[ref, "publish"]))
    case.refresh_from_db()
    assert case.status == "published" and case.published_at is not None

    # public: the register, the case, its documents, the feed, open data — without login
    from django.test import Client

    public = Client()
    assert ref in page_ok(public, reverse("publications"))
    assert decision.digests["pdf"] in page_ok(public, reverse("publication", args=[ref]))
    pdf = public.get(reverse("publication_document", args=[ref, decision.pk, "pdf"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    feed = public.get(reverse("publications_feed")).content.decode()
    assert "<feed" in feed and ref in feed
    data = json.loads(public.get(reverse("open_data_json")).content)
    assert data["decisions"][0]["reference"] == ref and data["decisions"][0]["decision_sha256"] == decision.digests["pdf"]
    assert ref in public.get(reverse("open_data_csv")).content.decode()
    # the letter of intent was never published
    assert public.get(reverse("publication_document", args=[ref, letter.pk, "pdf"])).status_code == 404

    # follow-up: re-checks scheduled from the dated parameter
    legal = client_as(users["legal"])
    post(legal, reverse("transition", args=[ref, "start_follow_up"]))
    case.refresh_from_db()
    assert case.status == "follow_up" and case.rechecks.count() == 1
    assert case.next_deadline == timezone.localdate(case.published_at) + timedelta(days=15)

    # the whole story is in the audit chain
    assert services.facts(case).decision_signed
    from vigipub.web import audit

    assert audit.verify().ok
    actions = set(AuditEntry.objects.filter(case_ref=ref).values_list("action", flat=True))
    assert {"case.create", "capture.done", "finding.review", "operator.confirm", "case.transition",
            "document.request", "document.ready", "document.sign", "case.publish", "observation.record",
            "recheck.schedule"} <= actions


def test_a_decision_before_the_deadline_needs_urgency(client_as, users, case_with_capture):
    case = case_with_capture
    ref = case.reference
    legal = client_as(users["legal"])
    post(legal, reverse("transition", args=[ref, "open_investigation"]))
    services.review(users["legal"], list(case.findings.all()), "accepted")
    post(legal, reverse("transition", args=[ref, "prepare_letter"]))
    services.confirm_operator(users["legal"], case, name="Vitadendra Health AG", address="Seestrasse 12, Zürich")
    # the letter's rendering is tested above: here a rendered version is enough
    Document.objects.create(case=case, kind="letter", version=1, on_date=timezone.localdate(), state="done")
    post(legal, reverse("transition", args=[ref, "send_letter"]), {"date": timezone.localdate().isoformat()})
    case.refresh_from_db()
    assert case.status == "observations"
    html = page_ok(legal, reverse("case", args=[ref]))
    assert "CRPA L. 121-2 1°" in html  # the blocker is shown with its article
    post(legal, reverse("transition", args=[ref, "proceed_to_decision"]))
    case.refresh_from_db()
    assert case.status == "observations"
    post(legal, reverse("urgency", args=[ref]), {"reason": "des patients atteints de cancer renoncent à leur traitement"})
    post(legal, reverse("transition", args=[ref, "urgent_decision"]))
    case.refresh_from_db()
    assert case.status == "decision"
    post(legal, reverse("generate", args=[ref]), {"kind": "decision", "on": timezone.localdate().isoformat(),
                                                  "signatory": users["signatory"].pk})
    [job] = run_queued_jobs()
    assert job.state == "done", job.error
    assert job.progress == "Décision, version 1 : fichiers produits"
    decision = Document.objects.get(case=case, kind="decision")
    html = services.document_path(decision, "html").read_text(encoding="utf-8")
    assert "urgence" in html
    # the observation period cut short by urgency is drafted over, and the document says so in
    # the French of the law package's procedure.yaml
    [forced] = [w for w in decision.warnings if w.startswith("forcé : ")]
    assert "court jusqu’au" in forced and forced.endswith("l’abrégerait"), decision.warnings
    assert forced in unescape(page_ok(legal, reverse("document", args=[ref, decision.pk])))


def test_a_capture_job_runs_the_real_pipeline(client_as, users, demo_site):
    inspector = client_as(users["inspector"])
    url = demo_site["stemcell-clinic"].rstrip("/") + "/fr/"
    response = post(inspector, reverse("new_case"), {"urls": url, "capture": "on", "max_pages": "6"})
    ref = response.url.rstrip("/").rsplit("/", 1)[-1]
    job = Job.objects.get(case__reference=ref)
    assert job.state == "queued" and job.kind == "capture"
    from django_q.models import OrmQ

    assert OrmQ.objects.count() >= 1  # the queue message is in the same database
    html = page_ok(inspector, reverse("case", args=[ref]))
    assert "data-active" in html  # the page follows the job instead of waiting for it
    assert jobs.run_job(job.pk) == "done"
    job.refresh_from_db()
    assert job.state == "done" and job.attempts == 1 and "pages capturées ; verdict du site :" in job.progress
    capture = job.case.captures.get()
    assert capture.state == "done" and 1 <= capture.pages <= 6
    assert capture.manifest_sha256.startswith("sha256:")
    assert job.case.findings.exists()
    status = json.loads(inspector.get(reverse("case_jobs", args=[ref])).content)
    assert status["active"] is False and status["jobs"][0]["state"] == "done"
    # a second delivery of the same message does not run it again
    assert jobs.run_job(job.pk) == "skipped"
    # the archived record of a page is a WARC file of one record
    page = job.case.pages.first()
    record = inspector.get(reverse("record", args=[ref, page.pk]))
    import gzip

    assert gzip.decompress(record.content).startswith(b"WARC/1.1")
    text = inspector.get(reverse("record_view", args=[ref, page.pk]))
    assert text["Content-Type"].startswith("text/plain") and b"WARC-Record-ID" in text.content


def test_a_failing_capture_is_marked_failed_with_its_error(client_as, users):
    inspector = client_as(users["inspector"])
    # nothing listens there: the capture fails with the stage's one-line error
    response = post(inspector, reverse("new_case"), {"urls": "http://127.0.0.1:9/", "capture": "on", "max_pages": "3"})
    ref = response.url.rstrip("/").rsplit("/", 1)[-1]
    job = Job.objects.get(case__reference=ref)
    assert jobs.run_job(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == "failed" and "127.0.0.1:9" in job.error and "\n" not in job.error
    # in French first (what went wrong), then the stage's detail for whoever reports it
    assert job.error.startswith("Le site est injoignable") and "Détail technique : http://127.0.0.1:9/" in job.error
    assert job.case.captures.get().state == "failed"
    assert job.error in page_ok(inspector, reverse("case", args=[ref]))
    assert AuditEntry.objects.filter(action="job.failed", case_ref=ref).exists()


def test_the_observations_form_offers_the_law_package_s_defences_and_fails_loudly_without_them(monkeypatch, tmp_path):
    from dataclasses import replace

    from django.utils import translation

    from vigipub.cases import defences
    from vigipub.law import LawDataError, get_jurisdiction
    from vigipub.web import forms

    france = get_jurisdiction("FR")
    forms._defence_texts.cache_clear()
    try:
        with translation.override("fr"):
            offered = dict(forms.ObservationForm().fields["defences"].choices)
        # each catalogued defence once (no alias), with the law package's French claim
        assert set(offered) == set(defences.catalogue()) and "medical_tourism_only" in offered
        claim = defences.catalogue()["medical_tourism_only"].claim_fr
        assert offered["medical_tourism_only"] == " ".join(claim.split())

        # a catalogue file gone: the form says which file, it does not offer an empty list
        missing = tmp_path / "defences.yaml"
        monkeypatch.setattr(defences, "get_jurisdiction", lambda code: replace(france, defences_file=missing))
        forms._defence_texts.cache_clear()
        with pytest.raises(LawDataError) as gone:
            forms.ObservationForm()
        assert str(missing) in str(gone.value)
        # a jurisdiction without a catalogue: refused too
        monkeypatch.setattr(defences, "get_jurisdiction", lambda code: replace(france, defences_file=None))
        forms._defence_texts.cache_clear()
        with pytest.raises(LawDataError, match="no defence catalogue"):
            forms.ObservationForm()
    finally:
        forms._defence_texts.cache_clear()


def test_a_browser_recording_is_investigated_instead_of_a_capture(client_as, users, tmp_path):
    """A site whose firewall refuses captures: the inspector gives the WARC recorded in an ordinary
    browser; the job builds the evidence from it and the case gets its pages and findings. A file
    that is not a WARC is refused, in French."""
    import io as _io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    inspector = client_as(users["inspector"])
    response = post(inspector, reverse("new_case"), {"urls": "https://clinique-nova.example/", "max_pages": "5"})
    ref = response.url.rstrip("/").rsplit("/", 1)[-1]
    from vigipub.web.models import Website

    site = Website.objects.get(case__reference=ref)
    page = (
        "<html lang='fr'><head><title>Clinique Nova</title></head><body><h1>Cellules souches contre l'arthrose</h1>"
        "<p>Nos cellules souches mésenchymateuses, cultivées dans notre laboratoire, régénèrent le cartilage.</p>"
        "<p>Prenez rendez-vous : 4 900 € la séance.</p></body></html>"
    ).encode()
    buffer = _io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record("https://clinique-nova.example/", "response", payload=_io.BytesIO(page), http_headers=headers)
    )
    bad = SimpleUploadedFile("notes.txt", b"not a recording")
    inspector.post(reverse("recording", args=[ref]), {"website": site.pk, "recording": bad})
    assert not Job.objects.filter(case__reference=ref).exists()
    assert "n’est pas un enregistrement WARC" in unescape(page_ok(inspector, reverse("case", args=[ref])))
    good = SimpleUploadedFile("nova.warc.gz", buffer.getvalue(), content_type="application/warc")
    post(inspector, reverse("recording", args=[ref]), {"website": site.pk, "recording": good})
    job = Job.objects.get(case__reference=ref)
    assert job.kind == "capture" and job.params["recording"].endswith("nova.warc.gz")
    assert jobs.run_job(job.pk) == "done", job.error
    capture = job.case.captures.get()
    assert capture.state == "done" and capture.pages == 1
    assert job.case.findings.exists()
    entry = AuditEntry.objects.filter(action="capture.request", case_ref=ref).latest("pk")
    assert entry.details["recording"].endswith("nova.warc.gz") and entry.details["recording_sha256"].startswith("sha256:")


def test_an_operator_read_only_in_schema_org_data_is_said_so(client_as, users, case_with_capture):
    """No legal notice, no footer: the identity came from the pages' schema.org data, which the
    badge and each clue say (not « pied de page, page de contact »)."""
    from vigipub.web.models import CaseAnalysis

    analysis = CaseAnalysis.objects.get(case=case_with_capture)
    proposal = dict(analysis.operator_proposal)
    proposal["legal_notice"] = False
    proposal["clues"] = [
        {**clue, "structured_data": True, "quote": "Vitadendra Health AG — Kurhausstrasse 21, 7399 Tannenbad, CH"}
        for clue in proposal["clues"]
    ]
    analysis.operator_proposal = proposal
    analysis.save()
    html = unescape(page_ok(client_as(users["inspector"]), reverse("case", args=[case_with_capture.reference])))
    assert "lu dans les données structurées schema.org des pages, pas dans leur texte visible" in html
    assert "pied de page, page de contact" not in html
    assert "données structurées schema.org de la page, pas son texte visible" in html
    assert "nom\u00a0: « Vitadendra Health AG" in html  # the clue's field in French, not « name »
