"""A seal nobody can recompute: forgeries of a sealed dossier, as a forger would make them.

The dossier is one the demo investigated (signed with the test session's agency key). A
forger drops a page from the manifest, changes the operator, recomputes ``chain.log`` and
``dossier.sha256``: the agency's signatures then fail; re-signed with the forger's own key,
the dossier is "verified but not anchored" (exit 3), never "verified" (exit 0).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vigipub.capture import verify_evidence
from vigipub.capture.chain import make_entry, read_lines
from vigipub.cli.main import main as cli_main
from vigipub.evidence import CaptureManifest, sha256_file
from vigipub.evidence.seal import DOSSIER_SEAL, read_seal
from vigipub.evidence.signing import (
    PRIVATE_KEY_FILE,
    load_signing_key,
    load_trusted_keys,
    sign_file,
)


@pytest.fixture(scope="module")
def signed_dossier(demo_run) -> Path:  # type: ignore[no-untyped-def]
    out, result = demo_run
    assert result.returncode == 0, result.stderr[-2000:]
    return out / "dendritic-clinic"


@pytest.fixture
def dossier(signed_dossier: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "dossier"
    shutil.copytree(signed_dossier, copy, symlinks=True)
    return copy


def _verify_cli(folder: Path, *args: str) -> int:
    """``vigipub verify`` in this process (the exit code is what main() returns)."""
    return cli_main(["verify", str(folder), *args])


def _forge(dossier: Path) -> None:
    """Drop a page, rename the operator, recompute the chain's last line and the dossier seal."""
    evidence = dossier / "evidence"
    manifest = json.loads((evidence / "manifest.json").read_bytes())
    manifest["pages"] = manifest["pages"][:-1]
    manifest["operator"] = "someone else"
    (evidence / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    lines = read_lines(evidence / "chain.log")
    last = json.loads(lines[-1])
    fields = {k: v for k, v in last.items() if k not in ("entry_sha256", "prev", "seq")}
    fields["manifest_sha256"] = sha256_file(evidence / "manifest.json")
    new_last = make_entry(lines[-2] if len(lines) > 1 else None, len(lines), **fields)
    (evidence / "chain.log").write_bytes(b"".join(line + b"\n" for line in [*lines[:-1], new_last]))
    sealed = read_seal(dossier) or {}
    text = "".join(f"{sha256_file(dossier / name).removeprefix('sha256:')}  {name}\n" for name in sealed)
    (dossier / DOSSIER_SEAL).write_text(text, encoding="utf-8")


def test_the_agencys_dossier_is_verified_and_anchored(dossier: Path) -> None:
    report = verify_evidence(dossier)
    assert report.outcome == "anchored", report.problems
    assert set(report.signatures) == {"evidence/chain.log", DOSSIER_SEAL}
    assert _verify_cli(dossier) == 0


def test_recomputed_digests_break_the_agencys_signatures(dossier: Path) -> None:
    _forge(dossier)
    report = verify_evidence(dossier)
    assert report.outcome == "failed"
    assert report.states["evidence/chain.log.sig"] == "failed" and report.states[f"{DOSSIER_SEAL}.sig"] == "failed"
    assert "changed after it was signed" in report.details["evidence/chain.log.sig"]
    assert _verify_cli(dossier) == 1


def test_resigned_by_the_forger_is_not_anchored(
    dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _forge(dossier)
    forger = load_signing_key(tmp_path / "forger-keys")
    sign_file(dossier / "evidence" / "chain.log", forger)
    sign_file(dossier / DOSSIER_SEAL, forger)
    report = verify_evidence(dossier)
    assert report.ok and report.outcome == "unanchored", report.problems
    assert _verify_cli(dossier) == 3
    assert "not anchored" in capsys.readouterr().err
    # trusting the forger's key is a choice the verifier makes, never the dossier
    assert verify_evidence(dossier, load_trusted_keys(tmp_path / "forger-keys")).outcome == "anchored"


def test_exported_public_key_anchors_on_another_machine(
    dossier: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = tmp_path / "agency.pem"
    assert cli_main(["key", "export", "--out", str(exported)]) == 0
    assert b"PUBLIC KEY" in exported.read_bytes() and b"PRIVATE" not in exported.read_bytes()
    monkeypatch.setenv("VIGIPUB_KEY_DIR", str(tmp_path / "empty-key-folder"))
    assert _verify_cli(dossier) == 3  # no trusted key on that machine
    assert _verify_cli(dossier, "--trusted-key", str(exported)) == 0
    assert not (tmp_path / "empty-key-folder" / PRIVATE_KEY_FILE).exists()  # verify never creates keys


@pytest.mark.parametrize(
    "remove",
    [DOSSIER_SEAL, f"{DOSSIER_SEAL}.sig", "evidence/chain.log.sig", "evidence/chain.log"],
)
def test_a_missing_seal_or_signature_fails(dossier: Path, remove: str) -> None:
    (dossier / remove).unlink()
    report = verify_evidence(dossier)
    assert report.outcome == "failed", remove
    assert _verify_cli(dossier) == 1


def test_without_its_seal_an_edited_decision_fails(dossier: Path) -> None:
    (dossier / DOSSIER_SEAL).unlink()
    decision = dossier / "decision.html"
    decision.write_text(decision.read_text(encoding="utf-8").replace("Considérant", "Considérons", 1), encoding="utf-8")
    report = verify_evidence(dossier)
    assert report.outcome == "failed" and any(p.startswith(DOSSIER_SEAL) for p in report.problems)


def test_an_extra_file_fails_in_the_dossier_and_in_its_evidence(dossier: Path) -> None:
    (dossier / "evidence" / "screenshots" / "9999.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (dossier / "letter.html").write_text("<p>forged</p>", encoding="utf-8")
    report = verify_evidence(dossier)
    assert report.states["evidence/screenshots/9999.png"] == "failed"
    assert report.states["letter.html"] == "failed"
    assert report.outcome == "failed"


def test_a_symlink_to_an_identical_copy_fails(dossier: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside-findings.json"
    shutil.copyfile(dossier / "findings.json", outside)
    (dossier / "findings.json").unlink()
    (dossier / "findings.json").symlink_to(outside)
    warc = dossier / "evidence" / "capture.warc.gz"
    shutil.copyfile(warc, tmp_path / "copy.warc.gz")
    warc.unlink()
    warc.symlink_to(tmp_path / "copy.warc.gz")
    report = verify_evidence(dossier)
    assert report.states["findings.json"] == "failed" and report.states["evidence/capture.warc.gz"] == "failed"
    assert report.outcome == "failed"


def test_a_capture_refuses_to_start_without_a_usable_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the key folder should be", encoding="utf-8")
    monkeypatch.setenv("VIGIPUB_KEY_DIR", str(blocked / "keys"))
    code = cli_main(["capture", "http://127.0.0.1:9/", "--out", str(tmp_path / "ev"), "--allow-private", "--no-browser"])
    err = capsys.readouterr().err
    assert code == 2 and "signing key" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "ev").exists()


def test_the_key_is_private_to_its_owner(tmp_path: Path) -> None:
    key = load_signing_key(tmp_path / "keys")
    assert (tmp_path / "keys" / PRIVATE_KEY_FILE).stat().st_mode & 0o077 == 0
    assert load_signing_key(tmp_path / "keys").key_id == key.key_id  # created once, then reused


def test_manifest_of_the_demo_dossier_is_complete(signed_dossier: Path) -> None:
    manifest = CaptureManifest.model_validate_json((signed_dossier / "evidence" / "manifest.json").read_bytes())
    assert manifest.complete and not manifest.interrupted
    assert not (signed_dossier / "UNFINISHED.json").exists()


def test_a_key_the_agency_trusts_anchors(
    dossier: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A former key or another office's: `vigipub key trust FILE` makes its seals anchored."""
    office = load_signing_key(tmp_path / "other-office")
    sign_file(dossier / "evidence" / "chain.log", office)
    sign_file(dossier / DOSSIER_SEAL, office)
    monkeypatch.setenv("VIGIPUB_KEY_DIR", str(tmp_path / "agency"))
    assert cli_main(["key", "show"]) == 0 and "key id" in capsys.readouterr().out
    assert _verify_cli(dossier) == 3
    assert cli_main(["key", "trust", str(tmp_path / "other-office" / PRIVATE_KEY_FILE)]) == 0
    trusted = list((tmp_path / "agency" / "trusted").glob("*.pem"))
    assert len(trusted) == 1 and b"PRIVATE" not in trusted[0].read_bytes()  # only the public half
    assert _verify_cli(dossier) == 0
