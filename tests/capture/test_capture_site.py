"""Capturing the multi-language clinic (no browser): WARC, manifest, French pages, brochure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from vigipub.capture import CaptureOptions, OutputNotEmptyError, capture_site, verify_evidence
from vigipub.cli.main import main as cli_main
from vigipub.evidence import CaptureManifest, sha256_bytes, sha256_file

from .conftest import LocalServer

OPTS = CaptureOptions(
    allow_private=True,
    browser=False,
    max_pages=40,
    case_ref="ANSM-TEST-1",
    operator="Agent Test",
    contact="inspection@example.org",
)


@pytest.fixture(scope="module")
def captured(
    clinic_server: LocalServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, CaptureManifest]:
    out = tmp_path_factory.mktemp("case") / "evidence"
    manifest = capture_site(clinic_server.base + "/", out, OPTS)
    return out, manifest


def _records(warc: Path) -> list[tuple[dict[str, str], bytes]]:
    out = []
    with open(warc, "rb") as fh:
        for record in ArchiveIterator(fh):
            headers = dict(record.rec_headers.headers)
            out.append((headers, record.content_stream().read()))
    return out


def test_layout_and_manifest(captured: tuple[Path, CaptureManifest]) -> None:
    out, manifest = captured
    assert (
        (out / "capture.warc.gz").is_file()
        and (out / "manifest.json").is_file()
        and (out / "chain.log").is_file()
    )
    assert manifest.complete and manifest.finished_at is not None
    assert manifest.case_ref == "ANSM-TEST-1" and manifest.operator == "Agent Test"
    assert "inspection@example.org" in manifest.user_agent
    assert manifest.tool.version and manifest.scope and manifest.scope.startswith("http://127.0.0.1:")
    on_disk = CaptureManifest.model_validate_json((out / "manifest.json").read_bytes())
    assert on_disk == manifest
    # every artefact digest is the file's digest
    for artefact in manifest.artefacts:
        assert sha256_file(out / artefact.path) == artefact.sha256
        assert (out / artefact.path).stat().st_size == artefact.size
    assert {a.kind for a in manifest.artefacts} >= {"warc"}
    # the server answering for 127.0.0.1 is recorded with its address
    assert any(s.ip == "127.0.0.1" for s in manifest.servers)
    assert all(p.headers for p in manifest.pages)


def test_warcio_checker_accepts_the_warc(captured: tuple[Path, CaptureManifest]) -> None:
    out, _ = captured
    warcio = Path(sys.executable).parent / "warcio"
    proc = subprocess.run(
        [str(warcio), "check", "-v", str(out / "capture.warc.gz")], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "digest pass" in proc.stdout and "failed" not in proc.stdout
    index = subprocess.run(
        [str(warcio), "index", str(out / "capture.warc.gz")], capture_output=True, text=True
    )
    assert index.returncode == 0 and '"warc-type": "response"' in index.stdout


def test_digests_are_sha256_hex_and_warcinfo_complete(captured: tuple[Path, CaptureManifest]) -> None:
    out, manifest = captured
    records = _records(out / "capture.warc.gz")
    warcinfo_headers, warcinfo = records[0]
    assert (
        warcinfo_headers["WARC-Type"] == "warcinfo"
        and warcinfo_headers["WARC-Record-ID"] == manifest.warcinfo.record_id
    )  # type: ignore[union-attr]
    info = warcinfo.decode()
    for needle in ("vigipub/", "Agent Test", "ANSM-TEST-1", "inspection@example.org"):
        assert needle in info
    for headers, _ in records:
        assert headers["WARC-Block-Digest"].startswith("sha256:") and len(headers["WARC-Block-Digest"]) == 71
        if headers["WARC-Type"] in ("response", "resource"):
            assert headers["WARC-Payload-Digest"].startswith("sha256:")
    types = {h["WARC-Type"] for h, _ in records}
    assert {"warcinfo", "request", "response", "metadata"} <= types


def test_record_refs_address_the_gzip_members(captured: tuple[Path, CaptureManifest]) -> None:
    out, manifest = captured
    import gzip

    data = (out / "capture.warc.gz").read_bytes()
    for page in manifest.pages:
        ref = page.record
        member = gzip.decompress(data[ref.offset : ref.offset + ref.length])
        assert ref.record_id.encode() in member
        body = member.split(b"\r\n\r\n", 2)[2][:-4]  # WARC head, HTTP head, body + CRLFCRLF
        assert sha256_bytes(body) == ref.payload_digest
        assert ref.warc_file == "capture.warc.gz" and ref.captured_at is not None


def test_french_pages_and_language_variants(captured: tuple[Path, CaptureManifest]) -> None:
    _, manifest = captured
    by_url = {p.final_url.split("/", 3)[3]: p for p in manifest.pages}
    for path in (
        "fr/",
        "fr/traitements.html",
        "fr/temoignages.html",
        "fr/tarifs.html",
        "fr/mentions-legales.html",
    ):
        assert path in by_url, path
        assert by_url[path].language_hint == "fr"
    assert by_url["fr/"].via == "hreflang"
    assert "en/booking.html" not in by_url  # linked only by a script: needs the browser
    assert by_url["de/"].language_hint == "de"
    assert by_url[""].language_hint == "en"


def test_brochure_pdf_is_in_the_warc(captured: tuple[Path, CaptureManifest]) -> None:
    out, manifest = captured
    pdf_pages = [p for p in manifest.pages if p.url.endswith("brochure.pdf")]
    assert (
        len(pdf_pages) == 1
        and pdf_pages[0].content_type == "application/pdf"
        and pdf_pages[0].via == "document"
    )
    bodies = [
        body
        for h, body in _records(out / "capture.warc.gz")
        if h["WARC-Type"] == "response" and h["WARC-Target-URI"].endswith("brochure.pdf")
    ]
    assert bodies and bodies[0].startswith(b"%PDF-") and b"Helios brochure" in bodies[0]


def test_robots_and_non_http_links_recorded(
    captured: tuple[Path, CaptureManifest], clinic_server: LocalServer
) -> None:
    out, manifest = captured
    skipped = {(s.url.split("/", 3)[-1], s.reason) for s in manifest.skipped}
    assert ("private/secret.html", "robots") in skipped
    assert not any(p.url.endswith("secret.html") for p in manifest.pages)
    seed = manifest.pages[0]
    assert seed.outlinks is not None
    outlinks = [
        b for h, b in _records(out / "capture.warc.gz") if h["WARC-Record-ID"] == seed.outlinks.record_id
    ][0].decode()
    assert "outlink: mailto:info@helios.example" in outlinks and "hreflang fr" in outlinks


def test_verify_passes(captured: tuple[Path, CaptureManifest]) -> None:
    out, manifest = captured
    report = verify_evidence(out)
    assert report.ok, report.problems
    assert report.states["manifest.json"] == "verified" and report.states["chain.log"] == "verified"
    assert report.states["capture.warc.gz"] == "verified"
    assert report.record_state(manifest.pages[0].record.record_id) == "verified"
    # a dossier folder containing evidence/ works too
    assert verify_evidence(out.parent).states["evidence/manifest.json"] == "verified"


def test_cli_verify_exit_codes(
    captured: tuple[Path, CaptureManifest], capsys: pytest.CaptureFixture[str]
) -> None:
    out, _ = captured
    assert cli_main(["verify", str(out.parent)]) == 0
    assert cli_main(["verify", str(out / "nope")]) == 2


def test_output_folder_not_empty_is_refused(
    captured: tuple[Path, CaptureManifest], clinic_server: LocalServer
) -> None:
    out, _ = captured
    before = (out / "manifest.json").read_bytes()
    with pytest.raises(OutputNotEmptyError):
        capture_site(clinic_server.base + "/", out, OPTS)
    assert (out / "manifest.json").read_bytes() == before
    assert (
        cli_main(
            [
                "capture",
                clinic_server.base + "/",
                "--out",
                str(out),
                "--no-browser",
                "--allow-private",
                "--quiet",
            ]
        )
        == 2
    )


def test_uncreatable_output_folder_is_a_one_line_error(
    clinic_server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA: --out under a file (or a read-only place) raised a FileNotFoundError traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("precious")
    out = blocker / "evidence"
    args = [
        "capture",
        clinic_server.base + "/",
        "--out",
        str(out),
        "--no-browser",
        "--allow-private",
        "--quiet",
    ]
    assert cli_main(args) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"{out}: cannot create the output folder" in err
    assert blocker.read_text() == "precious"


def test_page_budget_and_priorities(clinic_server: LocalServer, tmp_path: Path) -> None:
    manifest = capture_site(
        clinic_server.base + "/",
        tmp_path / "ev",
        CaptureOptions(allow_private=True, browser=False, max_pages=4, concurrency=1),
    )
    urls = [p.final_url.split("/", 3)[3] for p in manifest.pages]
    # the French home page is captured even with a tiny budget; pages that matter come before "news"
    assert "fr/" in urls
    assert "news.html" not in urls and "about.html" not in urls
    assert any(s.reason == "max_pages" for s in manifest.skipped)


def test_cli_capture_and_chain_continues_in_the_case(clinic_server: LocalServer, tmp_path: Path) -> None:
    case = tmp_path / "case"
    assert (
        cli_main(
            [
                "capture",
                clinic_server.base + "/",
                "--out",
                str(case / "evidence"),
                "--no-browser",
                "--allow-private",
                "--quiet",
                "--max-pages",
                "3",
            ]
        )
        == 0
    )
    assert (
        cli_main(
            [
                "capture",
                clinic_server.base + "/fr/",
                "--out",
                str(case / "evidence-2"),
                "--no-browser",
                "--allow-private",
                "--quiet",
                "--max-pages",
                "3",
            ]
        )
        == 0
    )
    first = (case / "evidence" / "chain.log").read_bytes().splitlines()
    second = (case / "evidence-2" / "chain.log").read_bytes().splitlines()
    assert len(first) == 1 and len(second) == 2 and second[0] == first[0]
    entry = json.loads(second[1])
    assert entry["prev"] == sha256_bytes(first[0]) and entry["manifest_sha256"] == sha256_file(
        case / "evidence-2" / "manifest.json"
    )
    report = verify_evidence(case)
    assert report.ok, report.problems
    assert report.evidence_folders == ["evidence", "evidence-2"]
    # the earlier capture is re-checked through the later chain
    (case / "evidence" / "manifest.json").write_bytes(
        (case / "evidence" / "manifest.json").read_bytes().replace(b'"seed_url"', b'"seed_url" ', 1)
    )
    report = verify_evidence(case)
    assert (
        not report.ok
        and "evidence-2/chain.log" in report.states
        and report.states["evidence-2/chain.log"] == "failed"
    )
