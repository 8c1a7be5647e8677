"""Local test servers (127.0.0.1 only) for the capture tests: a static site with extra
programmable routes (hostile behaviours), a self-signed HTTPS server, a forward proxy and
a real RFC 3161 time-stamping authority driven by ``openssl ts -reply``."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests._pdf import one_page_pdf

SITES = Path(__file__).parent / "sites"

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: avoid 40 ms delayed-ACK stalls
    server: LocalServer  # type: ignore[assignment]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.server.hits.append(self.path)
        path = self.path.split("?", 1)[0]
        route = self.server.routes.get(path)
        if route is not None:
            with contextlib.suppress(OSError):  # the client hung up: expected with hostile routes
                route(self)
            return
        self.serve_static(path)

    def serve_static(self, path: str) -> None:
        root = self.server.root
        if root is None:
            self.send_simple(404, b"<html><body>not found</body></html>")
            return
        rel = path.lstrip("/")
        file = (root / rel).resolve()
        if file.is_dir():
            file = file / "index.html"
        if not str(file).startswith(str(root.resolve())) or not file.is_file():
            self.send_simple(404, b"<!DOCTYPE html><html><body><h1>404</h1></body></html>")
            return
        ctype = {
            ".html": "text/html; charset=utf-8",
            ".pdf": "application/pdf",
            ".txt": "text/plain",
            ".png": "image/png",
        }.get(file.suffix, "application/octet-stream")
        self.send_simple(200, file.read_bytes(), ctype)

    def send_simple(
        self,
        status: int,
        body: bytes,
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


class LocalServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: Path | None, routes: dict[str, Route] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: list[str] = []

    @property
    def base(self) -> str:
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        return f"{scheme}://127.0.0.1:{self.server_address[1]}"

    def start(self) -> LocalServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


@pytest.fixture
def make_server() -> Iterator[Callable[..., LocalServer]]:
    servers: list[LocalServer] = []

    def factory(root: Path | None = None, routes: dict[str, Route] | None = None) -> LocalServer:
        server = LocalServer(root, routes).start()
        servers.append(server)
        return server

    yield factory
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def clinic_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The multi-language clinic, with its brochure PDF generated here."""
    root = tmp_path_factory.mktemp("clinic") / "site"
    shutil.copytree(SITES / "clinic", root)
    (root / "docs").mkdir()
    (root / "docs" / "brochure.pdf").write_bytes(one_page_pdf("Helios brochure: stem cells cure autism"))
    return root


@pytest.fixture(scope="session")
def clinic_server(clinic_root: Path) -> Iterator[LocalServer]:
    server = LocalServer(clinic_root).start()
    yield server
    server.stop()


# ----------------------------------------------------------------------------- hostile routes
def route_html(body: bytes, status: int = 200, ctype: str = "text/html; charset=utf-8") -> Route:
    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        assert isinstance(h, _Handler)
        h.send_simple(status, body, ctype)

    return handler


def route_redirect(location: str, status: int = 302) -> Route:
    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        assert isinstance(h, _Handler)
        h.send_simple(status, b"", headers={"Location": location})

    return handler


def route_big(total: int, chunk: int = 1 << 16) -> Route:
    """Announces and streams ``total`` bytes of HTML."""

    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        block = b"<p>" + b"x" * (chunk - 7) + b"</p>\n"
        sent = 0
        while sent < total:
            piece = block[: min(chunk, total - sent)]
            h.wfile.write(piece)
            sent += len(piece)

    return handler


_BOMBS: dict[int, bytes] = {}


def gzip_bomb(decompressed: int) -> bytes:
    """Gzip data that inflates to ``decompressed`` bytes: members of 16 MiB of zeros."""
    if decompressed not in _BOMBS:
        member_size = min(decompressed, 16 << 20)
        comp = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        member = comp.compress(b"\0" * member_size) + comp.flush()
        head = gzip.compress(b"<html><body>")
        _BOMBS[decompressed] = head + member * (decompressed // member_size)
    return _BOMBS[decompressed]


def route_bomb(decompressed: int) -> Route:
    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        body = gzip_bomb(decompressed)
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return handler


def route_trickle(seconds: int = 60) -> Route:
    """One byte per second, for a long time."""

    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(seconds))
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.flush()
        for _ in range(seconds):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(1)

    return handler


def route_gzip_html(body: bytes) -> Route:
    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        data = gzip.compress(body)
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    return handler


# ----------------------------------------------------------------------------- openssl helpers
def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="session")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("tls")
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "key.pem",
        "-out",
        "cert.pem",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1/O=Hostile Clinic",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        cwd=d,
    )
    return d / "cert.pem", d / "key.pem"


@pytest.fixture
def https_server(self_signed: tuple[Path, Path], clinic_root: Path) -> Iterator[LocalServer]:
    server = LocalServer(clinic_root)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(self_signed[0]), str(self_signed[1]))
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    server.start()
    yield server
    server.stop()


TSA_CONF = """
[ tsa ]
default_tsa = tsa_config1

[ tsa_config1 ]
dir = {dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/ca.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5.6
digests = sha256, sha384, sha512
accuracy = secs:1, millisecs:500, microsecs:100
clock_precision_digits = 0
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""

TSA_EXT = """
[ tsa_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


class TsaServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, workdir: Path) -> None:
        super().__init__(("127.0.0.1", 0), _TsaHandler)
        self.workdir = workdir
        self.requests = 0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/tsa"


class _TsaHandler(http.server.BaseHTTPRequestHandler):
    server: TsaServer  # type: ignore[assignment]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        query = self.rfile.read(length)
        with self.server.lock:
            self.server.requests += 1
            d = self.server.workdir
            (d / "req.tsq").write_bytes(query)
            proc = subprocess.run(
                [
                    "openssl",
                    "ts",
                    "-reply",
                    "-config",
                    str(d / "tsa.cnf"),
                    "-queryfile",
                    str(d / "req.tsq"),
                    "-out",
                    str(d / "resp.tsr"),
                ],
                capture_output=True,
                check=False,
            )
            body = (d / "resp.tsr").read_bytes() if proc.returncode == 0 else b""
        if not body or self.headers.get("Content-Type") != "application/timestamp-query":
            self.send_response(400)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def tsa_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TsaServer]:
    """A real RFC 3161 TSA: test CA + TSA certificate (EKU timeStamping, critical)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    d = tmp_path_factory.mktemp("tsa")
    (d / "tsa.cnf").write_text(TSA_CONF.format(dir=d))
    (d / "ext.cnf").write_text(TSA_EXT)
    (d / "tsaserial").write_text("01\n")
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=vigipub test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        cwd=d,
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "tsa.key",
        "-out",
        "tsa.csr",
        "-subj",
        "/CN=vigipub test TSA",
        cwd=d,
    )
    openssl(
        "x509",
        "-req",
        "-in",
        "tsa.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "tsa.crt",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
        "-extensions",
        "tsa_ext",
        cwd=d,
    )
    server = TsaServer(d)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
