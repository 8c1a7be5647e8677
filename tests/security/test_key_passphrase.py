"""The agency's private key encrypted with a passphrase: made so, protected later, refused
without it (one line naming the file), and verification needs no passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from vigipub.cli.main import cli
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


def _encrypted_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passphrase: str) -> tuple[Path, Path, str]:
    """A new agency key encrypted with ``passphrase`` (left in the environment): its folder,
    private key file and id."""
    monkeypatch.setenv("VIGIPUB_KEY_PASSPHRASE", passphrase)
    folder = tmp_path / "keys"
    return folder, folder / PRIVATE_KEY_FILE, load_signing_key(folder).key_id


def _secret(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _signs_and_verifies(folder: Path, tmp_path: Path, key_id: str) -> None:
    """The key in ``folder`` opens with the environment's passphrase, is the same key, and its
    signature is anchored by the folder's trusted keys."""
    key = load_signing_key(folder, create=False)
    assert key.key_id == key_id
    signed = tmp_path / "dossier.sha256"
    signed.write_text("sha256:00 file\n", encoding="utf-8")
    sign_file(signed, key)
    assert check_signature(signed, load_trusted_keys(folder)).state == "anchored"


def test_passphrase_changed_from_a_file_old_one_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, private, key_id = _encrypted_key(tmp_path, monkeypatch, "inspector who left")
    assert private.stat().st_mode & 0o777 == 0o600
    new = _secret(tmp_path, "new-passphrase", "the office's new secret\n")

    assert cli_main(["key", "passphrase", "--key-dir", str(folder), "--new-passphrase-file", str(new)]) == 0
    out = capsys.readouterr().out
    assert str(private) in out and key_id.removeprefix("sha256:")[:16] in out
    assert is_encrypted(private) and private.stat().st_mode & 0o777 == 0o600
    assert not private.with_name(private.name + ".part").exists()

    with pytest.raises(SigningKeyError, match="wrong passphrase"):
        load_signing_key(folder)  # the old passphrase opens it no more
    monkeypatch.delenv("VIGIPUB_KEY_PASSPHRASE")
    monkeypatch.setenv("VIGIPUB_KEY_PASSPHRASE_FILE", str(new))
    _signs_and_verifies(folder, tmp_path, key_id)


def test_a_wrong_current_passphrase_or_an_empty_new_one_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, private, key_id = _encrypted_key(tmp_path, monkeypatch, "right")
    private.chmod(0o400)  # whatever mode the agency gave it is kept
    before = private.read_bytes()
    new = _secret(tmp_path, "new-passphrase", "another\n")
    empty = _secret(tmp_path, "empty", "\n")

    monkeypatch.setenv("VIGIPUB_KEY_PASSPHRASE", "wrong")
    code = cli_main(["key", "passphrase", "--key-dir", str(folder), "--new-passphrase-file", str(new)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "wrong passphrase" in err and str(private) in err
    assert private.read_bytes() == before

    monkeypatch.setenv("VIGIPUB_KEY_PASSPHRASE", "right")
    code = cli_main(["key", "passphrase", "--key-dir", str(folder), "--new-passphrase-file", str(empty)])
    err = capsys.readouterr().err
    assert code == 2 and "empty" in err and err.count("\n") == 1
    runner = CliRunner()
    result = runner.invoke(cli, ["key", "passphrase", "--key-dir", str(folder)], input="\n\n")
    assert isinstance(result.exception, SigningKeyError) and "new passphrase is empty" in str(result.exception)
    assert private.read_bytes() == before and private.stat().st_mode & 0o777 == 0o400

    # asked twice, hidden: the answer never shows on the terminal
    result = runner.invoke(cli, ["key", "passphrase", "--key-dir", str(folder)], input="typed twice\ntyped twice\n")
    assert result.exit_code == 0, result.output
    assert "typed twice" not in result.output and "Repeat for confirmation" in result.output
    assert private.read_bytes() != before and private.stat().st_mode & 0o777 == 0o400
    monkeypatch.setenv("VIGIPUB_KEY_PASSPHRASE", "typed twice")
    _signs_and_verifies(folder, tmp_path, key_id)


def test_passphrase_removed_keeps_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, private, key_id = _encrypted_key(tmp_path, monkeypatch, "to drop")
    assert cli_main(["key", "passphrase", "--key-dir", str(folder), "--remove"]) == 0
    assert not is_encrypted(private) and private.stat().st_mode & 0o777 == 0o600
    monkeypatch.delenv("VIGIPUB_KEY_PASSPHRASE")
    _signs_and_verifies(folder, tmp_path, key_id)
