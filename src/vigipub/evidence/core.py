"""Core value types: digests, producers and the address of a WARC record.

Everything derived from a capture points back to the bytes it came from through a
:class:`RecordRef`, and records who produced it through a :class:`Producer`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

#: Version of the JSON files of a dossier (findings, qualification, manifest). Bump the
#: major number on any incompatible change; readers refuse other major versions.
SCHEMA_VERSION = "1.0"


class Frozen(BaseModel):
    """Base for immutable, strictly validated value types."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def utc_now() -> datetime:
    """Current time in UTC, second precision (WARC-Date and manifests use it)."""
    return datetime.now(UTC).replace(microsecond=0)


def sha256_bytes(data: bytes) -> str:
    """``sha256:<hex>`` digest of ``data``."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """``sha256:<hex>`` digest of a file, streamed."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return "sha256:" + h.hexdigest()


def params_digest(params: dict[str, Any]) -> str:
    """Digest of a producer's parameters, canonical JSON, so that two runs compare."""
    canonical = json.dumps(params, sort_keys=True, ensure_ascii=False, default=str)
    return sha256_bytes(canonical.encode("utf-8"))


class Producer(Frozen):
    """Who derived an object: component name, software version, parameters digest."""

    name: str
    version: str
    params_digest: str | None = None


class RecordRef(Frozen):
    """Address of one WARC record: enough to re-read and re-verify its bytes.

    ``warc_file`` is relative to the dossier's ``evidence/`` folder when the record belongs
    to a dossier, absolute otherwise. ``offset``/``length`` address the (compressed) record
    in the file, as cc-pyspark and pywb do.
    """

    warc_file: str
    offset: int
    length: int
    record_id: str
    record_type: str = "response"
    target_uri: str
    payload_digest: str
    captured_at: datetime | None = None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a sibling temporary file: never a half-written file."""
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def write_json(path: Path, model: BaseModel) -> str:
    """Write ``model`` as indented UTF-8 JSON, atomically; return the file's SHA-256."""
    data = model.model_dump_json(indent=2, exclude_none=False).encode("utf-8") + b"\n"
    write_atomic(path, data)
    return sha256_bytes(data)
