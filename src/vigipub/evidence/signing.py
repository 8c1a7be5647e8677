"""The agency's signing key: an Ed25519 signature on every seal, checked against trusted keys.

A digest kept in a folder proves nothing against someone who can rewrite the folder: they
recompute it (a page dropped from the manifest, ``chain.log`` and ``dossier.sha256``
recomputed, and the folder "verified"). A signature made with the agency's private key can
only be made by whoever holds that key, and ``vigipub verify`` counts it as an *anchor* only
when its public key is one the verifier trusts — the agency's own, a former key kept in the
``trusted/`` folder, or one given on the command line. The public key written next to a
signature serves to check it, never to trust it: a forger re-signs with a key of their own,
and the result is "verified but not anchored". Signed packages of web archives (WACZ) work
the same way.

Key folder (``$VIGIPUB_KEY_DIR``, else ``$XDG_CONFIG_HOME/vigipub/keys``, else
``~/.config/vigipub/keys``), created on first use::

    agency-ed25519.pem        private key (PKCS#8 PEM, mode 0600; encrypted with a passphrase
                              when $VIGIPUB_KEY_PASSPHRASE or $VIGIPUB_KEY_PASSPHRASE_FILE is set)
    agency-ed25519.pub.pem    its public key (SubjectPublicKeyInfo PEM): hand it out
    trusted/*.pem             other public keys accepted as anchors (former keys, other offices)

A signature is a small JSON file next to what it signs (``chain.log.sig``,
``dossier.sha256.sig``), canonical (sorted keys, no spaces)::

    {"algorithm": "Ed25519", "format": "vigipub-signature/1", "key_id": "sha256:…",
     "public_key": "<base64 of the 32 raw bytes>", "signed_at": "2026-…Z",
     "signed_file": "chain.log", "signed_sha256": "sha256:…", "signature": "<base64>"}

The Ed25519 signature covers the canonical JSON of every other field, so the file's digest,
its name, the time and the key are all bound together.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .core import sha256_bytes, sha256_file, utc_now, write_atomic
from .errors import InputError

KEY_DIR_ENV = "VIGIPUB_KEY_DIR"
#: the passphrase that encrypts the private key, or a file holding it (a secret mounted by the
#: deployment: the passphrase never appears in a process list or a shell history)
PASSPHRASE_ENV = "VIGIPUB_KEY_PASSPHRASE"
PASSPHRASE_FILE_ENV = "VIGIPUB_KEY_PASSPHRASE_FILE"
PRIVATE_KEY_FILE = "agency-ed25519.pem"
PUBLIC_KEY_FILE = "agency-ed25519.pub.pem"
TRUSTED_DIR = "trusted"
SIGNATURE_SUFFIX = ".sig"
SIGNATURE_FORMAT = "vigipub-signature/1"
#: a signature file is a few hundred bytes; a bigger one is not ours
MAX_SIGNATURE_BYTES = 16_384

SignatureState = Literal["anchored", "unanchored", "failed", "missing"]


class SigningKeyError(InputError):
    """The agency's key folder or a trusted key file cannot be used (exit code 2)."""


def default_key_dir() -> Path:
    """Where the agency's keys live unless a folder is given."""
    env = os.environ.get(KEY_DIR_ENV)
    if env:
        return Path(env)
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "vigipub" / "keys"


def key_passphrase() -> bytes | None:
    """The private key's passphrase from the environment (the file wins), or None.

    Raises :class:`SigningKeyError` when the passphrase file cannot be read or is empty.
    """
    file = os.environ.get(PASSPHRASE_FILE_ENV)
    if file:
        return read_passphrase_file(Path(file))
    value_text = os.environ.get(PASSPHRASE_ENV)
    return value_text.encode("utf-8") if value_text else None


def read_passphrase_file(path: Path) -> bytes:
    """A passphrase kept in a file (its final line break dropped).

    Raises :class:`SigningKeyError` when the file cannot be read or is empty.
    """
    try:
        value = Path(path).read_bytes().rstrip(b"\r\n")
    except OSError as exc:
        raise SigningKeyError(f"cannot read the key's passphrase file ({exc.strerror or exc})", where=str(path)) from None
    if not value:
        raise SigningKeyError("the key's passphrase file is empty", where=str(path))
    return value


def _encryption(passphrase: bytes | None) -> serialization.KeySerializationEncryption:
    return serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()


def _encrypted_pem(data: bytes) -> bool:
    return b"ENCRYPTED PRIVATE KEY" in data[:200]


def is_encrypted(path: Path) -> bool:
    """The private key file is encrypted (PKCS#8 ``ENCRYPTED PRIVATE KEY``)."""
    try:
        return _encrypted_pem(Path(path).read_bytes())
    except OSError:
        return False


def _read_private(path: Path, passphrase: bytes | None) -> Ed25519PrivateKey:
    """The Ed25519 private key of ``path``, decrypted with ``passphrase`` when it is encrypted."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"cannot read the signing key ({exc.strerror or exc})", where=str(path)) from None
    return _private_from_pem(data, path, passphrase)


def _private_from_pem(data: bytes, path: Path, passphrase: bytes | None) -> Ed25519PrivateKey:
    encrypted = _encrypted_pem(data)
    if encrypted and not passphrase:
        raise SigningKeyError(
            f"the signing key is encrypted: give its passphrase in {PASSPHRASE_ENV} or "
            f"{PASSPHRASE_FILE_ENV}",
            where=str(path),
        )
    try:
        loaded = serialization.load_pem_private_key(data, password=passphrase if encrypted else None)
    except (ValueError, TypeError) as exc:
        if encrypted:
            raise SigningKeyError("wrong passphrase for the signing key", where=str(path)) from None
        raise SigningKeyError(f"not a PEM private key ({exc})", where=str(path)) from None
    if not isinstance(loaded, Ed25519PrivateKey):
        raise SigningKeyError("not an Ed25519 private key", where=str(path))
    return loaded


def protect_key(folder: Path | None = None, passphrase: bytes | None = None) -> Path:
    """Encrypt the agency's private key with ``passphrase`` (default: the environment's), in
    place and atomically; the key itself (and its id) does not change."""
    folder = Path(folder) if folder is not None else default_key_dir()
    passphrase = passphrase or key_passphrase()
    if not passphrase:
        raise SigningKeyError(f"no passphrase: set {PASSPHRASE_ENV} or {PASSPHRASE_FILE_ENV}", where=str(folder))
    path = folder / PRIVATE_KEY_FILE
    if not path.exists():
        raise SigningKeyError("no signing key here (created by the first capture)", where=str(folder))
    private = _read_private(path, passphrase)
    _replace_private(path, private, passphrase, mode=0o600)
    return path


def change_passphrase(folder: Path | None, current: bytes | None, new: bytes | None) -> SigningKey:
    """Encrypt the agency's private key with ``new`` instead of ``current`` (``None`` for a key
    not yet encrypted); ``new=None`` removes the encryption. The key (and its id) stays.

    The file is replaced atomically and keeps its mode; a wrong ``current`` passphrase raises
    :class:`SigningKeyError` naming the file, and the file is left as it was.
    """
    folder = Path(folder) if folder is not None else default_key_dir()
    path = folder / PRIVATE_KEY_FILE
    if not path.exists():
        raise SigningKeyError("no signing key here (created by the first capture)", where=str(folder))
    if new is not None and not new:
        raise SigningKeyError("the new passphrase is empty", where=str(path))
    private = _read_private(path, current)
    if new is not None and new == current and is_encrypted(path):
        raise SigningKeyError("the new passphrase is the current one", where=str(path))
    _replace_private(path, private, new)
    return SigningKey(private, folder)


def _replace_private(path: Path, private: Ed25519PrivateKey, passphrase: bytes | None, mode: int | None = None) -> None:
    """Write ``private`` over ``path`` (encrypted when ``passphrase`` is given) through a sibling
    file created with ``mode`` (default: the key file's own): the key is never readable by
    others, not even for the instant between write and rename."""
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, _encryption(passphrase))
    if mode is None:
        mode = path.stat().st_mode & 0o777
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)  # exactly the mode asked for, whatever the umask
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def key_id(public: Ed25519PublicKey) -> str:
    """``sha256:<hex>`` of the raw public key: the key's fingerprint, shown and compared."""
    return sha256_bytes(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def public_pem(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@dataclass(frozen=True)
class SigningKey:
    """The agency's private key, loaded from its folder."""

    private: Ed25519PrivateKey
    folder: Path

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def key_id(self) -> str:
        return key_id(self.public)


def load_signing_key(folder: Path | None = None, *, create: bool = True) -> SigningKey:
    """The agency's key from ``folder`` (default :func:`default_key_dir`), made on first use.

    Two processes starting at once create one key: the file is created exclusively and the
    loser reads the winner's. Raises :class:`SigningKeyError` with the folder named.
    """
    folder = Path(folder) if folder is not None else default_key_dir()
    path = folder / PRIVATE_KEY_FILE
    if not path.exists():
        if not create:
            raise SigningKeyError("no signing key here (created by the first capture)", where=str(folder))
        try:
            _create_key(folder)
        except OSError as exc:
            raise SigningKeyError(
                f"cannot create the agency's signing key ({exc.strerror or exc}); set {KEY_DIR_ENV} "
                "to a writable folder",
                where=str(folder),
            ) from None
    key = SigningKey(_read_private(path, key_passphrase()), folder)
    pub = folder / PUBLIC_KEY_FILE
    if not pub.exists():
        # the public key can always be exported again from the private one
        with contextlib.suppress(OSError):
            write_atomic(pub, public_pem(key.public))
    return key


def _create_key(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, _encryption(key_passphrase()))
    try:
        fd = os.open(folder / PRIVATE_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process made it first: use theirs
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())
    write_atomic(folder / PUBLIC_KEY_FILE, public_pem(private.public_key()))


def load_public_key(path: Path) -> Ed25519PublicKey:
    """An Ed25519 public key from a PEM file (a private key file gives its public half)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"cannot read the key file ({exc.strerror or exc})", where=str(path)) from None
    try:
        if b"PRIVATE KEY" in data:
            return _private_from_pem(data, Path(path), key_passphrase()).public_key()
        public = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(f"not an Ed25519 PEM key ({exc})", where=str(path)) from None
    if not isinstance(public, Ed25519PublicKey):
        raise SigningKeyError("not an Ed25519 public key", where=str(path))
    return public


def load_trusted_keys(
    folder: Path | None = None, extra: Iterable[Path] = (), *, include_folder: bool = True
) -> dict[str, Ed25519PublicKey]:
    """Public keys accepted as anchors, by key id: the agency's own (when its folder holds
    one), ``trusted/*.pem`` of that folder, and the ``extra`` files. Never creates a key."""
    trusted: dict[str, Ed25519PublicKey] = {}
    if include_folder:
        folder = Path(folder) if folder is not None else default_key_dir()
        own = folder / PRIVATE_KEY_FILE
        # an encrypted private key is read only to sign: verifying uses its public half
        files = [own] if own.is_file() and not is_encrypted(own) else [folder / PUBLIC_KEY_FILE]
        trusted_dir = folder / TRUSTED_DIR
        if trusted_dir.is_dir():
            files += sorted(trusted_dir.glob("*.pem"))
        for file in files:
            if file.is_file():
                public = load_public_key(file)
                trusted[key_id(public)] = public
    for file in extra:
        public = load_public_key(file)
        trusted[key_id(public)] = public
    return trusted


def _canonical(fields: Mapping[str, object]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def signature_path(path: Path) -> Path:
    return path.with_name(path.name + SIGNATURE_SUFFIX)


def sign_file(path: Path, key: SigningKey) -> Path:
    """Sign ``path`` (its name and SHA-256) with the agency's key; write ``<path>.sig``."""
    raw_public = key.public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    fields: dict[str, object] = {
        "format": SIGNATURE_FORMAT,
        "algorithm": "Ed25519",
        "signed_file": path.name,
        "signed_sha256": sha256_file(path),
        "signed_at": utc_now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "key_id": key.key_id,
        "public_key": base64.b64encode(raw_public).decode("ascii"),
    }
    fields["signature"] = base64.b64encode(key.private.sign(_canonical(fields))).decode("ascii")
    target = signature_path(path)
    write_atomic(target, _canonical(fields) + b"\n")
    return target


@dataclass(frozen=True)
class SignatureCheck:
    """What :func:`check_signature` found: ``anchored`` (valid, by a trusted key),
    ``unanchored`` (valid, by a key not trusted here), ``failed`` or ``missing``."""

    state: SignatureState
    detail: str
    key_id: str | None = None
    signed_at: str | None = None


def short_id(identifier: str | None) -> str:
    return (identifier or "?").removeprefix("sha256:")[:16]


def check_signature(path: Path, trusted: Mapping[str, Ed25519PublicKey]) -> SignatureCheck:
    """Check ``<path>.sig`` against ``path`` and say whether a trusted key made it."""
    sig = signature_path(path)
    if sig.is_symlink() or not sig.is_file():
        return SignatureCheck("missing", f"missing: {sig.name} (every seal is signed)")
    try:
        raw = sig.read_bytes()
        if len(raw) > MAX_SIGNATURE_BYTES:
            raise ValueError("too large")
        fields = json.loads(raw.decode("utf-8"))
        if not isinstance(fields, dict):
            raise ValueError("not an object")
        signature = base64.b64decode(str(fields.pop("signature")), validate=True)
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(str(fields["public_key"]), validate=True))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error) as exc:
        return SignatureCheck("failed", f"unreadable signature file ({type(exc).__name__}: {exc})")
    identifier = key_id(public)
    signed_at = str(fields.get("signed_at") or "") or None
    if fields.get("format") != SIGNATURE_FORMAT or fields.get("algorithm") != "Ed25519":
        return SignatureCheck("failed", "unknown signature format", identifier)
    if fields.get("key_id") != identifier:
        return SignatureCheck("failed", "key id does not match the public key it names", identifier)
    try:
        public.verify(signature, _canonical(fields))
    except InvalidSignature:
        return SignatureCheck("failed", "signature does not match its content (altered)", identifier)
    if fields.get("signed_file") != path.name:
        return SignatureCheck("failed", f"signs {fields.get('signed_file')!r}, not {path.name!r}", identifier)
    if not path.is_file() or sha256_file(path) != fields.get("signed_sha256"):
        return SignatureCheck("failed", f"{path.name} changed after it was signed", identifier, signed_at)
    if identifier in trusted:
        return SignatureCheck(
            "anchored", f"signed {signed_at} by trusted key {short_id(identifier)}", identifier, signed_at
        )
    return SignatureCheck(
        "unanchored",
        f"valid signature of {signed_at} by key {short_id(identifier)}, which is not trusted here "
        "(anyone can sign with a key of their own)",
        identifier,
        signed_at,
    )
