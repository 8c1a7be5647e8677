"""Sealing: chain.log, RFC 3161 token from a real local TSA, and verify catching any flip."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from vigipub.capture import CaptureOptions, capture_site, verify_evidence
from vigipub.capture import tsa as tsa_mod
from vigipub.capture.chain import check, make_entry
from vigipub.capture.options import chromium_available
from vigipub.cli.main import main as cli_main
from vigipub.evidence import CaptureManifest, sha256_file
from vigipub.evidence.signing import load_signing_key, sign_file

from .conftest import LocalServer, TsaServer


@pytest.fixture(scope="module")
def sealed(
    clinic_server: LocalServer, tsa_server: TsaServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, CaptureManifest]:
    """A small capture with screenshots (when Chromium exists) and a time-stamp token."""
    out = tmp_path_factory.mktemp("sealed") / "evidence"
    opts = CaptureOptions(
        allow_private=True,
        browser=chromium_available(),
        max_pages=3,
        tsa_url=tsa_server.url,
        tsa_ca_file=tsa_server.workdir / "ca.crt",
    )
    return out, capture_site(clinic_server.base + "/", out, opts)


def test_token_requested_and_verified(sealed: tuple[Path, CaptureManifest], tsa_server: TsaServer) -> None:
    out, _ = sealed
    assert tsa_server.requests >= 1
    tsr = out / "timestamps" / "manifest.tsr"
    assert tsr.is_file()
    entry = json.loads((out / "chain.log").read_text().splitlines()[-1])
    assert entry["tsr"] == "timestamps/manifest.tsr" and entry["tsr_sha256"] == sha256_file(tsr)
    assert entry["manifest_sha256"] == sha256_file(out / "manifest.json")
    report = verify_evidence(out)
    assert report.ok, report.problems
    assert report.states["timestamps/manifest.tsr"] == "verified"
    assert "stored CA" in report.details["timestamps/manifest.tsr"]
    # the token is also accepted by openssl directly, against the test CA
    digest = entry["manifest_sha256"].split(":", 1)[1]
    proc = subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-digest",
            digest,
            "-in",
            str(tsr),
            "-CAfile",
            str(tsa_server.workdir / "ca.crt"),
        ],
        capture_output=True,
        text=True,
    )
    assert "Verification: OK" in proc.stdout


def test_token_for_another_digest_fails(sealed: tuple[Path, CaptureManifest], tsa_server: TsaServer) -> None:
    out, _ = sealed
    tsr = out / "timestamps" / "manifest.tsr"
    wrong = "00" * 32
    result = tsa_mod.verify_token(tsr, wrong, tsa_server.workdir / "ca.crt")
    assert result.state == "failed" and "imprint" in result.detail


def test_token_signature_tampering_fails(
    sealed: tuple[Path, CaptureManifest], tsa_server: TsaServer, tmp_path: Path
) -> None:
    out, _ = sealed
    digest = sha256_file(out / "manifest.json").split(":", 1)[1]
    data = bytearray((out / "timestamps" / "manifest.tsr").read_bytes())
    data[-5] ^= 0x01  # inside the signature value
    bad = tmp_path / "bad.tsr"
    bad.write_bytes(bytes(data))
    assert tsa_mod.verify_token(bad, digest, tsa_server.workdir / "ca.crt").state == "failed"
    # without the CA the embedded certificate still checks the signature
    good = tsa_mod.verify_token(out / "timestamps" / "manifest.tsr", digest, None)
    assert good.state == "verified" and "not anchored" in good.detail
    assert tsa_mod.verify_token(bad, digest, None).state == "failed"


def _flip(path: Path, position: int) -> None:
    data = bytearray(path.read_bytes())
    data[position] ^= 0x01
    path.write_bytes(bytes(data))


def _kinds(out: Path, manifest: CaptureManifest) -> dict[str, str]:
    kinds = {
        "warc": "capture.warc.gz",
        "manifest": "manifest.json",
        "chain": "chain.log",
        "timestamp": "timestamps/manifest.tsr",
        "tsa_ca": "timestamps/tsa-ca.pem",
    }
    shots = [a.path for a in manifest.artefacts if a.kind == "screenshot"]
    if shots:
        kinds["screenshot"] = shots[0]
    return kinds


def test_one_byte_flip_anywhere_is_caught(sealed: tuple[Path, CaptureManifest], tmp_path: Path) -> None:
    out, manifest = sealed
    kinds = _kinds(out, manifest)
    if chromium_available():
        assert "screenshot" in kinds
    for kind, rel in kinds.items():
        size = (out / rel).stat().st_size
        for position in sorted({0, size // 3, size // 2, size - 1}):
            copy = tmp_path / f"{kind}-{position}" / "evidence"
            shutil.copytree(out, copy)
            _flip(copy / rel, position)
            report = verify_evidence(copy.parent)
            assert not report.ok, f"flip of byte {position} in {rel} not detected"
            named = {p.split(": ", 1)[0] for p in report.problems}
            expected = f"evidence/{rel}"
            assert any(name.startswith(expected) for name in named), (kind, position, report.problems)
            assert any(state == "failed" for state in report.states.values())


def test_cli_verify_fails_naming_the_artefact(
    sealed: tuple[Path, CaptureManifest], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, manifest = sealed
    copy = tmp_path / "case" / "evidence"
    shutil.copytree(out, copy)
    _flip(copy / "capture.warc.gz", (copy / "capture.warc.gz").stat().st_size // 2)
    assert cli_main(["verify", str(copy.parent)]) == 1
    captured = capsys.readouterr()
    assert "evidence/capture.warc.gz" in captured.err and "FAILED" in captured.err


def test_deleted_manifest_is_an_integrity_failure(
    sealed: tuple[Path, CaptureManifest], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA: deleting evidence/manifest.json made verify answer "no evidence folder found"
    (exit 2, an input error) instead of naming the removed manifest (exit 1)."""
    out, _ = sealed
    copy = tmp_path / "case" / "evidence"
    shutil.copytree(out, copy)
    (copy / "manifest.json").unlink()
    assert cli_main(["verify", str(copy.parent)]) == 1
    assert "evidence/manifest.json" in capsys.readouterr().err
    assert cli_main(["verify", str(copy)]) == 1


def test_chain_entries_are_canonical_and_linked() -> None:
    first = make_entry(None, 1, manifest_sha256="sha256:aa", time="t1")
    second = make_entry(first, 2, manifest_sha256="sha256:bb", time="t2")
    entries, problems = check([first, second])
    assert not problems and len(entries) == 2
    _, problems = check([second, first])
    assert problems
    edited = second.replace(b'"t2"', b'"t3"')
    _, problems = check([first, edited])
    assert any("entry digest" in p for p in problems)


def test_tsa_refusal_is_an_input_error(clinic_server: LocalServer, tmp_path: Path) -> None:
    from vigipub.capture.tsa import TimestampError

    with pytest.raises(TimestampError, match="capture kept, chained and signed"):
        capture_site(
            clinic_server.base + "/",
            tmp_path / "ev",
            CaptureOptions(
                allow_private=True, browser=False, max_pages=1, tsa_url=clinic_server.base + "/no-tsa"
            ),
        )
    entry = json.loads((tmp_path / "ev" / "chain.log").read_text().splitlines()[-1])
    assert entry["tsr"] is None and "answered HTTP 501" in entry["tsa_error"]
    assert verify_evidence(tmp_path / "ev").ok


def _fake_evidence(folder: Path, seed_url: str, case_ref: str | None, previous: list[bytes]) -> list[bytes]:
    """An evidence folder reduced to what chaining reads: manifest.json and chain.log."""
    folder.mkdir(parents=True)
    manifest = json.dumps({"case_ref": case_ref, "seed_url": seed_url}).encode()
    (folder / "manifest.json").write_bytes(manifest)
    line = make_entry(
        previous[-1] if previous else None,
        len(previous) + 1,
        evidence=folder.name,
        manifest_sha256=sha256_file(folder / "manifest.json"),
        seed_url=seed_url,
        time="2026-01-01T00:00:00Z",
        tsr=None,
        tsr_sha256=None,
    )
    lines = [*previous, line]
    (folder / "chain.log").write_bytes(b"".join(x + b"\n" for x in lines))
    return lines


def test_unrelated_captures_side_by_side_are_not_chained(tmp_path: Path) -> None:
    """QA: captures of different sites saved in one working folder were chained together, so
    a case's chain.log listed other investigations' URLs and redoing one of them made the
    others fail verify. Only captures of the same case (case_ref, else same site) chain."""
    from vigipub.capture.chain import find_previous_chain

    clinic = _fake_evidence(tmp_path / "clinic-a", "https://www.clinic-a.com/", None, [])
    other = tmp_path / "clinic-b"
    assert find_previous_chain(other, None, seed_url="https://clinic-b.com/") == []
    # the same site (another host of the same registrable domain) continues the chain
    assert find_previous_chain(other, None, seed_url="https://fr.clinic-a.com/") == clinic
    # a case reference decides when one is given, on either side
    assert find_previous_chain(other, None, seed_url="https://www.clinic-a.com/", case_ref="X") == []
    ref = _fake_evidence(tmp_path / "case-x", "https://clinic-c.ch/", "X", [])
    assert find_previous_chain(other, None, seed_url="https://clinic-d.de/", case_ref="X") == ref
    # an explicit chain_from is always honoured
    assert find_previous_chain(other, tmp_path / "clinic-a", seed_url="https://clinic-b.com/") == clinic


def test_a_redone_sibling_capture_recorded_in_the_chain_is_not_a_failure(
    sealed: tuple[Path, CaptureManifest], tmp_path: Path
) -> None:
    """QA: a failed capture deleted and redone under the same folder name left its first
    entry in the case chain, and every later capture of the case then failed verify forever.
    A later entry for the same folder records the redo openly; an unrecorded change still fails."""
    out, _ = sealed
    case = tmp_path / "case"
    first = _fake_evidence(case / "early", "https://clinic.com/", None, [])
    shutil.rmtree(case / "early")
    redone = _fake_evidence(case / "early", "https://clinic.com/fr/", None, first)
    evidence = case / "evidence"
    shutil.copytree(out, evidence)
    own = json.loads((out / "chain.log").read_bytes().splitlines()[-1])
    fields = {k: v for k, v in own.items() if k not in ("entry_sha256", "prev", "seq")}
    line = make_entry(redone[-1], len(redone) + 1, **fields)
    (evidence / "chain.log").write_bytes(b"".join(x + b"\n" for x in [*redone, line]))
    sign_file(evidence / "chain.log", load_signing_key())  # as the capture of the case would
    report = verify_evidence(evidence)
    assert report.ok, report.problems
    # the redone folder altered afterwards, without a chain entry: caught
    (case / "early" / "manifest.json").write_bytes(b'{"case_ref": null, "seed_url": "forged"}')
    report = verify_evidence(evidence)
    assert not report.ok and any("early" in p for p in report.problems), report.problems


def test_the_dossier_seal_is_signed_and_time_stamped(
    sealed: tuple[Path, CaptureManifest], tsa_server: TsaServer, tmp_path: Path
) -> None:
    """Every seal is signed; with a time-stamping authority the dossier's seal also gets a
    token (issue 18), checked by verify against the CA the capture stored."""
    from vigipub.evidence.seal import DOSSIER_SEAL, DOSSIER_TIMESTAMP
    from vigipub.pipeline import seal_dossier

    out, _ = sealed
    dossier = tmp_path / "dossier"
    shutil.copytree(out, dossier / "evidence")
    for name in ("findings.json", "authorisations.json", "qualification.json", "report.html", "decision.html"):
        (dossier / name).write_text(f"{name} as drafted", encoding="utf-8")
    requests = tsa_server.requests
    seal_dossier(dossier)  # the TSA the capture used (from its manifest)
    assert tsa_server.requests == requests + 1
    assert (dossier / f"{DOSSIER_SEAL}.sig").is_file() and (dossier / DOSSIER_TIMESTAMP).is_file()
    report = verify_evidence(dossier)
    assert report.outcome == "anchored", report.problems
    assert report.states[DOSSIER_TIMESTAMP] == "verified" and "stored CA" in report.details[DOSSIER_TIMESTAMP]
    _flip(dossier / DOSSIER_TIMESTAMP, (dossier / DOSSIER_TIMESTAMP).stat().st_size - 5)
    assert verify_evidence(dossier).states[DOSSIER_TIMESTAMP] == "failed"
