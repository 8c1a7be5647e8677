"""The frontier: which URL the capture fetches next, within its scope and budget.

Every URL the capture meets (links of a page, links scripts insert, language alternates,
sitemap entries, French probes, revisits) goes through :meth:`Frontier.enqueue`, which
refuses what is outside the scope, not a page, or too deep (each refusal is a typed
``Skipped`` in the manifest), and ranks the rest:

1. reserved tasks: French variants and revisits, which may exceed the page budget by
   ``french_reserve`` pages (they are never dropped for lack of budget);
2. pages in French;
3. pages that matter (documents, URL or anchor words of :func:`~.scope.priority`);
4. the rest;

then by keyword score, depth and discovery order. Pages only a sitemap lists wait in a
heap of their own, merged by :meth:`Frontier._next_heap`, so that a 50,000-URL sitemap
never buries the home page's links.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .manifest import ManifestWriter
from .net import UrlRefused, check_url
from .options import CaptureOptions
from .scope import PageLinks, Scope, is_document_url, language_from_url, priority

#: paths of files that are never pages (their URLs are skipped as ``not_a_page``)
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


@dataclass(order=True)
class Task:
    """One URL to fetch; tasks compare by ``key`` (tier, -score, depth, discovery order)."""

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


class Frontier:
    """URLs seen and URLs waiting, the page budget and the French reserve of one capture."""

    def __init__(self, options: CaptureOptions, manifest: ManifestWriter) -> None:
        self.opts = options
        self.manifest = manifest
        #: the capture's scope, known once the seed answered (see :class:`~.scope.Scope`)
        self.scope: Scope | None = None
        #: every URL queued, fetched or refused once: never queued again
        self.seen: set[str] = set()
        self.linked: list[Task] = []  # linked pages (and probes): a heap
        self.listed: list[Task] = []  # pages only a sitemap lists: a heap of their own
        #: URL -> its task in ``listed``, while it waits there
        self.listed_pending: dict[str, Task] = {}
        self.listed_taken = 0
        self._seq = itertools.count()
        self.pages_counted = 0
        self.reserved_used = 0
        #: whether a French page or variant was met (else ``/fr/`` is probed)
        self.french_found = False

    def seed(self, url: str) -> Task:
        """The start URL's task: the first page of the budget."""
        task = Task((0, 0, 0, next(self._seq)), url, 0, "seed")
        self.seen.add(url)
        self.pages_counted = 1
        return task

    def queued(self) -> int:
        """Pages waiting (progress display)."""
        return len(self.linked) + len(self.listed_pending)

    # ------------------------------------------------------------------ adding
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
        """Queue ``url`` found at ``depth`` (how: ``via``), or record why it is not."""
        skip = self.manifest.skip
        try:
            url = check_url(url)
        except UrlRefused as exc:
            skip(url, exc.reason, exc.detail)
            return
        if url in self.seen:
            listed = None if from_sitemap else self.listed_pending.get(url)
            if listed is None or (depth > self.opts.max_depth and not reserved):
                return
            # a link leads to a page the sitemap listed: it is queued as a linked page (anchor
            # text counts, ties won), the sitemap's entry dropped when it reaches the head
            listed.cancelled = True
            del self.listed_pending[url]
        assert self.scope is not None
        if not self.scope.contains(url) and not offsite_ok:
            self.seen.add(url)
            skip(url, "off_site", f"outside {self.scope.value}")
            return
        path = urlsplit(url).path.lower()
        if path.endswith(ASSET_EXTENSIONS):
            self.seen.add(url)
            skip(url, "not_a_page", "image, style, script, media or archive file")
            return
        if depth > self.opts.max_depth and not reserved:
            self.seen.add(url)
            skip(url, "max_depth", f"depth {depth} > {self.opts.max_depth}")
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
            self.listed_pending[url] = task
            heapq.heappush(self.listed, task)
        else:
            heapq.heappush(self.linked, task)

    def enqueue_links(self, links: PageLinks, depth: int, via: str, hreflang_only: bool = False) -> None:
        """Queue the links of a page at ``depth`` (``hreflang_only``: its language alternates)."""
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
                self.manifest.skip(special, "scheme", "not an http(s) link; kept in the outlinks record")

    def probe_french(self, home: str) -> None:
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

    # ------------------------------------------------------------------ taking
    def take(self) -> Task | None:
        """Next task within the budget; French variants use the reserve once the budget is spent."""
        while (heap := self._next_heap()) is not None:
            task = heap[0]
            if self.pages_counted < self.opts.max_pages:
                self._pop(heap)
                self.pages_counted += 1
                if task.from_sitemap:
                    self.listed_taken += 1
                return task
            if task.reserved and self.reserved_used < self.opts.french_reserve:
                self.reserved_used += 1
                return self._pop(heap)
            if task.reserved:
                self._pop(heap)
                self.manifest.skip(task.url, "max_pages", "French-variant reserve exhausted")
                continue
            # the heap's head is not reserved: look for a reserved one further down
            if self.reserved_used >= self.opts.french_reserve:
                return None
            reserved = [t for t in self.linked + self.listed if t.reserved and not t.cancelled]
            if reserved:
                best = min(reserved, key=Task.merge_key)
                self.reserved_used += 1
                return self._pop(self.listed if best.from_sitemap else self.linked, best)
            return None
        return None

    def drop_rest(self) -> None:
        """The capture is over: what still waits is recorded as beyond the page budget."""
        for task in [*sorted(self.linked), *sorted(self.listed)]:
            if not task.cancelled:
                self.manifest.skip(task.url, "max_pages", f"page budget of {self.opts.max_pages} reached")
        self.linked.clear()
        self.listed.clear()
        self.listed_pending.clear()

    def _listed_share(self) -> int:
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
        while self.listed and self.listed[0].cancelled:
            heapq.heappop(self.listed)
        if not self.listed:
            return self.linked if self.linked else None
        if not self.linked:
            return self.listed
        listed, linked = self.listed[0], self.linked[0]
        if self.listed_taken < self._listed_share() and listed.merge_key() < linked.merge_key():
            return self.listed
        return self.linked

    def _pop(self, heap: list[Task], task: Task | None = None) -> Task:
        if task is None or task is heap[0]:
            task = heapq.heappop(heap)
        else:
            heap.remove(task)
            heapq.heapify(heap)
        if task.from_sitemap:
            self.listed_pending.pop(task.url, None)
        return task
