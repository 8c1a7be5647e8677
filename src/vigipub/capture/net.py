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
from urllib.parse import SplitResult, urlsplit, urlunsplit

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
        if why == "local name":
            message = f"{host} is a local name; refused"
        elif parse_ip(host) is not None:  # the host is the address, in some spelling
            spelled = "" if host == address else f" ({address})"
            message = f"{host} is a {why} address{spelled}; refused"
        else:
            message = f"{host} resolves to {address} ({why}); refused"
        super().__init__(message)
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
    """Why ``addr`` is not a public unicast address, or None when it is.

    An IPv6 address that carries an IPv4 one (mapped ``::ffff:a.b.c.d``, 6to4
    ``2002:aabb:ccdd::``) is judged by the IPv4 address it reaches.
    """
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = addr.ipv4_mapped or addr.sixtofour
        if embedded is not None:
            return classify_address(embedded)
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


class NumericHostError(ValueError):
    """A host that ends in a number but is no IPv4 address (``1.2.3.4.5``, ``a.b.0x1g``)."""


def _ipv4_number(part: str) -> int | None:
    """One part of a numeric IPv4 spelling (decimal, ``0x`` hex, leading-zero octal), or None.

    The WHATWG URL standard (what browsers and their proxies follow) and the C library's
    ``inet_aton`` (what ``getaddrinfo`` and most proxies call) both read these forms.
    """
    if not part:
        return None
    if part[:2] in ("0x", "0X"):
        digits = part[2:]
        if digits and not all(c in "0123456789abcdefABCDEF" for c in digits):
            return None
        return int(digits, 16) if digits else 0
    if len(part) > 1 and part[0] == "0":
        digits = part[1:]
        if not all(c in "01234567" for c in digits):
            return None
        return int(digits, 8)
    if not part.isascii() or not part.isdigit():
        return None
    return int(part)


def numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a numeric host spelling stands for, or None for a host name.

    ``2130706433``, ``0x7f000001``, ``127.1``, ``0x7f.1``, ``0177.0.0.1``, ``0``,
    ``127.0.0.1.`` are all 127.0.0.1 (or 0.0.0.0) to a browser, to ``getaddrinfo`` and to
    a forwarding proxy: they are addresses, never names. Raises :class:`NumericHostError`
    for a host whose last label is a number but which is no valid address (browsers refuse
    such URLs; a resolver might read them some other way).
    """
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()  # one trailing dot: the root of the DNS tree
    last = labels[-1] if labels else ""
    if not last or (not (last.isascii() and last.isdigit()) and _ipv4_number(last) is None):
        return None  # a name: its last label is not a number
    numbers = [_ipv4_number(label) for label in labels]
    if len(labels) > 4 or any(n is None for n in numbers):
        raise NumericHostError(f"host {host!r} ends in a number but is not an IPv4 address")
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        raise NumericHostError(f"host {host!r}: IPv4 number out of range")
    address = values[-1]
    for index, number in enumerate(values[:-1]):
        address += number << (8 * (3 - index))
    return ipaddress.IPv4Address(address)


def parse_ip(host: str) -> IPAddress | None:
    """The address ``host`` stands for when it is an IP literal in any spelling, else None.

    IPv6 literals may come bracketed and with a zone (``[fe80::1%25eth0]``); IPv4 in every
    numeric spelling :func:`numeric_ipv4` reads. A host that cannot be an address nor a
    name (``1.2.3.4.5``) is treated as the unspecified address, which is always refused.
    """
    bare = host.strip("[]").split("%")[0]
    if ":" in bare:
        try:
            return ipaddress.ip_address(bare)
        except ValueError:
            return None
    try:
        return numeric_ipv4(bare)
    except NumericHostError:
        return ipaddress.IPv4Address(0)


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


def _canonical_numeric_host(url: str, parts: SplitResult) -> str:
    """``url`` with a numeric IPv4 host spelling written as the dotted address (see
    :func:`numeric_ipv4`); refuses a host that ends in a number but is no address."""
    host = parts.hostname or ""
    if ":" in host:
        return url
    try:
        numeric = numeric_ipv4(host)
    except NumericHostError as exc:
        raise UrlRefused("invalid_url", str(exc)) from None
    if numeric is None or str(numeric) == host:
        return url
    netloc = str(numeric) + (f":{parts.port}" if parts.port is not None else "")
    return urlunsplit(parts._replace(netloc=netloc))


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
    url = _canonical_numeric_host(url.strip(), parts)
    try:
        normalised = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise UrlRefused("invalid_url", f"invalid URL: {exc}") from None
    raw = normalised.raw_host.decode("ascii", "replace")
    if ":" not in raw:
        # A numeric spelling (2130706433, 0x7f.1, 127.1, 127.0.0.1.) is written as the address
        # it stands for, as a browser would: every later check (SSRF guard, proxy mode, scope)
        # then sees 127.0.0.1, never a "name" a resolver or a proxy would read as 127.0.0.1.
        try:
            numeric = numeric_ipv4(raw)
        except NumericHostError as exc:
            raise UrlRefused("invalid_url", str(exc)) from None
        if numeric is not None and str(numeric) != raw:
            normalised = normalised.copy_with(host=str(numeric))
    if problem := host_problem(normalised.raw_host.decode("ascii", "replace")):
        raise UrlRefused("invalid_url", problem)
    del port
    return str(normalised.copy_with(fragment=None))


#: names that are this machine whatever the DNS says (resolvers answer them from /etc/hosts)
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


Endpoint = tuple[IPAddress, int]


def parse_endpoint(text: str) -> Endpoint:
    """``"127.0.0.1:8001"`` or ``"[::1]:8001"`` -> (address, port); ValueError otherwise."""
    host, sep, port = text.strip().rpartition(":")
    address = parse_ip(host) if sep else None
    if address is None or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"not an ADDRESS:PORT endpoint: {text!r}")
    return address, int(port)


@dataclass
class AddressPolicy:
    """Resolves names and refuses addresses the capture must not reach."""

    allow_private: bool
    #: host -> addresses seen
    resolved: dict[str, list[str]]
    #: non-public endpoints reachable without ``allow_private`` (a test server, an agency's
    #: mirror): only that address and port, never their neighbours; metadata never
    allow_endpoints: frozenset[Endpoint] = frozenset()

    def refusal(self, address: IPAddress, port: int) -> str | None:
        """None when the capture may connect to ``address:port``; else the reason of refusal."""
        allowed = self.allow_private or (address, port) in self.allow_endpoints
        return address_allowed(address, allowed)

    def check_literal(self, host: str, port: int) -> None:
        """Refuse a literal non-public address (any spelling) or a local name, before any
        connection: in proxy mode this is all that can be checked here (the proxy resolves)."""
        ip = parse_ip(host)
        if ip is not None:
            why = self.refusal(ip, port)
            if why:
                raise AddressRefused(host, str(ip), why)
            return
        lowered = host.lower().rstrip(".")
        if not self.allow_private and (lowered in LOCAL_NAMES or lowered.endswith((".localhost", ".local"))):
            raise AddressRefused(host, lowered, "local name")

    def check_url(self, url: str) -> None:
        """:meth:`check_literal` on the host and port of ``url``."""
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self.check_literal(parts.hostname or "", port)

    def _literal_addresses(self, host: str, port: int) -> list[str] | None:
        """``[address]`` when ``host`` is an IP literal the policy allows; None for a name that
        must be resolved. Raises :class:`AddressRefused` for a refused literal or local name."""
        ip = parse_ip(host)
        if ip is None:
            self.check_literal(host, port)
            return None
        why = self.refusal(ip, port)
        if why:
            raise AddressRefused(host, str(ip), why)
        return [str(ip)]

    def _vetted(self, host: str, port: int, infos: list[Any]) -> list[str]:
        """The distinct addresses of a ``getaddrinfo`` answer, once every one is allowed.

        One bad answer taints the whole name: an attacker mixes public and private records.
        """
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:
            parsed = parse_ip(address)
            why = "unparsable" if parsed is None else self.refusal(parsed, port)
            if why:
                raise AddressRefused(host, address, why)
        if not addresses:
            raise DnsFailure(f"{host}: no address")
        self.resolved.setdefault(host, addresses)
        return addresses

    async def resolve(self, host: str, port: int) -> list[str]:
        """The addresses a connection to ``host:port`` may use (the event loop's resolver).

        Raises :class:`AddressRefused` or :class:`DnsFailure`.
        """
        literal = self._literal_addresses(host, port)
        if literal is not None:
            return literal
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise DnsFailure(f"{host}: {exc}") from None
        return self._vetted(host, port, infos)

    def resolve_blocking(self, host: str, port: int) -> list[str]:
        """:meth:`resolve` for synchronous code (the batch's HTTP reader): same rules, same errors."""
        literal = self._literal_addresses(host, port)
        if literal is not None:
            return literal
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise DnsFailure(f"{host}: {exc}") from None
        return self._vetted(host, port, infos)


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
