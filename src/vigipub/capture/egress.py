"""The browser's only way out: a local proxy that refuses every connection and records it.

Chromium's HTTP(S) requests are intercepted (``page.route``) and fetched by the capture's
guarded client, so they never reach the network stack. What ``page.route`` does not see —
WebSocket handshakes from workers, TURN over TCP, the sockets Chromium opens ahead of time
(preconnect, the target of a redirect, ``<link rel=preconnect>``), background services —
would otherwise go straight out, around the SSRF guard and around ``--proxy``. Chromium is
therefore started with this sink as its proxy for everything (loopback included, see
``--proxy-bypass-list=<-loopback>``), so the only direct connection it can open is to this
socket on 127.0.0.1. The sink answers every request with ``403`` and records what was asked
(``CONNECT host:port`` or an absolute URL); the capture lists each refusal in the manifest.

UDP cannot go through an HTTP proxy: WebRTC is told to use no non-proxied UDP (Chromium's
``disable_non_proxied_udp`` policy, set by command-line flag) and the page's
``RTCPeerConnection`` is refused in JavaScript (see :mod:`.browser`); QUIC is off.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

#: bytes of a request head read at most, and the time allowed to send it
MAX_HEAD_BYTES = 8192
HEAD_TIMEOUT = 5.0
#: distinct refusals recorded at most (a page can open connections in a loop)
MAX_RECORDED = 500

REFUSAL = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


@dataclass(frozen=True)
class EgressAttempt:
    """One connection the browser tried outside the recorded path."""

    method: str  # CONNECT, GET, … or "?" when the request line was unreadable
    target: str  # host:port for CONNECT, the absolute URL otherwise

    def url(self) -> str:
        """The target as a URL-like string for the manifest (``tcp://host:port`` for a tunnel)."""
        if self.method == "CONNECT":
            return f"tcp://{self.target}"
        return self.target


@dataclass
class EgressSink:
    """A proxy on 127.0.0.1 that never forwards anything; ``attempts`` in arrival order."""

    attempts: list[EgressAttempt] = field(default_factory=list)
    overflow: int = 0
    _server: asyncio.AbstractServer | None = None
    _seen: set[EgressAttempt] = field(default_factory=set)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def start(self) -> str:
        """Listen on an ephemeral port of 127.0.0.1; return the proxy URL for Chromium."""
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 5)
            self._server = None
        for task in list(self._tasks):
            task.cancel()

    def drain(self) -> list[EgressAttempt]:
        """Attempts recorded since the last call."""
        out = list(self.attempts)
        self.attempts.clear()
        return out

    def _record(self, attempt: EgressAttempt) -> None:
        if attempt in self._seen:
            return
        if len(self._seen) >= MAX_RECORDED:
            self.overflow += 1
            return
        self._seen.add(attempt)
        self.attempts.append(attempt)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            try:
                line = await asyncio.wait_for(reader.readline(), HEAD_TIMEOUT)
            except (TimeoutError, asyncio.LimitOverrunError, ValueError, OSError):
                line = b""
            if not line:
                # a socket opened ahead of time (preconnect) and closed unused: nothing left
                # the machine, and there is no request to record
                return
            words = line[:MAX_HEAD_BYTES].decode("latin-1", "replace").split()
            if len(words) >= 2:
                self._record(EgressAttempt(words[0][:16].upper(), words[1][:2000]))
            else:
                self._record(EgressAttempt("?", line[:200].decode("latin-1", "replace").strip()))
            with contextlib.suppress(OSError):
                writer.write(REFUSAL)
                await asyncio.wait_for(writer.drain(), HEAD_TIMEOUT)
        finally:
            with contextlib.suppress(Exception):
                writer.close()
            if task is not None:
                self._tasks.discard(task)
