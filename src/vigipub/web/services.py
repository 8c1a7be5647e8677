"""Every action on a case: permission, precondition, effect and audit entry, in one transaction.

Views call these and show what they raise: :class:`Refused` (the procedure or the input does
not allow it; the messages are msgids the view translates) or ``PermissionDenied``. The
workers call the ``*_from_job`` functions. The procedure's rules are
:mod:`vigipub.cases.workflow`'s table; the analysis is :mod:`vigipub.pipeline`'s.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from vigipub import pipeline
from vigipub.cases import workflow
from vigipub.cases.deadlines import observation_deadline, recheck_date
from vigipub.cases.defences import known_defences
from vigipub.cases.leads import OperatorKey, fold_name, group_by_site, site_key
from vigipub.cases.procedure import LETTER_REFERENCE
from vigipub.cases.workflow import Blocker, CaseFacts, gettext_noop
from vigipub.evidence import (
    CaptureManifest,
    FindingsFile,
    InputError,
    Lead,
    Qualification,
    sha256_file,
    utc_now,
)
from vigipub.evidence.case import (
    Argument,
    Company,
    DecisionInfo,
    Event,
    LetterOfIntent,
    ProductArticle,
    Signatory,
)
from vigipub.evidence.case import Case as CaseFile
from vigipub.evidence.casework import (
    AuditAction,
    Capability,
    CaseStatus,
    DocumentKind,
    JobKind,
    JobState,
    ObservationKind,
    ReviewDecision,
    Role,
)
from vigipub.evidence.compliance import ComplianceVerdict

from . import audit
from .auth import require, roles_of
from .jobs import enqueue
from .models import (
    NO_DEADLINE,
    Capture,
    CaseAnalysis,
    CaseEvent,
    Document,
    Duplicate,
    Finding,
    Observation,
    Page,
    Recheck,
    Website,
)
from .models import (
    Case as CaseRow,
)

log = logging.getLogger("vigipub.web")

S = CaseStatus


class Refused(Exception):
    """The action is not possible now; ``blockers`` say why (msgids with parameters)."""

    def __init__(self, *blockers: Blocker) -> None:
        super().__init__("; ".join(b.english() for b in blockers))
        self.blockers = list(blockers)


def refuse(message: str, **params: Any) -> Refused:
    return Refused(Blocker("input", message, {k: str(v) for k, v in params.items()}))


def data_dir() -> Path:
    return Path(settings.DATA_DIR)


def data_path(relative: str) -> Path:
    """A path under the data folder; a stored path leaving it is refused."""
    root = data_dir().resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise PermissionDenied("path outside the data folder")
    return path


def today() -> date:
    return timezone.localdate()


def _lock(case: CaseRow) -> CaseRow:
    return CaseRow.objects.select_for_update().get(pk=case.pk)


# --------------------------------------------------------------------------- leads and cases


@dataclass
class ImportResult:
    created: list[CaseRow] = field(default_factory=list)
    duplicates: list[tuple[CaseRow, CaseRow, str]] = field(default_factory=list)


def _reference(case: CaseRow) -> str:
    prefix = settings.VIGIPUB["CASE_PREFIX"]
    return f"{prefix}-{case.created_at.year}-{case.pk:05d}"


def _lead_json(lead: Lead) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(lead.model_dump_json())
    return data


def _link_duplicates(case: CaseRow) -> list[tuple[CaseRow, CaseRow, str]]:
    """Record (both ways) the open cases that share a site or an operator with ``case``."""
    found: list[tuple[CaseRow, CaseRow, str]] = []
    keys = set(case.websites.values_list("site_key", flat=True))
    others = (
        CaseRow.objects.filter(websites__site_key__in=keys, merged_into__isnull=True)
        .exclude(pk=case.pk)
        .distinct()
    )
    reasons: dict[int, tuple[CaseRow, str]] = {}
    for other in others:
        shared = sorted(keys & set(other.websites.values_list("site_key", flat=True)))
        reasons[other.pk] = (other, f"same site {shared[0]}")
    mine = OperatorKey.of(case.operator_name, case.operator_registrations or [])
    if mine.name or mine.registrations:
        candidates = CaseRow.objects.filter(merged_into__isnull=True).exclude(pk=case.pk)
        query = Q(operator_key=mine.name) if mine.name and len(mine.name) >= 4 else Q(pk__in=[])
        for number in mine.registrations:
            query |= Q(operator_registrations__icontains=number[-6:])
        for other in candidates.filter(query)[:50]:
            why = mine.same_as(OperatorKey.of(other.operator_name, other.operator_registrations or []))
            if why and other.pk not in reasons:
                reasons[other.pk] = (other, why)
    for other, why in reasons.values():
        for a, b in ((case, other), (other, case)):
            Duplicate.objects.get_or_create(case=a, other=b, defaults={"reason": why})
        found.append((case, other, why))
    return found


def create_cases(
    user: Any, leads: Sequence[Lead], *, capture: bool = False, max_pages: int | None = None, source: str = "form"
) -> ImportResult:
    """One case per site (registrable domain) among ``leads``; duplicates are recorded, not refused."""
    require(user, Capability.CREATE_CASE)
    result = ImportResult()
    for key, group in group_by_site(leads).items():
        best = max(group, key=lambda lead: lead.score)
        urls = list(dict.fromkeys(lead.url for lead in sorted(group, key=lambda lead: -lead.score)))
        with transaction.atomic():
            case = CaseRow.objects.create(
                reference=f"tmp-{os.urandom(8).hex()}",
                title=best.domain or key,
                site_key=key,
                lead_score=best.score,
                lead={**_lead_json(best), "urls": urls, "imported_from": source},
                created_by=user,
            )
            case.reference = _reference(case)
            case.save(update_fields=["reference"])
            for url in urls:
                Website.objects.create(case=case, url=url, site_key=site_key(url))
            audit.record(
                user,
                AuditAction.CASE_CREATE,
                case=case,
                subject=f"case {case.reference}",
                details={"urls": urls, "source": source, "score": best.score},
            )
            result.duplicates += _link_duplicates(case)
            refresh(case)
        result.created.append(case)
        if capture:
            request_capture(user, case, case.websites.first(), max_pages=max_pages)
    if source != "form":
        audit.record(
            user,
            AuditAction.LEADS_IMPORT,
            subject=source,
            details={"leads": len(leads), "cases": [c.reference for c in result.created]},
        )
    return result


def add_website(user: Any, case: CaseRow, url: str) -> Website:
    require(user, Capability.EDIT_CASE)
    _refuse_if_closed(case)
    from vigipub.cases.leads import normalise_url

    url = normalise_url(url)
    with transaction.atomic():
        if case.websites.filter(url=url).exists():
            raise refuse(gettext_noop("This website is already part of the case."))
        site = Website.objects.create(case=case, url=url, site_key=site_key(url))
        audit.record(user, AuditAction.WEBSITE_ADD, case=case, subject=url)
        _link_duplicates(case)
    return site


def _refuse_if_closed(case: CaseRow) -> None:
    if case.status == S.CLOSED:
        raise refuse(gettext_noop("The case is closed."))


def request_capture(
    user: Any,
    case: CaseRow,
    website: Website | None,
    *,
    max_pages: int | None = None,
    recording: Path | None = None,
) -> Capture:
    """Queue an investigation of ``website`` (capture, detection, registers, qualification);
    with ``recording`` (a WARC recorded in the inspector's browser, already stored in the case's
    folder), its pages are the evidence instead of a capture."""
    require(user, Capability.EDIT_CASE)
    _refuse_if_closed(case)
    if website is None or website.case_id != case.pk:
        raise refuse(gettext_noop("The case has no website."))
    pages = max_pages or settings.VIGIPUB["CAPTURE_MAX_PAGES"]
    if not 1 <= pages <= 1000:
        raise refuse(gettext_noop("The page budget must be between 1 and 1000."))
    with transaction.atomic():
        if Capture.objects.filter(website=website, state__in=[JobState.QUEUED, JobState.RUNNING]).exists():
            raise refuse(gettext_noop("A capture of this website is already under way."))
        capture = Capture.objects.create(case=case, website=website, seed_url=website.url, max_pages=pages)
        params: dict[str, Any] = {"capture": capture.pk}
        details: dict[str, Any] = {"url": website.url, "max_pages": pages}
        if recording is not None:
            params["recording"] = str(recording)
            details.update(_recording_audit(recording))
        job = enqueue(JobKind.CAPTURE, case=case, params=params, user=user)
        capture.job = job
        capture.save(update_fields=["job"])
        audit.record(
            user,
            AuditAction.CAPTURE_REQUEST,
            case=case,
            subject=f"capture {capture.pk}",
            details={**details, "job": job.pk},
        )
    return capture


def capture_recording(user: Any, case: CaseRow, website: Website | None, upload: Any) -> Capture:
    """Investigate a WARC recorded in the inspector's browser (a site whose firewall refuses
    automated captures) instead of capturing ``website``: kept in the case's folder, then queued
    as a capture (:func:`request_capture`)."""
    require(user, Capability.EDIT_CASE)
    if website is None or website.case_id != case.pk:
        raise refuse(gettext_noop("The case has no website."))
    return request_capture(user, case, website, recording=store_recording(user, case, upload))


def _recording_audit(path: Path) -> dict[str, str]:
    """What the audit log keeps of a browser recording: its file name and its SHA-256."""
    return {"recording": path.name, "recording_sha256": sha256_file(path)}


#: a browser recording larger than this is refused (a site's pages take a few megabytes)
MAX_RECORDING_BYTES = 2 << 30


def store_recording(user: Any, case: CaseRow, upload: Any, capability: Capability = Capability.EDIT_CASE) -> Path:
    """Keep an uploaded browser recording in the case's folder, after checking it is a WARC."""
    require(user, capability)
    _refuse_if_closed(case)
    if upload.size > MAX_RECORDING_BYTES:
        raise refuse(gettext_noop("The recording is too large."))
    folder = data_dir() / "cases" / case.reference / "recordings"
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9._-]", "_", Path(upload.name or "recording.warc.gz").name)[:100] or "recording.warc.gz"
    path = folder / f"{utc_now().strftime('%Y%m%dT%H%M%S')}-{name}"
    with open(path, "xb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    try:
        pipeline.check_recording(path)
    except InputError:
        path.unlink(missing_ok=True)
        raise refuse(gettext_noop("The file is not a WARC recording.")) from None
    return path


# --------------------------------------------------------------------------- importing a dossier


def _screenshots(manifest: CaptureManifest) -> dict[str, tuple[str, dict[str, Any] | None]]:
    """record id -> (screenshot path, HTTP record) for every captured page."""
    out: dict[str, tuple[str, dict[str, Any] | None]] = {}
    for cp in manifest.pages:
        http = json.loads(cp.record.model_dump_json())
        for ref in (cp.record, cp.rendered):
            if ref is not None:
                out[ref.record_id] = (cp.screenshot or "", http)
    return out


def import_dossier(capture: Capture, dossier: Path) -> None:
    """Store what an investigation produced: pages with their text, findings, the operator's
    identity as proposed by the legal notice; then qualify the case again."""
    findings = FindingsFile.model_validate_json((dossier / pipeline.FINDINGS).read_bytes())
    manifest_path = dossier / pipeline.EVIDENCE / "manifest.json"
    manifest = CaptureManifest.model_validate_json(manifest_path.read_bytes())
    texts = {d.record.record_id: d.text for d in pipeline.extract_documents(dossier / pipeline.EVIDENCE) if d.record}
    shots = _screenshots(manifest)
    case = capture.case
    with transaction.atomic():
        Page.objects.filter(capture=capture).delete()
        for analysis in findings.pages:
            record_id = analysis.record.record_id if analysis.record else ""
            text = texts.get(record_id, "")
            shot, http = shots.get(record_id, ("", None))
            page = Page.objects.create(
                capture=capture,
                case=case,
                url=analysis.url,
                title=analysis.title[:500],
                language=analysis.language or "",
                source=analysis.source,
                verdict=analysis.verdict,
                reviewed_verdict="",
                score=analysis.score,
                genre=analysis.genre,
                text=text,
                text_chars=len(text),
                text_sha256=analysis.text_sha256 or "",
                record=json.loads(analysis.record.model_dump_json()) if analysis.record else None,
                http_record=http,
                screenshot=shot,
                findings_count=len(analysis.findings),
            )
            Finding.objects.bulk_create(
                [
                    Finding(
                        page=page,
                        case=case,
                        finding_id=f.id,
                        kind=f.kind,
                        subkind=f.subkind,
                        quote=f.quote,
                        start=f.start,
                        end=f.end,
                        match=f.match[:500],
                        attributes=f.attributes,
                        confidence=f.confidence,
                    )
                    for f in analysis.findings
                ]
            )
        capture.state = JobState.DONE
        capture.dossier = str(dossier.resolve().relative_to(data_dir().resolve()))
        # web pages captured: a page analysed both as the HTTP response and as the browser's
        # rendering counts once
        capture.pages = len({p.url for p in findings.pages})
        capture.site_verdict = findings.site.verdict if findings.site else ""
        capture.site_score = findings.site.score if findings.site else None
        capture.captured_at = manifest.started_at
        capture.manifest_sha256 = sha256_file(manifest_path)
        capture.save()
        case = _lock(case)
        if findings.operator is not None:
            CaseAnalysis.objects.update_or_create(
                case=case, defaults={"operator_proposal": json.loads(findings.operator.model_dump_json())}
            )
            if not case.operator_confirmed:
                op = findings.operator
                case.operator_name = op.name or ""
                case.operator_address = op.address or ""
                case.operator_country = op.country or ""
                case.operator_registrations = list(op.registrations)
                case.operator_key = fold_name(op.name)
        if not case.product:
            # the product as the draft would name it (the family the site names most, or both
            # products of a clinic selling cells and exosomes), for the inspector to correct
            case.product = pipeline.product_label(findings.pages) or ""
        case.save()
        audit.record(
            "system",
            AuditAction.CAPTURE_DONE,
            case=case,
            subject=f"capture {capture.pk}",
            details={
                "dossier": capture.dossier,
                "pages": capture.pages,
                "site_verdict": capture.site_verdict,
                "manifest_sha256": capture.manifest_sha256,
            },
        )
        _link_duplicates(case)
        requalify(case)
        refresh(case)


# --------------------------------------------------------------------------- qualification


def latest_capture(case: CaseRow) -> Capture | None:
    return case.captures.filter(state=JobState.DONE).order_by("-captured_at", "-id").first()


def _product(case: CaseRow) -> str:
    return case.product or "[produit]"


def operator_addresses(text: str) -> list[str]:
    """The operator's addresses as typed: lines of one address joined by commas, addresses
    separated by a blank line (« Seestrasse 12, 8002 Zürich »)."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [", ".join(" ".join(line.split()) for line in b.splitlines() if line.strip()) for b in blocks if b.strip()]


def case_file(
    case: CaseRow,
    *,
    kind: str | None = None,
    on: date | None = None,
    signatory: tuple[str, str] | None = None,
    qualification: Qualification | None = None,
) -> CaseFile:
    """The case as the qualification and the documents read it (``vigipub.evidence.Case``)."""
    name = case.operator_name or "[nom de la société]"
    addresses = operator_addresses(case.operator_address)
    events: list[Event] = []
    defences: list[str] = []
    if case.letter_sent_on:
        events.append(Event(date=case.letter_sent_on, kind="letter_of_intent"))
    for obs in case.observations.all():
        ids = [d for d in obs.defences if d in known_defences()]
        words = " ".join(obs.text.split())
        arguments = [Argument(defence=d) for d in ids] + [
            Argument(summary=a.get("summary", ""), answer=a.get("answer", ""), basis=list(a.get("basis", [])))
            for a in obs.arguments or []
            if a.get("summary")
        ]
        if arguments and words:  # the company's own words, quoted once, with its first argument
            arguments[0] = arguments[0].model_copy(update={"quote": words})
        events.append(Event(date=obs.received_on, kind=cast(Any, str(obs.kind)), arguments=arguments))
        defences += [d for d in ids if d not in defences]
    for recheck in case.rechecks.filter(state=JobState.DONE).exclude(verdict=""):
        if recheck.done_at:
            note = "non_compliant" if recheck.verdict != ComplianceVerdict.COMPLIED else "compliant"
            events.append(Event(date=timezone.localdate(recheck.done_at), kind="compliance_check", note=note))
    if case.published_at:
        events.append(Event(date=timezone.localdate(case.published_at), kind="publication"))
    letter = None
    if case.letter_sent_on:
        letter = LetterOfIntent(
            date=case.letter_sent_on,
            observation_days=case.observation_days,
            observation_deadline=case.observation_deadline,
            addresses=addresses,
            delay_reference=LETTER_REFERENCE,
        )
    decision = None
    if kind in ("decision", "news", "alert") and on is not None:
        measure = "suspension_of_advertising"
        if qualification and qualification.measure and qualification.measure.kind == "suspension_of_all_activities":
            measure = "suspension_of_all_activities"
        decision = DecisionInfo(
            date=on,
            measure=cast(Any, measure),
            signatory=Signatory(name=signatory[0], title=signatory[1]) if signatory else None,
        )
        events.append(Event(date=on, kind="decision"))
    capture = latest_capture(case)
    return CaseFile(
        authority=settings.VIGIPUB["AUTHORITY"],
        reference=case.reference,
        company=Company(name=name, addresses=addresses, country=case.operator_country or None),
        websites=[w.url for w in case.websites.all()],
        product=_product(case),
        events=sorted(events, key=lambda e: e.date),
        defences=defences,
        product_article=ProductArticle(case.product_article) if case.product_article else None,
        decision=decision,
        dossier=str(data_path(capture.dossier)) if capture and capture.dossier else None,
        letter_of_intent=letter,
        urgency=case.urgency or None,
    )


def _accepted(capture: Capture) -> set[str]:
    return set(
        Finding.objects.filter(page__capture=capture, decision=ReviewDecision.ACCEPTED).values_list(
            "finding_id", flat=True
        )
    )


def refresh_review_state(case: CaseRow) -> None:
    """After review decisions: each page's verdict judged again on its accepted findings (the
    detector's verdict model, milliseconds) and the counters; the case's qualification is
    marked out of date and recomputed when next needed (:func:`ensure_qualified`)."""
    capture = latest_capture(case)
    counts: dict[str, int] = {}
    if capture is not None and capture.dossier:
        findings = FindingsFile.model_validate_json((data_path(capture.dossier) / pipeline.FINDINGS).read_bytes())
        text_chars = dict(Page.objects.filter(capture=capture).values_list("url", "text_chars"))
        reviewed = pipeline.reviewed_findings(findings, _accepted(capture), text_chars)
        _store_page_verdicts(capture, {(p.url, p.source): p.verdict for p in reviewed.pages})
        counts = dict(
            Finding.objects.filter(page__capture=capture).values_list("decision").annotate(n=Count("id")).values_list(
                "decision", "n"
            )
        )
    CaseRow.objects.filter(pk=case.pk).update(
        qualified_at=None,
        findings_total=sum(counts.values()),
        findings_accepted=counts.get(ReviewDecision.ACCEPTED, 0),
        findings_rejected=counts.get(ReviewDecision.REJECTED, 0),
    )
    case.refresh_from_db()


def _store_page_verdicts(capture: Capture, verdicts: dict[tuple[str, str], str]) -> None:
    for page in Page.objects.filter(capture=capture).only("id", "url", "source", "reviewed_verdict"):
        verdict = verdicts.get((page.url, page.source), "")
        if page.reviewed_verdict != verdict:
            Page.objects.filter(pk=page.pk).update(reviewed_verdict=verdict)


def requalify(case: CaseRow) -> Qualification | None:
    """Qualify the case from the findings reviewers ACCEPTED on its latest capture."""
    capture = latest_capture(case)
    if capture is None or not capture.dossier:
        CaseAnalysis.objects.update_or_create(case=case, defaults={"qualification": None, "questions": []})
        CaseRow.objects.filter(pk=case.pk).update(conclusion="", qualified_at=timezone.now())
        case.refresh_from_db()
        return None
    text_chars = dict(Page.objects.filter(capture=capture).values_list("url", "text_chars"))
    result = pipeline.requalify(
        data_path(capture.dossier),
        _accepted(capture),
        case=case_file(case),
        text_chars=text_chars,
        date_of_facts=timezone.localdate(capture.captured_at) if capture.captured_at else None,
    )
    with transaction.atomic():
        _store_page_verdicts(capture, {(p.url, p.source): p.verdict for p in result.findings.pages})
        counts = dict(
            Finding.objects.filter(page__capture=capture).values_list("decision").annotate(n=Count("id")).values_list(
                "decision", "n"
            )
        )
        CaseAnalysis.objects.update_or_create(
            case=case,
            defaults={
                "qualification": json.loads(result.qualification.model_dump_json()),
                "questions": list(result.qualification.questions),
            },
        )
        CaseRow.objects.filter(pk=case.pk).update(
            conclusion=result.qualification.conclusion,
            qualified_at=timezone.now(),
            findings_total=sum(counts.values()),
            findings_accepted=counts.get(ReviewDecision.ACCEPTED, 0),
            findings_rejected=counts.get(ReviewDecision.REJECTED, 0),
        )
    case.refresh_from_db()
    return result.qualification


def ensure_qualified(case: CaseRow) -> None:
    """Recompute the qualification if a review (or the case) changed since it was computed."""
    if case.qualified_at is None:
        requalify(case)


def qualification_of(case: CaseRow) -> Qualification | None:
    data = CaseAnalysis.objects.filter(case=case).values_list("qualification", flat=True).first()
    return Qualification.model_validate(data) if data else None


def analysis_summary(case: CaseRow) -> tuple[dict[str, Any], list[str]]:
    """What the case page shows of the analysis: the operator's identity as the legal notice
    gave it (with its clues) and the qualification's open questions — without reading the
    whole qualification."""
    row = CaseAnalysis.objects.filter(case=case).values_list("operator_proposal", "questions").first()
    if row is None:
        return {}, []
    proposal, questions = row
    proposal = dict(proposal) if isinstance(proposal, dict) else {}
    clues = proposal.get("clues") or []
    # read only in the pages' schema.org data (no legal notice, no footer): the badge says so
    proposal["structured_only"] = bool(clues) and all(
        isinstance(c, dict) and c.get("structured_data") for c in clues
    )
    return proposal, [str(q) for q in questions or []]


# --------------------------------------------------------------------------- evidence review


REVIEWABLE_STATUSES = frozenset({S.LEAD, S.INVESTIGATION, S.LETTER_OF_INTENT, S.OBSERVATIONS, S.DECISION})


def _check_reviewable(case: CaseRow) -> None:
    if case.status not in REVIEWABLE_STATUSES:
        raise refuse(gettext_noop("The evidence of a case is frozen once its decision is published."))
    if case.documents.filter(kind=DocumentKind.DECISION, signed_at__isnull=False).exists():
        raise refuse(gettext_noop("The decision is signed: the evidence it rests on can no longer change."))


def review(
    user: Any, findings: Iterable[Finding], decision: ReviewDecision, comment: str = ""
) -> int:
    """Accept or reject findings (a rejection needs a comment); qualify the case again."""
    require(user, Capability.REVIEW)
    items = list(findings)
    if not items:
        return 0
    case = items[0].case
    if any(f.case_id != case.pk for f in items):
        raise refuse(gettext_noop("Findings of several cases cannot be reviewed together."))
    _check_reviewable(case)
    comment = comment.strip()
    if decision == ReviewDecision.REJECTED and not comment:
        raise refuse(gettext_noop("Say why the finding is rejected (the comment teaches the detector)."))
    now = timezone.now()
    with transaction.atomic():
        ids = [f.pk for f in items]
        Finding.objects.filter(pk__in=ids).update(decision=decision, comment=comment, reviewer=user, reviewed_at=now)
        audit.record(
            user,
            AuditAction.FINDING_REVIEW,
            case=case,
            subject=f"finding {ids[0]}" if len(ids) == 1 else f"{len(ids)} findings of page {items[0].page_id}",
            details={
                "decision": str(decision),
                "comment": comment,
                "findings": [{"id": f.pk, "finding_id": f.finding_id, "kind": f.kind, "quote": f.quote[:300]} for f in items],
            },
        )
    refresh_review_state(case)
    return len(items)


def label_page(user: Any, page: Page, label: str) -> None:
    require(user, Capability.REVIEW)
    if label not in ("", "promotion", "not_promotion"):
        raise refuse(gettext_noop("Unknown page label."))
    with transaction.atomic():
        Page.objects.filter(pk=page.pk).update(label=label)
        audit.record(user, AuditAction.PAGE_LABEL, case=page.case, subject=f"page {page.pk}", details={"label": label, "url": page.url})


# --------------------------------------------------------------------------- operator, urgency, observations


def confirm_operator(
    user: Any, case: CaseRow, *, name: str, address: str, country: str = "", registrations: Sequence[str] = ()
) -> None:
    require(user, Capability.EDIT_CASE)
    _refuse_if_closed(case)
    name = " ".join(name.split())
    address = "\n".join(" ".join(line.split()) for line in address.splitlines() if line.strip())
    country = country.strip().upper()
    if not name or not address:
        raise refuse(gettext_noop("The operator's name and address are both needed (the letter is sent there)."))
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise refuse(gettext_noop("The country is a two-letter ISO code (FR, CH, DE…)."))
    regs = [" ".join(r.split()) for r in registrations if r.strip()]
    with transaction.atomic():
        case = _lock(case)
        before = {"name": case.operator_name, "address": case.operator_address, "country": case.operator_country,
                  "registrations": case.operator_registrations, "confirmed": case.operator_confirmed}
        case.operator_name, case.operator_address, case.operator_country = name, address, country
        case.operator_registrations = regs
        case.operator_key = fold_name(name)
        case.operator_confirmed = True
        case.operator_confirmed_by = user
        case.operator_confirmed_at = timezone.now()
        case.qualified_at = None  # the company named by the qualification changed
        case.save()
        audit.record(
            user,
            AuditAction.OPERATOR_CONFIRM,
            case=case,
            subject="operator",
            details={"before": before, "after": {"name": name, "address": address, "country": country, "registrations": regs}},
        )
        _link_duplicates(case)


def update_case(user: Any, case: CaseRow, *, product: str, article: str = "") -> None:
    """The product as the site names it, and its article (« la » thérapie: never guessed)."""
    require(user, Capability.EDIT_CASE)
    _refuse_if_closed(case)
    product = " ".join(product.split())
    if not product:
        raise refuse(gettext_noop("Name the product as the site names it."))
    if article and article not in {str(a) for a in ProductArticle}:
        raise refuse(gettext_noop("Unknown article."))
    with transaction.atomic():
        before = {"product": case.product, "article": case.product_article}
        CaseRow.objects.filter(pk=case.pk).update(product=product, product_article=article, qualified_at=None)
        audit.record(user, AuditAction.CASE_UPDATE, case=case, subject="product", details={
            "before": before, "after": {"product": product, "article": article}})
    case.product, case.product_article = product, article


def record_urgency(user: Any, case: CaseRow, reason: str) -> None:
    """Urgency (CRPA L. 121-2 1°): a decision may then be taken without waiting for observations."""
    require(user, Capability.DECLARE_URGENCY)
    if case.status not in (S.INVESTIGATION, S.LETTER_OF_INTENT, S.OBSERVATIONS):
        raise refuse(gettext_noop("Urgency is recorded before the decision only."))
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise refuse(gettext_noop("Give the reason for the urgency (it is quoted in the decision)."))
    with transaction.atomic():
        CaseRow.objects.filter(pk=case.pk).update(urgency=reason, qualified_at=None)
        audit.record(user, AuditAction.URGENCY_RECORD, case=case, subject="urgency", details={"reason": reason})
    case.urgency = reason


def record_observation(
    user: Any,
    case: CaseRow,
    *,
    kind: ObservationKind,
    received_on: date,
    text: str,
    defences: Sequence[str],
    arguments: Sequence[dict[str, Any]] = (),
) -> Observation:
    """The company's observations and the arguments they raise: catalogued defences (answered
    by the law package's rebuttal) or free arguments with the Agency's own answer."""
    require(user, Capability.RECORD_PROCEDURE)
    if case.status not in (S.OBSERVATIONS, S.DECISION):
        raise refuse(gettext_noop("Observations are recorded once the letter of intent has been sent."))
    if case.documents.filter(kind=DocumentKind.DECISION, signed_at__isnull=False).exists():
        raise refuse(gettext_noop("The decision is signed: no observation can be added any more."))
    if case.letter_sent_on and received_on < case.letter_sent_on:
        raise refuse(gettext_noop("Received before the letter of intent of %(date)s?"), date=case.letter_sent_on.isoformat())
    if received_on > today():
        raise refuse(gettext_noop("A date in the future."))
    unknown = [d for d in defences if d not in known_defences()]
    if unknown:
        raise refuse(gettext_noop("Unknown argument(s): %(ids)s."), ids=", ".join(unknown))
    free = []
    for argument in arguments:
        summary = " ".join(str(argument.get("summary", "")).split())
        answer = " ".join(str(argument.get("answer", "")).split())
        basis = [b.strip() for b in argument.get("basis", []) if str(b).strip()]
        if not summary and not answer:
            continue
        if not summary or not answer:
            raise refuse(gettext_noop("An argument outside the list needs both what the company says and the Agency's answer."))
        if "«" in summary + answer or "»" in summary + answer:
            raise refuse(gettext_noop("Write the argument and the answer without « »: they are quoted by the decision."))
        free.append({"summary": summary, "answer": answer, "basis": basis})
    with transaction.atomic():
        obs = Observation.objects.create(
            case=case, kind=kind, received_on=received_on, text=text.strip(), defences=list(defences),
            arguments=free, recorded_by=user,
        )
        CaseRow.objects.filter(pk=case.pk).update(qualified_at=None)  # the defences are answered by it
        audit.record(
            user,
            AuditAction.OBSERVATION_RECORD,
            case=case,
            subject=f"observation {obs.pk}",
            details={"kind": str(kind), "received_on": received_on.isoformat(), "defences": list(defences),
                     "arguments": free, "text": obs.text[:1000]},
        )
    return obs


# --------------------------------------------------------------------------- the procedure


@dataclass
class CaseRecords:
    """The rows of a case the procedure reads, loaded once (the case page shows them too)."""

    websites: list[Website]
    captures: list[Capture]
    documents: list[Document]
    observations: list[Observation]
    rechecks: list[Recheck]

    @classmethod
    def load(cls, case: CaseRow) -> CaseRecords:
        return cls(
            websites=list(case.websites.all()),
            captures=list(case.captures.select_related("job", "website")),
            documents=list(case.documents.select_related("signed_by", "job")),
            observations=list(case.observations.all()),
            rechecks=list(case.rechecks.select_related("website", "job")),
        )


def facts(case: CaseRow, on: date | None = None, records: CaseRecords | None = None) -> CaseFacts:
    """The snapshot the transition table's preconditions read (the qualification brought up to date)."""
    ensure_qualified(case)
    rec = records or CaseRecords.load(case)
    observations = rec.observations
    done = [r for r in rec.rechecks if r.state == JobState.DONE and r.verdict and r.done_at]
    last_recheck = max(done, key=lambda r: r.done_at or timezone.now()) if done else None
    return CaseFacts(
        status=CaseStatus(case.status),
        today=on or today(),
        websites=len(rec.websites),
        captures_done=sum(c.state == JobState.DONE for c in rec.captures),
        captures_running=sum(c.state in (JobState.QUEUED, JobState.RUNNING) for c in rec.captures),
        findings_total=case.findings_total,
        findings_accepted=case.findings_accepted,
        findings_pending=case.findings_pending,
        conclusion=case.conclusion or None,
        operator_confirmed=case.operator_confirmed,
        letter_versions=sum(d.kind == DocumentKind.LETTER and d.state == JobState.DONE for d in rec.documents),
        letter_sent_on=case.letter_sent_on,
        observation_deadline=case.observation_deadline,
        urgency=case.urgency,
        hearing_requested=any(o.kind == ObservationKind.HEARING_REQUEST for o in observations),
        heard=any(o.kind == ObservationKind.ORAL for o in observations),
        observations=sum(o.kind != ObservationKind.HEARING_REQUEST for o in observations),
        observations_unanswered=sum(
            1 for o in observations if o.kind != ObservationKind.HEARING_REQUEST and not (o.defences or o.arguments)
        ),
        decision_signed=any(d.kind == DocumentKind.DECISION and d.signed_at is not None for d in rec.documents),
        rechecks_scheduled=len(rec.rechecks),
        last_recheck_verdict=last_recheck.verdict if last_recheck else None,
    )


def fire(user: Any, case: CaseRow, name: str, *, reason: str = "", on: date | None = None) -> CaseEvent:
    """Fire the transition ``name`` (a row of ``vigipub.cases.workflow.TRANSITIONS``)."""
    try:
        transition = workflow.transition(name)
    except KeyError as exc:
        raise refuse(gettext_noop("Unknown step of the procedure.")) from exc
    with transaction.atomic():
        case = _lock(case)
        blockers = workflow.check(name, facts(case), roles_of(user))
        if blockers and blockers[0].code == "role":
            raise PermissionDenied(blockers[0].english())
        if blockers:
            raise Refused(*blockers)
        reason = " ".join(reason.split())
        if "reason" in transition.inputs and len(reason) < 5:
            raise refuse(gettext_noop("Give the reason (it is kept in the case's timeline)."))
        note = reason
        source = case.status
        if name == "send_letter":
            sent = on or today()
            if sent > today():
                raise refuse(gettext_noop("A date in the future."))
            if sent < timezone.localdate(case.created_at):
                raise refuse(gettext_noop("The letter cannot predate the case."))
            deadline = observation_deadline(sent, urgent=bool(case.urgency))
            case.letter_sent_on = sent
            case.observation_deadline = deadline.on
            case.observation_days = (deadline.on - sent).days
            note = record_note(
                gettext_noop("letter of intent of %(sent)s; observations until %(until)s (%(days)s days; %(law)s)"),
                sent=sent, until=deadline.on, days=(deadline.on - sent).days, law=LETTER_REFERENCE,
            )
        elif name == "publish":
            now = timezone.now()
            case.published_at = now
            signed = case.documents.filter(kind=DocumentKind.DECISION, signed_at__isnull=False).order_by("-version").first()
            published = []
            for doc in [signed] + [
                case.documents.filter(kind=k, state=JobState.DONE).order_by("-version").first()
                for k in (DocumentKind.NEWS, DocumentKind.ALERT)
            ]:
                if doc is not None:
                    doc.published_at = now
                    doc.save(update_fields=["published_at"])
                    _freeze_files(doc)
                    published.append({"document": doc.pk, "kind": doc.kind, "version": doc.version, "digests": doc.digests})
            note = ", ".join(record_note("%(kind)s v%(version)s", kind=_KIND_NOTE.get(d["kind"], d["kind"]),
                                         version=d["version"]) for d in published)
            audit.record(user, AuditAction.CASE_PUBLISH, case=case, subject=f"case {case.reference}", details={"documents": published})
        elif name == "start_follow_up":
            when = recheck_date(timezone.localdate(case.published_at) if case.published_at else today())
            for site in case.websites.all():
                _schedule_recheck(user, case, site, when.on)
            note = record_note(gettext_noop("compliance re-check on %(on)s (%(days)s days after publication)"),
                               on=when.on, days=when.delay.days if when.delay else "?")
        case.status = transition.target
        case.save()
        event = CaseEvent.objects.create(
            case=case, actor=audit.actor_name(user), transition=name, from_status=source, to_status=transition.target, note=note
        )
        audit.record(
            user,
            AuditAction.CASE_TRANSITION,
            case=case,
            subject=name,
            details={"from": str(source), "to": str(transition.target), "note": note},
        )
        refresh(case)
    return event


#: document kinds as a timeline note names them (translated by :func:`record_note`)
_KIND_NOTE = {
    DocumentKind.DECISION: gettext_noop("decision"),
    DocumentKind.NEWS: gettext_noop("news item"),
    DocumentKind.ALERT: gettext_noop("patient alert"),
}


def record_note(message: str, **values: Any) -> str:
    """A timeline note the application writes, in the agency's language (``LANGUAGE_CODE``).

    The note is a record: it is written once, in French, and does not change with the reader's
    language. Dates are written out as the language does (« 21 décembre 2026 »).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % {k: _note_word(v) for k, v in values.items()}


def _note_word(value: Any) -> Any:
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return gettext(value) if isinstance(value, str) else value  # a word marked with gettext_noop


def refresh(case: CaseRow) -> None:
    """Recompute the case's next deadline (shown and sorted on the dashboard)."""
    deadline: date | None = None
    what = ""
    if case.status == S.OBSERVATIONS and case.observation_deadline:
        deadline, what = case.observation_deadline, "observations"
    elif case.status == S.FOLLOW_UP:
        deadline = (
            case.rechecks.filter(state__in=[JobState.QUEUED, JobState.RUNNING])
            .order_by("scheduled_for")
            .values_list("scheduled_for", flat=True)
            .first()
        )
        what = "recheck" if deadline else ""
    CaseRow.objects.filter(pk=case.pk).update(
        next_deadline=deadline, next_deadline_what=what, sort_deadline=deadline or NO_DEADLINE
    )
    case.next_deadline, case.next_deadline_what = deadline, what


def merge(user: Any, target: CaseRow, other: CaseRow) -> None:
    """Fold ``other`` into ``target``: websites, captures and their reviews move; ``other`` closes."""
    require(user, Capability.EDIT_CASE)
    if target.pk == other.pk:
        raise refuse(gettext_noop("A case cannot be merged into itself."))
    for c in (target, other):
        if c.merged_into_id or c.status == S.CLOSED:
            raise refuse(gettext_noop("Case %(ref)s is closed."), ref=c.reference)
    if other.status not in (S.LEAD, S.INVESTIGATION):
        raise refuse(gettext_noop("Only a case still at the lead or investigation stage can be merged into another."))
    with transaction.atomic():
        target, other = _lock(target), _lock(other)
        known = set(target.websites.values_list("url", flat=True))
        moved = []
        for site in other.websites.all():
            if site.url in known:
                continue
            moved.append(site.url)
        Website.objects.filter(case=other, url__in=moved).update(case=target)
        # captures of a website already in the target move with a website of the target
        for site in other.websites.all():
            twin = target.websites.filter(url=site.url).first()
            if twin is not None:
                Capture.objects.filter(website=site).update(website=twin)
        Capture.objects.filter(case=other).update(case=target)
        Page.objects.filter(case=other).update(case=target)
        Finding.objects.filter(case=other).update(case=target)
        other.jobs.update(case=target)
        Duplicate.objects.filter(Q(case=other) | Q(other=other)).update(dismissed=True)
        if target.lead_score < other.lead_score:
            target.lead_score = other.lead_score
        target.save()
        source = other.status
        other.status = S.CLOSED
        other.merged_into = target
        other.save()
        CaseEvent.objects.create(
            case=other, actor=audit.actor_name(user), transition="merge", from_status=source, to_status=S.CLOSED,
            note=f"merged into {target.reference}",
        )
        audit.record(
            user,
            AuditAction.CASE_MERGE,
            case=target,
            subject=f"case {other.reference}",
            details={"merged": other.reference, "into": target.reference, "websites": moved},
        )
        refresh(other)
    requalify(target)


def dismiss_duplicate(user: Any, duplicate: Duplicate) -> None:
    require(user, Capability.EDIT_CASE)
    with transaction.atomic():
        Duplicate.objects.filter(Q(case=duplicate.case, other=duplicate.other) | Q(case=duplicate.other, other=duplicate.case)).update(
            dismissed=True
        )
        audit.record(
            user, AuditAction.CASE_UPDATE, case=duplicate.case, subject="duplicate",
            details={"not_a_duplicate_of": duplicate.other.reference},
        )


# --------------------------------------------------------------------------- documents


def request_document(user: Any, case: CaseRow, kind: DocumentKind, *, on: date, signatory: Any = None) -> Document:
    """Queue the rendering of a new version of ``kind`` (HTML, PDF and DOCX)."""
    require(user, Capability.GENERATE_DOCUMENT)
    allowed = workflow.DOCUMENT_STATUSES[str(kind)]
    if case.status not in allowed:
        raise refuse(
            gettext_noop("This document is drafted at the status %(statuses)s."),
            statuses=", ".join(sorted(str(s) for s in allowed)),
        )
    if on > today():
        raise refuse(gettext_noop("A date in the future."))
    ensure_qualified(case)
    if case.conclusion != "violation":
        raise refuse(gettext_noop("The qualification of the accepted findings does not conclude a violation."))
    name = title = ""
    if kind == DocumentKind.DECISION:
        if case.documents.filter(kind=DocumentKind.DECISION, signed_at__isnull=False).exists():
            raise refuse(gettext_noop("The decision is already signed."))
        if signatory is None or Role.SIGNATORY not in roles_of(signatory):
            raise refuse(gettext_noop("Choose the signatory of the decision (a user with the signatory role)."))
        name = signatory.get_full_name() or signatory.get_username()
        profile = getattr(signatory, "vigipub_profile", None)
        title = (profile.title if profile else "") or ""
        if not title:
            raise refuse(gettext_noop("The signatory's title is not recorded (vigipub createuser … --title)."))
    with transaction.atomic():
        case = _lock(case)
        version = (case.documents.filter(kind=kind).aggregate(m=Max("version"))["m"] or 0) + 1
        doc = Document.objects.create(
            case=case,
            kind=kind,
            version=version,
            on_date=on,
            signatory=signatory if kind == DocumentKind.DECISION else None,
            signatory_name=name,
            signatory_title=title,
            created_by=user,
        )
        job = enqueue(JobKind.RENDER, case=case, params={"document": doc.pk}, user=user)
        doc.job = job
        doc.save(update_fields=["job"])
        audit.record(
            user,
            AuditAction.DOCUMENT_REQUEST,
            case=case,
            subject=f"document {doc.pk} ({kind} v{version})",
            details={"date": on.isoformat(), "signatory": name},
        )
    return doc


def document_path(doc: Document, fmt: str) -> Path:
    rel = doc.files.get(fmt)
    if not rel:
        raise FileNotFoundError(fmt)
    return data_path(rel)


def _freeze_files(doc: Document) -> None:
    for fmt in doc.files:
        try:
            os.chmod(document_path(doc, fmt), 0o444)
        except OSError:  # already read-only, or on a file system without modes
            log.debug("could not make %s read-only", doc.files[fmt])


def verify_document(doc: Document) -> list[str]:
    """Formats whose file no longer matches its recorded digest (empty: intact)."""
    bad = []
    for fmt, digest in doc.digests.items():
        try:
            if sha256_file(document_path(doc, fmt)) != digest:
                bad.append(fmt)
        except (OSError, PermissionDenied):
            bad.append(fmt)
    return bad


def sign(user: Any, doc: Document) -> None:
    """Sign a decision: its files are frozen and their SHA-256 written to the audit log."""
    require(user, Capability.SIGN)
    if doc.kind != DocumentKind.DECISION:
        raise refuse(gettext_noop("Only a decision is signed."))
    with transaction.atomic():
        case = _lock(doc.case)
        doc = Document.objects.select_for_update().get(pk=doc.pk)
        if case.status != S.DECISION:
            raise refuse(gettext_noop("The case is not at the decision stage."))
        if doc.state != JobState.DONE:
            raise refuse(gettext_noop("This version is not rendered yet."))
        if doc.signed_at is not None:
            raise refuse(gettext_noop("This version is already signed."))
        latest = case.documents.filter(kind=DocumentKind.DECISION).aggregate(m=Max("version"))["m"]
        if doc.version != latest:
            raise refuse(gettext_noop("Only the latest version of the decision can be signed."))
        if doc.signatory_id is not None and doc.signatory_id != user.pk:
            raise refuse(gettext_noop("This version names another signatory: generate a version in your name."))
        bad = verify_document(doc)
        if bad:
            raise refuse(gettext_noop("The files of this version no longer match their digests (%(formats)s): not signed."), formats=", ".join(bad))
        doc.signed_by = user
        doc.signed_at = timezone.now()
        doc.save(update_fields=["signed_by", "signed_at"])
        _freeze_files(doc)
        audit.record(
            user,
            AuditAction.DOCUMENT_SIGN,
            case=case,
            subject=f"document {doc.pk} (decision v{doc.version})",
            details={"digests": doc.digests, "date": doc.on_date.isoformat()},
        )


def render_from_job(doc: Document, progress: Any) -> dict[str, Any]:
    """Render a document version in every format (run by a worker, in ``LANGUAGE_CODE``).

    The procedure's messages are the French sentences of the law package's ``procedure.yaml``;
    the job's own words go through gettext (the worker speaks the agency's language)."""
    from vigipub.cases import LineIndex, LoadedCase, case_as_of, check_procedure, plan_letter

    from .errors import AgencyProcedureError
    from .templatetags.vigipub_tags import KIND

    case = doc.case
    progress(gettext("qualifying the accepted findings"))
    qualification = requalify(case)
    if qualification is None:
        raise AgencyProcedureError(gettext("the case has no completed capture to qualify"), where=case.reference)
    kind = str(doc.kind)
    signatory = (doc.signatory_name, doc.signatory_title) if doc.signatory_name else None
    cf = case_file(case, kind=kind, on=doc.on_date, signatory=signatory, qualification=qualification)
    if kind == "letter":
        cf = case_as_of(plan_letter(cf, doc.on_date), doc.on_date)
    issues = check_procedure(LoadedCase(cf, Path(case.reference), LineIndex()), kind, on=doc.on_date)
    blocking = [i for i in issues if i.level == "error"]
    if blocking and not case.urgency:
        raise AgencyProcedureError(blocking[0].message, where=case.reference)
    folder = data_dir() / "cases" / case.reference / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    digests: dict[str, str] = {}
    # with urgency recorded (CRPA L. 121-2 1°), a cut observation period is drafted over: say so
    warnings = [procedure_warning(i.level, i.message) for i in issues]
    producer = inputs = ""
    document = str(KIND.get(kind, kind))
    for fmt in ("html", "pdf", "docx"):
        progress(
            gettext("producing the %(format)s file (%(document)s, version %(version)s)")
            % {"format": fmt.upper(), "document": document, "version": doc.version}
        )
        rendered = pipeline.render_document(kind, qualification, cf, fmt=fmt, on=doc.on_date)
        path = folder / f"{kind}-v{doc.version}.{fmt}"
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(bytes(rendered))
        tmp.replace(path)
        files[fmt] = str(path.relative_to(data_dir()))
        digests[fmt] = rendered.sha256
        producer = f"{rendered.producer.name} {rendered.producer.version} ({rendered.producer.params_digest})"
        inputs = rendered.inputs_sha256
        warnings += [w for w in rendered.warnings if w not in warnings]
    with transaction.atomic():
        doc.files, doc.digests, doc.producer, doc.inputs_sha256, doc.warnings = files, digests, producer, inputs, warnings
        doc.state = JobState.DONE
        doc.save(update_fields=["files", "digests", "producer", "inputs_sha256", "warnings", "state"])
        audit.record(
            "system",
            AuditAction.DOCUMENT_READY,
            case=case,
            subject=f"document {doc.pk} ({kind} v{doc.version})",
            details={"digests": digests, "producer": producer, "conclusion": qualification.conclusion},
        )
    return {
        "progress": gettext("%(document)s, version %(version)s: files ready")
        % {"document": document, "version": doc.version}
    }


def procedure_warning(level: str, message: str) -> str:
    """A procedure issue as the document's warning: « forcé : … » for a blocking issue drafted
    over (urgency recorded), « avertissement : … » for the others (in the active language)."""
    if level == "error":
        return gettext("forced: %(message)s") % {"message": message}
    return gettext("warning: %(message)s") % {"message": message}


# --------------------------------------------------------------------------- follow-up


def _schedule_recheck(
    user: Any, case: CaseRow, website: Website, when: date, recording: Path | None = None
) -> Recheck:
    baseline = case.captures.filter(website=website, state=JobState.DONE).order_by("-captured_at").first()
    recheck = Recheck.objects.create(case=case, website=website, baseline=baseline, scheduled_for=when, created_by=user)
    details: dict[str, Any] = {"url": website.url, "on": when.isoformat(), "baseline": baseline.dossier if baseline else ""}
    if recording is not None:
        details.update(_recording_audit(recording))
    audit.record(user, AuditAction.RECHECK_SCHEDULE, case=case, subject=f"recheck {recheck.pk}", details=details)
    return recheck


def recheck_recording(user: Any, case: CaseRow, website: Website | None, upload: Any) -> Recheck:
    """A re-check now against a WARC recorded in the inspector's browser (a site whose firewall
    refuses automated captures), instead of a new capture (``vigipub recheck --import-warc``)."""
    site = _check_recheck(user, case, website)
    path = store_recording(user, case, upload, Capability.SCHEDULE_RECHECK)
    with transaction.atomic():
        recheck = _schedule_recheck(user, case, site, today(), recording=path)
        refresh(case)
    start_recheck(recheck, user, recording=path)
    return recheck


def _check_recheck(user: Any, case: CaseRow, website: Website | None) -> Website:
    """The website to re-check; refused when the user may not ask for a re-check, before a
    decision, or for another case's site."""
    require(user, Capability.SCHEDULE_RECHECK)
    if case.status not in (S.DECISION, S.PUBLISHED, S.FOLLOW_UP, S.ESCALATED):
        raise refuse(gettext_noop("Re-checks follow a decision."))
    if website is None or website.case_id != case.pk:
        raise refuse(gettext_noop("The case has no website."))
    return website


def schedule_recheck(user: Any, case: CaseRow, website: Website, when: date) -> Recheck:
    _check_recheck(user, case, website)
    with transaction.atomic():
        recheck = _schedule_recheck(user, case, website, when)
        refresh(case)
    if when <= today():
        start_recheck(recheck)
    return recheck


def start_recheck(recheck: Recheck, user: Any = None, recording: Path | None = None) -> None:
    """Queue the re-check's job (once); ``recording``: the browser recording it compares with."""
    with transaction.atomic():
        fresh = Recheck.objects.select_for_update().get(pk=recheck.pk)
        if fresh.job_id is not None:
            return
        params: dict[str, Any] = {"recheck": fresh.pk}
        if recording is not None:
            params["recording"] = str(recording)
        job = enqueue(JobKind.RECHECK, case=fresh.case, params=params, user=user)
        fresh.job = job
        fresh.save(update_fields=["job"])


def queue_due_rechecks() -> int:
    due = Recheck.objects.filter(state=JobState.QUEUED, job__isnull=True, scheduled_for__lte=today())
    count = 0
    for recheck in due:
        start_recheck(recheck)
        count += 1
    return count


def recheck_from_job(recheck: Recheck, progress: Any, attempt: int) -> dict[str, Any]:
    """Run the compliance re-check of ``vigipub recheck`` against the capture of the decision
    (a new sealed dossier beside the case's, compared claim by claim with the original)."""
    from .errors import AgencyInputError

    if recheck.baseline is None or not recheck.baseline.dossier:
        raise AgencyInputError(gettext("no completed capture of this website to compare with"), where=recheck.website.url)
    out = data_dir() / "cases" / recheck.case.reference / "rechecks" / f"{recheck.pk}-attempt{attempt}"
    out.parent.mkdir(parents=True, exist_ok=True)
    browser = settings.VIGIPUB["CAPTURE_BROWSER"]
    recording = (recheck.job.params or {}).get("recording") if recheck.job is not None else None
    result = pipeline.recheck(
        data_path(recheck.baseline.dossier),
        out,
        allow_private=settings.VIGIPUB["ALLOW_PRIVATE"],
        progress=progress,
        browser=None if browser in ("", "auto") else browser in ("1", "true", "yes", "on"),
        max_pages=recheck.baseline.max_pages,
        recording=Path(recording) if recording else None,
    )
    report = result.report
    verdict = str(result.verdict)
    summary: dict[str, Any] = {}
    if report is not None:
        summary = {
            "summary_fr": report.summary_fr,
            "error": report.error or "",
            "claims": len(report.claims),
            "claims_present": sum(1 for c in report.claims if str(c.status) == "present"),
            "new_claims": len(report.new_claims),
        }
    root = data_dir().resolve()
    with transaction.atomic():
        recheck.verdict = verdict if verdict in {str(v) for v in ComplianceVerdict} else ""
        recheck.state = JobState.DONE
        recheck.dossier = str(Path(result.out_dir).resolve().relative_to(root))
        recheck.report = str(Path(result.compliance_html).resolve().relative_to(root))
        recheck.summary = summary
        recheck.done_at = timezone.now()
        recheck.save()
        audit.record(
            "system",
            AuditAction.RECHECK_DONE,
            case=recheck.case,
            subject=f"recheck {recheck.pk}",
            details={"verdict": verdict, "dossier": recheck.dossier,
                     "compliance_sha256": sha256_file(Path(result.compliance_json))},
        )
        CaseRow.objects.filter(pk=recheck.case_id).update(qualified_at=None)  # T13: continuing after the decision
        refresh(recheck.case)
    from .templatetags.vigipub_tags import RECHECK

    return {"progress": gettext("re-check: %(verdict)s") % {"verdict": RECHECK.get(verdict, verdict)}}


# --------------------------------------------------------------------------- exports


def reviewed_pages(cases: Iterable[CaseRow]) -> Iterable[Any]:
    """Pages with at least one review decision or a page label, as the corpus export reads them."""
    from vigipub.cases.review import ReviewedFinding, ReviewedPage

    for case in cases:
        pages = (
            Page.objects.filter(case=case)
            .filter(Q(findings__decision__in=[ReviewDecision.ACCEPTED, ReviewDecision.REJECTED]) | ~Q(label=""))
            .distinct()
        )
        for page in pages:
            findings = list(page.findings.select_related("reviewer"))
            reviewers = sorted({f.reviewer.get_username() for f in findings if f.reviewer})
            stamps = [f.reviewed_at for f in findings if f.reviewed_at]
            yield ReviewedPage(
                id=f"{case.reference}-p{page.pk}",
                url=page.url,
                language=page.language or None,
                text=page.text,
                genre=page.genre,
                verdict=page.reviewed_verdict or page.verdict,
                findings=[
                    ReviewedFinding(
                        kind=f.kind, subkind=f.subkind, quote=f.quote, start=f.start, end=f.end,
                        decision=f.decision, reviewer=f.reviewer.get_username() if f.reviewer else "",
                        comment=f.comment, attributes=f.attributes,
                    )
                    for f in findings
                ],
                label=page.label or None,
                reviewers=reviewers,
                reviewed_at=max(stamps) if stamps else None,
                case=case.reference,
            )


def public_cases() -> Any:
    return CaseRow.objects.filter(published_at__isnull=False).order_by("-published_at")


def public_documents(case: CaseRow) -> list[Document]:
    return list(case.documents.filter(published_at__isnull=False).order_by("kind"))


def parse_date(value: str) -> date:
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError as exc:
        raise refuse(gettext_noop("Not a date (YYYY-MM-DD): %(value)s"), value=value) from exc
