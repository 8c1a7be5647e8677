"""--proxy routes the crawl and the browser through a proxy; the exit address is recorded."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from pathlib import Path
from typing import Any

import pytest

from vigipub.capture import CaptureOptions, capture_site, verify_evidence
from vigipub.capture.options import chromium_available

from .conftest import LocalServer


@pytest.fixture
def proxy(forward_proxy: Any) -> Any:
    """The shared forward proxy (tests/conftest.py)."""
    return forward_proxy


def _echo(h) -> None:  # type: ignore[no-untyped-def]
    # The "what is my IP" service: answers the documentation address of the proxy's exit.
    ip = b"203.0.113.7" if "test-proxy" in (h.headers.get("Via") or "") else b"198.51.100.1"
    h.send_simple(200, ip + b"\n", "text/plain")


def test_crawl_goes_through_proxy_and_exit_ip_recorded(
    proxy: Any, clinic_root: Path, make_server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    site: LocalServer = make_server(clinic_root, {"/whatismyip": _echo})
    opts = CaptureOptions(
        allow_private=True, browser=False, max_pages=5, proxy=proxy.url, ip_echo_url=site.base + "/whatismyip"
    )
    manifest = capture_site(site.base + "/", tmp_path / "ev", opts)
    assert manifest.proxy == proxy.url and manifest.exit_ip == "203.0.113.7"
    from vigipub.capture.warc import iter_records

    echo = [
        r for r in iter_records(tmp_path / "ev" / "capture.warc.gz") if r.target_uri.endswith("/whatismyip")
    ]
    assert echo and echo[0].payload() == b"203.0.113.7\n"
    fetched = {p.final_url for p in manifest.pages}
    assert fetched <= set(proxy.seen) | {u.rstrip("/") for u in proxy.seen}
    assert site.base + "/" in proxy.seen
    # the server saw only the proxy's requests
    assert all(p.server_ip is None for p in manifest.pages)
    assert verify_evidence(tmp_path / "ev").ok


def test_no_exit_ip_lookup_by_default(
    proxy: Any, clinic_root: Path, make_server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    site: LocalServer = make_server(clinic_root, {"/whatismyip": _echo})
    manifest = capture_site(
        site.base + "/",
        tmp_path / "ev",
        CaptureOptions(allow_private=True, browser=False, max_pages=2, proxy=proxy.url),
    )
    assert manifest.exit_ip is None and "/whatismyip" not in site.hits


@pytest.mark.browser
@pytest.mark.skipif(not chromium_available(), reason="chromium not installed")
def test_browser_goes_through_proxy(
    proxy: Any, clinic_root: Path, make_server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    site: LocalServer = make_server(clinic_root)
    manifest = capture_site(
        site.base + "/",
        tmp_path / "ev",
        CaptureOptions(allow_private=True, browser=True, max_pages=1, proxy=proxy.url),
    )
    assert manifest.pages[0].rendered is not None
    # once for the crawl, once for the browser's own navigation
    assert proxy.seen.count(site.base + "/") == 2
    assert len(site.hits) == len(proxy.seen)


class Socks5Proxy(socketserver.ThreadingTCPServer):
    """A minimal SOCKS5 server (no authentication, CONNECT only), recording its targets."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Socks5Handler)
        self.targets: list[tuple[str, int]] = []

    @property
    def url(self) -> str:
        return f"socks5://127.0.0.1:{self.server_address[1]}"


class _Socks5Handler(socketserver.BaseRequestHandler):
    server: Socks5Proxy  # type: ignore[assignment]

    def _read(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = self.request.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def handle(self) -> None:
        try:
            version, nmethods = self._read(2)
            self._read(nmethods)
            self.request.sendall(b"\x05\x00")
            _, cmd, _, atyp = self._read(4)
            if atyp == 1:
                host = socket.inet_ntoa(self._read(4))
            elif atyp == 3:
                host = self._read(self._read(1)[0]).decode()
            else:
                host = socket.inet_ntop(socket.AF_INET6, self._read(16))
            port = int.from_bytes(self._read(2), "big")
            self.server.targets.append((host, port))
            upstream = socket.create_connection((host, port), timeout=10)
        except (OSError, ValueError):
            return
        self.request.sendall(b"\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00")

        def pump(src: socket.socket, dst: socket.socket) -> None:
            try:
                while chunk := src.recv(65536):
                    dst.sendall(chunk)
            except OSError:
                pass
            finally:
                with contextlib.suppress(OSError):
                    dst.shutdown(socket.SHUT_WR)

        thread = threading.Thread(target=pump, args=(upstream, self.request), daemon=True)
        thread.start()
        pump(self.request, upstream)
        thread.join(10)
        upstream.close()


def test_socks5_proxy(clinic_root: Path, make_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    socks = Socks5Proxy()
    threading.Thread(target=socks.serve_forever, daemon=True).start()
    try:
        site: LocalServer = make_server(clinic_root)
        manifest = capture_site(
            site.base + "/",
            tmp_path / "ev",
            CaptureOptions(allow_private=True, browser=False, max_pages=3, proxy=socks.url),
        )
    finally:
        socks.shutdown()
        socks.server_close()
    assert manifest.proxy == socks.url and len(manifest.pages) >= 3
    assert ("127.0.0.1", site.server_address[1]) in socks.targets
    assert verify_evidence(tmp_path / "ev").ok


def test_proxy_password_not_recorded() -> None:
    from vigipub.capture.crawler import redact

    assert redact("http://agent:s3cret@proxy.example:3128") == "http://agent:***@proxy.example:3128"
    assert redact("socks5://127.0.0.1:1080") == "socks5://127.0.0.1:1080"
    assert redact(None) is None


@pytest.mark.browser
@pytest.mark.skipif(not chromium_available(), reason="chromium not installed")
def test_browser_goes_through_socks5(clinic_root: Path, make_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Browser capture through a SOCKS5 proxy: Chromium never opens a connection itself, its
    requests are fulfilled by the capture's own client, which the proxy carries."""
    socks = Socks5Proxy()
    threading.Thread(target=socks.serve_forever, daemon=True).start()
    try:
        site: LocalServer = make_server(clinic_root)
        manifest = capture_site(
            site.base + "/",
            tmp_path / "ev",
            CaptureOptions(allow_private=True, browser=True, max_pages=1, proxy=socks.url),
        )
    finally:
        socks.shutdown()
        socks.server_close()
    assert manifest.pages[0].rendered is not None and manifest.pages[0].screenshot is not None
    assert manifest.proxy == socks.url
    # connections went through the proxy to the site (keep-alive: fewer than the requests)
    assert socks.targets and set(socks.targets) == {("127.0.0.1", site.server_address[1])}
    assert verify_evidence(tmp_path / "ev").ok
