"""Fetching one URL of the site, redirects followed hop by hop.

Every hop is checked before it is requested, as a link would be: a valid http(s) URL
(:func:`~.net.check_url`), inside the scope (unless the task may leave it), not a page
captured separately, allowed by robots.txt, and — through a proxy, where the connection
guard cannot see the address — not a private address. Every answer is archived (response
and request records) and its server noted; a hop refused ends the chain, recorded in the
manifest as ``Skipped`` with its reason. The whole chain shares one page deadline.
"""

from __future__ import annotations

import asyncio
from typing import NamedTuple
from urllib.parse import urljoin

from vigipub.evidence import RecordRef

from .fetch import FetchResult
from .frontier import Frontier, Task
from .manifest import ManifestWriter
from .net import AddressPolicy, AddressRefused, UrlRefused, check_url
from .options import CaptureOptions
from .politeness import Politeness
from .records import Recorder

MAX_REDIRECTS = 10
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
#: the ``via`` of the task that fetches a sitemap file (not a page the sitemap lists): its
#: records are marked as such, extraction leaves them out
SITEMAP_FILE = "sitemap_file"


class Fetched(NamedTuple):
    """The end of a redirect chain: its final answer (None: a hop was refused, and recorded)."""

    result: FetchResult | None
    #: response records of the redirects followed, in order
    hops: list[RecordRef]
    #: response record of the final answer
    record: RecordRef | None
    #: the certificate problem accepted with --insecure, if any
    tls_error: str | None


class SeedError(NamedTuple):
    """Why the start URL gave no answer (the capture then stops with a one-line error)."""

    reason: str
    detail: str
    url: str


class RedirectFetcher:
    """Follows the redirects of the capture's pages, sitemaps and robots-checked hops."""

    def __init__(
        self,
        options: CaptureOptions,
        policy: AddressPolicy,
        manifest: ManifestWriter,
        frontier: Frontier,
        politeness: Politeness,
        recorder: Recorder,
    ) -> None:
        self.opts = options
        self.policy = policy
        self.manifest = manifest
        self.frontier = frontier
        self.politeness = politeness
        self.recorder = recorder
        self.seed_error: SeedError | None = None

    def _refused(self, is_seed: bool, reason: str, detail: str, url: str) -> None:
        if is_seed:
            self.seed_error = SeedError(reason, detail, url)

    async def fetch(
        self,
        task: Task,
        is_seed: bool,
        *,
        max_bytes: int | None = None,
        timeout: float | None = None,
    ) -> Fetched:
        """Fetch ``task.url`` following redirects.

        ``max_bytes`` and ``timeout`` default to the page limits (sitemaps have their own).
        """
        skip = self.manifest.skip
        refused = Fetched(None, [], None, None)
        url = task.url
        hops: list[RecordRef] = []
        visited: list[str] = []
        loop = asyncio.get_running_loop()
        timeout = self.opts.page_timeout if timeout is None else timeout
        max_bytes = self.opts.max_page_bytes if max_bytes is None else max_bytes
        deadline = loop.time() + timeout
        for hop in range(MAX_REDIRECTS + 1):
            if url in visited:
                skip(task.url, "redirect_loop", " -> ".join([*visited, url])[:900])
                return refused._replace(hops=hops)
            visited.append(url)
            try:
                url = check_url(url)
            except UrlRefused as exc:
                skip(url, exc.reason, f"redirect target of {task.url}: {exc.detail}" if hop else exc.detail)
                return refused._replace(hops=hops)
            if hop > 0:
                scope = self.frontier.scope
                if scope is not None and not scope.contains(url) and not task.offsite_ok:
                    skip(url, "off_site", f"redirect from {task.url}")
                    return refused._replace(hops=hops)
                if not is_seed and url in self.frontier.seen and url != task.url:
                    skip(task.url, "duplicate", f"redirects to {url}, captured separately")
                    return refused._replace(hops=hops)
                if not await self.politeness.allows(url):
                    skip(url, "robots", f"robots.txt disallows (redirect from {task.url})")
                    return refused._replace(hops=hops)
            if self.opts.proxy:
                try:
                    self.policy.check_url(url)
                except AddressRefused as exc:
                    skip(url, "ssrf", str(exc))
                    self._refused(is_seed, "ssrf", str(exc), url)
                    return refused._replace(hops=hops)
            remaining = deadline - loop.time()
            if remaining <= 0:
                skip(task.url, "timeout", f"page deadline of {timeout:g} s reached during redirects")
                return refused._replace(hops=hops)
            result, tls_error = await self.politeness.fetch(url, remaining, max_bytes)
            if result.status is None:
                reason = result.error_reason or "error"
                skip(url, reason, result.error_detail)
                self._refused(is_seed, reason, result.error_detail, url)
                return refused._replace(hops=hops)
            # only the sitemap file itself: a page the sitemap listed (via "sitemap") is a page
            ref = self.recorder.answer(
                url, result, tls_error, fetched_for="sitemap" if task.via == SITEMAP_FILE else None
            )
            location = result.header("location")
            if result.status in REDIRECT_STATUSES and location:
                try:
                    nxt = urljoin(url, location.strip())
                except ValueError:
                    skip(task.url, "invalid_url", f"bad Location header {location[:200]!r}")
                    return refused._replace(hops=hops)
                hops.append(ref)
                self.frontier.seen.add(url)
                url = nxt.split("#", 1)[0]
                continue
            result.url = url
            return Fetched(result, hops, ref, tls_error)
        skip(task.url, "redirect_loop", f"more than {MAX_REDIRECTS} redirects")
        return refused._replace(hops=hops)
