"""Append to and read the audit log kept in the database (chain rules: :mod:`vigipub.cases.audit`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, cast

from django.db import transaction
from django.utils import timezone

from vigipub.cases.audit import GENESIS, ChainReport, seal, verify_chain
from vigipub.evidence.casework import AuditAction
from vigipub.evidence.casework import AuditEntry as AuditRecord

from .models import AuditEntry, AuditHead


def actor_name(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    return str(user.get_username())


def record(
    actor: Any,
    action: AuditAction,
    *,
    case: Any = None,
    subject: str = "",
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry, in the caller's transaction (the action and its entry commit together).

    The head row is locked first (``SELECT … FOR UPDATE``; SQLite's IMMEDIATE transactions
    serialise writers anyway), so two concurrent actions never chain onto the same entry.
    """
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditHead.objects.create(pk=1, seq=0, hash=GENESIS)
        entry = seal(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor if isinstance(actor, str) else actor_name(actor),
            action=action,
            case=getattr(case, "reference", case or "") or "",
            subject=subject,
            details=details,
            prev_hash=head.hash,
        )
        row = AuditEntry(
            seq=entry.seq,
            at=entry.at,
            actor=entry.actor,
            action=str(entry.action),
            case_ref=entry.case,
            subject=entry.subject,
            details=entry.details,
            prev_hash=entry.prev_hash,
            hash=entry.hash,
        )
        row.save()
        AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
        return row


def as_record(row: AuditEntry) -> AuditRecord:
    """The stored row as the chain's value type."""
    return AuditRecord.model_construct(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=cast(AuditAction, row.action),  # an unknown action still verifies: it is data
        case=row.case_ref,
        subject=row.subject,
        details=row.details,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def iter_records(chunk: int = 2000) -> Iterator[AuditRecord]:
    last = 0
    while True:
        rows = list(AuditEntry.objects.filter(seq__gt=last).order_by("seq")[:chunk])
        if not rows:
            return
        for row in rows:
            yield as_record(row)
        last = rows[-1].seq


def verify() -> ChainReport:
    head = AuditHead.objects.filter(pk=1).first()
    return verify_chain(
        iter_records(), head_seq=head.seq if head else 0, head_hash=head.hash if head else GENESIS
    )
