"""Frozen value types every stage shares; no I/O beyond writing a model as JSON."""

from .capture import Artefact, CapturedPage, CaptureManifest, IntegrityState, ServerInfo, Skipped, SkipReason
from .case import (
    Argument,
    CaptureRecord,
    Case,
    Company,
    DecisionInfo,
    Established,
    Event,
    LetterOfIntent,
    LetterScope,
    PageJudgement,
    PageVerdict,
    ProductArticle,
    Signatory,
)
from .casework import (
    AuditAction,
    AuditEntry,
    Capability,
    CaseStatus,
    DocumentFormat,
    DocumentKind,
    JobKind,
    JobState,
    ObservationKind,
    ReviewDecision,
    Role,
)
from .compliance import (
    CaptureLink,
    ClaimCheck,
    ClaimStatus,
    ComplianceReport,
    ComplianceVerdict,
    EvidencePointer,
    FrenchVariant,
    FrenchVariantStatus,
    MoveLead,
    NewClaim,
    PageCheck,
    PageStatus,
    Reason,
    Side,
)
from .core import (
    SCHEMA_VERSION,
    Frozen,
    Producer,
    RecordRef,
    params_digest,
    sha256_bytes,
    sha256_file,
    utc_now,
    write_json,
)
from .document import Block, Document, Link
from .errors import CitationError, InputError, IntegrityError, SchemaVersionError, VigipubError
from .findings import Finding, FindingsFile, IdentityClue, OperatorIdentity, PageAnalysis
from .leads import LEAD_CSV_COLUMNS, Lead, LeadQuote, LeadsFile
from .qualification import (
    VIOLATION_RULES,
    ArticleRef,
    Conclusion,
    Considerant,
    Escalation,
    EscalationKind,
    LegalTest,
    Measure,
    MeasureKind,
    Outcome,
    Qualification,
    RuleId,
    Violation,
    Vu,
)
from .registers import AuthorisationAnswer, RegisterMatch, RegisterSource

__all__ = [
    "AuditAction", "AuditEntry", "Capability", "CaseStatus", "DocumentFormat", "DocumentKind",
    "JobKind", "JobState", "ObservationKind", "ReviewDecision", "Role",
    "SCHEMA_VERSION", "Argument", "Artefact", "ArticleRef", "AuthorisationAnswer", "Block", "CaptureManifest",
    "CaptureRecord", "CapturedPage", "Case", "CitationError", "Company", "Considerant", "DecisionInfo", "Document",
    "Escalation", "Established", "Event", "Finding", "FindingsFile", "Frozen", "IdentityClue", "InputError", "IntegrityError",
    "LEAD_CSV_COLUMNS", "Lead", "LeadQuote", "LeadsFile", "LetterOfIntent",
    "OperatorIdentity", "PageJudgement", "PageVerdict", "ProductArticle",
    "CaptureLink", "ClaimCheck", "ClaimStatus", "ComplianceReport", "ComplianceVerdict", "EvidencePointer",
    "FrenchVariant", "FrenchVariantStatus", "MoveLead", "NewClaim", "PageCheck", "PageStatus", "Reason", "Side",
    "LegalTest", "Link", "Measure", "PageAnalysis", "Producer", "Qualification", "RecordRef",
    "RegisterMatch", "RegisterSource", "SchemaVersionError", "ServerInfo", "Signatory", "Skipped",
    "VigipubError", "Vu", "params_digest",
    "VIOLATION_RULES", "Conclusion", "EscalationKind", "IntegrityState", "LetterScope", "MeasureKind", "Outcome",
    "RuleId", "SkipReason", "Violation", "sha256_bytes", "sha256_file", "utc_now", "write_json",
]
