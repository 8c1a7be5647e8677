"""RFC 3161 time-stamping of the manifest digest, and checking of a token.

The request is built with asn1crypto and POSTed as ``application/timestamp-query``; the
whole ``TimeStampResp`` is stored (``timestamps/manifest.tsr``), which is what
``openssl ts -verify -in`` reads. Verification checks status, message imprint and nonce
with asn1crypto, then the CMS signature and certificate chain with ``openssl ts -verify``.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx
from asn1crypto import tsp  # type: ignore[import-untyped]

from vigipub.evidence import IntegrityState

from .errors import CaptureInputError


class TimestampError(CaptureInputError):
    """The TSA refused or answered something that is not a valid token for our digest."""


def build_request(digest_hex: str, nonce: int) -> bytes:
    req = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": bytes.fromhex(digest_hex),
            },
            "nonce": nonce,
            "cert_req": True,
        }
    )
    return bytes(req.dump())


def request_timestamp(tsa_url: str, digest_hex: str, timeout: float = 30.0) -> bytes:
    """Ask ``tsa_url`` for a token over ``digest_hex`` (SHA-256); return the DER response."""
    nonce = secrets.randbits(63)
    body = build_request(digest_hex, nonce)
    try:
        with httpx.Client(timeout=timeout, trust_env=False) as client:
            response = client.post(
                tsa_url, content=body, headers={"Content-Type": "application/timestamp-query"}
            )
    except httpx.HTTPError as exc:
        raise TimestampError(f"time-stamping authority unreachable: {exc}", where=tsa_url) from None
    if response.status_code != 200:
        raise TimestampError(f"time-stamping authority answered HTTP {response.status_code}", where=tsa_url)
    data = response.content
    problem = check_token(data, digest_hex, nonce)
    if problem:
        raise TimestampError(problem, where=tsa_url)
    return data


def check_token(data: bytes, digest_hex: str, nonce: int | None = None) -> str | None:
    """Structural check of a TimeStampResp; None when it is granted for ``digest_hex``."""
    try:
        resp = tsp.TimeStampResp.load(data)
        status = resp["status"]["status"].native
        if status not in ("granted", "granted_with_mods"):
            return f"time-stamp request not granted ({status})"
        token = resp["time_stamp_token"]
        info = token["content"]["encap_content_info"]["content"].parsed
        imprint = info["message_imprint"]
        algo = imprint["hash_algorithm"]["algorithm"].native
        hashed = imprint["hashed_message"].native
    except Exception as exc:  # noqa: BLE001 - any parse failure means a bad token
        return f"unreadable time-stamp token: {type(exc).__name__}: {exc}"
    if algo != "sha256" or hashed.hex() != digest_hex.lower():
        return "time-stamp token message imprint does not match the manifest digest"
    if nonce is not None and info["nonce"].native != nonce:
        return "time-stamp token nonce does not match the request"
    return None


def token_time(data: bytes) -> str | None:
    try:
        resp = tsp.TimeStampResp.load(data)
        info = resp["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
        return str(info["gen_time"].native.isoformat())
    except Exception:  # noqa: BLE001
        return None


@dataclass(frozen=True)
class TokenCheck:
    state: IntegrityState
    detail: str


def verify_token(tsr: Path, digest_hex: str, ca_file: Path | None) -> TokenCheck:
    """Check imprint (asn1crypto) then signature and chain (``openssl ts -verify``).

    Without a stored CA certificate the signature is checked against the certificate the
    token embeds (``-partial_chain``): tampering is caught, but the TSA is not anchored.
    """
    data = tsr.read_bytes()
    problem = check_token(data, digest_hex)
    if problem:
        return TokenCheck(IntegrityState.FAILED, problem)
    openssl = shutil.which("openssl")
    if openssl is None:
        return TokenCheck(IntegrityState.NOT_CHECKED, "imprint matches; openssl not installed, signature not checked")
    with tempfile.TemporaryDirectory() as tmp:
        anchored = ca_file is not None and ca_file.exists()
        if anchored:
            assert ca_file is not None
            cafile = ca_file
        else:
            cafile = Path(tmp) / "embedded.pem"
            pems = _embedded_certs_pem(data)
            if not pems:
                return TokenCheck(IntegrityState.FAILED, "token embeds no certificate and no CA certificate is stored")
            cafile.write_bytes(pems)
        cmd = [openssl, "ts", "-verify", "-digest", digest_hex, "-in", str(tsr), "-CAfile", str(cafile)]
        if not anchored:
            cmd += ["-partial_chain", "-untrusted", str(cafile)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    if proc.returncode != 0 or "Verification: OK" not in proc.stdout:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        return TokenCheck(IntegrityState.FAILED, f"openssl ts -verify failed: {lines[-1] if lines else proc.returncode}")
    when = token_time(data) or "?"
    if anchored:
        return TokenCheck(IntegrityState.VERIFIED, f"RFC 3161 token of {when} verified against the stored CA")
    return TokenCheck(IntegrityState.VERIFIED, f"RFC 3161 token of {when}: signature valid (TSA certificate not anchored)")


def _embedded_certs_pem(data: bytes) -> bytes:
    import base64

    try:
        resp = tsp.TimeStampResp.load(data)
        certs = resp["time_stamp_token"]["content"]["certificates"]
    except Exception:  # noqa: BLE001
        return b""
    out = b""
    for choice in certs or []:
        der = choice.chosen.dump()
        b64 = base64.encodebytes(der).replace(b"\n", b"")
        body = b"\n".join(b64[i : i + 64] for i in range(0, len(b64), 64))
        out += b"-----BEGIN CERTIFICATE-----\n" + body + b"\n-----END CERTIFICATE-----\n"
    return out
