"""The append-only, hash-chained audit log: how an entry is hashed and how the chain is checked.

Each entry carries the hash of the entry before it (``prev_hash``; the first one carries
:data:`GENESIS`) and its own hash, the SHA-256 of the canonical JSON of all its other fields.
Changing an entry changes its hash; removing or inserting one breaks the sequence or the
link to the previous hash. :func:`verify_chain` names the FIRST entry where that happens.

Storage is not here (the web application keeps the entries in its database, where triggers
also refuse UPDATE and DELETE); this module is pure so that the chain can be checked from
an export, by another tool, or years later.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from vigipub.evidence.casework import AuditEntry

#: ``prev_hash`` of the first entry
GENESIS = "sha256:" + "0" * 64


def _canonical_time(at: datetime) -> str:
    # one spelling of an instant, whatever the database returns (naive UTC, +00:00, microseconds)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    case: str,
    subject: str,
    details: Mapping[str, Any],
    prev_hash: str,
) -> bytes:
    """The bytes an entry's hash covers: sorted-key JSON, UTF-8, no whitespace."""
    body = {
        "seq": seq,
        "at": _canonical_time(at),
        "actor": actor,
        "action": str(action),
        "case": case,
        "subject": subject,
        "details": details,
        "prev_hash": prev_hash,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode(
        "utf-8"
    )


def entry_hash(**fields: Any) -> str:
    """``sha256:<hex>`` of :func:`canonical` of the given fields."""
    return "sha256:" + hashlib.sha256(canonical(**fields)).hexdigest()


def seal(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    case: str = "",
    subject: str = "",
    details: Mapping[str, Any] | None = None,
    prev_hash: str,
) -> AuditEntry:
    """A new entry, hashed; ``details`` must be JSON (it is stored and re-hashed as JSON)."""
    details = json.loads(json.dumps(dict(details or {}), default=str))  # what the database gives back
    fields: dict[str, Any] = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "case": case,
        "subject": subject,
        "details": details,
        "prev_hash": prev_hash,
    }
    return AuditEntry(**fields, hash=entry_hash(**fields))


@dataclass(frozen=True)
class ChainBreak:
    """The first entry at which the chain no longer holds, and why."""

    seq: int
    reason: str
    entry: AuditEntry | None = None

    def __str__(self) -> str:
        if self.entry is None:
            return f"entry #{self.seq}: {self.reason}"
        e = self.entry
        return f"entry #{self.seq} ({_canonical_time(e.at)}, {e.actor}, {e.action}): {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    entries: int
    head: str  # hash of the last entry (GENESIS for an empty log): write it down to anchor the log
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_chain(
    entries: Iterable[AuditEntry], *, head_seq: int | None = None, head_hash: str | None = None
) -> ChainReport:
    """Check ``entries`` (in ``seq`` order) and return the first break, if any.

    ``head_seq``/``head_hash`` are what the store says the last entry is: a log whose tail
    was cut off still chains, but no longer reaches its recorded head.
    """
    expected_seq = 1
    prev = GENESIS
    count = 0
    for entry in entries:
        count += 1
        if entry.seq != expected_seq:
            missing = "missing" if entry.seq > expected_seq else "repeated or out of order"
            return ChainReport(
                count,
                prev,
                ChainBreak(expected_seq, f"entry #{expected_seq} is {missing} (found #{entry.seq} next)", entry),
            )
        if entry.prev_hash != prev:
            return ChainReport(
                count,
                prev,
                ChainBreak(entry.seq, "does not follow the entry before it (previous hash differs)", entry),
            )
        recomputed = entry_hash(
            seq=entry.seq,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            case=entry.case,
            subject=entry.subject,
            details=entry.details,
            prev_hash=entry.prev_hash,
        )
        if recomputed != entry.hash:
            return ChainReport(
                count, prev, ChainBreak(entry.seq, "content changed after it was written (hash differs)", entry)
            )
        prev = entry.hash
        expected_seq += 1
    last = expected_seq - 1
    if head_seq is not None and head_seq != last:
        return ChainReport(
            count,
            prev,
            ChainBreak(
                last + 1 if head_seq > last else head_seq,
                f"the log ends at #{last} but its head records #{head_seq} (entries removed at the end?)",
            ),
        )
    if head_hash is not None and head_hash != prev:
        return ChainReport(count, prev, ChainBreak(last, "the last entry's hash differs from the recorded head"))
    return ChainReport(count, prev, None)


__all__ = ["GENESIS", "ChainBreak", "ChainReport", "canonical", "entry_hash", "seal", "verify_chain"]
