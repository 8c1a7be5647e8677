"""Network guard: which URLs and addresses the capture may reach, and the HTTP client.

SSRF rule: a URL, a redirect or a DNS answer that leads to a private, loopback,
link-local, CGNAT, multicast, reserved or unspecified address is refused unless
``allow_private`` is set; cloud metadata addresses are refused always. The check is
done *at connect time* in a custom httpcore network backend that resolves the name
itself and connects to the address it checked, so DNS rebinding between check and
connect is impossible. Every redirect hop goes through the same backend.

With a proxy, names are resolved by the proxy (no DNS leak from the investigator's
network); literal addresses and ``localhost`` names are still checked here.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx
from asn1crypto import x509  # type: ignore[import-untyped]

from vigipub.evidence import sha256_bytes

#: refused whatever ``allow_private`` says: a capture never needs them, attackers do.
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
CGNAT = ipaddress.ip_network("100.64.0.0/10")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(Exception):
    """A connection to a non-public address was refused (reason ``ssrf``)."""

    def __init__(self, host: str, address: str, why: str) -> None:
        super().__init__(f"{host} resolves to {address} ({why}); refused")
        self.host = host
        self.address = address
        self.why = why


class DnsFailure(Exception):
    """The host name does not resolve (reason ``dns``)."""


class UrlRefused(ValueError):
    """A URL the capture never fetches; ``reason`` is the Skipped reason."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def classify_address(addr: IPAddress) -> str | None:
    """Why ``addr`` is not a public unicast address, or None when it is."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return classify_address(addr.ipv4_mapped)
    if addr in METADATA_ADDRESSES:
        return "cloud metadata"
    checks = (
        ("unspecified", addr.is_unspecified),
        ("loopback", addr.is_loopback),
        ("link-local", addr.is_link_local),
        ("multicast", addr.is_multicast),
        ("CGNAT", isinstance(addr, ipaddress.IPv4Address) and addr in CGNAT),
        ("private", addr.is_private),
        ("reserved", addr.is_reserved),
    )
    for name, hit in checks:
        if hit:
            return name
    if not addr.is_global:
        return "not global"
    return None


def address_allowed(addr: IPAddress, allow_private: bool) -> str | None:
    """None when the capture may connect to ``addr``; else the reason of refusal."""
    why = classify_address(addr)
    if why is None:
        return None
    if why == "cloud metadata":
        return why
    return None if allow_private else why


def parse_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


# One DNS label (RFC 1123; "_" is tolerated, some real hosts use it). Hosts are checked in
# their IDNA (ASCII) form, so "bücher.de" passes as "xn--bcher-kva.de".
_LABEL_RE = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")


def host_problem(raw_host: str) -> str | None:
    """Why ``raw_host`` (ASCII, as httpx gives it) is not a host name or IP literal, or None.

    Without this check "http://exa mple.com/" went to the resolver as "exa%20mple.com".
    """
    if parse_ip(raw_host) is not None:
        return None
    name = raw_host[:-1] if raw_host.endswith(".") else raw_host
    if len(name) > 253:
        return "host name longer than 253 characters"
    for label in name.split("."):
        if not _LABEL_RE.fullmatch(label):
            return f"invalid host name {raw_host!r}"
    return None


@lru_cache(maxsize=65536)
def check_url(url: str) -> str:
    """Validate an URL the crawler is about to fetch; return it normalised.

    Raises :class:`UrlRefused` (reason ``scheme``, ``credentials`` or ``invalid_url``).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise UrlRefused("invalid_url", f"malformed URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UrlRefused("scheme", f"scheme {scheme or '(none)'!r} is not http(s)")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise UrlRefused("credentials", "URLs with credentials are never fetched")
    if not parts.hostname:
        raise UrlRefused("invalid_url", "no host")
    try:
        normalised = httpx.URL(url.strip())
    except (httpx.InvalidURL, ValueError) as exc:
        raise UrlRefused("invalid_url", f"invalid URL: {exc}") from None
    if problem := host_problem(normalised.raw_host.decode("ascii", "replace")):
        raise UrlRefused("invalid_url", problem)
    del port
    return str(normalised.copy_with(fragment=None))


def check_literal_host(host: str, allow_private: bool) -> None:
    """Refuse literal non-public addresses and local names before any connection."""
    ip = parse_ip(host)
    if ip is not None:
        why = address_allowed(ip, allow_private)
        if why:
            raise AddressRefused(host, str(ip), why)
        return
    lowered = host.lower().rstrip(".")
    if not allow_private and (lowered == "localhost" or lowered.endswith((".localhost", ".local"))):
        raise AddressRefused(host, lowered, "local name")


@dataclass
class AddressPolicy:
    """Resolves names and refuses addresses the capture must not reach."""

    allow_private: bool
    #: host -> addresses seen
    resolved: dict[str, list[str]]

    async def resolve(self, host: str, port: int) -> list[str]:
        ip = parse_ip(host)
        if ip is not None:
            why = address_allowed(ip, self.allow_private)
            if why:
                raise AddressRefused(host, str(ip), why)
            return [str(ip)]
        check_literal_host(host, self.allow_private)
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise DnsFailure(f"{host}: {exc}") from None
        addresses: list[str] = []
        for info in infos:
            address = str(info[4][0])
            if address not in addresses:
                addresses.append(address)
        # One bad answer taints the whole name: an attacker mixes public and private records.
        for address in addresses:
            parsed = parse_ip(address)
            why = "unparsable" if parsed is None else address_allowed(parsed, self.allow_private)
            if why:
                raise AddressRefused(host, address, why)
        if not addresses:
            raise DnsFailure(f"{host}: no address")
        self.resolved.setdefault(host, addresses)
        return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore backend that connects only to addresses the policy checked."""

    def __init__(self, policy: AddressPolicy) -> None:
        from httpcore._backends.auto import AutoBackend

        self._inner = AutoBackend()
        self._policy = policy

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._policy.resolve(host, port)
        last: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are never used by a capture")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def make_ssl_context(verify: bool) -> ssl.SSLContext:
    if verify:
        ctx = ssl.create_default_context()
    else:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def make_client(
    policy: AddressPolicy,
    *,
    verify: bool,
    proxy: str | None,
    user_agent: str,
    concurrency: int,
    read_timeout: float,
) -> httpx.AsyncClient:
    """An AsyncClient that never follows redirects itself and connects through the guard."""
    ctx = make_ssl_context(verify)
    limits = httpx.Limits(max_connections=concurrency * 2, max_keepalive_connections=concurrency)
    transport = httpx.AsyncHTTPTransport(verify=ctx, proxy=proxy, limits=limits, trust_env=False, retries=0)
    if proxy is None:
        # httpx does not expose the network backend; the pool is rebuilt with the guard.
        transport._pool = httpcore.AsyncConnectionPool(  # noqa: SLF001
            ssl_context=ctx,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=GuardedBackend(policy),
        )
    timeout = httpx.Timeout(
        connect=min(10.0, read_timeout), read=read_timeout, write=read_timeout, pool=read_timeout * 4
    )
    return httpx.AsyncClient(
        transport=transport,
        follow_redirects=False,
        trust_env=False,
        timeout=timeout,
        headers={
            "User-Agent": user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8,de;q=0.7,es;q=0.6",
            "Accept-Encoding": "gzip, deflate",
        },
    )


@dataclass(frozen=True)
class TlsInfo:
    fingerprint_sha256: str
    subject: str
    issuer: str
    not_after: str
    pem: bytes


def tls_info_from_der(der: bytes) -> TlsInfo:
    cert = x509.Certificate.load(der)
    import base64

    b64 = base64.encodebytes(der).replace(b"\n", b"")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    pem = b"-----BEGIN CERTIFICATE-----\n" + b"\n".join(lines) + b"\n-----END CERTIFICATE-----\n"
    return TlsInfo(
        fingerprint_sha256=sha256_bytes(der),
        subject=cert.subject.human_friendly,
        issuer=cert.issuer.human_friendly,
        not_after=cert.not_valid_after.isoformat(),
        pem=pem,
    )


def connection_info(response: httpx.Response) -> tuple[str | None, TlsInfo | None]:
    """(server IP, TLS certificate info) of the connection that carried ``response``."""
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None, None
    ip: str | None = None
    try:
        addr = stream.get_extra_info("server_addr")
        if addr:
            ip = str(addr[0])
    except Exception:  # noqa: BLE001 - best effort: a missing peer address is not fatal
        ip = None
    tls: TlsInfo | None = None
    try:
        ssl_object = stream.get_extra_info("ssl_object")
        if ssl_object is not None:
            der = ssl_object.getpeercert(binary_form=True)
            if der:
                tls = tls_info_from_der(der)
    except Exception:  # noqa: BLE001
        tls = None
    return ip, tls


def is_tls_error(exc: BaseException) -> bool:
    """True when ``exc`` (or its causes) is a certificate/handshake failure."""
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            break
        if isinstance(seen, ssl.SSLError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(seen) or "SSL" in type(seen).__name__:
            return True
        seen = seen.__cause__ or seen.__context__
    return False
