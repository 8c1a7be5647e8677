"""Sealing an evidence folder: chain the manifest, time-stamp it, sign the chain.

The manifest's digest goes into a new line of ``chain.log`` (with the RFC 3161 token's
digest when a time-stamping authority is configured), and ``chain.log`` is signed with the
agency's key (``chain.log.sig``, see :mod:`vigipub.evidence.signing`). The digests tie every
artefact to the manifest; the signature ties the whole to the agency; the token ties it to a
date that the agency itself cannot move.
"""

from __future__ import annotations

from pathlib import Path

from vigipub.evidence import sha256_bytes, utc_now
from vigipub.evidence.core import write_atomic
from vigipub.evidence.signing import SigningKey, sign_file

from . import chain, tsa

TIMESTAMP_DIR = "timestamps"


def seal_evidence(
    out: Path,
    manifest_sha: str,
    *,
    seed_url: str,
    key: SigningKey,
    case_ref: str | None = None,
    chain_from: Path | None = None,
    tsa_url: str | None = None,
) -> None:
    """Chain, time-stamp (when ``tsa_url``) and sign the evidence folder ``out``.

    A time-stamping failure is raised (as :class:`~.tsa.TimestampError`) only once the
    folder is chained and signed: the capture is kept, the missing token reported loudly.
    """
    previous = chain.find_previous_chain(out, chain_from, seed_url=seed_url, case_ref=case_ref)
    tsr_rel: str | None = None
    tsr_sha: str | None = None
    tsa_error: tsa.TimestampError | None = None
    if tsa_url:
        try:
            token = tsa.request_timestamp(tsa_url, manifest_sha.split(":", 1)[1])
        except tsa.TimestampError as exc:
            tsa_error = exc
        else:
            (out / TIMESTAMP_DIR).mkdir(exist_ok=True)
            tsr_rel = f"{TIMESTAMP_DIR}/manifest.tsr"
            write_atomic(out / tsr_rel, token)
            tsr_sha = sha256_bytes(token)
    line = chain.make_entry(
        previous[-1] if previous else None,
        len(previous) + 1,
        evidence=out.name,
        manifest_sha256=manifest_sha,
        seed_url=seed_url,
        time=utc_now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        tsr=tsr_rel,
        tsr_sha256=tsr_sha,
        **({"tsa_error": str(tsa_error)} if tsa_error else {}),
    )
    write_atomic(out / chain.CHAIN_FILE, b"".join(line_ + b"\n" for line_ in [*previous, line]))
    sign_file(out / chain.CHAIN_FILE, key)
    if tsa_error is not None:
        raise tsa.TimestampError(
            f"capture kept, chained and signed, but time-stamping failed: {tsa_error.message}",
            where=tsa_error.where,
        )
