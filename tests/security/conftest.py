"""Servers for the hostile-site probes, all on 127.0.0.1: the hostile site itself, traps
(TCP and UDP listeners that record anything that reaches them) and a forward proxy.

A probe passes when a trap stays empty. Every trap is checked to be live (a direct
connection from the test reaches it), so an empty trap means that nothing was sent.
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class Trap:
    """A TCP or UDP socket on 127.0.0.1 that records every connection or datagram."""

    kind: str  # "tcp" | "udp"
    sock: socket.socket
    hits: list[bytes] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    def run(self) -> None:
        while True:
            try:
                if self.kind == "udp":
                    data, _ = self.sock.recvfrom(4096)
                    self.hits.append(data[:100])
                    continue
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(0.5)
            try:
                data = conn.recv(200)
            except OSError:
                data = b""
            self.hits.append(b"connect:" + data[:100])
            conn.close()

    def prove_live(self) -> None:
        """Reach the trap directly, check it records, and forget that hit."""
        before = len(self.hits)
        if self.kind == "udp":
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.sendto(b"live?", ("127.0.0.1", self.port))
        else:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
                s.sendall(b"live?")
        for _ in range(100):
            if len(self.hits) > before:
                break
            threading.Event().wait(0.02)
        assert len(self.hits) == before + 1, f"trap {self.kind}:{self.port} is not recording"
        del self.hits[before:]


@pytest.fixture
def trap() -> Iterator[Callable[[str], Trap]]:
    made: list[Trap] = []

    def factory(kind: str = "tcp") -> Trap:
        if kind == "udp":
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind(("127.0.0.1", 0))
        else:
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sock.listen(64)
        made.append(Trap(kind, sock))
        threading.Thread(target=made[-1].run, daemon=True).start()
        return made[-1]

    yield factory
    for one in made:
        one.sock.close()


class Site(http.server.ThreadingHTTPServer):
    """The hostile site: routes by path; ``hits`` lists the paths asked."""

    daemon_threads = True

    def __init__(self, routes: dict[str, Handler]) -> None:
        super().__init__(("127.0.0.1", 0), _SiteHandler)
        self.routes = routes
        self.hits: list[str] = []

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}"


class _SiteHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Site  # type: ignore[assignment]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.server.hits.append(self.path)
        route = self.server.routes.get(self.path.split("?", 1)[0])
        with contextlib.suppress(OSError):  # the client hung up: expected when a test kills it
            if route is None:
                send(self, 404, b"<html><body>not found</body></html>")
            else:
                route(self)


def send(h: http.server.BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "text/html",
         headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def page(body: bytes, status: int = 200, ctype: str = "text/html; charset=utf-8") -> Handler:
    return lambda h: send(h, status, body, ctype)


def redirect(location: str) -> Handler:
    return lambda h: send(h, 302, b"", headers={"Location": location})


@pytest.fixture
def site() -> Iterator[Callable[[dict[str, Handler]], Site]]:
    made: list[Site] = []

    def factory(routes: dict[str, Handler]) -> Site:
        made.append(Site(routes))
        threading.Thread(target=made[-1].serve_forever, daemon=True).start()
        return made[-1]

    yield factory
    for one in made:
        one.shutdown()
        one.server_close()
