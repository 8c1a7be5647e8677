"""The agency's private key encrypted with a passphrase: made so, protected later, refused
without it (one line naming the file), and verification needs no passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigipub.cli.main import main as cli_main
from vigipub.evidence.signing import (
    PRIVATE_KEY_FILE,
    SigningKeyError,
    check_signature,
    is_encrypted,
    load_signing_key,
    load_trusted_keys,
    sign_file,
)


def test_a_key_made_with_a_passphrase_is_encrypted_and_needs_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIPUB_KEY_PASSPHRASE", "correct horse battery staple")
    folder = tmp_path / "keys"
    key = load_signing_key(folder)
    private = folder / PRIVATE_KEY_FILE
    assert is_encrypted(private) and b"ENCRYPTED PRIVATE KEY" in private.read_bytes()
    assert private.stat().st_mode & 0o077 == 0
    signed = tmp_path / "chain.log"
    signed.write_text("a line\n", encoding="utf-8")
    sign_file(signed, key)

    monkeypatch.delenv("VIGIPUB_KEY_PASSPHRASE")
    with pytest.raises(SigningKeyError, match="encrypted: give its passphrase") as info:
        load_signing_key(folder)
    assert info.value.where == str(private)
    monkeypatch.setenv("VIGIPUB_KEY_PASSPHRASE", "wrong")
    with pytest.raises(SigningKeyError, match="wrong passphrase"):
        load_signing_key(folder)

    # a verifier needs no passphrase: the public half is trusted
    monkeypatch.delenv("VIGIPUB_KEY_PASSPHRASE")
    trusted = load_trusted_keys(folder)
    assert list(trusted) == [key.key_id]
    assert check_signature(signed, trusted).state == "anchored"


def test_protect_encrypts_an_existing_key_without_changing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "keys"
    plain = load_signing_key(folder)
    assert not is_encrypted(folder / PRIVATE_KEY_FILE)
    secret = tmp_path / "passphrase.txt"
    secret.write_text("from a mounted secret\n", encoding="utf-8")
    monkeypatch.setenv("VIGIPUB_KEY_PASSPHRASE_FILE", str(secret))
    assert cli_main(["key", "protect", "--key-dir", str(folder)]) == 0
    assert is_encrypted(folder / PRIVATE_KEY_FILE)
    assert load_signing_key(folder).key_id == plain.key_id
    assert cli_main(["key", "show", "--key-dir", str(folder)]) == 0
    assert "encrypted with a passphrase" in capsys.readouterr().out

    # showing or exporting the public half needs no passphrase; a process that signs does
    monkeypatch.delenv("VIGIPUB_KEY_PASSPHRASE_FILE")
    assert cli_main(["key", "show", "--key-dir", str(folder)]) == 0
    assert plain.key_id in capsys.readouterr().out
    assert cli_main(["key", "export", "--key-dir", str(folder), "--out", str(tmp_path / "agency.pem")]) == 0
    capsys.readouterr()
    monkeypatch.setenv("VIGIPUB_KEY_DIR", str(folder))
    code = cli_main(["capture", "http://127.0.0.1:9/", "--out", str(tmp_path / "ev"), "--allow-private", "--no-browser"])
    err = capsys.readouterr().err
    assert code == 2 and "VIGIPUB_KEY_PASSPHRASE" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "ev").exists()

    monkeypatch.setenv("VIGIPUB_KEY_PASSPHRASE_FILE", str(tmp_path / "missing.txt"))
    with pytest.raises(SigningKeyError, match="passphrase file"):
        load_signing_key(folder)
