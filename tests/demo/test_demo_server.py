"""The demo server: one origin per site, content types, 404, redirects, traversal, shutdown."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from vigipub.demo import DEMO_SITES, serve_demo_sites
from vigipub.demo.server import DemoSiteServer, resolve_site_path


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body without following redirects; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, method=method)
    try:
        with _opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def raw_get(base: str, raw_path: str) -> int:
    """Send the path byte-for-byte (urllib would normalise ``..``) and return the status."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.putrequest("GET", raw_path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
        assert b"import" not in body and b"root:" not in body  # never a source file or /etc/passwd
        return response.status
    finally:
        conn.close()


def test_every_site_gets_its_own_loopback_origin(demo_urls):
    assert list(demo_urls) == list(DEMO_SITES)
    origins = set()
    for site_id, url in demo_urls.items():
        parts = urlsplit(url)
        assert parts.hostname == "127.0.0.1" and parts.port and parts.path == "/", url
        origins.add(parts.port)
        status, headers, body = fetch(url + DEMO_SITES[site_id].start_path.lstrip("/"))
        assert status == 200, site_id
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert b"<html" in body.lower()
    assert len(origins) == len(DEMO_SITES)


@pytest.mark.parametrize(
    ("site_id", "path", "content_type", "magic"),
    [
        ("dendritic-clinic", "/fr/therapie.html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        ("dendritic-clinic", "/assets/css/vitadendra.css", "text/css; charset=utf-8", b":root"),
        ("dendritic-clinic", "/assets/js/site.js", "text/javascript; charset=utf-8", b"//"),
        ("dendritic-clinic", "/media/brochure-vitadendra-fr.pdf", "application/pdf", b"%PDF-"),
        ("dendritic-clinic", "/assets/img/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("stemcell-clinic", "/static/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("carth-hospital", "/css/chu.css", "text/css; charset=utf-8", b"body"),
        ("news-report", "/robots.txt", "text/plain; charset=utf-8", b"User-agent: *"),
        ("news-report", "/sitemap.xml", "application/xml; charset=utf-8", b"<?xml"),
    ],
)
def test_content_types(demo_urls, site_id, path, content_type, magic):
    status, headers, body = fetch(demo_urls[site_id].rstrip("/") + path)
    assert status == 200
    assert headers["Content-Type"] == content_type
    assert int(headers["Content-Length"]) == len(body)
    assert body.startswith(magic)


def test_head_sends_headers_without_body(demo_urls):
    status, headers, body = fetch(demo_urls["carth-hospital"], method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) > 1000


@pytest.mark.parametrize("path", ["/nope.html", "/fr/nope.html", "/assets/", "/assets/css/", "/media/"])
def test_missing_files_and_folders_without_index_are_404_not_listings(demo_urls, path):
    status, headers, body = fetch(demo_urls["dendritic-clinic"].rstrip("/") + path)
    assert status == 404
    assert b"vitadendra.css" not in body and b"brochure" not in body


def test_root_redirect_and_trailing_slash(demo_urls):
    base = demo_urls["dendritic-clinic"].rstrip("/")
    status, headers, _ = fetch(base + "/")
    assert status == 302 and headers["Location"] == "/en/"
    status, headers, _ = fetch(base + "/fr")
    assert status == 301 and headers["Location"] == "/fr/"
    # the language-choice root of the stem-cell site is a page, not a redirect
    status, _, body = fetch(demo_urls["stemcell-clinic"])
    assert status == 200 and b'href="/fr/"' in body


@pytest.mark.parametrize(
    "raw_path",
    [
        "/../server.py",
        "/../../demo/server.py",
        "/fr/../../server.py",
        "/%2e%2e/server.py",
        "/%2E%2E/%2E%2E/server.py",
        "/..%2fserver.py",
        "/fr/..%5c..%5cserver.py",
        "/_site.json",
        "/../../../../../../etc/passwd",
        "/%00index.html",
    ],
)
def test_path_traversal_and_hidden_files_are_refused(demo_urls, raw_path):
    assert raw_get(demo_urls["dendritic-clinic"], raw_path) == 404


def test_resolver_refuses_symlinks_leaving_the_site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text("<p>ok</p>")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "leak.txt").symlink_to(secret)
    assert resolve_site_path(root, "/index.html") == (root / "index.html").resolve()
    assert resolve_site_path(root, "/leak.txt") is None
    assert resolve_site_path(root, "/sub/../../secret.txt") is None
    assert resolve_site_path(root, "/.hidden") is None


def test_robots_and_sitemap_carry_the_live_origin(demo_urls):
    base = demo_urls["dendritic-clinic"].rstrip("/")
    _, _, robots = fetch(base + "/robots.txt")
    assert f"Sitemap: {base}/sitemap.xml".encode() in robots
    assert b"Disallow: /intern/" in robots
    _, _, sitemap = fetch(base + "/sitemap.xml")
    locs = [
        line.split("<loc>")[1].split("</loc>")[0] for line in sitemap.decode().splitlines() if "<loc>" in line
    ]
    assert f"{base}/fr/therapie.html" in locs
    assert f"{base}/" not in locs  # "/" is a redirect, not a page
    assert len(locs) == len(list(DEMO_SITES["dendritic-clinic"].path.rglob("*.html"))) >= 30
    for loc in locs:
        assert fetch(loc)[0] == 200, loc


def test_unknown_site_is_refused():
    with pytest.raises(KeyError, match="no-such-site"), serve_demo_sites(sites=["no-such-site"]):
        pass


def test_clean_shutdown_joins_threads_and_frees_ports():
    before = {t.name for t in threading.enumerate()}
    with serve_demo_sites(sites=["news-report", "carth-hospital"]) as urls:
        assert len(urls) == 2
        assert fetch(urls["news-report"])[0] == 200
        ports = [urlsplit(u).port for u in urls.values()]
        # an idle client holding a connection must not block the shutdown
        idle = socket.create_connection(("127.0.0.1", ports[0]))
        time.sleep(0.2)  # let the server accept it and start a request thread
        exiting = time.monotonic()
    try:
        assert time.monotonic() - exiting < 3
        after = {t.name for t in threading.enumerate()}
        assert not {n for n in after - before if n.startswith("vigipub-demo-")}
        for port in ports:
            with pytest.raises(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
    finally:
        idle.close()


def test_server_serves_any_folder(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><p>hi</p>", encoding="utf-8")
    server = DemoSiteServer("tmp", Path(tmp_path))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        status, headers, body = fetch(server.origin + "/")
        assert status == 200 and b"hi" in body
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert not thread.is_alive()


def test_module_entry_serves_until_interrupted():
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "vigipub.demo.server"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [proc.stdout.readline() for _ in range(len(DEMO_SITES) + 1)]
        assert lines[-1].startswith("Serving")
        urls = {line.split()[0]: line.split()[1] for line in lines[:-1]}
        assert set(urls) == set(DEMO_SITES)
        assert fetch(urls["dendritic-clinic"])[0] == 200
        assert urls["dendritic-clinic"].endswith("/fr/")
        proc.send_signal(signal.SIGINT)
        # generous: a loaded 2-core CI machine once took more than 10 s to join the four servers
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert "stopped" in out
    assert "Traceback" not in err and "RuntimeWarning" not in err
