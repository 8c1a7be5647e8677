"""The register snapshot shipped inside the package, and reading snapshots from a folder.

The package carries byte-exact copies of the official files (BDPM text files gzipped,
EMA xlsx as is) and ``snapshot.json`` recording, for each file, its snapshot date, official
download address, sha256 and size of the original bytes, and the attribution required by
the publishers' licences. Every digest is checked before a file is used.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .config import data_path, load_snapshot_manifest  # noqa: F401 (re-exported for tools)
from .errors import RegisterFileError
from .formats import EMA_FILE
from .store import REQUIRED_FILES, SourceFile

DEFAULT_BDPM_BASE = "https://base-donnees-publique.medicaments.gouv.fr/download/file"
DEFAULT_EMA_URL = "https://www.ema.europa.eu/en/documents/report/medicines-output-medicines-report_en.xlsx"


def default_url(name: str) -> str:
    return DEFAULT_EMA_URL if name == EMA_FILE else f"{DEFAULT_BDPM_BASE}/{name}"


def _check(name: str, data: bytes, spec: dict[str, Any], where: str) -> None:
    digest = hashlib.sha256(data).hexdigest()
    if digest != spec["sha256"] or len(data) != spec["bytes"]:
        raise RegisterFileError(
            f"{name}: sha256 {digest[:12]}… / {len(data)} bytes, expected {spec['sha256'][:12]}… / {spec['bytes']} bytes "
            "(corrupted copy)",
            where=where,
        )


def _source(name: str, data: bytes, spec: dict[str, Any]) -> SourceFile:
    snap = spec.get("snapshot_date")
    return SourceFile(
        name=name,
        data=data,
        snapshot_date=date.fromisoformat(snap) if snap else None,
        source_url=spec.get("source_url") or default_url(name),
        retrieved_at=spec.get("retrieved_at"),
        approximate=bool(spec.get("approximate", False)),
        note=spec.get("note", ""),
    )


def shipped_files() -> dict[str, SourceFile]:
    """The files of the snapshot shipped in the package, digests verified."""
    manifest = load_snapshot_manifest()
    out: dict[str, SourceFile] = {}
    for name, spec in manifest["files"].items():
        path = data_path(spec["stored_as"])
        try:
            stored = path.read_bytes()
            data = gzip.decompress(stored) if path.suffix == ".gz" else stored
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise RegisterFileError(f"shipped register file unreadable ({exc})", where=str(path)) from None
        _check(name, data, spec, str(path))
        out[name] = _source(name, data, spec)
    return out


def files_from_dir(directory: Path) -> dict[str, SourceFile]:
    """Register files found in ``directory`` (searched recursively, plain or ``.gz``).

    Dates and sources come from a ``snapshot.json`` in the folder when there is one (same
    format as the shipped one; digests are then checked); otherwise they are left unknown
    here and read from the data by :func:`vigipub.registers.update.update` (the EMA file
    states when it was generated; the BDPM is at least as recent as its newest marketing
    authorisation date). A file's modification date says when it was copied, not what state
    of the register it holds: it is never used.
    """
    if not directory.is_dir():
        raise RegisterFileError("not a directory", where=str(directory))
    manifest = load_snapshot_manifest(directory)["files"] if (directory / "snapshot.json").is_file() else {}
    out: dict[str, SourceFile] = {}
    for name in REQUIRED_FILES:
        candidates = sorted(directory.rglob(name)) or sorted(directory.rglob(name + ".gz"))
        if not candidates:
            raise RegisterFileError(f"register file {name} not found", where=str(directory))
        path = candidates[0]
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise RegisterFileError(f"unreadable ({exc})", where=str(path)) from None
        if name in manifest:
            _check(name, data, manifest[name], str(path))
            out[name] = _source(name, data, manifest[name])
        else:
            out[name] = SourceFile(
                name=name,
                data=data,
                snapshot_date=None,
                source_url=path.resolve().as_uri(),
                retrieved_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
                note="local copy",
            )
    return out


def write_snapshot(files: dict[str, SourceFile], dest: Path, extra: dict[str, Any] | None = None) -> Path:
    """Store ``files`` in ``dest`` the way the package ships them, with snapshot.json."""
    dest.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"format": 1, **(extra or {}), "files": {}}
    for name, source in files.items():
        stored_as = name if name.endswith(".xlsx") else name + ".gz"
        payload = source.data if stored_as == name else gzip.compress(source.data, compresslevel=9, mtime=0)
        (dest / stored_as).write_bytes(payload)
        manifest["files"][name] = {
            "registry": source.registry,
            "stored_as": stored_as,
            "snapshot_date": source.snapshot_date.isoformat() if source.snapshot_date else None,
            "approximate": source.approximate,
            "source_url": source.source_url,
            "retrieved_at": source.retrieved_at,
            "sha256": hashlib.sha256(source.data).hexdigest(),
            "bytes": len(source.data),
            "note": source.note,
        }
    path = dest / "snapshot.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
