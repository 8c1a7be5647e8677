"""The hash chain: any change, removal, insertion or truncation is found, at the right entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from vigipub.cases.audit import GENESIS, entry_hash, seal, verify_chain
from vigipub.evidence.casework import AuditAction


def chain(n: int):
    entries = []
    prev = GENESIS
    at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    for i in range(1, n + 1):
        e = seal(seq=i, at=at + timedelta(minutes=i), actor="ines", action=AuditAction.FINDING_REVIEW,
                 case="VP-2026-00001", subject=f"finding {i}", details={"decision": "accepted", "n": i}, prev_hash=prev)
        entries.append(e)
        prev = e.hash
    return entries


def test_an_intact_chain_verifies_and_reports_its_head():
    entries = chain(5)
    report = verify_chain(entries, head_seq=5, head_hash=entries[-1].hash)
    assert report.ok and report.entries == 5 and report.head == entries[-1].hash


def test_a_changed_entry_is_named():
    entries = chain(5)
    entries[2] = entries[2].model_copy(update={"details": {"decision": "rejected", "n": 3}})
    report = verify_chain(entries)
    assert not report.ok and report.broken.seq == 3
    assert "content changed" in str(report.broken) and "#3" in str(report.broken)


def test_a_rehashed_entry_breaks_the_link_of_the_next():
    entries = chain(5)
    fields = entries[1].model_dump(exclude={"hash"})
    fields["actor"] = "mallory"
    forged = entries[1].model_copy(update={"actor": "mallory", "hash": entry_hash(**fields)})
    entries[1] = forged
    report = verify_chain(entries)
    assert report.broken.seq == 3 and "previous hash" in report.broken.reason


def test_a_removed_entry_is_named():
    entries = chain(5)
    del entries[1]
    report = verify_chain(entries)
    assert report.broken.seq == 2 and "missing" in report.broken.reason


def test_a_cut_tail_is_found_against_the_head():
    entries = chain(5)
    report = verify_chain(entries[:3], head_seq=5, head_hash=entries[-1].hash)
    assert not report.ok and report.broken.seq == 4


def test_time_spelling_does_not_change_the_hash():
    e = chain(1)[0]
    naive = e.at.replace(tzinfo=None)
    assert entry_hash(seq=1, at=naive, actor=e.actor, action=e.action, case=e.case, subject=e.subject,
                      details=e.details, prev_hash=e.prev_hash) == e.hash
