"""Read one record of a triage row back from its file: the row's (warc_file, offset, length)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from vigipub.evidence import PageAnalysis

from .errors import TriageInputError
from .inputs import read_range
from .records import RawRecord, RecordStats, iter_records


@dataclass(frozen=True)
class ShownRecord:
    record: RawRecord
    raw: bytes  # the record's bytes in the file (one gzip member, or plain WARC)


def read_record(location: str, offset: int, length: int, *, allow_private: bool = False) -> ShownRecord:
    """The record at ``offset``/``length`` of ``location``: the same bytes the row was made from."""
    raw = read_range(location, offset, length, allow_private=allow_private)
    stats = RecordStats()
    try:
        records = list(iter_records(io.BytesIO(raw), f"{location}@{offset}", stats))
    except TriageInputError as exc:
        raise TriageInputError(
            f"no readable WARC record at offset {offset} ({exc.message})", where=location
        ) from exc
    if not records:
        reasons = ", ".join(stats.skipped) or "none"
        raise TriageInputError(
            f"no HTML or PDF response at offset {offset} (skipped: {reasons})", where=location
        )
    record = records[0]
    record = RawRecord(**{**record.__dict__, "offset": offset, "length": length})
    return ShownRecord(record, raw)


def analyse_record(shown: ShownRecord, location: str) -> PageAnalysis:
    """Full detection of a re-read record (what the row summarises)."""
    from vigipub import pipeline
    from vigipub.evidence import RecordRef

    r = shown.record
    ref = RecordRef.model_construct(
        warc_file=location, offset=r.offset, length=r.length, record_id=r.record_id, record_type="response",
        target_uri=r.url, payload_digest="", captured_at=r.captured_at,
    )  # fmt: skip
    return pipeline.analyze_payload(
        r.payload, r.url, content_type=r.content_type, record=ref, pdf=r.kind == "pdf"
    )
