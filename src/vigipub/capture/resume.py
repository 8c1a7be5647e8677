"""Closing an interrupted capture: seal the evidence folder as it stands.

A capture stopped midway (Ctrl-C, SIGTERM, a kill, a crash) leaves a valid but unsealed
folder: a WARC, a checkpoint manifest (``complete: false``) listing the pages the WARC
holds, perhaps screenshots. Nothing in it is lost, and nothing can be captured again
identically: :func:`close_interrupted` keeps every readable record, lists every file, marks
the manifest ``interrupted`` and seals it (chain, time-stamp, signature) like a finished
capture, so that the dossier can be finished from it (``vigipub investigate --resume``).

What the interruption cut short is stated in the manifest's notes: a record the kill cut in
the middle (unreadable by any WARC tool) is removed from the end of the WARC, its size and
digest noted; records written after the last checkpoint are kept (extraction reads them)
and counted; temporary ``.part`` files of an atomic write are removed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import ValidationError

from vigipub.evidence import Artefact, CaptureManifest, sha256_file, utc_now, write_json
from vigipub.evidence.signing import load_signing_key

from . import chain
from .errors import CaptureInputError, EvidenceIntegrityError
from .options import CaptureOptions
from .sealing import seal_evidence
from .verify import prefix_digest
from .warc import WarcReadError, iter_records

MANIFEST_NAME = "manifest.json"
#: media type and kind of a file found in an interrupted folder, by its folder
_KINDS = {"screenshots": ("screenshot", "image/png"), "certificates": ("certificate", "application/x-pem-file")}


def _readable_end(warc: Path) -> tuple[int, list[int]]:
    """(end of the last readable record, offsets of the records) of ``warc``."""
    offsets: list[int] = []
    end = 0
    try:
        for record in iter_records(warc):
            offsets.append(record.offset)
            end = record.offset + record.length
    except WarcReadError as exc:
        end = exc.offset
    return end, offsets


def close_interrupted(folder: Path, options: CaptureOptions | None = None) -> CaptureManifest:
    """Seal the interrupted capture in ``folder`` as it stands; return its final manifest.

    A folder already sealed is returned as is. Raises :class:`CaptureInputError` when the
    folder is no evidence folder (no readable manifest) and
    :class:`EvidenceIntegrityError` when what is there contradicts its checkpoint.
    """
    options = options or CaptureOptions()
    folder = Path(folder)
    manifest_path = folder / MANIFEST_NAME
    try:
        manifest = CaptureManifest.model_validate_json(manifest_path.read_bytes())
    except OSError as exc:
        raise CaptureInputError(f"no manifest to resume from ({exc.strerror or exc})", where=str(folder)) from None
    except ValidationError as exc:
        raise CaptureInputError(
            f"the manifest is not readable ({exc.error_count()} error(s)); the folder cannot be closed",
            where=str(manifest_path),
        ) from None
    if manifest.complete:
        return manifest
    if (folder / chain.CHAIN_FILE).exists():
        raise EvidenceIntegrityError(
            "a checkpoint manifest in a chained folder: the folder was altered", where=str(folder)
        )
    key = load_signing_key(options.key_dir)  # before touching anything
    notes = list(manifest.notes)
    when = utc_now().strftime("%Y-%m-%dT%H:%M:%SZ")
    notes.append(f"capture interrupted; closed as it stood on {when} (vigipub investigate --resume)")

    warc = folder / manifest.warc_file
    checkpoint = next((a for a in manifest.artefacts if a.kind == "warc"), None)
    if not warc.is_file() or checkpoint is None:
        raise EvidenceIntegrityError("the WARC of the interrupted capture is missing", where=str(warc))
    size = warc.stat().st_size
    if size < checkpoint.size:
        raise EvidenceIntegrityError(
            f"the WARC is shorter ({size} bytes) than its checkpoint ({checkpoint.size} bytes)", where=str(warc)
        )
    if prefix_digest(warc, checkpoint.size) != checkpoint.sha256:
        raise EvidenceIntegrityError(
            "the part of the WARC its checkpoint sealed does not match its digest", where=str(warc)
        )
    end, offsets = _readable_end(warc)
    if end < checkpoint.size:
        raise EvidenceIntegrityError(
            f"the WARC cannot be read past offset {end}, inside the part its checkpoint sealed", where=str(warc)
        )
    if end < size:
        with open(warc, "rb") as fh:
            fh.seek(end)
            torn = fh.read()
        notes.append(
            f"{len(torn)} bytes at the end of the WARC (a record cut by the interruption, "
            f"sha256:{hashlib.sha256(torn).hexdigest()}) removed when the capture was closed"
        )
        with open(warc, "r+b") as fh:
            fh.truncate(end)
            fh.flush()
            os.fsync(fh.fileno())
    later = sum(1 for offset in offsets if offset >= checkpoint.size)
    if later:
        notes.append(
            f"{later} WARC record(s) written after the last checkpoint are kept; "
            "the pages they belong to are not listed in the manifest"
        )

    artefacts: list[Artefact] = []
    listed = {a.path for a in manifest.artefacts}
    for artefact in manifest.artefacts:
        if artefact.kind == "warc":
            artefact = artefact.model_copy(update={"sha256": sha256_file(warc), "size": warc.stat().st_size})
        artefacts.append(artefact)
    for here, _dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(files):
            file = Path(here) / name
            rel = file.relative_to(folder).as_posix()
            if rel in listed or rel in (MANIFEST_NAME, manifest.warc_file) or file.is_symlink():
                continue
            if name.endswith(".part"):
                notes.append(f"{rel}: temporary file of a write the interruption cut, removed")
                file.unlink()
                continue
            kind, media = _KINDS.get(rel.split("/", 1)[0], ("other", None))
            artefacts.append(
                Artefact(
                    path=rel,
                    kind=kind,
                    sha256=sha256_file(file),
                    size=file.stat().st_size,
                    captured_at=utc_now(),
                    media_type=media,
                )
            )
            notes.append(f"{rel}: written after the last checkpoint, listed when the capture was closed")
    closed = manifest.model_copy(
        update={
            "complete": True,
            "interrupted": True,
            "finished_at": utc_now(),
            "artefacts": artefacts,
            "notes": notes,
        }
    )
    manifest_sha = write_json(manifest_path, closed)
    seal_evidence(
        folder,
        manifest_sha,
        seed_url=manifest.seed_url,
        key=key,
        case_ref=manifest.case_ref,
        chain_from=options.chain_from,
        tsa_url=options.tsa_url,
    )
    return closed
