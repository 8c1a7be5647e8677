"""Interrupted work resumes: Ctrl-C, SIGTERM and SIGKILL at any stage leave a folder that
says what it is, whose manifest lists what its WARC holds, and that ``investigate --resume``
finishes into a sealed, anchored dossier."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from vigipub.capture import verify_evidence
from vigipub.capture.warc import iter_records
from vigipub.cli.main import main as cli_main
from vigipub.evidence import CaptureManifest
from vigipub.evidence.capture import FETCHED_FOR_HEADER
from vigipub.evidence.seal import UNFINISHED_MARKER

from .conftest import Site, send

PAGES = 120


def _slow_site(site: Callable[..., Site], delay: float = 0.1) -> Site:
    def route(n: int):  # type: ignore[no-untyped-def]
        links = "".join(f"<a href='/p/{(n * 7 + k) % PAGES}'>traitement {k}</a>" for k in range(1, 6))
        body = (
            "<!DOCTYPE html><html lang=fr><body><h1>Cellules souches</h1>"
            f"<p>Nos cellules souches guérissent l'autisme (page {n}).</p>{links}</body></html>"
        ).encode()

        def handler(h) -> None:  # type: ignore[no-untyped-def]
            time.sleep(delay)
            send(h, 200, body, "text/html; charset=utf-8")

        return handler

    routes = {f"/p/{n}": route(n) for n in range(PAGES)}
    routes["/"] = routes["/p/0"]
    return site(routes)


def _start(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "vigipub", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _wait_for_pages(manifest: Path, at_least: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if len(json.loads(manifest.read_bytes())["pages"]) >= at_least:
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.03)
    raise AssertionError("the capture did not get that far")


def _page_records(warc: Path) -> set[str]:
    """Record ids of the page responses in the WARC (not robots.txt, not sub-resources)."""
    return {
        r.record_id
        for r in iter_records(warc)
        if r.record_type == "response"
        and FETCHED_FOR_HEADER not in r.headers
        and not r.target_uri.endswith("/robots.txt")
    }


CRAWL = ["--no-browser", "--allow-private", "--no-sitemaps", "--max-pages", str(PAGES), "--max-depth", "50"]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stopped_capture_lists_every_page_its_warc_holds(
    site: Callable[..., Site], tmp_path: Path, stop: signal.Signals
) -> None:
    # slow enough that the capture is still running when the signal comes, even on a loaded
    # machine (at 0.1 s a page, a run with other jobs saw all 120 pages fetched first)
    server = _slow_site(site, delay=0.3)
    out = tmp_path / "ev"
    proc = _start(["capture", server.base + "/", "--out", str(out), "--quiet", *CRAWL])
    _wait_for_pages(out / "manifest.json", 6, proc)
    proc.send_signal(stop)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err.decode()[-500:]
    assert err.decode().strip() in ("aborted", "interrupted")  # one line, no traceback
    manifest = CaptureManifest.model_validate_json((out / "manifest.json").read_bytes())
    assert not manifest.complete and len(manifest.pages) >= 6
    assert {p.record.record_id for p in manifest.pages} == _page_records(out / "capture.warc.gz")
    report = verify_evidence(out)
    assert report.ok and report.outcome == "incomplete", report.problems


@pytest.mark.slow
def test_investigate_killed_during_capture_is_resumed(site: Callable[..., Site], tmp_path: Path) -> None:
    server = _slow_site(site)
    dossier = tmp_path / "case"
    proc = _start(["investigate", server.base + "/", "--out", str(dossier), *CRAWL])
    _wait_for_pages(dossier / "evidence" / "manifest.json", 5, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    marker = json.loads((dossier / UNFINISHED_MARKER).read_bytes())
    assert marker["stage"] == "capture" and marker["url"] == server.base + "/"
    assert "--resume" in marker["resume"]
    assert verify_evidence(dossier).outcome == "incomplete"
    assert cli_main(["verify", str(dossier)]) == 4
    # a plain re-run is refused (the folder is not empty); --resume finishes it
    assert cli_main(["investigate", server.base + "/", "--out", str(dossier), *CRAWL]) == 2
    hits = len(server.hits)
    assert cli_main(["investigate", "--resume", "--out", str(dossier)]) == 0
    assert len(server.hits) == hits  # finished from the evidence, nothing fetched again
    manifest = CaptureManifest.model_validate_json((dossier / "evidence" / "manifest.json").read_bytes())
    assert manifest.complete and manifest.interrupted and len(manifest.pages) >= 5
    assert any("interrupted" in note for note in manifest.notes)
    assert not (dossier / UNFINISHED_MARKER).exists()
    findings = json.loads((dossier / "findings.json").read_bytes())
    assert len(findings["pages"]) >= len(manifest.pages)
    assert verify_evidence(dossier).outcome == "anchored"
    assert cli_main(["investigate", "--resume", "--out", str(dossier)]) == 2  # nothing left to resume


def test_investigate_stopped_during_analysis_is_resumed(
    site: Callable[..., Site], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vigipub import pipeline

    server = _slow_site(site, delay=0)
    dossier = tmp_path / "case"
    crawl = [*CRAWL[:-4], "--max-pages", "4"]

    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "analyze_to_file", stopped)
        assert cli_main(["investigate", server.base + "/", "--out", str(dossier), *crawl]) == 130
    assert json.loads((dossier / UNFINISHED_MARKER).read_bytes())["stage"] == "analysis"
    report = verify_evidence(dossier)
    assert report.ok and report.outcome == "incomplete"
    assert report.states["evidence/manifest.json"] == "verified"  # the evidence itself is sealed
    assert cli_main(["investigate", "--resume", "--out", str(dossier)]) == 0
    assert verify_evidence(dossier).outcome == "anchored"


def test_investigate_stopped_before_its_first_page_is_recognised_and_resumed(
    site: Callable[..., Site], tmp_path: Path
) -> None:
    server = _slow_site(site, delay=0)
    slow_home = server.routes["/"]

    def very_slow(h) -> None:  # type: ignore[no-untyped-def]
        time.sleep(20)
        slow_home(h)

    server.routes["/"] = very_slow
    dossier = tmp_path / "case"
    proc = _start(["investigate", server.base + "/", "--out", str(dossier), *CRAWL[:-4], "--max-pages", "3"])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (dossier / "evidence" / "manifest.json").exists():
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    # the folder says what it is: verify calls it incomplete (exit 4), not "no evidence" (exit 2)
    assert (dossier / UNFINISHED_MARKER).exists()
    assert cli_main(["verify", str(dossier)]) == 4
    server.routes["/"] = slow_home
    assert cli_main(["investigate", "--resume", "--out", str(dossier)]) == 0
    manifest = CaptureManifest.model_validate_json((dossier / "evidence" / "manifest.json").read_bytes())
    assert manifest.complete and not manifest.interrupted and manifest.pages
    assert verify_evidence(dossier).outcome == "anchored"
