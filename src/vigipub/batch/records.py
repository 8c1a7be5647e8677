"""WARC file -> the HTML and PDF responses in it, as raw records addressed by offset and length.

FastWARC reads the records (gzip members inflated in C); each kept record carries the offset
and length of its (compressed) bytes in the file, as Common Crawl's index does, so that a row
of the result can be re-read later with one ranged read (``vigipub triage show``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from vigipub.evidence.capture import FETCHED_FOR_HEADER

from .errors import CorruptInput

#: payload bytes kept per record (the extraction's own cap on HTML); the rest is counted
MAX_PAYLOAD = 16 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
PDF_TYPES = ("application/pdf",)


@dataclass(frozen=True)
class RawRecord:
    """One HTML or PDF response of a WARC file, before any parsing of its payload."""

    offset: int  # of the record in the file (compressed)
    length: int  # of the record in the file (compressed), up to the next record
    url: str
    captured_at: datetime | None
    record_id: str
    content_type: str | None
    kind: str  # html | pdf
    payload: bytes
    payload_size: int  # bytes of the whole payload (``payload`` may be cut at MAX_PAYLOAD)


class RecordStats:
    """What one WARC file held: records read, kept, and skipped by reason."""

    def __init__(self) -> None:
        self.records = 0
        self.kept = 0
        self.skipped: Counter[str] = Counter()

    def as_dict(self) -> dict[str, Any]:
        return {"records": self.records, "kept": self.kept, "skipped": dict(sorted(self.skipped.items()))}


class _CountingReader:
    """A file-like wrapper that counts the bytes FastWARC read (the length of the last record)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.consumed = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.consumed += len(data)
        return data

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.consumed

    def seek(self, offset: int, whence: int = 0) -> int:
        raise OSError("a WARC stream is read forwards only")

    def close(self) -> None:
        pass


def media_kind(content_type: str | None, head: bytes) -> str | None:
    """``html`` or ``pdf`` for the records triage keeps, from the type or the first bytes."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media in HTML_TYPES:
        return "html"
    if media in PDF_TYPES:
        return "pdf"
    if media in ("", "application/octet-stream", "text/plain", "binary/octet-stream"):
        start = head[:1024].lstrip().lower()
        if start.startswith(b"%pdf"):
            return "pdf"
        if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in start:
            return "html"
    return None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def iter_records(stream: IO[bytes], where: str, stats: RecordStats | None = None) -> Iterator[RawRecord]:
    """The HTML and PDF ``response`` records (HTTP 200) of a WARC stream, in file order.

    Raises :class:`CorruptInput` (naming ``where`` and the offset) on a corrupt or truncated
    file, after yielding every record read before the damage.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    stats = stats if stats is not None else RecordStats()
    reader = _CountingReader(stream)
    pending: dict[str, Any] | None = None
    last_offset = 0
    try:
        for record in ArchiveIterator(reader, parse_http=True, record_types=WarcRecordType.any_type):
            offset = record.stream_pos
            if pending is not None:
                yield RawRecord(length=offset - pending["offset"], **pending)
                pending = None
            last_offset = offset
            stats.records += 1
            pending = _keep(record, offset, stats)
    except OSError as exc:
        if pending is not None:
            # the damage is in a later record: this one is whole if its gzip member is
            length = _gzip_member_length(stream, pending["offset"])
            if length is not None:
                yield RawRecord(length=length, **pending)
        raise CorruptInput(
            f"corrupt or truncated WARC after offset {last_offset}: {exc}", where=where
        ) from exc
    if pending is not None:
        yield RawRecord(length=reader.consumed - pending["offset"], **pending)


def _gzip_member_length(stream: IO[bytes], offset: int) -> int | None:
    """Compressed length of the complete gzip member at ``offset`` of a seekable file, else None."""
    import zlib

    try:
        stream.seek(offset)
        if stream.read(2) != b"\x1f\x8b":
            return None
        stream.seek(offset)
    except (OSError, AttributeError, ValueError):
        return None
    inflater = zlib.decompressobj(wbits=31)
    consumed = 0
    try:
        while chunk := stream.read(1 << 16):
            inflater.decompress(chunk, 1 << 20)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, 1 << 20)
            if inflater.eof:
                return consumed + len(chunk) - len(inflater.unused_data)
            consumed += len(chunk)
    except (zlib.error, OSError):
        return None
    return None


def _keep(record: Any, offset: int, stats: RecordStats) -> dict[str, Any] | None:
    """The fields of a record triage keeps (its payload read now), or None with the reason."""
    from fastwarc.warc import WarcRecordType

    if record.record_type != WarcRecordType.response:
        stats.skipped[f"record_{_type_name(record.record_type)}"] += 1
        return None
    headers = record.headers
    if headers.get(FETCHED_FOR_HEADER):
        # what a vigipub capture fetched to draw a page (images, styles) or a sitemap
        stats.skipped["fetched_for"] += 1
        return None
    http = record.http_headers
    if http is None:
        stats.skipped["no_http_headers"] += 1
        return None
    if http.status_code != 200:
        stats.skipped[f"status_{http.status_code}"] += 1
        return None
    content_type = http.get("Content-Type")
    payload = record.reader.read(MAX_PAYLOAD)
    size = len(payload)
    while chunk := record.reader.read(1 << 20):
        size += len(chunk)
    # FastWARC's content_length is the payload's once the HTTP headers are read; an
    # uncompressed file cut inside a record gives a shorter payload without an error
    if record.content_length is not None and size < record.content_length:
        raise OSError(f"the record at offset {offset} ends before its declared length")
    kind = media_kind(content_type, payload)
    if kind is None:
        media = (content_type or "none").split(";")[0].strip().lower() or "none"
        stats.skipped[f"media_{media}"] += 1
        return None
    stats.kept += 1
    return {
        "offset": offset,
        "url": headers.get("WARC-Target-URI") or "",
        "captured_at": _date(headers.get("WARC-Date")),
        "record_id": headers.get("WARC-Record-ID") or "",
        "content_type": content_type,
        "kind": kind,
        "payload": payload,
        "payload_size": size,
    }


def _type_name(value: Any) -> str:
    text = str(value)
    return text.rsplit(".", 1)[-1] if "." in text else text
