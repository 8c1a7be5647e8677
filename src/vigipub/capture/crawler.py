"""The capture: crawl a site politely, write the WARC, render pages, seal the folder.

The whole processing chain is visible in :meth:`Capture.run`:

1. validate the seed and the output folder (errors are :mod:`.errors` InputErrors);
2. open the WARC, write ``warcinfo``, optionally record the proxy's exit address;
3. fetch the seed (redirects followed hop by hop, each hop checked and recorded);
4. read the sitemaps (robots.txt ``Sitemap:`` lines, else ``/sitemap.xml``): the URLs they
   list join the frontier as candidates (see :meth:`Capture._take_task` for the merge);
5. crawl by priority (French variants, then pages that matter, then the rest) within the
   scope, the depth and the page budget, respecting robots.txt and per-host concurrency;
   each HTML page is queued for rendering in Chromium (DOM + screenshot);
6. checkpoint the manifest atomically every few pages;
7. write the final manifest, chain it into ``chain.log``, time-stamp it and sign the chain.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import shutil
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from vigipub import __version__
from vigipub.evidence import (
    Artefact,
    CapturedPage,
    CaptureManifest,
    Producer,
    RecordRef,
    ServerInfo,
    Skipped,
    params_digest,
    sha256_bytes,
    sha256_file,
    utc_now,
    write_json,
)
from vigipub.evidence.capture import FETCHED_FOR_HEADER
from vigipub.evidence.signing import load_signing_key

from .egress import EgressAttempt
from .errors import (
    CaptureInputError,
    EmptySiteError,
    InvalidUrlError,
    OutputNotEmptyError,
    RefusedAddressError,
    SeedNotHtmlError,
    SeedUnreachableError,
)
from .fetch import FetchResult, fetch
from .net import AddressPolicy, AddressRefused, UrlRefused, check_url, make_client, parse_endpoint
from .options import CaptureOptions
from .robots import MAX_ROBOTS_BYTES, Robots
from .scope import PageLinks, Scope, extract_links, is_document_url, language_from_url, priority
from .sealing import TIMESTAMP_DIR, seal_evidence
from .sitemap import MAX_SITEMAP_NESTING, SitemapEntry, inflate, parse_sitemap
from .warc import WarcWriter

WARC_NAME = "capture.warc.gz"
MANIFEST_NAME = "manifest.json"
SCREENSHOT_DIR = "screenshots"
CERT_DIR = "certificates"
#: the ``via`` of the task that fetches a sitemap file (not a page the sitemap lists)
SITEMAP_FILE = "sitemap_file"
MAX_REDIRECTS = 10
#: CHECKPOINT: the manifest is rewritten after every page, in step with the WARC, so that
#: a capture killed at any moment leaves a manifest that lists what the WARC holds. Beyond
#: checkpoint_every * CHECKPOINT_SHARE pages it is rewritten every 1/CHECKPOINT_SHARE of the
#: pages already listed (each rewrite costs the size of the manifest: this keeps the total
#: linear); an interruption the process sees (Ctrl-C, SIGTERM, an error) still writes it
#: last, and ``investigate --resume`` reconciles a manifest with the records after it.
CHECKPOINT_SHARE = 200
MAX_SKIPPED = 5000
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
ASSET_EXTENSIONS = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".svg",
    ".ico",
    ".css",
    ".js",
    ".mjs",
    ".woff",
    ".woff2",
    ".ttf",
    ".eot",
    ".mp4",
    ".webm",
    ".mp3",
    ".wav",
    ".avi",
    ".mov",
    ".zip",
    ".rar",
    ".7z",
    ".gz",
    ".tar",
    ".exe",
    ".dmg",
    ".iso",
    ".apk",
)
PRODUCER_NAME = "vigipub.capture"
#: where sitemaps are looked for when robots.txt names none (sitemaps.org, Yoast/WordPress)
DEFAULT_SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml")
#: time allowed for reading all sitemaps, in page timeouts: hostile slow sitemaps must not
#: eat the capture (each file also has its own page timeout)
SITEMAP_TIME_FACTOR = 4


@dataclass(order=True)
class Task:
    key: tuple[int, int, int, int]
    url: str = field(compare=False)
    depth: int = field(compare=False, default=0)
    via: str = field(compare=False, default="link")
    language: str | None = field(compare=False, default=None)
    reserved: bool = field(compare=False, default=False)  # French variant: outside the page budget
    offsite_ok: bool = field(compare=False, default=False)  # language alternate on another domain
    anchor: str = field(compare=False, default="")
    from_sitemap: bool = field(compare=False, default=False)  # only listed by a sitemap
    cancelled: bool = field(compare=False, default=False)  # superseded (a link leads there too)

    def merge_key(self) -> tuple[int, int, bool, int, int]:
        """Order across both frontiers: tier, then score; ties go to linked pages."""
        return (self.key[0], self.key[1], self.from_sitemap, self.key[2], self.key[3])


def is_html(result: FetchResult) -> bool:
    media = result.media_type
    if media in HTML_TYPES:
        return True
    if not media:
        head = result.body[:512].lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html"))
    return False


def redact(url: str | None) -> str | None:
    """A proxy URL without its password (the manifest is shared with the company)."""
    if not url:
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}:{port}"


def _origin_base(origin: str) -> str:
    """``scheme://host[:port]`` of an :func:`_origin`, without the default port."""
    return origin.rsplit(":", 1)[0] if origin.endswith((":80", ":443")) else origin


class Capture:
    """One capture run into one evidence folder."""

    def __init__(self, seed_url: str, out_dir: Path, options: CaptureOptions, progress: bool) -> None:
        self.opts = options
        self.out = out_dir
        self.show_progress = progress
        self.user_agent = options.effective_user_agent()
        self.started_at = utc_now()
        try:
            self.seed = check_url(seed_url)
        except UrlRefused as exc:
            raise InvalidUrlError(exc.detail, where=seed_url) from None
        endpoints = set()
        for text in options.allow_endpoints:
            try:
                endpoints.add(parse_endpoint(text))
            except ValueError as exc:
                raise InvalidUrlError(str(exc), where=text) from None
        self.resolved: dict[str, list[str]] = {}
        self.policy = AddressPolicy(
            allow_private=options.allow_private, resolved=self.resolved, allow_endpoints=frozenset(endpoints)
        )
        try:
            self.policy.check_url(self.seed)
        except AddressRefused as exc:
            # --allow-private never lifts the cloud-metadata refusal: do not suggest it there
            hint = "" if exc.why == "cloud metadata" else " (use --allow-private for test servers)"
            raise RefusedAddressError(f"{exc}{hint}", where=seed_url) from None
        # before any network: a capture that could not be signed is not started
        self.signing_key = load_signing_key(options.key_dir)
        if options.proxy:
            try:
                proxy_url = httpx.URL(options.proxy)
            except Exception:  # noqa: BLE001
                raise InvalidUrlError("invalid proxy URL", where=options.proxy) from None
            if proxy_url.scheme not in ("http", "https", "socks5", "socks5h"):
                raise InvalidUrlError("proxy must be http://, https:// or socks5://", where=options.proxy)
        self.scope: Scope | None = None
        self.pages: list[CapturedPage] = []
        self.skipped: list[Skipped] = []
        self._skipped_keys: set[tuple[str, str]] = set()
        self.skipped_overflow = 0
        self.servers: dict[str, dict[str, object]] = {}
        self.cert_files: dict[str, tuple[str, str]] = {}  # path -> (url, sha)
        #: path -> (url, when, sha256, size): digested once, when written (the manifest is
        #: rewritten after every page; hashing every screenshot each time was quadratic)
        self.screenshot_files: dict[str, tuple[str, datetime, str, int]] = {}
        self.notes: list[str] = []
        self.seen: set[str] = set()
        #: browser sub-resources archived so far (once per URL) and their bytes
        self._subresources: set[str] = set()
        #: URLs whose response the crawler itself wrote (pages, documents, redirects)
        self._archived: set[str] = set()
        self._subresource_bytes = 0
        self._subresource_budget_noted = False
        self.frontier: list[Task] = []  # linked pages (and probes)
        # pages only a sitemap lists: a heap of their own, merged in _take_task, so that a
        # 50,000-URL sitemap never buries the home page's links
        self.sitemap_frontier: list[Task] = []
        self._sitemap_pending: dict[str, Task] = {}
        self.sitemap_taken = 0
        self._seq = itertools.count()
        self.pages_counted = 0
        self.reserved_used = 0
        self.robots: dict[str, Robots] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._host_sems: dict[str, asyncio.Semaphore] = {}
        self._host_next: dict[str, float] = {}
        self.insecure_hosts: set[str] = set()
        self.exit_ip: str | None = None
        self.browser_version: str | None = None
        self.render_queue: asyncio.Queue[tuple[int, str, int] | None] | None = None
        self._renders_pending = 0
        self._since_checkpoint = 0
        self._last_checkpoint = 0.0
        self._manifest_written = False
        self._final = False
        self._inflight: set[asyncio.Task[CapturedPage | None]] = set()
        #: connections Chromium itself tried (not the pages): refused, listed in one note
        self._background_refused: list[EgressAttempt] = []
        self._created_dir = False
        self.writer: WarcWriter | None = None
        self.french_found = False
        self.rendered_count = 0

    # ------------------------------------------------------------------ folder
    def _prepare_folder(self) -> None:
        if self.out.exists():
            if not self.out.is_dir():
                raise OutputNotEmptyError("exists and is not a folder", where=str(self.out))
            if any(self.out.iterdir()):
                raise OutputNotEmptyError(
                    "output folder exists and is not empty; an earlier dossier is never overwritten",
                    where=str(self.out),
                )
        else:
            try:
                self.out.mkdir(parents=True)
            except OSError as exc:
                # e.g. under a file or a read-only folder: one line, not a traceback
                raise CaptureInputError(
                    f"cannot create the output folder ({exc.strerror or exc})", where=str(self.out)
                ) from exc
            self._created_dir = True
        (self.out / SCREENSHOT_DIR).mkdir()

    def _discard_folder(self) -> None:
        """After a seed failure nothing usable exists: leave no half folder behind."""
        if self.writer is not None:
            self.writer.close()
        if self._created_dir:
            shutil.rmtree(self.out, ignore_errors=True)
        else:
            for child in list(self.out.iterdir()):
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)

    # ------------------------------------------------------------------ records
    def skip(self, url: str, reason: str, detail: str = "") -> None:
        key = (url, reason)
        if key in self._skipped_keys:
            return
        if len(self.skipped) >= MAX_SKIPPED:
            self.skipped_overflow += 1
            return
        self._skipped_keys.add(key)
        self.skipped.append(Skipped(url=url[:2000], reason=reason, detail=detail[:1000]))

    def _note_server(self, url: str, result: FetchResult, tls_error: str | None) -> None:
        host = (urlsplit(url).hostname or "").lower()
        info = self.servers.setdefault(host, {"host": host})
        if result.ip and not self.opts.proxy and not info.get("ip"):
            info["ip"] = result.ip
        if result.tls is not None and not info.get("tls_fingerprint_sha256"):
            tls = result.tls
            info.update(
                tls_fingerprint_sha256=tls.fingerprint_sha256,
                tls_subject=tls.subject,
                tls_issuer=tls.issuer,
                tls_not_after=tls.not_after,
                tls_verified=tls_error is None,
            )
            (self.out / CERT_DIR).mkdir(exist_ok=True)
            safe = "".join(c if c.isalnum() or c in ".-" else "_" for c in host)[:100] or "host"
            rel = f"{CERT_DIR}/{safe}.pem"
            tmp = self.out / (rel + ".part")
            tmp.write_bytes(tls.pem)
            tmp.replace(self.out / rel)
            info["certificate"] = rel
            self.cert_files[rel] = (url, sha256_bytes(tls.pem))
        if tls_error:
            info["tls_error"] = tls_error
            info["tls_verified"] = False

    def _write_exchange(self, url: str, result: FetchResult, *, fetched_for: str | None = None) -> RecordRef:
        assert self.writer is not None
        extra: dict[str, str] = {}
        if fetched_for:
            # what the browser loaded to draw a page, or a sitemap: evidence, not pages of the
            # site; extraction leaves these records out (FETCHED_FOR_HEADER)
            extra[FETCHED_FOR_HEADER] = fetched_for
        if fetched_for != "rendering":
            self._archived.add(url)
        if result.ip and not self.opts.proxy:
            extra["WARC-IP-Address"] = result.ip
        if result.truncated:
            extra["WARC-Truncated"] = result.truncated
        response_ref = self.writer.write(
            "response",
            result.response_block(),
            content_type="application/http; msgtype=response",
            target_uri=url,
            when=result.started_at,
            payload_digest=True,
            http_block=True,
            headers=extra,
        )
        self.writer.write(
            "request",
            result.request_block,
            content_type="application/http; msgtype=request",
            target_uri=url,
            when=result.started_at,
            payload_digest=False,
            headers={"WARC-Concurrent-To": response_ref.record_id},
        )
        return response_ref

    def _archive_subresource(self, url: str, result: FetchResult) -> None:
        """Write what the browser fetched into the WARC, once per URL and within a byte budget.

        The page documents themselves are already archived by the crawler (the browser asks
        for them again to render them): they are not written twice. A frame the crawler only
        discovered (not captured) is archived here.
        """
        if result.status is None or self.writer is None or url in self._archived or url in self._subresources:
            return
        size = len(result.body or b"")
        if self._subresource_bytes + size > self.opts.max_subresource_bytes:
            if not self._subresource_budget_noted:
                self._subresource_budget_noted = True
                self.notes.append(
                    f"browser sub-resources: archive budget of {self.opts.max_subresource_bytes} bytes "
                    "reached; later ones were used for rendering but not archived"
                )
            return
        self._subresources.add(url)
        self._subresource_bytes += size
        self._write_exchange(url, result, fetched_for="rendering")

    # ------------------------------------------------------------------ fetching
    def _client_for(self, url: str) -> httpx.AsyncClient:
        host = (urlsplit(url).hostname or "").lower()
        if host in self.insecure_hosts:
            return self.insecure_client
        return self.client

    async def _polite_fetch(
        self, url: str, timeout: float, max_bytes: int, headers: dict[str, str] | None = None
    ) -> tuple[FetchResult, str | None]:
        """Fetch with the per-host limits; retry unverified TLS when --insecure."""
        host = (urlsplit(url).hostname or "").lower()
        sem = self._host_sems.setdefault(host, asyncio.Semaphore(self.opts.per_host_concurrency))
        async with sem:
            delay = self.robots.get(_origin(url))
            if delay is not None and delay.crawl_delay:
                wait = min(delay.crawl_delay, self.opts.max_crawl_delay)
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
                tls_error = str(
                    self.servers.get(host, {}).get("tls_error") or "certificate not verified (--insecure)"
                )
            return result, tls_error

    async def _robots_allows(self, url: str) -> bool:
        if self.opts.ignore_robots:
            return True
        origin = _origin(url)
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self.robots:
                robots_url = f"{_origin_base(origin)}/robots.txt"
                result, tls_error = await self._polite_fetch(
                    robots_url, min(15.0, self.opts.page_timeout), MAX_ROBOTS_BYTES
                )
                if result.status is not None:
                    self._write_exchange(robots_url, result)
                    self._note_server(robots_url, result, tls_error)
                if result.status is None:
                    # no answer at all: the host is unusable and the page fetch will record why
                    self.robots[origin] = Robots(
                        parser=None, why=f"robots.txt not fetched: {result.error_reason}"
                    )
                else:
                    self.robots[origin] = Robots.from_response(result.status, result.body)
                    if self.robots[origin].disallow_all:
                        self.notes.append(f"{robots_url}: {self.robots[origin].why}")
        return self.robots[origin].allowed(url)

    async def fetch_chain(
        self,
        task: Task,
        is_seed: bool,
        *,
        max_bytes: int | None = None,
        timeout: float | None = None,
    ) -> tuple[FetchResult | None, list[RecordRef], RecordRef | None, str | None]:
        """Fetch ``task.url`` following redirects; return (final result, hop refs, final ref, tls error).

        A hop that must not be followed is recorded as Skipped and ends the chain with None.
        ``max_bytes`` and ``timeout`` default to the page limits (sitemaps have their own).
        """
        url = task.url
        hops: list[RecordRef] = []
        visited: list[str] = []
        loop = asyncio.get_running_loop()
        timeout = self.opts.page_timeout if timeout is None else timeout
        max_bytes = self.opts.max_page_bytes if max_bytes is None else max_bytes
        deadline = loop.time() + timeout
        for hop in range(MAX_REDIRECTS + 1):
            if url in visited:
                self.skip(task.url, "redirect_loop", " -> ".join([*visited, url])[:900])
                return None, hops, None, None
            visited.append(url)
            try:
                url = check_url(url)
            except UrlRefused as exc:
                self.skip(
                    url, exc.reason, f"redirect target of {task.url}: {exc.detail}" if hop else exc.detail
                )
                return None, hops, None, None
            if hop > 0:
                if self.scope is not None and not self.scope.contains(url) and not task.offsite_ok:
                    self.skip(url, "off_site", f"redirect from {task.url}")
                    return None, hops, None, None
                if not is_seed and url in self.seen and url != task.url:
                    self.skip(task.url, "duplicate", f"redirects to {url}, captured separately")
                    return None, hops, None, None
                if not await self._robots_allows(url):
                    self.skip(url, "robots", f"robots.txt disallows (redirect from {task.url})")
                    return None, hops, None, None
            if self.opts.proxy:
                try:
                    self.policy.check_url(url)
                except AddressRefused as exc:
                    self.skip(url, "ssrf", str(exc))
                    if is_seed:
                        self._seed_error = ("ssrf", str(exc), url)
                    return None, hops, None, None
            remaining = deadline - loop.time()
            if remaining <= 0:
                self.skip(task.url, "timeout", f"page deadline of {timeout:g} s reached during redirects")
                return None, hops, None, None
            result, tls_error = await self._polite_fetch(url, remaining, max_bytes)
            if result.status is None:
                reason = result.error_reason or "error"
                self.skip(url, reason, result.error_detail)
                if is_seed:
                    self._seed_error = (reason, result.error_detail, url)
                return None, hops, None, None
            # only the sitemap file itself: a page the sitemap listed (via "sitemap") is a page
            ref = self._write_exchange(url, result, fetched_for="sitemap" if task.via == SITEMAP_FILE else None)
            self._note_server(url, result, tls_error)
            location = result.header("location")
            if result.status in REDIRECT_STATUSES and location:
                try:
                    nxt = urljoin(url, location.strip())
                except ValueError:
                    self.skip(task.url, "invalid_url", f"bad Location header {location[:200]!r}")
                    return None, hops, None, None
                hops.append(ref)
                self.seen.add(url)
                url = nxt.split("#", 1)[0]
                continue
            result.url = url
            return result, hops, ref, tls_error
        self.skip(task.url, "redirect_loop", f"more than {MAX_REDIRECTS} redirects")
        return None, hops, None, None

    # ------------------------------------------------------------------ frontier
    def enqueue(
        self,
        url: str,
        depth: int,
        via: str,
        *,
        anchor: str = "",
        language: str | None = None,
        reserved: bool = False,
        offsite_ok: bool = False,
        from_sitemap: bool = False,
    ) -> None:
        try:
            url = check_url(url)
        except UrlRefused as exc:
            self.skip(url, exc.reason, exc.detail)
            return
        if url in self.seen:
            listed = None if from_sitemap else self._sitemap_pending.get(url)
            if listed is None or (depth > self.opts.max_depth and not reserved):
                return
            # a link leads to a page the sitemap listed: it is queued as a linked page (anchor
            # text counts, ties won), the sitemap's entry dropped when it reaches the head
            listed.cancelled = True
            del self._sitemap_pending[url]
        assert self.scope is not None
        if not self.scope.contains(url) and not offsite_ok:
            self.seen.add(url)
            self.skip(url, "off_site", f"outside {self.scope.value}")
            return
        path = urlsplit(url).path.lower()
        if path.endswith(ASSET_EXTENSIONS):
            self.seen.add(url)
            self.skip(url, "not_a_page", "image, style, script, media or archive file")
            return
        if depth > self.opts.max_depth and not reserved:
            self.seen.add(url)
            self.skip(url, "max_depth", f"depth {depth} > {self.opts.max_depth}")
            return
        self.seen.add(url)
        lang = language or language_from_url(url)
        if lang == "fr":
            self.french_found = True
        document = is_document_url(url)
        if reserved:
            tier = 1
        elif lang == "fr":
            tier = 2
        elif document or priority(url, anchor) > 0:
            tier = 3
        else:
            tier = 4
        score = priority(url, anchor) + (2 if document else 0)
        key = (tier, -score, depth, next(self._seq))
        task = Task(
            key,
            url,
            depth,
            "document" if document and via == "link" else via,
            lang,
            reserved,
            offsite_ok,
            anchor,
            from_sitemap,
        )
        if from_sitemap:
            self._sitemap_pending[url] = task
            heapq.heappush(self.sitemap_frontier, task)
        else:
            heapq.heappush(self.frontier, task)

    def _process_links(
        self, page_url: str, result: FetchResult, depth: int, offsite_page: bool
    ) -> tuple[str | None, list[str]]:
        """Enqueue a page's links; return (html lang, outlink lines for the metadata record)."""
        links = extract_links(result.body, page_url)
        lines = [
            f"outlink: {link.url} {link.kind}{' ' + link.language if link.language else ''}"
            for link in links.links
        ]
        lines += [f"outlink: {special} special" for special in links.special]
        self._enqueue_links(links, depth, via="link", hreflang_only=offsite_page)
        return links.html_lang, lines

    def _enqueue_links(self, links: PageLinks, depth: int, via: str, hreflang_only: bool = False) -> None:
        for link in links.links:
            if hreflang_only and link.kind != "hreflang":
                continue
            if link.kind in ("hreflang", "switcher") and link.language:
                self.enqueue(
                    link.url,
                    depth if link.kind == "hreflang" else depth + 1,
                    link.kind,
                    anchor=link.text,
                    language=link.language,
                    reserved=link.language == "fr",
                    offsite_ok=True,
                )
            else:
                # brochures often sit on a CDN: documents are leaves, fetched even off-domain
                self.enqueue(link.url, depth + 1, via, anchor=link.text, offsite_ok=link.kind == "document")
        if not hreflang_only:
            for special in links.special:
                self.skip(special, "scheme", "not an http(s) link; kept in the outlinks record")

    def _sitemap_share(self) -> int:
        """Pages of the budget that sitemap-only URLs may take while linked pages wait."""
        return max(1, self.opts.max_pages // 2)

    def _next_heap(self) -> list[Task] | None:
        """The frontier whose head goes next.

        Merge policy: a URL only a sitemap lists earns the priority of its URL (tier and
        keyword score, no anchor text), and goes before the best linked page only when it
        ranks strictly higher (ties go to links), and only while sitemap URLs have taken
        less than half of the page budget. When no linked page waits, sitemap URLs use
        what is left of the budget.
        """
        while self.sitemap_frontier and self.sitemap_frontier[0].cancelled:
            heapq.heappop(self.sitemap_frontier)
        if not self.sitemap_frontier:
            return self.frontier if self.frontier else None
        if not self.frontier:
            return self.sitemap_frontier
        listed, linked = self.sitemap_frontier[0], self.frontier[0]
        if self.sitemap_taken < self._sitemap_share() and listed.merge_key() < linked.merge_key():
            return self.sitemap_frontier
        return self.frontier

    def _pop(self, heap: list[Task], task: Task | None = None) -> Task:
        if task is None or task is heap[0]:
            task = heapq.heappop(heap)
        else:
            heap.remove(task)
            heapq.heapify(heap)
        if task.from_sitemap:
            self._sitemap_pending.pop(task.url, None)
        return task

    def _take_task(self) -> Task | None:
        """Next task within the budget; French variants use the reserve once the budget is spent."""
        while (heap := self._next_heap()) is not None:
            task = heap[0]
            if self.pages_counted < self.opts.max_pages:
                self._pop(heap)
                self.pages_counted += 1
                if task.from_sitemap:
                    self.sitemap_taken += 1
                return task
            if task.reserved and self.reserved_used < self.opts.french_reserve:
                self.reserved_used += 1
                return self._pop(heap)
            if task.reserved:
                self._pop(heap)
                self.skip(task.url, "max_pages", "French-variant reserve exhausted")
                continue
            # the heap's head is not reserved: look for a reserved one further down
            if self.reserved_used >= self.opts.french_reserve:
                return None
            reserved = [t for t in self.frontier + self.sitemap_frontier if t.reserved and not t.cancelled]
            if reserved:
                best = min(reserved, key=Task.merge_key)
                self.reserved_used += 1
                return self._pop(self.sitemap_frontier if best.from_sitemap else self.frontier, best)
            return None
        return None

    # ------------------------------------------------------------------ sitemaps
    def _sitemap_sources(self, home: str) -> tuple[list[tuple[str, str]], bool]:
        """Sitemaps to read, with where each was found; True when only guessed locations."""
        listed: list[tuple[str, str]] = []
        for origin in dict.fromkeys((_origin(self.seed), _origin(home))):
            robots = self.robots.get(origin)
            robots_url = f"{_origin_base(origin)}/robots.txt"
            for entry in robots.sitemaps if robots is not None else []:
                with contextlib.suppress(ValueError):
                    listed.append((urljoin(robots_url, entry.strip()), robots_url))
        if listed:
            return listed, False
        base = _origin_base(_origin(home))
        return [(base + path, "default location") for path in DEFAULT_SITEMAP_PATHS], True

    async def _read_sitemaps(self, home: str) -> None:
        """Read the site's sitemaps and queue the pages they list (see :meth:`_next_heap`).

        Every sitemap URL passes the link rules (URL check, scope, robots.txt, SSRF guard at
        connection time, redirect hops checked) and is archived in the WARC like a page:
        request, response and a ``metadata`` record listing what it names. Limits: at most
        ``max_sitemaps`` files, ``MAX_SITEMAP_NESTING`` levels of indexes,
        ``max_sitemap_urls`` URLs read, ``max_sitemap_bytes`` per file after decompression,
        and ``SITEMAP_TIME_FACTOR`` page timeouts for the whole reading.
        """
        assert self.scope is not None and self.writer is not None
        opts = self.opts
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SITEMAP_TIME_FACTOR * opts.page_timeout
        sources, guessed = self._sitemap_sources(home)
        queue: deque[tuple[str, int, str]] = deque((url, 0, where) for url, where in sources)
        done: set[str] = set()
        fetched = urls_read = 0
        while queue:
            url, level, where = queue.popleft()
            origin_note = f"sitemap listed in {where}"
            try:
                url = check_url(url)
            except UrlRefused as exc:
                self.skip(url, exc.reason, f"{origin_note}: {exc.detail}")
                continue
            if url in done:
                continue
            done.add(url)
            if not self.scope.contains(url):
                self.skip(url, "off_site", f"{origin_note}, outside {self.scope.value}")
                continue
            if level >= MAX_SITEMAP_NESTING:
                self.skip(
                    url, "sitemap_limit", f"{origin_note}: more than {MAX_SITEMAP_NESTING} nested sitemaps"
                )
                continue
            if fetched >= opts.max_sitemaps:
                self.skip(
                    url, "sitemap_limit", f"{origin_note}: {opts.max_sitemaps} sitemap files already read"
                )
                continue
            remaining = deadline - loop.time()
            if remaining <= 0:
                self.skip(url, "timeout", f"{origin_note}: time allowed for sitemaps spent")
                continue
            if not await self._robots_allows(url):
                self.skip(url, "robots", f"robots.txt disallows ({origin_note})")
                continue
            fetched += 1
            task = Task((0, 0, 0, 0), url, 0, SITEMAP_FILE)
            result, _, ref, _ = await self.fetch_chain(
                task, False, max_bytes=opts.max_sitemap_bytes, timeout=min(opts.page_timeout, remaining)
            )
            if result is None or ref is None:
                continue  # recorded by fetch_chain (ssrf, off-site redirect, timeout…)
            status = result.status or 0
            if not 200 <= status < 300:
                if not guessed:
                    self.skip(url, "http_error", f"{origin_note}: HTTP {status}")
                continue
            if result.truncated:
                reason = {"length": "too_large", "time": "timeout"}.get(result.truncated, "disconnected")
                self.skip(
                    url, reason, f"sitemap cut, the part received is read: {'; '.join(result.notes)}"[:900]
                )
            data, problem, cut = inflate(result.body, opts.max_sitemap_bytes)
            if cut:
                self.skip(url, "too_large", f"sitemap cut, the part received is read: {problem}")
            parsed = parse_sitemap(data, result.url, max(0, opts.max_sitemap_urls - urls_read))
            del data
            if problem and not cut:
                parsed.problems.insert(0, problem)
            if parsed.kind == "unknown" and not parsed.entries:
                # a guessed location answering a soft 404 page is no news, and a cut file is
                # already recorded as such
                if not guessed and not cut and not result.truncated:
                    self.skip(url, "not_a_sitemap", "; ".join(parsed.problems)[:900] or "not a sitemap")
                continue
            urls_read += len(parsed.entries)
            self._write_sitemap_outlinks(result, ref, parsed.entries)
            for text in parsed.problems:
                self.notes.append(f"sitemap {url}: {text}"[:500])
            if parsed.capped:
                self.notes.append(
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
            self.notes.append(
                f"sitemap {url} ({parsed.kind}): {pages} page URLs, {len(children)} sitemaps listed"[:500]
            )
            if guessed and level == 0:
                queue = deque(item for item in queue if item[2] != "default location")
        if fetched:
            self.notes.append(
                f"sitemaps: {fetched} files read, {urls_read} URLs listed, "
                f"{len(self._sitemap_pending)} pages not yet found through links queued"
            )

    def _enqueue_listed(self, entry: SitemapEntry, sitemap_url: str) -> None:
        """Queue a URL a sitemap lists, under the rules of links.

        robots.txt is checked now when the host's rules are known (a disallowed URL then
        never takes a place in the page budget), else when the page is fetched: a sitemap
        naming thousands of subdomains must not make the capture fetch thousands of
        robots.txt files up front.
        """
        assert self.scope is not None
        try:
            url = check_url(entry.url)
        except UrlRefused as exc:
            self.skip(entry.url, exc.reason, f"listed in sitemap {sitemap_url}: {exc.detail}")
            return
        if url in self.seen:
            return
        if not self.scope.contains(url):
            # hreflang alternates too: the sitemap protocol has no cross-site listing
            self.seen.add(url)
            self.skip(url, "off_site", f"listed in sitemap {sitemap_url}, outside {self.scope.value}")
            return
        robots = self.robots.get(_origin(url))
        if not self.opts.ignore_robots and robots is not None and not robots.allowed(url):
            self.seen.add(url)
            self.skip(url, "robots", f"robots.txt disallows (listed in sitemap {sitemap_url})")
            return
        self.enqueue(
            url,
            1,
            "sitemap",
            language=entry.language,
            # an hreflang="fr" alternate is a French variant: it may use the French reserve
            reserved=entry.language == "fr",
            from_sitemap=True,
        )

    def _write_sitemap_outlinks(
        self, result: FetchResult, ref: RecordRef, entries: list[SitemapEntry]
    ) -> None:
        """What a sitemap names, as a metadata record next to its response (provenance of
        every page reached through it)."""
        assert self.writer is not None
        kinds = {"page": "listed", "alternate": "hreflang", "sitemap": "sitemap"}
        lines = [f"outlink: {e.url} {kinds[e.kind]}{' ' + e.language if e.language else ''}" for e in entries]
        if not lines:
            return
        self.writer.write(
            "metadata",
            ("\r\n".join(lines) + "\r\n").encode("utf-8"),
            content_type="application/warc-fields",
            target_uri=result.url,
            when=result.started_at,
            payload_digest=False,
            headers={"WARC-Refers-To": ref.record_id},
        )

    # ------------------------------------------------------------------ pages
    async def process(self, task: Task, is_seed: bool = False) -> CapturedPage | None:
        if not is_seed and not await self._robots_allows(task.url):
            self.skip(task.url, "robots", "robots.txt disallows")
            return None
        result, hops, ref, tls_error = await self.fetch_chain(task, is_seed)
        if result is None or ref is None:
            return None
        final_url = result.url
        self.seen.add(final_url)
        html = is_html(result)
        notes = list(result.notes)
        if tls_error:
            notes.append(f"TLS certificate not verified: {tls_error}")
        if result.truncated:
            self.skip(
                task.url,
                {"length": "too_large", "time": "timeout"}.get(result.truncated, "disconnected"),
                "; ".join(result.notes)[:900],
            )
        language = task.language
        outlinks_ref: RecordRef | None = None
        scope_ok = self.scope is None or self.scope.contains(final_url)
        status = result.status or 0
        if html and status < 400:
            if is_seed and self.scope is None:
                self.scope = Scope.for_url(final_url)
                self.seen.add(final_url)
            html_lang, lines = self._process_links(
                final_url, result, task.depth, offsite_page=not scope_ok and not is_seed
            )
            language = html_lang or language or language_from_url(final_url)
            if lines:
                assert self.writer is not None
                outlinks_ref = self.writer.write(
                    "metadata",
                    ("\r\n".join(lines) + "\r\n").encode("utf-8"),
                    content_type="application/warc-fields",
                    target_uri=final_url,
                    when=result.started_at,
                    payload_digest=False,
                    headers={"WARC-Refers-To": ref.record_id},
                )
        if language == "fr":
            self.french_found = True
        page = CapturedPage(
            url=task.url,
            final_url=final_url,
            status=result.status or 0,
            content_type=result.content_type,
            depth=task.depth,
            via=task.via,
            language_hint=language,
            record=ref,
            truncated=result.truncated is not None,
            headers=result.headers_dict(),
            notes=notes,
            redirects=hops,
            outlinks=outlinks_ref,
            server_ip=None if self.opts.proxy else result.ip,
        )
        index = len(self.pages)
        self.pages.append(page)
        if html and status < 400 and self.render_queue is not None and scope_ok:
            self._renders_pending += 1
            self.render_queue.put_nowait((index, final_url, task.depth))
        self._checkpoint()
        return page

    def _checkpoint(self) -> None:
        """Rewrite the manifest now that a page's records are in the WARC (see CHECKPOINT)."""
        self._since_checkpoint += 1
        if self._since_checkpoint < max(self.opts.checkpoint_every, len(self.pages) // CHECKPOINT_SHARE):
            return
        self._since_checkpoint = 0
        now = time.monotonic()
        # the WARC's bytes reach the disk (fsync) at most once a second; in between they are
        # flushed to the system, which keeps them when the process is killed
        durable = now - self._last_checkpoint >= 1.0
        if durable:
            self._last_checkpoint = now
        self.write_manifest(final=False, durable=durable)

    # ------------------------------------------------------------------ rendering
    async def _render_worker(self, renderer: object) -> None:
        from .browser import Renderer

        assert isinstance(renderer, Renderer)
        assert self.render_queue is not None and self.writer is not None
        while True:
            item = await self.render_queue.get()
            if item is None:
                self.render_queue.task_done()
                return
            index, url, depth = item
            try:
                rendered = await renderer.render(url)
                page = self.pages[index]
                update: dict[str, object] = {}
                notes = list(page.notes) + [f"browser: {n}" for n in rendered.notes]
                if rendered.error:
                    notes.append(f"browser rendering failed: {rendered.error}")
                if rendered.dom is not None:
                    update["rendered"] = self.writer.write(
                        "resource",
                        rendered.dom,
                        content_type="text/html; charset=utf-8",
                        target_uri=url,
                        when=utc_now(),
                        payload_digest=True,
                        headers={
                            "WARC-Refers-To": page.record.record_id,
                            "WARC-Resource-Type": "rendered-dom",
                        },
                    )
                if rendered.png is not None:
                    when = utc_now()
                    update["screenshot_record"] = self.writer.write(
                        "resource",
                        rendered.png,
                        content_type="image/png",
                        target_uri=url,
                        when=when,
                        payload_digest=True,
                        headers={"WARC-Refers-To": page.record.record_id, "WARC-Resource-Type": "screenshot"},
                    )
                    rel = f"{SCREENSHOT_DIR}/{index + 1:04d}.png"
                    tmp = self.out / (rel + ".part")
                    tmp.write_bytes(rendered.png)
                    tmp.replace(self.out / rel)
                    update["screenshot"] = rel
                    self.screenshot_files[rel] = (url, when, sha256_bytes(rendered.png), len(rendered.png))
                for target, kind in rendered.refused:
                    if kind == "ssrf":
                        self.skip(target, "ssrf", f"requested by the browser rendering {url}")
                    else:
                        notes.append(f"browser: {kind} refused: {target[:200]}")
                        self.skip(
                            target,
                            "browser_channel",
                            f"{kind} opened by the page {url}: refused, it would bypass the recorded path",
                        )
                self._record_egress(renderer)
                update["notes"] = notes
                self.pages[index] = page.model_copy(update=update)
                self._checkpoint()  # the page's rendering records are in the WARC now
                self.rendered_count += 1
                if rendered.dom is not None:
                    # links inserted by scripts exist only in the rendered DOM
                    self._enqueue_links(extract_links(rendered.dom, url), depth, via="rendered")
            except Exception as exc:  # noqa: BLE001 - one page never stops the capture
                self.notes.append(f"rendering {url}: {type(exc).__name__}: {exc}"[:500])
            finally:
                self._renders_pending -= 1
                self.render_queue.task_done()

    def _record_egress(self, renderer: object) -> None:
        """Connections the browser tried outside page.route, refused by the egress sink."""
        from .browser import Renderer

        if not isinstance(renderer, Renderer):
            return
        for attempt in renderer.egress_attempts():
            self.skip(
                attempt.url(),
                "browser_egress",
                f"{attempt.method} {attempt.target}: a connection a page opened outside the recorded "
                "path, refused by the local guard proxy",
            )
        for attempt in renderer.background_attempts():
            if attempt not in self._background_refused:
                self._background_refused.append(attempt)

    # ------------------------------------------------------------------ manifest
    def _artefacts(self) -> list[Artefact]:
        assert self.writer is not None
        now = utc_now()
        out = [
            Artefact(
                path=WARC_NAME,
                kind="warc",
                sha256=self.writer.digest(),
                size=self.writer.size,
                url=self.seed,
                captured_at=now,
                media_type="application/warc",
            )
        ]
        for rel, (url, when, sha, size) in sorted(self.screenshot_files.items()):
            out.append(
                Artefact(
                    path=rel,
                    kind="screenshot",
                    sha256=sha,
                    size=size,
                    url=url,
                    captured_at=when,
                    media_type="image/png",
                )
            )
        for rel, (url, sha) in sorted(self.cert_files.items()):
            path = self.out / rel
            out.append(
                Artefact(
                    path=rel,
                    kind="certificate",
                    sha256=sha,
                    size=path.stat().st_size,
                    url=url,
                    captured_at=now,
                    media_type="application/x-pem-file",
                )
            )
        ca = self.out / TIMESTAMP_DIR / "tsa-ca.pem"
        if ca.exists():
            out.append(
                Artefact(
                    path=f"{TIMESTAMP_DIR}/tsa-ca.pem",
                    kind="certificate",
                    sha256=sha256_file(ca),
                    size=ca.stat().st_size,
                    url=self.opts.tsa_url,
                    captured_at=now,
                    media_type="application/x-pem-file",
                )
            )
        return out

    def manifest(self, final: bool) -> CaptureManifest:
        opts = self.opts
        options = {
            "max_pages": opts.max_pages,
            "max_depth": opts.max_depth,
            "max_page_bytes": opts.max_page_bytes,
            "page_timeout": opts.page_timeout,
            "concurrency": opts.concurrency,
            "per_host_concurrency": opts.per_host_concurrency,
            "browser": self.render_queue is not None,
            "tsa_url": opts.tsa_url,
            "sitemaps": opts.sitemaps,
        }
        notes = list(self.notes)
        if self._background_refused:
            shown = ", ".join(f"{a.method} {a.target[:80]}" for a in self._background_refused[:10])
            more = len(self._background_refused) - 10
            notes.append(
                "browser: Chromium's own background connections refused (not the pages'): "
                + shown
                + (f" and {more} more" if more > 0 else "")
            )
        if self.skipped_overflow:
            notes.append(f"{self.skipped_overflow} more skipped URLs not listed")
        return CaptureManifest(
            case_ref=opts.case_ref,
            seed_url=self.seed,
            started_at=self.started_at,
            finished_at=utc_now() if final else None,
            tool=Producer(name=PRODUCER_NAME, version=__version__, params_digest=params_digest(options)),
            operator=opts.operator,
            user_agent=self.user_agent,
            proxy=redact(opts.proxy),
            exit_ip=self.exit_ip,
            allow_private=opts.allow_private,
            pages=list(self.pages),
            skipped=list(self.skipped),
            servers=[ServerInfo.model_validate(v) for _, v in sorted(self.servers.items())],
            artefacts=self._artefacts(),
            complete=final,
            warc_file=WARC_NAME,
            warcinfo=self.warcinfo_ref,
            scope=None if self.scope is None else self.scope.value,
            ignore_robots=opts.ignore_robots,
            insecure=opts.insecure,
            browser=self.browser_version,
            ip_echo_url=opts.ip_echo_url,
            options=options,
            notes=notes,
        )

    def write_manifest(self, final: bool, durable: bool = True) -> str:
        """Atomically (re)write the manifest; only bytes already written are referenced
        (``durable``: and synced to the disk)."""
        assert self.writer is not None
        if durable:
            self.writer.sync()
        else:
            self.writer.flush()
        self._manifest_written = True
        return write_json(self.out / MANIFEST_NAME, self.manifest(final))

    # ------------------------------------------------------------------ sealing
    def seal(self, manifest_sha: str) -> None:
        seal_evidence(
            self.out,
            manifest_sha,
            seed_url=self.seed,
            key=self.signing_key,
            case_ref=self.opts.case_ref,
            chain_from=self.opts.chain_from,
            tsa_url=self.opts.tsa_url,
        )

    # ------------------------------------------------------------------ run
    async def _check_exit_ip(self) -> None:
        url = self.opts.ip_echo_url
        if not url:
            return
        result = await fetch(self.client, url, max_bytes=10_000, timeout=min(20.0, self.opts.page_timeout))
        if result.status is not None:
            self._write_exchange(url, result)  # the answer is evidence of the exit address
        if result.status == 200:
            text = result.body.decode("utf-8", "replace").strip()
            if text.startswith("{"):
                import json

                with contextlib.suppress(ValueError, AttributeError):
                    text = str(json.loads(text).get("ip") or json.loads(text).get("origin") or "")
            from .net import parse_ip

            candidate = text.split()[0] if text else ""
            if parse_ip(candidate) is not None:
                self.exit_ip = candidate
            else:
                self.notes.append(f"exit address check: unexpected answer from {url}")
        else:
            self.notes.append(
                f"exit address check failed: {result.error_reason or result.status} {result.error_detail}".strip()
            )

    def _raise_seed_error(self) -> None:
        reason, detail, url = getattr(self, "_seed_error", (None, "", self.seed))
        # a refused redirect hop is recorded under the hop's URL, its detail naming the seed
        skipped = [s for s in self.skipped if s.url in (self.seed, url) or self.seed in (s.detail or "")]
        if reason == "ssrf":
            raise RefusedAddressError(detail, where=url)
        if reason in ("dns", "connect_error", "timeout", "tls_error", "error"):
            hint = " (use --insecure to capture anyway)" if reason == "tls_error" else ""
            raise SeedUnreachableError(f"{reason}: {detail}{hint}", where=url)
        if reason in ("scheme", "credentials", "invalid_url"):
            raise InvalidUrlError(detail, where=url)
        why = "; ".join(f"{s.reason}: {s.detail}" for s in skipped) or "no response"
        raise SeedUnreachableError(why, where=self.seed)

    async def run(self) -> CaptureManifest:
        self.previous_chain_check = None
        self._prepare_folder()
        try:
            if self.opts.tsa_ca_file is not None:
                (self.out / TIMESTAMP_DIR).mkdir(exist_ok=True)
                shutil.copyfile(self.opts.tsa_ca_file, self.out / TIMESTAMP_DIR / "tsa-ca.pem")
            self.writer = WarcWriter(self.out / WARC_NAME, WARC_NAME)
            info = {
                "software": f"vigipub/{__version__} (capture)",
                "format": "WARC File Format 1.1",
                "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                "operator": self.opts.operator or "",
                "isPartOf": self.opts.case_ref or "",
                "http-header-user-agent": self.user_agent,
                "proxy": redact(self.opts.proxy) or "",
                "robots": "ignore" if self.opts.ignore_robots else "obey",
                "seed": self.seed,
                "description": "Bodies stored decoded; original Content-Encoding, Transfer-Encoding and Content-Length under X-Vigipub-Original-*",
            }
            block = "".join(f"{k}: {' '.join(str(v).split())}\r\n" for k, v in info.items()).encode("utf-8")
            self.warcinfo_ref = self.writer.write(
                "warcinfo",
                block,
                content_type="application/warc-fields",
                target_uri=None,
                when=self.started_at,
                payload_digest=False,
                headers={"WARC-Filename": WARC_NAME},
            )
            # from its first second the folder says what it is: an unfinished capture
            self.write_manifest(final=False, durable=False)
            read_timeout = max(1.0, min(self.opts.page_timeout, 30.0))
            self.client = make_client(
                self.policy,
                verify=True,
                proxy=self.opts.proxy,
                user_agent=self.user_agent,
                concurrency=self.opts.concurrency,
                read_timeout=read_timeout,
            )
            self.insecure_client = make_client(
                self.policy,
                verify=False,
                proxy=self.opts.proxy,
                user_agent=self.user_agent,
                concurrency=self.opts.concurrency,
                read_timeout=read_timeout,
            )
            try:
                return await self._crawl()
            finally:
                await self.client.aclose()
                await self.insecure_client.aclose()
        except BaseException:
            if self.writer is not None:
                if self._manifest_written and not self._final and (self.out / MANIFEST_NAME).exists():
                    # interrupted (Ctrl-C, SIGTERM, a bug): the manifest lists every page the
                    # WARC holds, so the folder is a valid, incomplete evidence folder
                    with contextlib.suppress(Exception):
                        self.notes.append("capture interrupted; this manifest is its last checkpoint")
                        self.write_manifest(final=False)
                self.writer.close()
            raise

    async def _crawl(self) -> CaptureManifest:
        assert self.writer is not None
        await self._check_exit_ip()
        seed_task = Task((0, 0, 0, next(self._seq)), self.seed, 0, "seed")
        self.seen.add(self.seed)
        self.pages_counted = 1
        # robots.txt of the seed host: a disallowed seed is still refused
        if not await self._robots_allows(self.seed):
            self.skip(
                self.seed, "robots", "robots.txt disallows the start URL (use --ignore-robots if justified)"
            )
            self._discard_folder()
            raise EmptySiteError(
                "robots.txt disallows the start URL (use --ignore-robots if justified)", where=self.seed
            )
        seed_page = await self.process(seed_task, is_seed=True)
        if seed_page is None:
            self._discard_folder()
            self._raise_seed_error()
        assert seed_page is not None
        if not (seed_page.content_type or "").lower().startswith(tuple(HTML_TYPES)) and self.scope is None:
            self._discard_folder()
            raise SeedNotHtmlError(
                f"start URL is not an HTML page ({seed_page.content_type or 'no content type'})",
                where=self.seed,
            )
        if seed_page.status >= 400 or self.scope is None:
            self._discard_folder()
            raise EmptySiteError(
                f"start URL answered HTTP {seed_page.status}: no HTML page to capture", where=self.seed
            )
        if seed_page.record.length and not self._seed_has_body(seed_page):
            self._discard_folder()
            raise EmptySiteError("start URL returned an empty page", where=self.seed)
        self.write_manifest(final=False)  # from now on the folder is a (partial) evidence folder
        if self.opts.sitemaps:
            await self._read_sitemaps(seed_page.final_url)
        if not self.french_found:  # a sitemap may have revealed the French variant already
            self._probe_french(seed_page.final_url)
        for url in self.opts.revisit_urls:
            if url not in self.seen:
                self.enqueue(url, 1, "revisit", reserved=True, offsite_ok=True)

        renderer_cm = None
        render_workers: list[asyncio.Task[None]] = []
        if self.opts.effective_browser():
            from .browser import Renderer

            async def browser_fetch(url: str, headers: dict[str, str]) -> FetchResult:
                if self.opts.proxy:
                    try:
                        self.policy.check_url(url)
                    except AddressRefused as exc:
                        res = FetchResult(url=url, started_at=utc_now())
                        res.error_reason, res.error_detail = "ssrf", str(exc)
                        return res
                result, _ = await self._polite_fetch(
                    url, self.opts.page_timeout, self.opts.max_page_bytes, headers
                )
                self._archive_subresource(url, result)
                return result

            try:
                renderer_cm = Renderer(
                    browser_fetch,
                    user_agent=self.user_agent,
                    timeout=self.opts.page_timeout,
                    concurrency=self.opts.render_concurrency,
                    max_bytes=self.opts.max_page_bytes,
                )
                await renderer_cm.__aenter__()
                self.browser_version = f"chromium {renderer_cm.version}"
                self.render_queue = asyncio.Queue()
                self._renders_pending += 1
                self.render_queue.put_nowait((0, seed_page.final_url, 0))
                render_workers = [
                    asyncio.create_task(self._render_worker(renderer_cm))
                    for _ in range(max(1, self.opts.render_concurrency))
                ]
            except Exception as exc:  # noqa: BLE001 - no browser: capture goes on without rendering
                self.notes.append(
                    f"browser unavailable, pages not rendered: {type(exc).__name__}: {exc}"[:500]
                )
                renderer_cm = None
                self.render_queue = None
        progress = self._progress()
        try:
            with progress:
                bar = progress.add_task("capture", total=None)
                inflight: set[asyncio.Task[CapturedPage | None]] = self._inflight
                while True:
                    while len(inflight) < self.opts.concurrency:
                        task = self._take_task()
                        if task is None:
                            break
                        inflight.add(asyncio.create_task(self.process(task)))
                    if not inflight:
                        if self._renders_pending > 0:
                            # a page being rendered may still reveal links inserted by scripts
                            progress.update(bar, description=self._status())
                            await asyncio.sleep(0.05)
                            continue
                        break
                    done, _ = await asyncio.wait(inflight, return_when=asyncio.FIRST_COMPLETED)
                    inflight.difference_update(done)
                    for finished in done:
                        failure = finished.exception()
                        if failure is not None:  # a bug on one page must not lose the others
                            self.notes.append(
                                f"internal error on a page: {type(failure).__name__}: {failure}"[:500]
                            )
                    progress.update(bar, description=self._status())
                for task in [*sorted(self.frontier), *sorted(self.sitemap_frontier)]:
                    if not task.cancelled:
                        self.skip(task.url, "max_pages", f"page budget of {self.opts.max_pages} reached")
                self.frontier.clear()
                self.sitemap_frontier.clear()
                self._sitemap_pending.clear()
                if self.render_queue is not None:
                    for _ in render_workers:
                        self.render_queue.put_nowait(None)
                    while not all(w.done() for w in render_workers):
                        progress.update(bar, description=self._status())
                        await asyncio.wait(render_workers, timeout=0.5)
                progress.update(bar, description=self._status())
        finally:
            for worker in render_workers:
                worker.cancel()
            # interrupted: the pages being fetched stop here, before the client closes (they
            # would otherwise fail later against a closed client, with a traceback)
            pending = [t for t in self._inflight if not t.done()]
            for one in pending:
                one.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
            if renderer_cm is not None:
                await renderer_cm.close()
                self._record_egress(renderer_cm)
        self.writer.close()
        manifest_sha = self.write_manifest(final=True)
        self._final = True
        self.seal(manifest_sha)
        return CaptureManifest.model_validate_json((self.out / MANIFEST_NAME).read_bytes())

    def _seed_has_body(self, page: CapturedPage) -> bool:
        return page.record.payload_digest != sha256_bytes(b"")

    def _probe_french(self, home: str) -> None:
        """No French variant linked from the seed: try ``/fr/`` and ``fr.<domain>``."""
        assert self.scope is not None
        parts = urlsplit(home)
        candidates = [f"{parts.scheme}://{parts.netloc}/fr/"]
        if self.scope.kind == "domain":
            port = f":{parts.port}" if parts.port else ""
            candidates.append(f"{parts.scheme}://fr.{self.scope.value}{port}/")
        for url in candidates:
            if url not in self.seen:
                self.enqueue(url, 1, "probe", language="fr", reserved=True)

    def _status(self) -> str:
        rendered = f", rendered {self.rendered_count}" if self.render_queue is not None else ""
        queued = len(self.frontier) + len(self._sitemap_pending)
        return f"captured {len(self.pages)} pages, queued {queued}, skipped {len(self.skipped)}{rendered}"

    def _progress(self) -> Progress:
        console = Console(stderr=True, quiet=not self.show_progress)
        return Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )


def capture_site(
    url: str, out_dir: Path, options: CaptureOptions | None = None, progress: bool = False
) -> CaptureManifest:
    """Capture ``url`` into the evidence folder ``out_dir`` (must not exist or be empty).

    Runs its own event loop; raises :class:`~vigipub.capture.errors.CaptureInputError`
    subclasses for seed and folder problems. Returns the final, sealed manifest.
    """
    capture = Capture(url, Path(out_dir), options or CaptureOptions(), progress)
    return asyncio.run(_run_until_stopped(capture))


async def _run_until_stopped(capture: Capture) -> CaptureManifest:
    """Run the capture; SIGTERM stops it like Ctrl-C: its last checkpoint is written, and the
    folder stays a valid, unfinished evidence folder (``vigipub investigate --resume``)."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    terminated: list[bool] = []

    def stop() -> None:
        terminated.append(True)
        if task is not None:
            task.cancel()

    installed = False
    if threading.current_thread() is threading.main_thread():
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGTERM, stop)
            installed = True
    try:
        return await capture.run()
    except asyncio.CancelledError:
        if terminated:
            raise KeyboardInterrupt("terminated") from None
        raise
    finally:
        if installed:
            loop.remove_signal_handler(signal.SIGTERM)


__all__ = ["Capture", "capture_site"]
