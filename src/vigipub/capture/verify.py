"""``vigipub verify``: recompute every digest of an evidence folder (or of a dossier).

Each artefact ends in one of three states — ``verified``, ``failed``, ``not_checked`` —
and a failed artefact (or WARC record) can never support a legal conclusion. What is
checked, in order:

* ``chain.log``: every line canonical, its own digest, the link to the previous line, and
  the last line's manifest digest against ``manifest.json`` (this is what seals the
  manifest); earlier lines against sibling evidence folders when present;
* ``chain.log.sig``: the agency's Ed25519 signature over ``chain.log`` (see
  :mod:`vigipub.evidence.signing`), and whether its key is one the verifier trusts;
* the RFC 3161 token (``timestamps/*.tsr``): digest recorded in the chain, message imprint
  = manifest digest, signature and chain with ``openssl ts -verify``;
* every artefact listed in the manifest (size and SHA-256); for an interrupted capture
  (checkpoint manifest, never sealed) the WARC prefix the checkpoint covered;
* every WARC record: block and payload digests recomputed, and every RecordRef of the
  manifest (offset, length, record id, payload digest) found at its address;
* in a dossier, ``dossier.sha256`` and its signature ``dossier.sha256.sig`` over the derived
  files.

A sealed folder holds what its seals list and nothing else: a missing seal or signature, a
file no seal lists, and any symbolic link are failures. The verdict (:attr:`VerifyReport.outcome`):

======================  =========  ==================================================
outcome                 exit code  meaning
======================  =========  ==================================================
``anchored``            0          every digest matches and every seal is signed by a
                                   trusted key: nobody without that key could have
                                   written this folder
``failed``              1          something does not match, is missing or was added
``unanchored``          3          every digest and signature matches, but a seal is
                                   signed by a key not trusted here (a forger can
                                   recompute digests and sign with a key of their own)
``incomplete``          4          an interrupted capture or investigation: what is
                                   there matches, the seals are not written yet
                                   (``vigipub investigate --resume`` finishes it)
======================  =========  ==================================================

Exit code 2 is an input error (no such folder, not an evidence folder, unreadable key).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError

from vigipub.evidence import CaptureManifest, RecordRef, sha256_bytes, sha256_file
from vigipub.evidence.errors import InputError
from vigipub.evidence.seal import DOSSIER_FILES, DOSSIER_SEAL, DOSSIER_TIMESTAMP, UNFINISHED_MARKER, read_seal
from vigipub.evidence.signing import (
    SignatureCheck,
    check_signature,
    load_trusted_keys,
)

from . import chain, tsa
from .warc import WarcReadError, iter_records

IntegrityState = Literal["verified", "failed", "not_checked"]
Outcome = Literal["anchored", "unanchored", "incomplete", "failed"]
#: exit code of ``vigipub verify`` for each outcome (2 is an input error)
EXIT_CODES: dict[str, int] = {"anchored": 0, "failed": 1, "unanchored": 3, "incomplete": 4}
MANIFEST_NAME = "manifest.json"
WARC_NAME = "capture.warc.gz"
CHAIN_SIGNATURE = chain.CHAIN_FILE + ".sig"
DOSSIER_SIGNATURE = DOSSIER_SEAL + ".sig"


@dataclass
class VerifyReport:
    """Outcome of :func:`verify_evidence`; ``states`` maps artefact names to a state."""

    root: Path
    states: dict[str, IntegrityState] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: WARC record id -> state, so later stages can refuse a failed record
    record_states: dict[str, IntegrityState] = field(default_factory=dict)
    evidence_folders: list[str] = field(default_factory=list)
    #: signed file -> what its signature check found
    signatures: dict[str, SignatureCheck] = field(default_factory=dict)
    #: what is unfinished (an interrupted capture or investigation), in words
    incomplete: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing failed (the folder may still be unanchored or incomplete: see outcome)."""
        return not self.problems

    @property
    def outcome(self) -> Outcome:
        if self.problems:
            return "failed"
        if self.incomplete:
            return "incomplete"
        if not self.signatures or any(c.state != "anchored" for c in self.signatures.values()):
            return "unanchored"
        return "anchored"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]

    def check_seal_signature(self, sealed: Path, name: str, trusted: Mapping[str, Ed25519PublicKey]) -> None:
        """Record the signature check of the seal ``sealed`` (shown as ``name``.sig)."""
        result = check_signature(sealed, trusted)
        sig_name = name + ".sig"
        self.signatures[name] = result
        if result.state in ("failed", "missing"):
            self.set(sig_name, "failed", result.detail)
        else:
            self.set(sig_name, "verified", result.detail)

    def record_state(self, record_id: str) -> IntegrityState:
        return self.record_states.get(record_id, "not_checked")

    def set(self, name: str, state: IntegrityState, detail: str = "") -> None:
        # a failure is never overwritten by a later success on the same name
        if self.states.get(name) == "failed" and state != "failed":
            return
        self.states[name] = state
        if detail:
            self.details[name] = detail
        if state == "failed":
            self.problems.append(f"{name}: {detail}" if detail else name)

    def counts(self) -> dict[str, int]:
        out = {"verified": 0, "failed": 0, "not_checked": 0}
        for state in self.states.values():
            out[state] += 1
        return out


def _is_evidence_folder(path: Path) -> bool:
    # a chain.log without its manifest is still an evidence folder: the manifest was removed,
    # which is an integrity failure (exit 1), not a "wrong folder" input error (exit 2); a
    # WARC alone is a capture killed before its first manifest (incomplete, exit 4)
    return any((path / name).is_file() for name in (MANIFEST_NAME, chain.CHAIN_FILE, WARC_NAME))


def find_evidence_folders(path: Path) -> list[Path]:
    if _is_evidence_folder(path):
        return [path]
    found: list[Path] = []
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_dir() and _is_evidence_folder(child):
                found.append(child)
    return found


def _is_dossier(path: Path) -> bool:
    """A dossier (``vigipub investigate``), as opposed to a folder that merely holds captures."""
    return any((path / name).exists() for name in (DOSSIER_SEAL, UNFINISHED_MARKER, *DOSSIER_FILES))


def verify_evidence(
    path: Path, trusted_keys: Mapping[str, Ed25519PublicKey] | None = None
) -> VerifyReport:
    """Verify an evidence folder, or every evidence folder of a dossier (``DIR/evidence``…).

    ``trusted_keys`` (key id -> public key) are the keys whose signatures anchor a seal;
    by default the agency's own key folder (see :func:`load_trusted_keys`).
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such folder", where=str(path))
    if trusted_keys is None:
        trusted_keys = load_trusted_keys()
    folders = find_evidence_folders(path)
    dossier = folders != [path] and path.is_dir() and _is_dossier(path)
    if not folders and not dossier:
        raise InputError(
            "no evidence folder found (no manifest.json here or in a subfolder)", where=str(path)
        )
    report = VerifyReport(root=path)
    for folder in folders:
        prefix = "" if folder == path else folder.relative_to(path).as_posix() + "/"
        report.evidence_folders.append(prefix.rstrip("/") or ".")
        _verify_folder(folder, prefix, report, trusted_keys)
    if dossier:
        _verify_derived(path, folders, report, trusted_keys)
    elif folders != [path]:
        _other_files(path, folders, report)
    _no_links(path, report)
    return report


def _no_links(root: Path, report: VerifyReport) -> None:
    """A symbolic link in a sealed folder is a failure: it can point anywhere, change
    behind the seal, or stand for a file that is not in the folder at all."""
    for here, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            entry = Path(here) / name
            if entry.is_symlink():
                rel = entry.relative_to(root).as_posix()
                report.set(rel, "failed", f"symbolic link (to {os.readlink(entry)}): a sealed folder holds files only")


def _other_files(root: Path, folders: list[Path], report: VerifyReport) -> None:
    """Files beside the evidence folders of a folder that is no dossier (a working folder
    holding several captures): listed, not checked."""
    for here, _dirs, files in os.walk(root, followlinks=False):
        for filename in files:
            file = Path(here) / filename
            if not any(folder in file.parents for folder in folders) and not file.is_symlink():
                report.set(file.relative_to(root).as_posix(), "not_checked", "not part of an evidence folder")


def _read_marker(dossier: Path) -> dict[str, object]:
    try:
        data = json.loads((dossier / UNFINISHED_MARKER).read_bytes()[:100_000])
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _verify_derived(
    dossier: Path, folders: list[Path], report: VerifyReport, trusted: Mapping[str, Ed25519PublicKey]
) -> None:
    """Derived files of a dossier (findings, drafts…) against ``dossier.sha256``.

    They are recomputable, not evidence, but a dossier is always sealed once finished: a
    missing seal, a listed file changed or gone, or a file the seal does not list, fails.
    While the investigation is unfinished (``UNFINISHED.json``) nothing is sealed yet.
    """
    unfinished = (dossier / UNFINISHED_MARKER).is_file()
    if unfinished:
        marker = _read_marker(dossier)
        stage = marker.get("stage") or "?"
        report.incomplete.append(
            f"investigation interrupted (stage: {stage}); finish it with "
            f"`vigipub investigate --resume --out {dossier}`"
        )
        report.set(UNFINISHED_MARKER, "not_checked", f"the investigation is unfinished (stage: {stage})")
    try:
        sealed = read_seal(dossier)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        report.set(DOSSIER_SEAL, "failed", f"unreadable seal: {exc}")
        sealed = {}
    if sealed is None and not unfinished:
        report.set(
            DOSSIER_SEAL,
            "failed",
            "missing: a finished dossier is always sealed (its derived files can no longer be checked)",
        )
    for name, digest in sorted((sealed or {}).items()):
        file = dossier / name
        if file.is_symlink() or not file.is_file():
            report.set(name, "failed", f"missing: listed in {DOSSIER_SEAL}")
        elif sha256_file(file) != digest:
            inside = any(folder in file.parents for folder in folders)
            report.set(
                name,
                "failed",
                f"not the evidence the derived files were drawn from (digest differs from {DOSSIER_SEAL})"
                if inside
                else f"modified after vigipub wrote it (digest differs from {DOSSIER_SEAL})",
            )
        elif not any(folder in file.parents for folder in folders):
            report.set(name, "verified", f"as sealed in {DOSSIER_SEAL}")
    if sealed is not None and (dossier / DOSSIER_SEAL).is_file():
        report.set(DOSSIER_SEAL, "verified", f"{len(sealed)} file(s) listed")
        report.check_seal_signature(dossier / DOSSIER_SEAL, DOSSIER_SEAL, trusted)
        token = dossier / DOSSIER_TIMESTAMP
        if token.is_file() and not token.is_symlink():
            ca = next((f / "timestamps" / "tsa-ca.pem" for f in folders if (f / "timestamps" / "tsa-ca.pem").is_file()), None)
            result = tsa.verify_token(token, sha256_file(dossier / DOSSIER_SEAL).split(":", 1)[1], ca)
            report.set(DOSSIER_TIMESTAMP, result.state, result.detail)  # type: ignore[arg-type]
    known = {DOSSIER_SEAL, DOSSIER_SIGNATURE, DOSSIER_TIMESTAMP, UNFINISHED_MARKER}
    for here, _dirs, files in os.walk(dossier, followlinks=False):
        for filename in files:
            file = Path(here) / filename
            name = file.relative_to(dossier).as_posix()
            if name in report.states or name in known or file.is_symlink():
                continue
            if any(folder == file.parent or folder in file.parents for folder in folders):
                continue
            if unfinished or sealed is None:
                report.set(name, "not_checked", "derived file, not sealed yet")
            else:
                report.set(name, "failed", f"not listed in {DOSSIER_SEAL}: added to a sealed dossier")


def _verify_folder(
    folder: Path, prefix: str, report: VerifyReport, trusted: Mapping[str, Ed25519PublicKey]
) -> None:
    manifest_path = folder / MANIFEST_NAME
    manifest_name = prefix + MANIFEST_NAME
    if not manifest_path.is_file() and not (folder / chain.CHAIN_FILE).is_file():
        # only a WARC: the capture was stopped before it wrote its first manifest
        report.incomplete.append(f"{prefix or './'}: capture interrupted before its first manifest")
        report.set(manifest_name, "not_checked", "capture interrupted before its first manifest")
        _unlisted(folder, prefix, {MANIFEST_NAME}, report, sealed=False)
        return
    if not manifest_path.is_file():
        report.set(manifest_name, "failed", "missing: the folder is chained (chain.log) but has no manifest")
        _unlisted(folder, prefix, {MANIFEST_NAME, chain.CHAIN_FILE, CHAIN_SIGNATURE}, report, sealed=True)
        return
    manifest_bytes = manifest_path.read_bytes()
    manifest_sha = sha256_bytes(manifest_bytes)
    manifest: CaptureManifest | None
    try:
        manifest = CaptureManifest.model_validate_json(manifest_bytes)
    except ValidationError as exc:
        manifest = None
        report.set(manifest_name, "failed", f"not a valid manifest ({exc.error_count()} error(s))")
    complete = manifest is not None and manifest.complete
    known: set[str] = {MANIFEST_NAME, chain.CHAIN_FILE, CHAIN_SIGNATURE}

    # -- chain and time-stamp: what seals the manifest
    chain_path = folder / chain.CHAIN_FILE
    chain_name = prefix + chain.CHAIN_FILE
    last: dict[str, object] | None = None
    if chain_path.is_file():
        entries, problems = chain.check(chain.read_lines(chain_path))
        if problems:
            report.set(chain_name, "failed", "; ".join(problems))
        elif not entries:
            report.set(chain_name, "failed", "empty chain")
        else:
            report.set(chain_name, "verified", f"{len(entries)} capture(s) chained")
        if entries:
            last = entries[-1]
            for i, entry in enumerate(entries[:-1]):
                # a later entry of this same chain for the same folder records, in the open,
                # that the folder was captured again (a failed capture redone): only the
                # latest capture of a folder can still be compared with what is on disk
                if any(later.get("evidence") == entry.get("evidence") for later in entries[i + 1 :]):
                    continue
                _check_earlier_entry(folder, entry, chain_name, report)
        if last is not None and last.get("manifest_sha256") == manifest_sha:
            if manifest is not None:
                report.set(manifest_name, "verified", "digest matches the last chain entry")
        elif last is not None:
            report.set(
                manifest_name, "failed", "digest does not match the chain entry (manifest or chain altered)"
            )
        if last is not None and last.get("evidence") not in (None, folder.name):
            report.set(
                chain_name,
                "failed",
                f"last entry names evidence folder {last.get('evidence')!r}, not {folder.name!r}",
            )
    elif complete or manifest is None:
        report.set(chain_name, "failed", "missing: a complete capture is always chained")
        report.set(manifest_name, "failed", "not sealed (chain.log missing)")
    else:
        report.set(manifest_name, "not_checked", "capture interrupted: checkpoint manifest, never sealed")
        report.incomplete.append(f"{prefix or './'}: capture interrupted (checkpoint manifest, never sealed)")
    if chain_path.is_file():
        report.check_seal_signature(chain_path, chain_name, trusted)

    if last is not None and last.get("tsr"):
        tsr_rel = str(last["tsr"])
        known.add(tsr_rel)
        tsr_name = prefix + tsr_rel
        tsr_path = _inside(folder, tsr_rel)
        if tsr_path is None or not tsr_path.is_file():
            report.set(tsr_name, "failed", "time-stamp token missing")
        elif sha256_file(tsr_path) != last.get("tsr_sha256"):
            report.set(tsr_name, "failed", "digest does not match the chain entry")
        else:
            ca = folder / "timestamps" / "tsa-ca.pem"
            result = tsa.verify_token(tsr_path, manifest_sha.split(":", 1)[1], ca if ca.is_file() else None)
            report.set(tsr_name, result.state, result.detail)  # type: ignore[arg-type]

    if manifest is None:
        _unlisted(folder, prefix, known, report, sealed=True)
        return

    # -- artefacts listed by the manifest
    warc_limit: int | None = None
    for artefact in manifest.artefacts:
        known.add(artefact.path)
        name = prefix + artefact.path
        file = _inside(folder, artefact.path)
        if file is None:
            report.set(name, "failed", "path escapes the evidence folder")
            continue
        if not file.is_file():
            report.set(name, "failed", "missing")
            continue
        size = file.stat().st_size
        if artefact.kind == "warc" and not complete and size >= artefact.size:
            digest = prefix_digest(file, artefact.size)
            if digest != artefact.sha256:
                report.set(
                    name, "failed", "the part covered by the checkpoint manifest does not match its digest"
                )
            else:
                extra = size - artefact.size
                report.set(
                    name,
                    "verified",
                    f"first {artefact.size} bytes match the checkpoint"
                    + (f"; {extra} later bytes checked per record" if extra else ""),
                )
            warc_limit = artefact.size
            continue
        if size != artefact.size:
            report.set(name, "failed", f"size {size} != recorded {artefact.size}")
            continue
        if sha256_file(file) != artefact.sha256:
            report.set(name, "failed", "SHA-256 does not match the manifest")
            continue
        report.set(name, "verified")

    # -- WARC records and the manifest's references into them
    warc_rel = manifest.warc_file
    known.add(warc_rel)
    warc_path = _inside(folder, warc_rel)
    if warc_path is not None and warc_path.is_file():
        _verify_records(warc_path, prefix + warc_rel, manifest, complete, warc_limit, report)
    elif prefix + warc_rel not in report.states:
        report.set(prefix + warc_rel, "failed", "missing")
    _unlisted(folder, prefix, known, report, sealed=complete)


def _check_earlier_entry(
    folder: Path, entry: dict[str, object], chain_name: str, report: VerifyReport
) -> None:
    evidence = entry.get("evidence")
    if not isinstance(evidence, str) or "/" in evidence or evidence in ("", ".", ".."):
        return
    sibling = folder.parent / evidence / MANIFEST_NAME
    if sibling.is_file() and sha256_file(sibling) != entry.get("manifest_sha256"):
        report.set(chain_name, "failed", f"entry {entry.get('seq')}: manifest of {evidence!r} does not match")


def _inside(folder: Path, rel: str) -> Path | None:
    candidate = (folder / rel).resolve()
    try:
        candidate.relative_to(folder.resolve())
    except ValueError:
        return None
    return candidate


def prefix_digest(path: Path, size: int) -> str:
    import hashlib

    h = hashlib.sha256()
    remaining = size
    with open(path, "rb") as fh:
        while remaining > 0:
            block = fh.read(min(1 << 20, remaining))
            if not block:
                break
            h.update(block)
            remaining -= len(block)
    return "sha256:" + h.hexdigest()


def _manifest_refs(manifest: CaptureManifest) -> Iterable[tuple[str, RecordRef]]:
    if manifest.warcinfo is not None:
        yield "warcinfo", manifest.warcinfo
    for number, page in enumerate(manifest.pages, start=1):
        label = f"page {number} ({page.url[:80]})"
        yield label, page.record
        for ref in page.redirects:
            yield label + " redirect", ref
        for kind, ref_or_none in (
            ("rendered DOM", page.rendered),
            ("screenshot", page.screenshot_record),
            ("outlinks", page.outlinks),
        ):
            if ref_or_none is not None:
                yield f"{label} {kind}", ref_or_none


def _verify_records(
    warc_path: Path,
    warc_name: str,
    manifest: CaptureManifest,
    complete: bool,
    checkpoint_size: int | None,
    report: VerifyReport,
) -> None:
    by_offset: dict[int, tuple[int, str, str]] = {}  # offset -> (length, record id, payload digest)
    count = 0
    try:
        for record in iter_records(warc_path):
            count += 1
            key = f"{warc_name}#{record.record_id or record.offset}"
            if record.problems:
                report.set(key, "failed", f"record at offset {record.offset}: " + "; ".join(record.problems))
                report.record_states[record.record_id] = "failed"
            else:
                report.states[key] = "verified"
                report.record_states[record.record_id] = "verified"
            payload = record.headers.get("WARC-Payload-Digest") or sha256_bytes(record.payload())
            by_offset[record.offset] = (record.length, record.record_id, payload)
    except WarcReadError as exc:
        if not complete and checkpoint_size is not None and exc.offset >= checkpoint_size:
            report.set(
                f"{warc_name}@{exc.offset}", "not_checked", f"unreadable tail after the interruption: {exc}"
            )
        else:
            report.set(warc_name, "failed", f"unreadable WARC: {exc}")
    for label, ref in _manifest_refs(manifest):
        found = by_offset.get(ref.offset)
        if found is None:
            report.set(f"{warc_name}#{ref.record_id}", "failed", f"{label}: no record at offset {ref.offset}")
            report.record_states[ref.record_id] = "failed"
        elif (
            found[0] != ref.length
            or found[1] != ref.record_id
            or (ref.record_type in ("response", "resource") and found[2] != ref.payload_digest)
        ):
            report.set(
                f"{warc_name}#{ref.record_id}",
                "failed",
                f"{label}: record at offset {ref.offset} differs from the manifest's reference",
            )
            report.record_states[ref.record_id] = "failed"
    if warc_name not in report.states:
        report.set(warc_name, "verified", f"{count} records")
    elif report.states[warc_name] == "verified":
        report.details[warc_name] = (report.details.get(warc_name, "") + f"; {count} records").lstrip("; ")


def _unlisted(folder: Path, prefix: str, known: set[str], report: VerifyReport, *, sealed: bool) -> None:
    """Files of the folder no manifest or seal lists: a failure once the folder is sealed
    (an added file can pass for evidence), not checked while the capture is unfinished."""
    for here, _dirs, files in os.walk(folder, followlinks=False):
        for filename in files:
            file = Path(here) / filename
            rel = file.relative_to(folder).as_posix()
            if rel in known or file.is_symlink():
                continue
            if sealed:
                report.set(prefix + rel, "failed", "not listed in the manifest: added to a sealed folder")
            else:
                report.set(prefix + rel, "not_checked", "not listed in the manifest")
