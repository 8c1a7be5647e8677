"""Fetch one URL with hard bounds: bytes (on the wire and decompressed) and total time.

Hostile servers are expected: a body larger than the limit is cut (``truncated``), a
compression bomb is decompressed in bounded steps and cut at the same limit, a server
that trickles bytes is cut at the page deadline. What was received before the cut is
kept: it is evidence too.

The body stored is the *decoded* entity (identity encoding): a reader of the WARC never
has to decompress attacker-controlled data. The original ``Content-Encoding`` /
``Transfer-Encoding`` / ``Content-Length`` headers are kept under ``X-Vigipub-Original-*``.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from vigipub.evidence import utc_now

from .net import AddressRefused, DnsFailure, TlsInfo, connection_info, is_tls_error

RENAMED_HEADERS = {b"content-encoding", b"transfer-encoding", b"content-length"}


class BoundedDecoder:
    """gzip/deflate decoder that never produces more than ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.out = bytearray()
        self.truncated = False
        self.error: str | None = None
        self._first = True
        if encoding in ("gzip", "x-gzip"):
            self._d = zlib.decompressobj(zlib.MAX_WBITS | 16)
        else:  # deflate: zlib-wrapped per RFC, raw deflate in practice; decided on first bytes
            self._d = zlib.decompressobj(zlib.MAX_WBITS)
        self._encoding = encoding

    def feed(self, data: bytes) -> None:
        if self.truncated or self.error:
            return
        if self._first and self._encoding == "deflate":
            self._first = False
            if data and (data[0] & 0x0F) != 8:
                self._d = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            buf = data
            while buf:
                room = self.limit - len(self.out)
                piece = self._d.decompress(buf, room + 1)
                self.out += piece
                if len(self.out) > self.limit:
                    del self.out[self.limit :]
                    self.truncated = True
                    return
                if self._d.eof:
                    # gzip allows several members one after the other (RFC 1952 §2.2)
                    buf = self._d.unused_data
                    if buf and self._encoding != "deflate":
                        self._d = zlib.decompressobj(zlib.MAX_WBITS | 16)
                        continue
                    return
                buf = self._d.unconsumed_tail
        except zlib.error as exc:
            self.error = f"{self._encoding} decoding failed: {exc}"


@dataclass
class FetchResult:
    """What one HTTP exchange produced (``status`` is None when no response arrived)."""

    url: str
    started_at: datetime
    request_block: bytes = b""
    status: int | None = None
    reason_phrase: str = ""
    http_version: str = "HTTP/1.1"
    raw_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""
    truncated: str | None = None  # "length" | "time" | "disconnect"
    error_reason: str | None = None  # Skipped reason when no response: ssrf, dns, tls_error…
    error_detail: str = ""
    notes: list[str] = field(default_factory=list)
    ip: str | None = None
    tls: TlsInfo | None = None
    elapsed: float = 0.0
    _buffer: bytearray = field(default_factory=bytearray, repr=False)
    _decoder: BoundedDecoder | None = field(default=None, repr=False)

    @property
    def received(self) -> int:
        """Body bytes received so far (decoded), also before :meth:`finish_body` froze them."""
        if self.body:
            return len(self.body)
        return len(self._decoder.out) if self._decoder is not None else len(self._buffer)

    def finish_body(self) -> None:
        """Freeze what was received (also after a cut) into ``body``."""
        self.body = bytes(self._decoder.out) if self._decoder is not None else bytes(self._buffer)
        self._buffer = bytearray()
        self._decoder = None

    def header(self, name: str) -> str | None:
        key = name.lower().encode()
        for k, v in self.raw_headers:
            if k.lower() == key:
                return v.decode("latin-1")
        return None

    @property
    def content_type(self) -> str | None:
        value = self.header("content-type")
        return value.strip() if value else None

    @property
    def media_type(self) -> str:
        return (self.content_type or "").split(";")[0].strip().lower()

    def headers_dict(self) -> dict[str, str]:
        """Headers as received (repeated names joined with ', ')."""
        out: dict[str, str] = {}
        for k, v in self.raw_headers:
            name = k.decode("latin-1")
            value = v.decode("latin-1")
            out[name] = f"{out[name]}, {value}" if name in out else value
        return out

    def response_block(self) -> bytes:
        """The HTTP response as stored in the WARC: status line, headers, decoded body."""
        lines = [f"{self.http_version} {self.status} {self.reason_phrase}".rstrip().encode("latin-1")]
        for k, v in self.raw_headers:
            if k.lower() in RENAMED_HEADERS:
                lines.append(b"X-Vigipub-Original-" + k + b": " + v)
            else:
                lines.append(k + b": " + v)
        lines.append(f"Content-Length: {len(self.body)}".encode())
        return b"\r\n".join(lines) + b"\r\n\r\n" + self.body


def _request_block(request: httpx.Request) -> bytes:
    target = request.url.raw_path.decode("ascii", "replace") or "/"
    lines = [f"{request.method} {target} HTTP/1.1".encode()]
    lines += [k + b": " + v for k, v in request.headers.raw]
    return b"\r\n".join(lines) + b"\r\n\r\n"


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    extra_headers: dict[str, str] | None = None,
) -> FetchResult:
    """GET ``url`` once (no redirect following); never raises for network trouble."""
    result = FetchResult(url=url, started_at=utc_now())
    t0 = time.monotonic()
    try:
        request = client.build_request("GET", url, headers=extra_headers)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        result.error_reason, result.error_detail = "invalid_url", str(exc)
        return result
    result.request_block = _request_block(request)
    try:
        async with asyncio.timeout(timeout):
            await _exchange(client, request, result, max_bytes)
    except TimeoutError:
        if result.status is None:
            result.error_reason, result.error_detail = "timeout", f"no response within {timeout:g} s"
        else:
            result.truncated = "time"
            result.notes.append(f"body cut at {result.received} bytes: page deadline of {timeout:g} s")
    except AddressRefused as exc:
        result.error_reason, result.error_detail = "ssrf", str(exc)
    except httpx.InvalidURL as exc:
        # httpx builds the redirect request even when not following it, so a response whose
        # Location is unusable ("javascript:…") raised out of the capture as a traceback
        result.error_reason, result.error_detail = "invalid_url", f"unusable redirect Location: {exc}"
    except DnsFailure as exc:
        result.error_reason, result.error_detail = "dns", f"DNS resolution failed: {exc}"
    except httpx.TimeoutException as exc:
        if result.status is None:
            result.error_reason, result.error_detail = "timeout", f"{type(exc).__name__}: {exc}"
        else:
            result.truncated = "time"
            result.notes.append(f"body cut at {result.received} bytes: read timeout")
    except httpx.HTTPError as exc:
        if result.status is not None:
            result.truncated = "disconnect"
            result.notes.append(f"body cut at {result.received} bytes: {type(exc).__name__}: {exc}")
        elif is_tls_error(exc):
            result.error_reason, result.error_detail = "tls_error", f"TLS failure: {exc}"
        else:
            result.error_reason, result.error_detail = "connect_error", f"{type(exc).__name__}: {exc}"
    except (OSError, ValueError, UnicodeError) as exc:
        if result.status is None:
            result.error_reason, result.error_detail = "connect_error", f"{type(exc).__name__}: {exc}"
        else:
            result.truncated = "disconnect"
            result.notes.append(f"body cut: {type(exc).__name__}: {exc}")
    result.finish_body()
    result.elapsed = time.monotonic() - t0
    return result


async def _exchange(
    client: httpx.AsyncClient, request: httpx.Request, result: FetchResult, max_bytes: int
) -> None:
    response = await client.send(request, stream=True)
    try:
        result.status = response.status_code
        result.reason_phrase = response.reason_phrase
        result.http_version = response.http_version or "HTTP/1.1"
        result.raw_headers = list(response.headers.raw)
        result.ip, result.tls = connection_info(response)
        encodings = [e.strip().lower() for e in (response.headers.get("content-encoding") or "").split(",")]
        encodings = [e for e in encodings if e and e != "identity"]
        if len(encodings) == 1 and encodings[0] in ("gzip", "x-gzip", "deflate"):
            result._decoder = BoundedDecoder(encodings[0], max_bytes)
        elif encodings:
            # Unknown or stacked encodings are stored as received (header kept visible).
            result.notes.append(f"content-encoding {','.join(encodings)!r} stored undecoded")
        raw_total = 0
        async for chunk in response.aiter_raw():
            raw_total += len(chunk)
            decoder = result._decoder
            if decoder is not None:
                decoder.feed(chunk)
                if decoder.truncated:
                    result.truncated = "length"
                    result.notes.append(f"decompressed body exceeds {max_bytes} bytes: cut")
                    break
                if raw_total > max_bytes:
                    result.truncated = "length"
                    result.notes.append(f"body exceeds {max_bytes} bytes on the wire: cut")
                    break
            else:
                room = max_bytes - len(result._buffer)
                result._buffer += chunk[:room]
                if len(chunk) > room:
                    result.truncated = "length"
                    result.notes.append(f"body exceeds {max_bytes} bytes: cut")
                    break
        if result._decoder is not None and result._decoder.error:
            result.notes.append(result._decoder.error)
    finally:
        await response.aclose()
