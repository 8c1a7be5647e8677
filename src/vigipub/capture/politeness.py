"""Politeness: every request of a capture goes through :meth:`Politeness.fetch`.

- at most ``per_host_concurrency`` requests at a time to one host;
- a robots.txt ``Crawl-delay`` honoured (up to ``max_crawl_delay`` seconds) between the
  requests to its host;
- robots.txt (RFC 9309, see :mod:`.robots`) read once per origin, before the first page
  of that origin, archived like a page, and obeyed unless ``--ignore-robots``;
- a certificate that does not verify is an error, unless ``--insecure``: the request is
  then made again without verification, and every page of that host says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from .fetch import FetchResult, fetch
from .manifest import ManifestWriter
from .net import AddressPolicy, make_client
from .options import CaptureOptions
from .robots import MAX_ROBOTS_BYTES, Robots

#: seconds allowed for a robots.txt (at most the page timeout)
ROBOTS_TIMEOUT = 15.0

#: what to do with a robots.txt answer: archive it and note its server (url, result, tls error)
RecordAnswer = Callable[[str, FetchResult, str | None], object]


def origin_of(url: str) -> str:
    """``scheme://host:port`` of ``url``, the port always written (robots.txt is per origin)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}:{port}"


def origin_base(origin: str) -> str:
    """``scheme://host[:port]`` of an :func:`origin_of`, without the default port."""
    return origin.rsplit(":", 1)[0] if origin.endswith((":80", ":443")) else origin


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class Politeness:
    """The HTTP clients of one capture, with its per-host limits and robots.txt rules."""

    def __init__(
        self,
        options: CaptureOptions,
        policy: AddressPolicy,
        manifest: ManifestWriter,
        *,
        user_agent: str,
        record_answer: RecordAnswer,
    ) -> None:
        self.opts = options
        self.manifest = manifest
        self.record_answer = record_answer
        read_timeout = max(1.0, min(options.page_timeout, 30.0))
        self.client, self.insecure_client = (
            make_client(
                policy,
                verify=verify,
                proxy=options.proxy,
                user_agent=user_agent,
                concurrency=options.concurrency,
                read_timeout=read_timeout,
            )
            for verify in (True, False)
        )
        #: origin -> its robots.txt rules, once read
        self.robots: dict[str, Robots] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._host_sems: dict[str, asyncio.Semaphore] = {}
        self._host_next: dict[str, float] = {}
        #: hosts whose certificate did not verify, captured anyway (--insecure)
        self.insecure_hosts: set[str] = set()

    async def aclose(self) -> None:
        await self.client.aclose()
        await self.insecure_client.aclose()

    def _client_for(self, url: str) -> httpx.AsyncClient:
        return self.insecure_client if host_of(url) in self.insecure_hosts else self.client

    async def fetch(
        self, url: str, timeout: float, max_bytes: int, headers: dict[str, str] | None = None
    ) -> tuple[FetchResult, str | None]:
        """Fetch with the per-host limits; retry unverified TLS when --insecure.

        Returns the result and the certificate problem accepted for it (None: verified).
        """
        host = host_of(url)
        sem = self._host_sems.setdefault(host, asyncio.Semaphore(self.opts.per_host_concurrency))
        async with sem:
            rules = self.robots.get(origin_of(url))
            if rules is not None and rules.crawl_delay:
                wait = min(rules.crawl_delay, self.opts.max_crawl_delay)
                loop = asyncio.get_running_loop()
                now = loop.time()
                start = max(now, self._host_next.get(host, now))
                self._host_next[host] = start + wait
                if start > now:
                    await asyncio.sleep(start - now)
            result = await fetch(
                self._client_for(url), url, max_bytes=max_bytes, timeout=timeout, extra_headers=headers
            )
            tls_error: str | None = None
            if result.error_reason == "tls_error" and self.opts.insecure and host not in self.insecure_hosts:
                tls_error = result.error_detail
                self.insecure_hosts.add(host)
                result = await fetch(
                    self.insecure_client, url, max_bytes=max_bytes, timeout=timeout, extra_headers=headers
                )
                result.notes.append(f"captured with --insecure despite: {tls_error}")
            elif host in self.insecure_hosts:
                tls_error = self.manifest.recorded_tls_error(host) or "certificate not verified (--insecure)"
            return result, tls_error

    def known_rules(self, url: str) -> Robots | None:
        """The robots.txt rules of ``url``'s origin if already read (no request)."""
        return self.robots.get(origin_of(url))

    async def allows(self, url: str) -> bool:
        """Whether robots.txt lets the capture fetch ``url`` (read on first use per origin)."""
        if self.opts.ignore_robots:
            return True
        origin = origin_of(url)
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self.robots:
                robots_url = f"{origin_base(origin)}/robots.txt"
                result, tls_error = await self.fetch(
                    robots_url, min(ROBOTS_TIMEOUT, self.opts.page_timeout), MAX_ROBOTS_BYTES
                )
                if result.status is not None:
                    self.record_answer(robots_url, result, tls_error)
                if result.status is None:
                    # no answer at all: the host is unusable and the page fetch will record why
                    self.robots[origin] = Robots(
                        parser=None, why=f"robots.txt not fetched: {result.error_reason}"
                    )
                else:
                    self.robots[origin] = Robots.from_response(result.status, result.body)
                    if self.robots[origin].disallow_all:
                        self.manifest.notes.append(f"{robots_url}: {self.robots[origin].why}")
        return self.robots[origin].allowed(url)
