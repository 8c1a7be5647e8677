"""Closed vocabularies and value types of the case application (procedure, roles, audit).

The case domain (:mod:`vigipub.cases`), the web application (:mod:`vigipub.web`) and the
command line (``vigipub audit verify``) share these; values are stored in the database as
they are written here, so renaming one needs a data migration.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from .core import Frozen


class CaseStatus(StrEnum):
    """Where a case stands in the procedure (see ``vigipub.cases.workflow.TRANSITIONS``)."""

    LEAD = "lead"
    INVESTIGATION = "investigation"
    LETTER_OF_INTENT = "letter_of_intent"
    OBSERVATIONS = "observations"
    DECISION = "decision"
    PUBLISHED = "published"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"
    ESCALATED = "escalated"


class Role(StrEnum):
    """What a user may do; a user may hold several roles."""

    INSPECTOR = "inspector"
    LEGAL_REVIEWER = "legal_reviewer"
    SIGNATORY = "signatory"
    ADMINISTRATOR = "administrator"


class Capability(StrEnum):
    """What a role allows besides the procedure's transitions (``vigipub.cases.roles``)."""

    CREATE_CASE = "create_case"
    EDIT_CASE = "edit_case"  # websites, operator, product, captures, merges
    REVIEW = "review"  # accept or reject findings, label pages
    RECORD_PROCEDURE = "record_procedure"  # observations received from the company
    DECLARE_URGENCY = "declare_urgency"  # CRPA L. 121-2 1°: a legal judgement
    GENERATE_DOCUMENT = "generate_document"
    SIGN = "sign"
    SCHEDULE_RECHECK = "schedule_recheck"
    EXPORT_REVIEWS = "export_reviews"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"


class ReviewDecision(StrEnum):
    """A reviewer's decision on one finding."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class DocumentKind(StrEnum):
    """The documents of a case (the documents stage renders each)."""

    LETTER = "letter"
    DECISION = "decision"
    NEWS = "news"
    ALERT = "alert"


class DocumentFormat(StrEnum):
    """Formats kept for every document version."""

    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


class ObservationKind(StrEnum):
    """What the company sent during the adversarial procedure (``Event.kind`` values)."""

    WRITTEN = "written_observations"
    ORAL = "oral_observations"
    HEARING_REQUEST = "hearing_request"


class JobKind(StrEnum):
    """Long work run by the background workers, never inside a request."""

    CAPTURE = "capture"
    RENDER = "render"
    RECHECK = "recheck"


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class AuditAction(StrEnum):
    """Every action the audit log records."""

    USER_CREATE = "user.create"
    USER_UPDATE = "user.update"
    LOGIN = "user.login"
    LOGOUT = "user.logout"
    CASE_CREATE = "case.create"
    CASE_UPDATE = "case.update"
    CASE_TRANSITION = "case.transition"
    CASE_MERGE = "case.merge"
    LEADS_IMPORT = "leads.import"
    WEBSITE_ADD = "website.add"
    CAPTURE_REQUEST = "capture.request"
    CAPTURE_DONE = "capture.done"
    JOB_FAILED = "job.failed"
    OPERATOR_CONFIRM = "operator.confirm"
    FINDING_REVIEW = "finding.review"
    PAGE_LABEL = "page.label"
    URGENCY_RECORD = "urgency.record"
    OBSERVATION_RECORD = "observation.record"
    DOCUMENT_REQUEST = "document.request"
    DOCUMENT_READY = "document.ready"
    DOCUMENT_SIGN = "document.sign"
    CASE_PUBLISH = "case.publish"
    RECHECK_SCHEDULE = "recheck.schedule"
    RECHECK_DONE = "recheck.done"
    REVIEWS_EXPORT = "reviews.export"


class AuditEntry(Frozen):
    """One entry of the hash-chained audit log.

    ``hash`` is the SHA-256 of the canonical JSON of every other field (``prev_hash``
    included), so changing, removing or inserting an entry breaks the chain from there on;
    see :func:`vigipub.cases.audit.entry_hash`.
    """

    seq: int = Field(ge=1)
    at: datetime
    actor: str  # user name, or "system" for the workers
    action: AuditAction
    case: str = ""  # case reference, when the action concerns a case
    subject: str = ""  # what was acted on: "finding 42", "document 7 (decision v2)"…
    details: dict[str, Any] = Field(default_factory=dict)
    prev_hash: str
    hash: str
