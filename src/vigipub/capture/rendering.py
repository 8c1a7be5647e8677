"""Rendering: each captured HTML page drawn in Chromium, in the background of the crawl.

A page's HTML is archived first (the crawler's exchange); it is then queued here, and
``render_concurrency`` workers draw it in the browser (:mod:`.browser`), whose every
request goes back through the crawler's guarded fetch (archived as sub-resources). For each
page rendered the WARC gains its rendered DOM and its screenshot (``resource`` records
referring to the page's response), ``screenshots/`` a PNG, and the frontier the links that
only scripts insert. What the page tried outside the recorded path (WebSocket, WebRTC, a
direct connection) is refused and recorded. Without Chromium the capture goes on without
rendering, and its manifest says why.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from vigipub.evidence import utc_now

from .browser import Fetcher, Renderer
from .frontier import Frontier
from .manifest import ManifestWriter
from .options import CaptureOptions
from .records import Recorder
from .scope import extract_links

#: seconds between two progress reports while the last pages are being rendered
FINISH_REPORT_EVERY = 0.5

#: (index of the page in the manifest, URL, depth): a page waiting for the browser
RenderItem = tuple[int, str, int]


class Rendering:
    """The browser of one capture, its queue of pages and its workers."""

    def __init__(
        self, options: CaptureOptions, manifest: ManifestWriter, recorder: Recorder, frontier: Frontier
    ) -> None:
        self.opts = options
        self.manifest = manifest
        self.recorder = recorder
        self.frontier = frontier
        self.renderer: Renderer | None = None
        self.queue: asyncio.Queue[RenderItem | None] | None = None
        self.workers: list[asyncio.Task[None]] = []
        #: pages queued and not yet rendered (a page being rendered may still add links)
        self.pending = 0
        self.rendered = 0

    @property
    def active(self) -> bool:
        """Whether pages go to the browser (it started)."""
        return self.queue is not None

    async def start(self, fetcher: Fetcher, *, user_agent: str, first_url: str) -> None:
        """Start Chromium and the workers, and queue the home page (``first_url``).

        A browser that cannot start is a note in the manifest, not an error.
        """
        try:
            renderer = Renderer(
                fetcher,
                user_agent=user_agent,
                timeout=self.opts.page_timeout,
                concurrency=self.opts.render_concurrency,
                max_bytes=self.opts.max_page_bytes,
            )
            await renderer.__aenter__()
            self.renderer = renderer
            self.manifest.browser_version = f"chromium {renderer.version}"
            self.queue = asyncio.Queue()
            self.manifest.rendering = True
            self.add(0, first_url, 0)
            self.workers = [
                asyncio.create_task(self._work(renderer)) for _ in range(max(1, self.opts.render_concurrency))
            ]
        except Exception as exc:  # noqa: BLE001 - no browser: capture goes on without rendering
            self.manifest.notes.append(
                f"browser unavailable, pages not rendered: {type(exc).__name__}: {exc}"[:500]
            )
            self.renderer = None
            self.queue = None
            self.manifest.rendering = False

    def add(self, index: int, url: str, depth: int) -> None:
        """Queue the page ``index`` of the manifest for rendering."""
        assert self.queue is not None
        self.pending += 1
        self.queue.put_nowait((index, url, depth))

    async def finish(self, report: Callable[[], None]) -> None:
        """No more pages will come: let the workers render what is queued, then stop."""
        if self.queue is None:
            return
        for _ in self.workers:
            self.queue.put_nowait(None)
        while not all(w.done() for w in self.workers):
            report()
            await asyncio.wait(self.workers, timeout=FINISH_REPORT_EVERY)

    async def close(self) -> None:
        """Stop the workers (interrupted: at once) and the browser; record its refusals."""
        for worker in self.workers:
            worker.cancel()
        if self.renderer is not None:
            await self.renderer.close()
            self._record_egress(self.renderer)

    async def _work(self, renderer: Renderer) -> None:
        assert self.queue is not None
        manifest = self.manifest
        while True:
            item = await self.queue.get()
            if item is None:
                self.queue.task_done()
                return
            index, url, depth = item
            try:
                rendered = await renderer.render(url)
                page = manifest.pages[index]
                update: dict[str, object] = {}
                notes = list(page.notes) + [f"browser: {n}" for n in rendered.notes]
                if rendered.error:
                    notes.append(f"browser rendering failed: {rendered.error}")
                if rendered.dom is not None:
                    update["rendered"] = self.recorder.rendering(
                        url,
                        rendered.dom,
                        kind="rendered-dom",
                        content_type="text/html; charset=utf-8",
                        when=utc_now(),
                        refers_to=page.record,
                    )
                if rendered.png is not None:
                    when = utc_now()
                    update["screenshot_record"] = self.recorder.rendering(
                        url,
                        rendered.png,
                        kind="screenshot",
                        content_type="image/png",
                        when=when,
                        refers_to=page.record,
                    )
                    update["screenshot"] = manifest.add_screenshot(index, url, rendered.png, when)
                for target, kind in rendered.refused:
                    if kind == "ssrf":
                        manifest.skip(target, "ssrf", f"requested by the browser rendering {url}")
                    else:
                        notes.append(f"browser: {kind} refused: {target[:200]}")
                        manifest.skip(
                            target,
                            "browser_channel",
                            f"{kind} opened by the page {url}: refused, it would bypass the recorded path",
                        )
                self._record_egress(renderer)
                update["notes"] = notes
                manifest.pages[index] = page.model_copy(update=update)
                manifest.checkpoint()  # the page's rendering records are in the WARC now
                self.rendered += 1
                if rendered.dom is not None:
                    # links inserted by scripts exist only in the rendered DOM
                    self.frontier.enqueue_links(extract_links(rendered.dom, url), depth, via="rendered")
            except Exception as exc:  # noqa: BLE001 - one page never stops the capture
                manifest.notes.append(f"rendering {url}: {type(exc).__name__}: {exc}"[:500])
            finally:
                self.pending -= 1
                self.queue.task_done()

    def _record_egress(self, renderer: Renderer) -> None:
        """Connections the browser tried outside page.route, refused by the egress sink."""
        for attempt in renderer.egress_attempts():
            self.manifest.skip(
                attempt.url(),
                "browser_egress",
                f"{attempt.method} {attempt.target}: a connection a page opened outside the recorded "
                "path, refused by the local guard proxy",
            )
        for attempt in renderer.background_attempts():
            self.manifest.add_background_refused(attempt)
