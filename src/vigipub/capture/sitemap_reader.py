"""Reading a site's sitemaps during a capture: the pages no menu links to.

Where: the ``Sitemap:`` lines of robots.txt (seed and home origins), else the usual
locations (``DEFAULT_SITEMAP_PATHS``). Every sitemap URL passes the rules of links (URL
check, scope, robots.txt, SSRF guard at connection time, redirect hops checked) and is
archived in the WARC like a page: request, response and a ``metadata`` record listing what
it names. The URLs it lists join the frontier's sitemap heap (see :mod:`.frontier`).
Parsing is :mod:`.sitemap`'s (no I/O there).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from urllib.parse import urljoin

from vigipub.evidence import RecordRef

from .fetch import FetchResult
from .frontier import Frontier, Task
from .manifest import ManifestWriter
from .net import UrlRefused, check_url
from .options import CaptureOptions
from .politeness import Politeness, origin_base, origin_of
from .records import Recorder
from .redirects import SITEMAP_FILE, RedirectFetcher
from .scope import priority
from .sitemap import MAX_SITEMAP_NESTING, SitemapEntry, inflate, parse_sitemap

#: where sitemaps are looked for when robots.txt names none (sitemaps.org, Yoast/WordPress)
DEFAULT_SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml")
#: time allowed for reading all sitemaps, in page timeouts: hostile slow sitemaps must not
#: eat the capture (each file also has its own page timeout)
SITEMAP_TIME_FACTOR = 4


class SitemapReader:
    """Reads the sitemaps of one capture and queues the pages they list."""

    def __init__(
        self,
        options: CaptureOptions,
        manifest: ManifestWriter,
        frontier: Frontier,
        politeness: Politeness,
        recorder: Recorder,
        redirects: RedirectFetcher,
    ) -> None:
        self.opts = options
        self.manifest = manifest
        self.frontier = frontier
        self.politeness = politeness
        self.recorder = recorder
        self.redirects = redirects

    def sources(self, seed: str, home: str) -> tuple[list[tuple[str, str]], bool]:
        """Sitemaps to read, with where each was found; True when only guessed locations."""
        listed: list[tuple[str, str]] = []
        for origin in dict.fromkeys((origin_of(seed), origin_of(home))):
            robots = self.politeness.robots.get(origin)
            robots_url = f"{origin_base(origin)}/robots.txt"
            for entry in robots.sitemaps if robots is not None else []:
                with contextlib.suppress(ValueError):
                    listed.append((urljoin(robots_url, entry.strip()), robots_url))
        if listed:
            return listed, False
        base = origin_base(origin_of(home))
        return [(base + path, "default location") for path in DEFAULT_SITEMAP_PATHS], True

    async def read(self, seed: str, home: str) -> None:
        """Read the site's sitemaps and queue the pages they list.

        Limits: at most ``max_sitemaps`` files, ``MAX_SITEMAP_NESTING`` levels of indexes,
        ``max_sitemap_urls`` URLs read, ``max_sitemap_bytes`` per file after decompression,
        and ``SITEMAP_TIME_FACTOR`` page timeouts for the whole reading.
        """
        scope = self.frontier.scope
        assert scope is not None
        opts = self.opts
        skip, notes = self.manifest.skip, self.manifest.notes
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SITEMAP_TIME_FACTOR * opts.page_timeout
        sources, guessed = self.sources(seed, home)
        queue: deque[tuple[str, int, str]] = deque((url, 0, where) for url, where in sources)
        done: set[str] = set()
        fetched = urls_read = 0
        while queue:
            url, level, where = queue.popleft()
            origin_note = f"sitemap listed in {where}"
            try:
                url = check_url(url)
            except UrlRefused as exc:
                skip(url, exc.reason, f"{origin_note}: {exc.detail}")
                continue
            if url in done:
                continue
            done.add(url)
            if not scope.contains(url):
                skip(url, "off_site", f"{origin_note}, outside {scope.value}")
                continue
            if level >= MAX_SITEMAP_NESTING:
                skip(url, "sitemap_limit", f"{origin_note}: more than {MAX_SITEMAP_NESTING} nested sitemaps")
                continue
            if fetched >= opts.max_sitemaps:
                skip(url, "sitemap_limit", f"{origin_note}: {opts.max_sitemaps} sitemap files already read")
                continue
            remaining = deadline - loop.time()
            if remaining <= 0:
                skip(url, "timeout", f"{origin_note}: time allowed for sitemaps spent")
                continue
            if not await self.politeness.allows(url):
                skip(url, "robots", f"robots.txt disallows ({origin_note})")
                continue
            fetched += 1
            task = Task((0, 0, 0, 0), url, 0, SITEMAP_FILE)
            result, _, ref, _ = await self.redirects.fetch(
                task, False, max_bytes=opts.max_sitemap_bytes, timeout=min(opts.page_timeout, remaining)
            )
            if result is None or ref is None:
                continue  # recorded by the redirect fetcher (ssrf, off-site redirect, timeout…)
            status = result.status or 0
            if not 200 <= status < 300:
                if not guessed:
                    skip(url, "http_error", f"{origin_note}: HTTP {status}")
                continue
            if result.truncated:
                reason = {"length": "too_large", "time": "timeout"}.get(result.truncated, "disconnected")
                skip(url, reason, f"sitemap cut, the part received is read: {'; '.join(result.notes)}"[:900])
            data, problem, cut = inflate(result.body, opts.max_sitemap_bytes)
            if cut:
                skip(url, "too_large", f"sitemap cut, the part received is read: {problem}")
            parsed = parse_sitemap(data, result.url, max(0, opts.max_sitemap_urls - urls_read))
            del data
            if problem and not cut:
                parsed.problems.insert(0, problem)
            if parsed.kind == "unknown" and not parsed.entries:
                # a guessed location answering a soft 404 page is no news, and a cut file is
                # already recorded as such
                if not guessed and not cut and not result.truncated:
                    skip(url, "not_a_sitemap", "; ".join(parsed.problems)[:900] or "not a sitemap")
                continue
            urls_read += len(parsed.entries)
            self._write_outlinks(result, ref, parsed.entries)
            for text in parsed.problems:
                notes.append(f"sitemap {url}: {text}"[:500])
            if parsed.capped:
                notes.append(
                    f"sitemap {url}: cap of {opts.max_sitemap_urls} URLs read from sitemaps reached; the rest is not read"
                )
            pages = 0
            children: list[str] = []
            for entry in parsed.entries:
                if entry.kind == "sitemap":
                    children.append(entry.url)
                else:
                    pages += 1
                    self._enqueue_listed(entry, result.url)
            # within the file cap, sitemaps named like the pages that matter are read first
            children.sort(key=lambda child: -priority(child))
            queue.extend((child, level + 1, result.url) for child in children)
            notes.append(
                f"sitemap {url} ({parsed.kind}): {pages} page URLs, {len(children)} sitemaps listed"[:500]
            )
            if guessed and level == 0:
                queue = deque(item for item in queue if item[2] != "default location")
        if fetched:
            notes.append(
                f"sitemaps: {fetched} files read, {urls_read} URLs listed, "
                f"{len(self.frontier.listed_pending)} pages not yet found through links queued"
            )

    def _enqueue_listed(self, entry: SitemapEntry, sitemap_url: str) -> None:
        """Queue a URL a sitemap lists, under the rules of links.

        robots.txt is checked now when the host's rules are known (a disallowed URL then
        never takes a place in the page budget), else when the page is fetched: a sitemap
        naming thousands of subdomains must not make the capture fetch thousands of
        robots.txt files up front.
        """
        frontier, skip = self.frontier, self.manifest.skip
        assert frontier.scope is not None
        try:
            url = check_url(entry.url)
        except UrlRefused as exc:
            skip(entry.url, exc.reason, f"listed in sitemap {sitemap_url}: {exc.detail}")
            return
        if url in frontier.seen:
            return
        if not frontier.scope.contains(url):
            # hreflang alternates too: the sitemap protocol has no cross-site listing
            frontier.seen.add(url)
            skip(url, "off_site", f"listed in sitemap {sitemap_url}, outside {frontier.scope.value}")
            return
        robots = self.politeness.known_rules(url)
        if not self.opts.ignore_robots and robots is not None and not robots.allowed(url):
            frontier.seen.add(url)
            skip(url, "robots", f"robots.txt disallows (listed in sitemap {sitemap_url})")
            return
        frontier.enqueue(
            url,
            1,
            "sitemap",
            language=entry.language,
            # an hreflang="fr" alternate is a French variant: it may use the French reserve
            reserved=entry.language == "fr",
            from_sitemap=True,
        )

    def _write_outlinks(self, result: FetchResult, ref: RecordRef, entries: list[SitemapEntry]) -> None:
        """What a sitemap names, as a metadata record next to its response (provenance of
        every page reached through it)."""
        kinds = {"page": "listed", "alternate": "hreflang", "sitemap": "sitemap"}
        lines = [f"outlink: {e.url} {kinds[e.kind]}{' ' + e.language if e.language else ''}" for e in entries]
        if lines:
            self.recorder.outlinks(result.url, lines, when=result.started_at, refers_to=ref)
