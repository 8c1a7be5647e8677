"""Reading WARC files over HTTP(S): streamed, with the capture's SSRF rule.

A name that resolves to a private, loopback, link-local or metadata address is refused at
connect time (redirects included), unless ``allow_private`` (tests, an agency's own archive
server); cloud metadata addresses are refused always. The address rules are the capture's
(``vigipub.capture.net``), so that one policy governs every fetch vigipub makes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import IO, Any

import httpcore
import httpx

from vigipub import __version__
from vigipub.capture.net import AddressPolicy, AddressRefused, DnsFailure

from .errors import TriageInputError

TIMEOUT = httpx.Timeout(connect=15.0, read=120.0, write=60.0, pool=60.0)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves the name itself, refuses addresses the policy forbids, connects to the checked one."""

    def __init__(self, allow_private: bool) -> None:
        self._inner = httpcore.SyncBackend()
        self._policy = AddressPolicy(allow_private=allow_private, resolved={})

    def _addresses(self, host: str, port: int) -> list[str]:
        """The capture's resolution and address rules; a refusal is a connect error of httpx."""
        try:
            return self._policy.resolve_blocking(host, port)
        except AddressRefused as exc:
            hint = "" if exc.why == "cloud metadata" else " (--allow-private lifts this)"
            raise httpcore.ConnectError(f"{exc}{hint}") from None
        except DnsFailure as exc:
            raise httpcore.ConnectError(str(exc)) from None

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self._addresses(host, port):
            try:
                return self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"{host}: no address")

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _client(allow_private: bool) -> httpx.Client:
    transport = httpx.HTTPTransport(retries=2, trust_env=False)
    # httpx does not expose the network backend: the pool is rebuilt with the guard
    transport._pool = httpcore.ConnectionPool(network_backend=_GuardedBackend(allow_private), retries=2)  # noqa: SLF001
    return httpx.Client(
        transport=transport,
        follow_redirects=True,
        max_redirects=5,
        timeout=TIMEOUT,
        trust_env=False,
        headers={"User-Agent": f"vigipub-triage/{__version__}", "Accept-Encoding": "identity"},
    )


class _ResponseReader:
    """``read(n)`` over a streamed response's raw bytes (a .warc.gz stays compressed)."""

    def __init__(self, response: httpx.Response) -> None:
        self._chunks = response.iter_raw(1 << 20)
        self._buffer = bytearray()
        self._done = False

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            try:
                self._buffer += next(self._chunks)
            except StopIteration:
                self._done = True
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def readable(self) -> bool:
        return True


def _fail(location: str, exc: Exception) -> TriageInputError:
    return TriageInputError(f"cannot read over HTTP: {exc}", where=location)


@contextlib.contextmanager
def open_url(location: str, *, allow_private: bool = False) -> Iterator[tuple[IO[bytes], int | None]]:
    """A streamed GET of ``location``: (reader, Content-Length or None)."""
    try:
        with _client(allow_private) as client, client.stream("GET", location) as response:
            if response.status_code != 200:
                raise TriageInputError(f"HTTP {response.status_code}", where=location)
            size = response.headers.get("Content-Length")
            yield _ResponseReader(response), int(size) if size and size.isdigit() else None  # type: ignore[misc]
    except httpx.HTTPError as exc:
        raise _fail(location, exc) from exc


def read_url_range(location: str, offset: int, length: int, *, allow_private: bool = False) -> bytes:
    """One record's bytes, by an HTTP range request (or by skipping, if the server ignores it)."""
    headers = {"Range": f"bytes={offset}-{offset + length - 1}"}
    try:
        with _client(allow_private) as client, client.stream("GET", location, headers=headers) as response:
            if response.status_code == 206:
                data = response.read()
            elif response.status_code == 200:
                reader = _ResponseReader(response)
                skipped = 0
                while skipped < offset:
                    chunk = reader.read(min(1 << 20, offset - skipped))
                    if not chunk:
                        break
                    skipped += len(chunk)
                data = reader.read(length)
            else:
                raise TriageInputError(f"HTTP {response.status_code}", where=location)
    except httpx.HTTPError as exc:
        raise _fail(location, exc) from exc
    if len(data) != length:
        raise TriageInputError(f"the file ends before the record at offset {offset}", where=location)
    return data
