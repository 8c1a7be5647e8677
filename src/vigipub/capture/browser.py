"""Headless Chromium rendering (Playwright driving Debian's /usr/bin/chromium).

The browser never touches the network itself: every request it makes is intercepted
(``page.route``) and either fulfilled by the capture's own guarded HTTP client — so the
SSRF rule, the proxy, the size caps and the timeouts apply to the browser exactly as to
the crawler, with no DNS-rebinding window — or aborted (non-HTTP schemes, POST, budget).

What ``page.route`` cannot see is closed in layers, each refusal recorded:

* every other TCP connection goes to :class:`~.egress.EgressSink`, a local proxy that
  refuses it (the pages' only proxy, for loopback too; Chromium's own background services
  get a sink of their own, so that their refusals are never taken for the page's; its
  resolver answers nothing, so nothing is looked up in the agency's DNS either);
* WebSockets are routed (``page.route_web_socket``) and closed before any connection;
* WebRTC may use no UDP outside a proxy (there is none for UDP), and ``RTCPeerConnection``
  and ``WebTransport`` are refused in every frame before the page's scripts run;
* QUIC, DNS prefetching and pings are off.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from .egress import EgressAttempt, EgressSink
from .fetch import RENAMED_HEADERS, FetchResult
from .net import UrlRefused, check_url
from .options import CHROMIUM_PATH

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # no UDP outside a proxy for WebRTC (STUN would reveal the agency's address and reach any
    # host); the proxy is the egress sink, which carries no UDP at all
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    # the proxy (the egress sink) applies to loopback addresses too: Chromium bypasses it for
    # them by default, which let a page reach the agency's own machine
    "--proxy-bypass-list=<-loopback>",
    # the browser's own resolver answers nothing: names are resolved by the guarded client
    # (or by --proxy), never looked up from the agency's network by a prefetch
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--dns-prefetch-disable",
    "--no-pings",
]
VIEWPORT = {"width": 1280, "height": 900}
#: before a screenshot: web fonts loaded and two animation frames painted (at most 2 s)
SETTLE_SCRIPT = """() => Promise.race([
  (document.fonts ? document.fonts.ready : Promise.resolve()).then(
    () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))),
  new Promise(r => setTimeout(r, 2000)),
])"""
MAX_SCREENSHOT_HEIGHT = 16000
MAX_SUBRESOURCES = 150
MAX_REFUSALS_PER_PAGE = 50
MAX_BROWSER_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

#: Consent buttons in the languages a clinic targeting French patients uses.
ACCEPT_PATTERN = (
    r"^\s*(accept(er)?( all| tout| all cookies| cookies)?|tout accepter|j'accepte|j’accepte|"
    r"accepter et fermer|ok(, j'accepte)?|d'accord|agree|i agree|allow( all)?( cookies)?|autoriser|"
    r"alle akzeptieren|akzeptieren|zustimmen|einverstanden|alle zulassen|aceptar( todo| todas)?|"
    r"acepto|accetta( tutto)?|accetto|aceitar|accepteren|akkoord|zgadzam się|consent)\s*[.!]?\s*$"
)

CONSENT_SCRIPT = """
(pattern) => {
  const re = new RegExp(pattern, 'i');
  const nodes = Array.from(document.querySelectorAll(
    'button, a, [role=button], input[type=button], input[type=submit]'));
  let clicked = 0;
  for (const n of nodes) {
    const label = (n.innerText || n.value || n.getAttribute('aria-label') || '').trim();
    if (label.length > 0 && label.length < 60 && re.test(label)) {
      const r = n.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) { try { n.click(); clicked++; } catch (e) {} }
      if (clicked >= 2) break;
    }
  }
  return clicked;
}
"""

HIDE_SCRIPT = """
() => {
  const sel = '#onetrust-banner-sdk, #onetrust-consent-sdk, #CybotCookiebotDialog, .cc-window, '
    + '#didomi-host, #usercentrics-root, #tarteaucitronRoot, .qc-cmp2-container, #cmpbox, '
    + '[id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i], [id*=gdpr i], '
    + '[class*=gdpr i], [aria-label*=cookie i], [role=dialog][aria-modal=true]';
  let hidden = 0;
  for (const el of document.querySelectorAll(sel)) {
    const st = getComputedStyle(el);
    if (st.position === 'fixed' || st.position === 'sticky' || parseInt(st.zIndex || '0') > 100) {
      el.style.setProperty('display', 'none', 'important'); hidden++;
    }
  }
  document.documentElement.style.setProperty('overflow', 'auto', 'important');
  document.body && document.body.style.setProperty('overflow', 'auto', 'important');
  return hidden;
}
"""

#: Run in every frame before the page's scripts: what would open connections page.route
#: cannot see, and that no proxy carries (UDP), is refused and reported to the capture.
REFUSE_SCRIPT = """
(() => {
  const binding = window.__vigipubRefused;
  const report = (kind, target) => {
    try { binding(kind, String(target).slice(0, 500)); } catch (e) {}
  };
  const iceServers = (args) => {
    try {
      return JSON.stringify(((args[0] || {}).iceServers || []).map((s) => s.urls || s.url));
    } catch (e) { return ''; }
  };
  const refuse = (name, describe) => {
    if (!(name in window)) return;
    const Refused = function (...args) {
      report(name, describe(args));
      throw new DOMException(name + ' is disabled while a page is captured as evidence',
                             'NotSupportedError');
    };
    try {
      Object.defineProperty(window, name, { value: Refused, writable: false, configurable: false });
    } catch (e) {}
  };
  refuse('RTCPeerConnection', iceServers);
  refuse('webkitRTCPeerConnection', iceServers);
  refuse('WebTransport', (args) => args[0]);
})();
"""

Fetcher = Callable[[str, dict[str, str]], Awaitable[FetchResult]]


def _flatten(value: object) -> list[object]:
    if isinstance(value, list):
        return [item for element in value for item in _flatten(element)]
    return [] if value is None else [value]


@dataclass
class RenderResult:
    dom: bytes | None = None
    png: bytes | None = None
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    #: what the page tried outside the recorded path, refused: (target, kind)
    refused: list[tuple[str, str]] = field(default_factory=list)

    def refuse(self, target: str, kind: str) -> None:
        if len(self.refused) < MAX_REFUSALS_PER_PAGE and (target, kind) not in self.refused:
            self.refused.append((target, kind))


class Renderer:
    """A Chromium with a small pool of pages; use as ``async with``."""

    def __init__(
        self, fetcher: Fetcher, *, user_agent: str, timeout: float, concurrency: int, max_bytes: int
    ) -> None:
        self._fetcher = fetcher
        self._ua = user_agent
        self._timeout = timeout
        self._sem = asyncio.Semaphore(max(1, concurrency))
        # one screenshot at a time, of the page in front: Chromium painted a background tab's
        # full-page screenshot from stale tiles (the first one of a capture repeated the page's
        # top at 813 px and cut the rest: 3 of 45 screenshots in a loaded run)
        self._shot_lock = asyncio.Lock()
        self._max_bytes = max_bytes
        self._pw: Any = None
        self._browser: Any = None
        self._context: Any = None
        self.version: str | None = None
        self.sink = EgressSink()
        #: the browser's own background traffic (updates, accounts…), kept apart from pages'
        self.background_sink = EgressSink()
        #: the render each open page belongs to, for refusals reported by its scripts
        self._results: dict[Any, RenderResult] = {}

    async def __aenter__(self) -> Renderer:
        from playwright.async_api import async_playwright

        self._pw = await async_playwright().start()
        try:
            sink_url = await self.sink.start()
            background_url = await self.background_sink.start()
            self._browser = await self._pw.chromium.launch(
                executable_path=CHROMIUM_PATH,
                args=[*CHROMIUM_ARGS, f"--proxy-server={background_url}"],
                timeout=30_000,
            )
            self.version = self._browser.version
            self._context = await self._browser.new_context(
                user_agent=self._ua,
                viewport=VIEWPORT,
                locale="fr-FR",
                service_workers="block",
                accept_downloads=False,
                java_script_enabled=True,
                # the pages' own proxy: what they try outside page.route is theirs
                proxy={"server": sink_url, "bypass": "<-loopback>"},
            )
            await self._context.expose_binding("__vigipubRefused", self._reported)
            await self._context.add_init_script(REFUSE_SCRIPT)
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close context, browser, driver and sink; each step runs even if the previous failed."""
        for owner, method in (
            (self._context, "close"),
            (self._browser, "close"),
            (self._pw, "stop"),
            (self.sink, "close"),
            (self.background_sink, "close"),
        ):
            if owner is None:
                continue
            with contextlib.suppress(Exception):
                await asyncio.wait_for(getattr(owner, method)(), 20)
        self._context = self._browser = self._pw = None

    def egress_attempts(self) -> list[EgressAttempt]:
        """Connections the pages tried outside page.route since the last call (refused)."""
        return self.sink.drain()

    def background_attempts(self) -> list[EgressAttempt]:
        """Connections Chromium itself tried (component updates, accounts…), refused."""
        return self.background_sink.drain()

    def _reported(self, source: dict[str, Any], kind: object, target: object) -> None:
        """A refusal reported by :data:`REFUSE_SCRIPT` in one of the pages being rendered."""
        result = self._results.get(source.get("page"))
        if result is None:
            return
        kind = str(kind)[:40]
        targets: list[str] = [str(target)]
        if kind.endswith("RTCPeerConnection"):
            # the ICE servers it was given (STUN/TURN URLs, possibly nested lists): each one
            # is a host the page wanted the browser to reach
            with contextlib.suppress(ValueError, TypeError):
                targets = [str(u) for u in _flatten(json.loads(str(target)))] or ["(no ICE server)"]
        for one in targets:
            result.refuse(one[:500] or "(no target)", kind)

    async def _refuse_websocket(self, ws: Any, result: RenderResult) -> None:
        """A WebSocket is closed before any connection: its traffic could not be recorded."""
        result.refuse(str(ws.url)[:2000], "WebSocket")
        with contextlib.suppress(Exception):
            await ws.close(code=1008, reason="refused by the capture")

    async def render(self, url: str) -> RenderResult:
        async with self._sem:
            result = RenderResult()
            page = await self._context.new_page()
            self._results[page] = result
            budget = {"n": 0}

            async def handle(route: Any) -> None:
                await self._route(route, budget, result)

            async def handle_ws(ws: Any) -> None:
                await self._refuse_websocket(ws, result)

            try:
                await page.route("**/*", handle)
                await page.route_web_socket(lambda _url: True, handle_ws)
                async with asyncio.timeout(self._timeout * 2 + 10):
                    await self._load(page, url, result)
            except TimeoutError:
                result.error = result.error or f"rendering exceeded {self._timeout * 2 + 10:g} s"
            except Exception as exc:  # noqa: BLE001 - a page that breaks the browser is recorded, not fatal
                result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            finally:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(page.close(), 10)
                self._results.pop(page, None)
            return result

    async def _load(self, page: Any, url: str, result: RenderResult) -> None:
        ms = int(self._timeout * 1000)
        await page.goto(url, wait_until="load", timeout=ms)
        try:
            await page.wait_for_load_state("networkidle", timeout=min(3000, ms))
        except Exception:  # noqa: BLE001 - long-polling pages never go idle
            result.notes.append("network not idle after load")
        try:
            clicked = await page.evaluate(CONSENT_SCRIPT, ACCEPT_PATTERN)
            if clicked:
                result.notes.append(f"consent banner: clicked {clicked} accept button(s)")
                await page.wait_for_timeout(400)
        except Exception as exc:  # noqa: BLE001
            result.notes.append(f"consent click failed: {type(exc).__name__}")
        result.dom = (await page.content()).encode("utf-8")
        try:
            hidden = await page.evaluate(HIDE_SCRIPT)
            if hidden:
                result.notes.append(f"consent banner: hid {hidden} overlay element(s) before the screenshot")
        except Exception as exc:  # noqa: BLE001
            result.notes.append(f"consent hiding failed: {type(exc).__name__}")
        async with self._shot_lock:
            await page.bring_to_front()
            with contextlib.suppress(Exception):  # fonts loaded, layout done, two frames painted
                await page.evaluate(SETTLE_SCRIPT)
            height = await page.evaluate(
                "() => Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)"
            )
            if isinstance(height, int | float) and height > MAX_SCREENSHOT_HEIGHT:
                result.notes.append(f"screenshot cut at {MAX_SCREENSHOT_HEIGHT}px of {int(height)}px")
                result.png = await page.screenshot(
                    full_page=True,
                    timeout=ms,
                    clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": MAX_SCREENSHOT_HEIGHT},
                )
            else:
                result.png = await page.screenshot(full_page=True, timeout=ms)

    async def _route(self, route: Any, budget: dict[str, int], result: RenderResult) -> None:
        request = route.request
        url = request.url
        try:
            if request.method not in ("GET", "HEAD"):
                await route.abort("blockedbyclient")
                return
            try:
                url = check_url(url)
            except UrlRefused:
                await route.abort("blockedbyclient")
                return
            budget["n"] += 1
            if budget["n"] > MAX_SUBRESOURCES:
                if budget["n"] == MAX_SUBRESOURCES + 1:
                    result.notes.append(f"more than {MAX_SUBRESOURCES} browser requests: the rest aborted")
                await route.abort("blockedbyclient")
                return
            headers = {
                k: v
                for k, v in request.headers.items()
                if k.lower() in ("accept", "referer", "accept-language")
            }
            fetched = await self._fetch_following(url, headers, result)
            if fetched is None or fetched.status is None:
                await route.abort(
                    "blockedbyclient" if fetched is None or fetched.error_reason == "ssrf" else "failed"
                )
                return
            out_headers: dict[str, str] = {}
            for k, v in fetched.raw_headers:
                if k.lower() in RENAMED_HEADERS:
                    continue
                name, value = k.decode("latin-1").lower(), v.decode("latin-1")
                if name in out_headers:
                    # Set-Cookie lines stay separate; other repeated headers are a list
                    sep = "\n" if name == "set-cookie" else ", "
                    out_headers[name] = f"{out_headers[name]}{sep}{value}"
                else:
                    out_headers[name] = value
            out_headers.pop("location", None)  # redirects were followed here (see below)
            await route.fulfill(status=fetched.status, headers=out_headers, body=fetched.body)
        except Exception:  # noqa: BLE001 - the page may already be closed
            with contextlib.suppress(Exception):
                await route.abort("failed")

    async def _fetch_following(
        self, url: str, headers: dict[str, str], result: RenderResult
    ) -> FetchResult | None:
        """Fetch ``url`` through the capture, following redirects here, hop by hop.

        Chromium does not pass the target of a redirect it was handed by ``route.fulfill``
        back through ``page.route``: it opens a connection of its own (which the egress sink
        refuses). So every hop is fetched here, checked like the first (URL rules, SSRF guard,
        archived), and the browser gets the last answer. None when a hop is refused.
        """
        for _hop in range(MAX_BROWSER_REDIRECTS + 1):
            fetched = await self._fetcher(url, headers)
            if fetched.status is None:
                if fetched.error_reason == "ssrf":
                    result.notes.append(f"browser request refused (ssrf): {url[:200]}")
                    result.refuse(url, "ssrf")
                return fetched
            location = fetched.header("location")
            if fetched.status not in REDIRECT_STATUSES or not location:
                return fetched
            try:
                url = check_url(urljoin(url, location.strip()).split("#", 1)[0])
            except (UrlRefused, ValueError):
                result.notes.append(f"browser redirect not followed: {location[:200]}")
                return None
        result.notes.append(f"more than {MAX_BROWSER_REDIRECTS} redirects for one browser request")
        return None
