"""A killed capture leaves a valid folder; memory stays bounded whatever the site sends."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vigipub.capture import verify_evidence
from vigipub.evidence import CaptureManifest

from .conftest import LocalServer, route_big, route_bomb, route_html


def _slow_page(n: int, total: int) -> object:
    links = "".join(f"<a href='/p/{(n * 7 + k) % total}'>treatment {k}</a>" for k in range(1, 6))
    body = f"<!DOCTYPE html><html lang=fr><body><h1>Page {n}</h1>{links}</body></html>".encode()

    def handler(h) -> None:  # type: ignore[no-untyped-def]
        time.sleep(0.15)
        h.send_simple(200, body)

    return handler


def _capture_cmd(url: str, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "vigipub",
        "capture",
        url,
        "--out",
        str(out),
        "--no-browser",
        "--allow-private",
        "--quiet",
        *extra,
    ]


def test_killed_capture_is_still_verifiable(make_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    total = 200
    routes = {f"/p/{n}": _slow_page(n, total) for n in range(total)}
    routes["/"] = routes["/p/0"]
    server: LocalServer = make_server(None, routes)
    out = tmp_path / "case" / "evidence"
    proc = subprocess.Popen(
        _capture_cmd(server.base + "/", out, "--max-pages", "200", "--max-depth", "50"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        pages = 0
        while time.monotonic() < deadline:
            manifest_file = out / "manifest.json"
            if manifest_file.exists():
                try:
                    pages = len(json.loads(manifest_file.read_bytes())["pages"])
                except ValueError:
                    pages = 0
                if pages >= 10:
                    break
            time.sleep(0.05)
        assert pages >= 10, "the manifest is checkpointed while the capture runs"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(10)
    manifest = CaptureManifest.model_validate_json((out / "manifest.json").read_bytes())
    assert not manifest.complete and manifest.finished_at is None
    assert len(manifest.pages) < total
    assert not (out / "chain.log").exists()
    report = verify_evidence(out.parent)
    assert report.ok, report.problems
    assert report.outcome == "incomplete" and "capture interrupted" in report.incomplete[0]
    assert report.states["evidence/manifest.json"] == "not_checked"
    assert report.states["evidence/capture.warc.gz"] == "verified"
    for page in manifest.pages:
        assert report.record_state(page.record.record_id) == "verified"
    # the CLI agrees (exit 4: incomplete) and a flipped byte in the covered part is still caught
    proc_verify = subprocess.run(
        [sys.executable, "-m", "vigipub", "verify", str(out.parent)], capture_output=True, text=True
    )
    assert proc_verify.returncode == 4, proc_verify.stderr
    assert "incomplete" in proc_verify.stderr
    warc = out / "capture.warc.gz"
    data = bytearray(warc.read_bytes())
    data[manifest.pages[0].record.offset + 20] ^= 0x01
    warc.write_bytes(bytes(data))
    assert not verify_evidence(out.parent).ok


@pytest.mark.slow
def test_memory_stays_bounded(make_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """1 GiB compression bombs and 200 MB bodies, default 10 MB page limit: < 1 GiB RSS."""
    links = "".join(f"<a href='/bomb{i}'>bomb</a><a href='/big{i}'>big</a>" for i in range(3))
    routes: dict[str, object] = {"/": route_html(f"<html lang=fr><body>{links}</body></html>".encode())}
    for i in range(3):
        routes[f"/bomb{i}"] = route_bomb(1 << 30)
        routes[f"/big{i}"] = route_big(200_000_000, chunk=1 << 20)
    server: LocalServer = make_server(None, routes)
    out = tmp_path / "ev"
    proc = subprocess.Popen(
        _capture_cmd(server.base + "/", out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    max_rss_bytes = usage.ru_maxrss * 1024
    print(f"capture max RSS {max_rss_bytes / 2**20:.0f} MiB")
    assert max_rss_bytes < 1 << 30, f"max RSS {max_rss_bytes / 2**20:.0f} MiB"
    manifest = CaptureManifest.model_validate_json((out / "manifest.json").read_bytes())
    cut = [p for p in manifest.pages if p.truncated]
    assert len(cut) == 6
    assert verify_evidence(out).ok


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    found: set[int] = set()
    frontier = {root}
    while frontier:
        children = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= children
        frontier = children
    return found


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="chromium not installed")
def test_killed_browser_capture_leaves_no_chromium_and_verifies(
    clinic_server: LocalServer, tmp_path: Path
) -> None:
    out = tmp_path / "ev"
    cmd = [sys.executable, "-m", "vigipub", "capture", clinic_server.base + "/", "--out", str(out)]
    proc = subprocess.Popen(
        [*cmd, "--browser", "--allow-private", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # wait until pages are being rendered
            if out.exists() and list((out / "screenshots").glob("*.png")):
                break
            time.sleep(0.1)
        browsers = _descendants(proc.pid)
        assert browsers, "the capture runs Chromium"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in browsers):
        time.sleep(0.2)
    alive = [pid for pid in browsers if Path(f"/proc/{pid}").exists()]
    assert not alive, f"Chromium processes left behind: {alive}"
    report = verify_evidence(out)
    assert report.ok, report.problems
