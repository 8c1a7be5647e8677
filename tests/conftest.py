"""Shared fixtures: the demo sites served on 127.0.0.1, dossiers built from them once, and a
forward proxy for the capture's --proxy tests (capture and security)."""

from __future__ import annotations

import http.client
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """Tests sign their seals with a key of their own, never the user's agency key (the
    environment variable also reaches the vigipub processes that tests start)."""
    import os
    import tempfile

    os.environ["VIGIPUB_KEY_DIR"] = tempfile.mkdtemp(prefix="vigipub-test-keys-")


def chromium_available() -> bool:
    return shutil.which("chromium") is not None or Path("/usr/bin/chromium").exists()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def demo_urls():
    from vigipub.demo import serve_demo_sites

    with serve_demo_sites(host="127.0.0.1") as urls:
        yield urls


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """Run ``vigipub demo --no-browser`` once; the dossiers are inspected by the e2e tests."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("demo") / "dossiers"
    result = subprocess.run(
        [sys.executable, "-m", "vigipub", "demo", "--no-browser", "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    return out, result


class ForwardProxy(http.server.ThreadingHTTPServer):
    """A forward proxy as an agency would use (absolute-form GET), recording its targets.

    Like a real proxy it resolves whatever host it is given, numeric spellings included
    (``http://2130706433:port/`` reaches 127.0.0.1): the capture must never hand it one. It
    marks what it forwards with ``Via: 1.1 test-proxy`` (a test site can tell the proxy's
    requests from direct ones).
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.seen: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ForwardProxy  # type: ignore[assignment]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.server.seen.append(self.path)
        target = urlsplit(self.path)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection")}
        headers["Via"] = "1.1 test-proxy"
        try:
            conn = http.client.HTTPConnection(
                socket.gethostbyname(target.hostname or ""), target.port or 80, timeout=10
            )
            conn.request("GET", (target.path or "/") + (f"?{target.query}" if target.query else ""), headers=headers)
            response = conn.getresponse()
            body = response.read()
            status, answer = response.status, response.getheaders()
            conn.close()
        except OSError:
            status, answer, body = 502, [("Content-Type", "text/plain")], b"bad gateway"
        self.send_response(status)
        for k, v in answer:
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def forward_proxy() -> Iterator[ForwardProxy]:
    server = ForwardProxy()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()
