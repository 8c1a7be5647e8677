"""Browser rendering in Debian's Chromium: rendered DOM, screenshots, consent, SSRF."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from vigipub.capture import CaptureOptions, capture_site, verify_evidence
from vigipub.capture.options import chromium_available
from vigipub.evidence import CaptureManifest, sha256_file

from .conftest import LocalServer, route_html

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="chromium not installed"),
]

EXTRA_ROUTES = {
    # a consent wall with no accept button: hidden before the screenshot, kept in the DOM
    "/wall.html": route_html(
        b"<!DOCTYPE html><html lang=de><body><h1>Behandlung</h1>"
        b"<div class='cmp-consent-layer' style='position:fixed;inset:0;background:#000;z-index:9999'>"
        b"Wir verwenden Cookies.</div></body></html>"
    ),
    # a page drawn with an image, a stylesheet and a frame: the browser's sub-resources
    "/styled.html": route_html(
        b"<!DOCTYPE html><html lang=en><head><link rel=stylesheet href='/static/site.css'></head><body>"
        b"<h1>Our clinic</h1><img src='/static/before-after.png' alt='before and after'>"
        b"<iframe src='/static/widget.html'></iframe><p>Stem cell therapy for knees.</p></body></html>"
    ),
    "/static/site.css": route_html(b"h1 { color: #123456; }", ctype="text/css"),
    "/static/before-after.png": route_html(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000100ff5d4a2f0000000049454e44ae426082"
        ),
        ctype="image/png",
    ),
    "/static/widget.html": route_html(
        b"<!DOCTYPE html><html><body><p>Third-party widget: stem cells cure everything.</p></body></html>"
    ),
    # a page whose scripts and images try to reach private and metadata addresses
    "/ssrf-page.html": route_html(
        b"<!DOCTYPE html><html lang=en><body><h1>Prices</h1>"
        b"<img src='http://169.254.169.254/latest/meta-data/x.png'>"
        b"<script src='http://127.0.0.2:9/evil.js'></script>"
        b"<p>visible</p></body></html>"
    ),
}


def _chromium_pids() -> set[int]:
    """Chromium processes descending from this test process (other jobs may run browsers)."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        names[pid] = stat[stat.index("(") + 1 : stat.rindex(")")]
        parents[pid] = int(stat[stat.rindex(")") + 2 :].split()[1])
    me = os.getpid()
    found = set()
    for pid, name in names.items():
        if "chrom" not in name and "node" not in name:
            continue
        ancestor = parents.get(pid, 0)
        for _ in range(20):
            if ancestor in (0, 1):
                break
            if ancestor == me:
                found.add(pid)
                break
            ancestor = parents.get(ancestor, 0)
    return found


@pytest.fixture(scope="module")
def rendered(
    clinic_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, CaptureManifest, LocalServer, set[int]]:
    server = LocalServer(clinic_root, EXTRA_ROUTES).start()
    (clinic_root / "links.html").write_text("<html><body><a href='/ssrf-page.html'>prices</a></body></html>")
    before = _chromium_pids()
    out = tmp_path_factory.mktemp("browser") / "evidence"
    manifest = capture_site(
        server.base + "/", out, CaptureOptions(allow_private=True, browser=True, max_pages=30)
    )
    server2 = LocalServer(clinic_root, EXTRA_ROUTES).start()
    yield out, manifest, server2, before
    server.stop()
    server2.stop()


def _by_id(warc: Path) -> dict[str, tuple[dict[str, str], bytes]]:
    out = {}
    with open(warc, "rb") as fh:
        for record in ArchiveIterator(fh):
            headers = dict(record.rec_headers.headers)
            out[headers["WARC-Record-ID"]] = (headers, record.content_stream().read())
    return out


def test_screenshot_and_rendered_dom_per_html_page(
    rendered: tuple[Path, CaptureManifest, LocalServer, set[int]],
) -> None:
    out, manifest, _, _ = rendered
    assert manifest.browser and manifest.browser.startswith("chromium")
    records = _by_id(out / "capture.warc.gz")
    html_pages = [
        p for p in manifest.pages if (p.content_type or "").startswith("text/html") and p.status == 200
    ]
    assert len(html_pages) >= 15
    for page in html_pages:
        assert page.rendered is not None and page.screenshot is not None, page.url
        png = out / page.screenshot
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        headers, dom = records[page.rendered.record_id]
        assert headers["WARC-Type"] == "resource" and headers["Content-Type"] == "text/html; charset=utf-8"
        assert (
            headers["WARC-Refers-To"] == page.record.record_id
            and headers["WARC-Resource-Type"] == "rendered-dom"
        )
        assert headers["WARC-Target-URI"] == page.final_url
        shot_headers, shot = records[page.screenshot_record.record_id]  # type: ignore[union-attr]
        assert (
            shot_headers["Content-Type"] == "image/png" and shot_headers["WARC-Resource-Type"] == "screenshot"
        )
        assert shot_headers["WARC-Refers-To"] == page.record.record_id
        assert shot == png.read_bytes()
    kinds = {a.path: a for a in manifest.artefacts}
    for page in html_pages:
        assert kinds[page.screenshot].kind == "screenshot" and kinds[page.screenshot].sha256 == sha256_file(
            out / page.screenshot
        )  # type: ignore[index]
    pdf = [p for p in manifest.pages if p.url.endswith(".pdf")][0]
    assert pdf.rendered is None and pdf.screenshot is None


def test_js_inserted_text_only_in_rendered_dom(
    rendered: tuple[Path, CaptureManifest, LocalServer, set[int]],
) -> None:
    out, manifest, _, _ = rendered
    records = _by_id(out / "capture.warc.gz")
    home = manifest.pages[0]
    raw = records[home.record.record_id][1]
    dom = records[home.rendered.record_id][1]  # type: ignore[union-attr]
    assert b"Injected by script" not in raw
    assert b"Injected by script: our dendritic cell therapy cures 9 out of 10 cancers." in dom


def test_links_inserted_by_scripts_are_followed(
    rendered: tuple[Path, CaptureManifest, LocalServer, set[int]],
) -> None:
    _, manifest, _, _ = rendered
    booking = [p for p in manifest.pages if p.url.endswith("/en/booking.html")]
    assert booking and booking[0].via == "rendered" and booking[0].status == 200
    assert booking[0].rendered is not None


def test_cookie_banner_dismissed(rendered: tuple[Path, CaptureManifest, LocalServer, set[int]]) -> None:
    _, manifest, _, _ = rendered
    assert any("consent banner: clicked" in n for n in manifest.pages[0].notes)


def test_browser_ssrf_subresources_refused(
    rendered: tuple[Path, CaptureManifest, LocalServer, set[int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the test server's 127.0.0.1 is allowed: the browser's requests to metadata and
    to another loopback address are refused by the same guard as the crawler's."""
    from vigipub.capture import net

    original = net.address_allowed

    def only_test_server(addr, allow_private):  # type: ignore[no-untyped-def]
        return None if str(addr) == "127.0.0.1" else original(addr, False)

    monkeypatch.setattr(net, "address_allowed", only_test_server)
    _, _, server, _ = rendered
    manifest = capture_site(
        server.base + "/ssrf-page.html",
        tmp_path / "ev",
        CaptureOptions(allow_private=False, browser=True, max_pages=1),
    )
    notes = " ".join(manifest.pages[0].notes)
    assert "refused (ssrf): http://169.254.169.254/latest/meta-data/x.png" in notes
    assert "refused (ssrf): http://127.0.0.2:" in notes
    assert manifest.pages[0].screenshot is not None and manifest.pages[0].rendered is not None


def test_consent_wall_hidden_before_screenshot(
    rendered: tuple[Path, CaptureManifest, LocalServer, set[int]], tmp_path: Path
) -> None:
    _, _, server, _ = rendered
    manifest = capture_site(
        server.base + "/wall.html",
        tmp_path / "ev",
        CaptureOptions(allow_private=True, browser=True, max_pages=1),
    )
    page = manifest.pages[0]
    assert any("hid 1 overlay" in n for n in page.notes), page.notes
    from vigipub.capture.warc import iter_records

    dom = [
        r for r in iter_records(tmp_path / "ev" / "capture.warc.gz") if r.record_id == page.rendered.record_id
    ][0]  # type: ignore[union-attr]
    assert b"Wir verwenden Cookies." in dom.payload()
    # the screenshot is not the black wall: it has light pixels
    image_module = pytest.importorskip("PIL.Image")
    image = image_module.open(tmp_path / "ev" / page.screenshot).convert("L")  # type: ignore[operator]
    assert image.getextrema()[1] > 200


def test_warcio_checker_accepts_resource_records(
    rendered: tuple[Path, CaptureManifest, LocalServer, set[int]],
) -> None:
    import sys

    out, _, _, _ = rendered
    warcio = Path(sys.executable).parent / "warcio"
    proc = subprocess.run(
        [str(warcio), "check", "-v", str(out / "capture.warc.gz")], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.count("resource") >= 30 and "failed" not in proc.stdout


def test_verify_and_no_chromium_left(rendered: tuple[Path, CaptureManifest, LocalServer, set[int]]) -> None:
    out, _, _, before = rendered
    report = verify_evidence(out)
    assert report.ok, report.problems
    assert not before
    assert not _chromium_pids()


def test_browser_subresources_are_archived_once_and_left_out_of_extraction(
    rendered: tuple[Path, CaptureManifest, LocalServer, set[int]], tmp_path: Path
) -> None:
    from vigipub.evidence.capture import FETCHED_FOR_HEADER
    from vigipub.extract import ExtractStats, iter_documents

    _, _, server, _ = rendered
    out = tmp_path / "ev"
    manifest = capture_site(
        server.base + "/styled.html", out, CaptureOptions(allow_private=True, browser=True, max_pages=1)
    )
    assert manifest.pages[0].rendered is not None
    records = _by_id(out / "capture.warc.gz").values()
    sub = {
        h["WARC-Target-URI"]: body
        for h, body in records
        if h.get("WARC-Type") == "response" and h.get(FETCHED_FOR_HEADER) == "rendering"
    }
    for name in ("/static/site.css", "/static/before-after.png", "/static/widget.html"):
        matching = [u for u in sub if u.endswith(name)]
        assert len(matching) == 1, (name, sorted(sub))  # archived, once
    png = next(body for u, body in sub.items() if u.endswith(".png"))
    assert png.startswith(b"\x89PNG\r\n")  # the payload, byte for byte
    # the pages themselves are not archived a second time as sub-resources
    assert not any(u.endswith("/styled.html") for u in sub)
    # extraction skips them: the third-party frame does not become a page of the site
    stats = ExtractStats()
    urls = [d.url for d in iter_documents(out, stats=stats)]
    assert not any(u.endswith("/static/widget.html") for u in urls)
    assert stats.skipped["fetched_for_rendering"] >= 3
    # and the folder still verifies, sub-resource records included
    assert verify_evidence(out).ok

