"""A minimal WARC 1.1 writer and reader with SHA-256 digests, one gzip member per record.

Written by hand rather than through warcio's writer because the digests must be
SHA-256 in ``sha256:<hex>`` form over the exact bytes written (warcio recomputes SHA-1 and
re-serialises HTTP headers). ``warcio check`` and ``warcio index`` read the output (tested).

Every record is flushed as soon as it is written so that a killed capture keeps every
record written before the kill; the writer keeps a running SHA-256 of the file so that a
manifest checkpoint can record the digest of the prefix written so far.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from vigipub.evidence import RecordRef, sha256_bytes

WARC_VERSION = b"WARC/1.1"


def _clean(value: str) -> str:
    """Header values never contain CR/LF (header injection from hostile URLs)."""
    return value.replace("\r", "%0D").replace("\n", "%0A")


def warc_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def http_payload_offset(block: bytes) -> int:
    """Offset of the HTTP body inside an ``application/http`` block."""
    end = block.find(b"\r\n\r\n")
    return len(block) if end < 0 else end + 4


class WarcWriter:
    """Append-only WARC writer; each ``write`` returns the :class:`RecordRef` of the record."""

    def __init__(self, path: Path, ref_name: str) -> None:
        self.path = path
        self.ref_name = ref_name  # warc_file as written in RecordRefs (relative)
        self._fh: BinaryIO = open(path, "ab")  # noqa: SIM115 - long-lived handle, closed in close()
        self._hash = hashlib.sha256()
        self._size = 0
        self.warcinfo_id: str | None = None

    @property
    def size(self) -> int:
        return self._size

    def digest(self) -> str:
        """SHA-256 of the bytes written so far (the file, when no other writer exists)."""
        return "sha256:" + self._hash.copy().hexdigest()

    def write(
        self,
        record_type: str,
        block: bytes,
        *,
        content_type: str,
        target_uri: str | None,
        when: datetime,
        payload_digest: bool,
        http_block: bool = False,
        headers: dict[str, str] | None = None,
        record_id: str | None = None,
    ) -> RecordRef:
        record_id = record_id or new_record_id()
        block_digest = sha256_bytes(block)
        # a memoryview, not a slice: slicing would copy the whole body once more, and a
        # capture must stay under its memory bound with large pages
        payload = memoryview(block)[http_payload_offset(block) :] if http_block else memoryview(block)
        pdigest = "sha256:" + hashlib.sha256(payload).hexdigest()
        lines: list[tuple[str, str]] = [
            ("WARC-Type", record_type),
            ("WARC-Record-ID", record_id),
            ("WARC-Date", warc_date(when)),
        ]
        if target_uri is not None:
            lines.append(("WARC-Target-URI", target_uri))
        if self.warcinfo_id and record_type != "warcinfo":
            lines.append(("WARC-Warcinfo-ID", self.warcinfo_id))
        for key, value in (headers or {}).items():
            lines.append((key, value))
        lines.append(("Content-Type", content_type))
        lines.append(("WARC-Block-Digest", block_digest))
        if payload_digest:
            lines.append(("WARC-Payload-Digest", pdigest))
        lines.append(("Content-Length", str(len(block))))
        head = WARC_VERSION + b"\r\n"
        head += b"".join(f"{k}: {_clean(v)}\r\n".encode() for k, v in lines) + b"\r\n"
        compressor = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        data = compressor.compress(head) + compressor.compress(block) + compressor.compress(b"\r\n\r\n")
        data += compressor.flush()
        offset = self._size
        self._fh.write(data)
        self._fh.flush()
        self._hash.update(data)
        self._size += len(data)
        if record_type == "warcinfo":
            self.warcinfo_id = record_id
        return RecordRef(
            warc_file=self.ref_name,
            offset=offset,
            length=len(data),
            record_id=record_id,
            record_type=record_type,
            target_uri=target_uri or "",
            payload_digest=pdigest,
            captured_at=when,
        )

    def flush(self) -> None:
        """Hand the written bytes to the system (they survive the process, not a power cut)."""
        if not self._fh.closed:
            self._fh.flush()

    def sync(self) -> None:
        import os

        if self._fh.closed:
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.flush()
            self._fh.close()


@dataclass
class ReadRecord:
    """One record as read back by :func:`iter_records`, with its recomputed digests."""

    offset: int
    length: int
    headers: dict[str, str]
    block: bytes
    problems: list[str] = field(default_factory=list)

    @property
    def record_type(self) -> str:
        return self.headers.get("WARC-Type", "")

    @property
    def record_id(self) -> str:
        return self.headers.get("WARC-Record-ID", "")

    @property
    def target_uri(self) -> str:
        return self.headers.get("WARC-Target-URI", "")

    def payload(self) -> bytes:
        ctype = self.headers.get("Content-Type", "")
        if self.record_type in ("response", "request") and ctype.startswith("application/http"):
            return self.block[http_payload_offset(self.block) :]
        return self.block


class WarcReadError(Exception):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(f"offset {offset}: {message}")
        self.offset = offset


def _parse_record(data: bytes, offset: int, length: int) -> ReadRecord:
    end = data.find(b"\r\n\r\n")
    if end < 0 or not data.startswith(b"WARC/"):
        raise WarcReadError(offset, "not a WARC record header")
    header_lines = data[:end].split(b"\r\n")[1:]
    headers: dict[str, str] = {}
    for line in header_lines:
        key, sep, value = line.partition(b":")
        if not sep:
            raise WarcReadError(offset, f"bad header line {line[:40]!r}")
        headers[key.decode("utf-8", "replace").strip()] = value.decode("utf-8", "replace").strip()
    try:
        clen = int(headers.get("Content-Length", "-1"))
    except ValueError:
        raise WarcReadError(offset, "bad Content-Length") from None
    body = data[end + 4 :]
    if clen < 0 or len(body) < clen:
        raise WarcReadError(offset, "record shorter than its Content-Length")
    block = body[:clen]
    record = ReadRecord(offset=offset, length=length, headers=headers, block=block)
    if body[clen:] != b"\r\n\r\n":
        record.problems.append("bad record terminator")
    expected = headers.get("WARC-Block-Digest")
    if expected and expected != sha256_bytes(block):
        record.problems.append(f"block digest mismatch (recorded {expected})")
    expected_payload = headers.get("WARC-Payload-Digest")
    if expected_payload and expected_payload != sha256_bytes(record.payload()):
        record.problems.append(f"payload digest mismatch (recorded {expected_payload})")
    if not expected:
        record.problems.append("no WARC-Block-Digest")
    return record


def iter_records(path: Path, limit: int | None = None, max_record: int = 256 << 20) -> Iterator[ReadRecord]:
    """Read every gzip member of ``path`` (up to ``limit`` bytes) and check its digests.

    Streams the file (bounded memory: one record at a time, at most ``max_record`` bytes).
    Raises :class:`WarcReadError` at the first member that cannot be decompressed or
    parsed (the offset tells where; later members cannot be located reliably).
    """
    chunk_size = 1 << 20
    with open(path, "rb") as fh:
        remaining = limit

        def read_chunk() -> bytes:
            nonlocal remaining
            size = chunk_size if remaining is None else min(chunk_size, remaining)
            if size <= 0:
                return b""
            data = fh.read(size)
            if remaining is not None:
                remaining -= len(data)
            return data

        pending = b""
        pos = 0
        while True:
            if not pending:
                pending = read_chunk()
                if not pending:
                    return
            decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
            out = bytearray()
            fed = 0
            while True:
                if not pending:
                    pending = read_chunk()
                    if not pending:
                        raise WarcReadError(pos, "truncated gzip member")
                chunk, pending = pending, b""
                buf = chunk
                try:
                    while True:
                        out += decomp.decompress(buf, max_record + 1 - len(out))
                        if len(out) > max_record:
                            raise WarcReadError(pos, "record larger than the reader's limit")
                        if decomp.eof or not decomp.unconsumed_tail:
                            break
                        buf = decomp.unconsumed_tail
                except zlib.error as exc:
                    raise WarcReadError(pos, f"gzip error: {exc}") from None
                if decomp.eof:
                    pending = decomp.unused_data
                    fed += len(chunk) - len(pending)
                    break
                fed += len(chunk)
            yield _parse_record(bytes(out), pos, fed)
            pos += fed
