"""What the case application stores. Domain rules live in :mod:`vigipub.cases`; this is storage.

Files (dossiers, rendered documents) live under the data folder; the database keeps their
relative paths and SHA-256. Counters used by the dashboard (findings per decision, next
deadline) are kept on the case so that listing 10,000 cases needs no aggregate query.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigipub.cases.deadlines import status_rank
from vigipub.evidence.casework import (
    CaseStatus,
    DocumentKind,
    JobKind,
    JobState,
    ObservationKind,
    ReviewDecision,
)
from vigipub.evidence.compliance import ComplianceVerdict

User = settings.AUTH_USER_MODEL
NO_DEADLINE = date(9999, 12, 31)


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(str(m), str(m)) for m in enum]


class Profile(models.Model):
    """What a document needs to know of its signatory (« Le directeur général de l'ANSM »)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="vigipub_profile")
    title = models.CharField(_("title"), max_length=200, blank=True)


class Case(models.Model):
    reference = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=24, choices=_choices(CaseStatus), default=CaseStatus.LEAD)
    status_rank = models.PositiveSmallIntegerField(default=0)
    site_key = models.CharField(max_length=300, db_index=True)  # registrable domain of its first website
    lead_score = models.FloatField(default=0.0)
    lead = models.JSONField(default=dict, blank=True)  # the imported lead (therapies, quotes…)
    product = models.CharField(max_length=300, blank=True)  # the therapy as the site names it
    product_article = models.CharField(max_length=3, blank=True)  # « la » thérapie, « le » vaccin (ProductArticle)

    # the operator: proposed by the legal-notice reader (``analysis.operator_proposal``),
    # confirmed or corrected by an inspector
    operator_name = models.CharField(max_length=300, blank=True)
    operator_address = models.TextField(blank=True)
    operator_country = models.CharField(max_length=2, blank=True)
    operator_registrations = models.JSONField(default=list, blank=True)
    operator_key = models.CharField(max_length=300, blank=True, db_index=True)  # folded name
    operator_confirmed = models.BooleanField(default=False)
    operator_confirmed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    operator_confirmed_at = models.DateTimeField(null=True, blank=True)

    urgency = models.TextField(blank=True)  # reason (CRPA L. 121-2 1°)
    letter_sent_on = models.DateField(null=True, blank=True)
    observation_days = models.PositiveIntegerField(null=True, blank=True)
    observation_deadline = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    next_deadline = models.DateField(null=True, blank=True)
    # the dashboard's sort key: the next deadline, or the end of time (an index can serve it,
    # which an ORDER BY … NULLS LAST cannot on SQLite)
    sort_deadline = models.DateField(default=NO_DEADLINE)
    next_deadline_what = models.CharField(max_length=40, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged")

    # the qualification of the ACCEPTED findings (``analysis.qualification``), recomputed when
    # needed after review decisions; its conclusion is kept here for the dashboard
    conclusion = models.CharField(max_length=20, blank=True)
    qualified_at = models.DateTimeField(null=True, blank=True)
    findings_total = models.PositiveIntegerField(default=0)
    findings_accepted = models.PositiveIntegerField(default=0)
    findings_rejected = models.PositiveIntegerField(default=0)

    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["sort_deadline", "status_rank", "-lead_score", "-id"], name="case_urgency"),
            models.Index(fields=["status", "sort_deadline", "status_rank", "-lead_score", "-id"], name="case_status_urgency"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.status_rank = status_rank(CaseStatus(self.status))
        self.sort_deadline = self.next_deadline or NO_DEADLINE
        fields = kwargs.get("update_fields")
        if fields is not None and ({"status", "next_deadline"} & set(fields)):
            kwargs["update_fields"] = {*fields, "status_rank", "sort_deadline"}
        super().save(*args, **kwargs)

    @property
    def findings_pending(self) -> int:
        return max(self.findings_total - self.findings_accepted - self.findings_rejected, 0)

    @property
    def review_not_started(self) -> bool:
        """Findings exist and none is reviewed yet: the qualification of "the accepted findings"
        (none) would read « pas de manquement », so the pages say « à relire » instead."""
        return self.findings_total > 0 and self.findings_pending == self.findings_total

    @property
    def is_public(self) -> bool:
        return self.published_at is not None


class CaseAnalysis(models.Model):
    """The bulky results of the analysis of a case, kept out of the case's row (listing cases
    never reads them): the qualification of the accepted findings, the operator's identity
    as the legal-notice reader proposed it (with its clues)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="analysis")
    qualification = models.JSONField(null=True, blank=True)
    questions = models.JSONField(default=list, blank=True)  # the qualification's open questions
    operator_proposal = models.JSONField(null=True, blank=True)


class Website(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="websites")
    url = models.URLField(max_length=2000)
    site_key = models.CharField(max_length=300, db_index=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]


class Job(models.Model):
    """A unit of background work; the queue (django-q2) only carries its id."""

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=16, choices=_choices(JobKind))
    state = models.CharField(max_length=16, choices=_choices(JobState), default=JobState.QUEUED, db_index=True)
    params = models.JSONField(default=dict, blank=True)
    progress = models.TextField(blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)  # host:pid of the process running it
    q_task = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-id"]

    @property
    def active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)


class Capture(models.Model):
    """One investigation of a website: its dossier folder (evidence, findings, qualification)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="captures")
    website = models.ForeignKey(Website, on_delete=models.CASCADE, related_name="captures")
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=16, choices=_choices(JobState), default=JobState.QUEUED)
    dossier = models.CharField(max_length=500, blank=True)  # relative to the data folder
    seed_url = models.URLField(max_length=2000)
    captured_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0)
    site_verdict = models.CharField(max_length=20, blank=True)
    site_score = models.FloatField(null=True, blank=True)
    manifest_sha256 = models.CharField(max_length=80, blank=True)
    max_pages = models.PositiveIntegerField(default=30)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]


class Page(models.Model):
    capture = models.ForeignKey(Capture, on_delete=models.CASCADE, related_name="page_set")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pages")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=8, blank=True)
    source = models.CharField(max_length=16, blank=True)
    verdict = models.CharField(max_length=20)  # the detector's
    reviewed_verdict = models.CharField(max_length=20, blank=True)  # from accepted findings only
    score = models.FloatField(default=0.0)
    genre = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)
    text_chars = models.PositiveIntegerField(default=0)
    text_sha256 = models.CharField(max_length=80, blank=True)
    record = models.JSONField(null=True, blank=True)  # RecordRef of the analysed record
    http_record = models.JSONField(null=True, blank=True)  # RecordRef of the HTTP response
    screenshot = models.CharField(max_length=500, blank=True)  # relative to the dossier's evidence/
    label = models.CharField(max_length=20, blank=True)  # a reviewer's page label (corpus export)
    findings_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]


class Finding(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="findings")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="findings")
    finding_id = models.CharField(max_length=300)
    kind = models.CharField(max_length=30)
    subkind = models.CharField(max_length=60)
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    match = models.CharField(max_length=500, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    confidence = models.FloatField(default=1.0)
    decision = models.CharField(max_length=12, choices=_choices(ReviewDecision), default=ReviewDecision.PENDING)
    comment = models.TextField(blank=True)
    reviewer = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["case", "decision"], name="finding_case_decision")]
        constraints = [models.UniqueConstraint(fields=["page", "finding_id"], name="finding_unique_per_page")]


class Observation(models.Model):
    """What the company answered to the letter of intent; each is answered in the decision
    through the arguments (defence ids of the law package) it raises."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="observations")
    kind = models.CharField(max_length=24, choices=_choices(ObservationKind))
    received_on = models.DateField()
    text = models.TextField(blank=True)  # the company's words, as received
    defences = models.JSONField(default=list, blank=True)  # catalogued arguments (law/france/defences.yaml)
    # arguments outside the catalogue: [{summary, answer, basis}] — the answer is the Agency's
    arguments = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_on", "id"]


class CaseEvent(models.Model):
    """The timeline: every transition of the procedure, with who fired it and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.CharField(max_length=150)
    transition = models.CharField(max_length=40)
    from_status = models.CharField(max_length=24)
    to_status = models.CharField(max_length=24)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class Document(models.Model):
    """One version of a document of a case; once signed (or published) it never changes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=12, choices=_choices(DocumentKind))
    version = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=_choices(JobState), default=JobState.QUEUED)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    on_date = models.DateField()
    signatory = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    files = models.JSONField(default=dict, blank=True)  # format -> path relative to the data folder
    digests = models.JSONField(default=dict, blank=True)  # format -> sha256:<hex>
    producer = models.CharField(max_length=200, blank=True)
    inputs_sha256 = models.CharField(max_length=80, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    signed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["case", "kind", "version"], name="document_version_unique")]

    FROZEN_FIELDS = ("files", "digests", "on_date", "signatory_name", "signatory_title", "inputs_sha256", "kind")

    @property
    def frozen(self) -> bool:
        return self.signed_at is not None or self.published_at is not None

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            before = Document.objects.filter(pk=self.pk).values(*self.FROZEN_FIELDS, "signed_at", "published_at").first()
            if before and (before["signed_at"] is not None or before["published_at"] is not None):
                changed = [f for f in self.FROZEN_FIELDS if before[f] != getattr(self, f)]
                if changed or (before["signed_at"] is not None and self.signed_at != before["signed_at"]):
                    raise ValueError(f"document {self.pk} is signed or published: {', '.join(changed) or 'signature'} cannot change")
        super().save(*args, **kwargs)


class Recheck(models.Model):
    """A compliance re-check of a website after the decision (``vigipub recheck``)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rechecks")
    website = models.ForeignKey(Website, on_delete=models.CASCADE, related_name="rechecks")
    baseline = models.ForeignKey(Capture, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    scheduled_for = models.DateField(db_index=True)
    state = models.CharField(max_length=16, choices=_choices(JobState), default=JobState.QUEUED)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verdict = models.CharField(max_length=24, blank=True, choices=_choices(ComplianceVerdict))
    dossier = models.CharField(max_length=500, blank=True)
    report = models.CharField(max_length=500, blank=True)  # compliance.html, relative to the data folder
    summary = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scheduled_for", "id"]


class Duplicate(models.Model):
    """Two cases that look like one: offered for merging until merged or dismissed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="duplicates")
    other = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    dismissed = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "other"], name="duplicate_pair_unique")]


class AuditEntry(models.Model):
    """The append-only, hash-chained log (see :mod:`vigipub.cases.audit`).

    Database triggers refuse UPDATE and DELETE on this table; the chain shows any change made
    behind the application's back (``vigipub audit verify``).
    """

    seq = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField()
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=40)
    case_ref = models.CharField(max_length=40, blank=True, db_index=True)
    subject = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=80, unique=True)
    hash = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["seq"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("the audit log is append-only")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("the audit log is append-only")


class AuditHead(models.Model):
    """The last entry of the chain (one row): appending locks it, so entries never fork."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=80)
