"""Headless Chromium rendering (Playwright driving Debian's /usr/bin/chromium).

The browser never touches the network itself: every request it makes is intercepted
(``page.route``) and either fulfilled by the capture's own guarded HTTP client — so the
SSRF rule, the proxy, the size caps and the timeouts apply to the browser exactly as to
the crawler, with no DNS-rebinding window — or aborted (non-HTTP schemes, POST, budget).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

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

Fetcher = Callable[[str, dict[str, str]], Awaitable[FetchResult]]


@dataclass
class RenderResult:
    dom: bytes | None = None
    png: bytes | None = None
    notes: list[str] = field(default_factory=list)
    error: str | None = None


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

    async def __aenter__(self) -> Renderer:
        from playwright.async_api import async_playwright

        self._pw = await async_playwright().start()
        try:
            self._browser = await self._pw.chromium.launch(
                executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, timeout=30_000
            )
            self.version = self._browser.version
            self._context = await self._browser.new_context(
                user_agent=self._ua,
                viewport=VIEWPORT,
                locale="fr-FR",
                service_workers="block",
                accept_downloads=False,
                java_script_enabled=True,
            )
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close context, browser and driver; each step runs even if the previous failed."""
        for owner, method in ((self._context, "close"), (self._browser, "close"), (self._pw, "stop")):
            if owner is None:
                continue
            with contextlib.suppress(Exception):
                await asyncio.wait_for(getattr(owner, method)(), 20)
        self._context = self._browser = self._pw = None

    async def render(self, url: str) -> RenderResult:
        async with self._sem:
            result = RenderResult()
            page = await self._context.new_page()
            budget = {"n": 0}

            async def handle(route: Any) -> None:
                await self._route(route, budget, result)

            try:
                await page.route("**/*", handle)
                async with asyncio.timeout(self._timeout * 2 + 10):
                    await self._load(page, url, result)
            except TimeoutError:
                result.error = result.error or f"rendering exceeded {self._timeout * 2 + 10:g} s"
            except Exception as exc:  # noqa: BLE001 - a page that breaks the browser is recorded, not fatal
                result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            finally:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(page.close(), 10)
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
            fetched = await self._fetcher(url, headers)
            if fetched.status is None:
                if fetched.error_reason == "ssrf":
                    result.notes.append(f"browser request refused (ssrf): {url[:200]}")
                await route.abort("blockedbyclient" if fetched.error_reason == "ssrf" else "failed")
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
            await route.fulfill(status=fetched.status, headers=out_headers, body=fetched.body)
        except Exception:  # noqa: BLE001 - the page may already be closed
            with contextlib.suppress(Exception):
                await route.abort("failed")
