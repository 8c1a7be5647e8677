"""The capture: crawl a site politely, write the WARC, render pages, seal the folder.

The whole processing chain is visible in :meth:`Capture.run` and :meth:`Capture._crawl`:

1. validate the seed and the output folder (errors are :mod:`.errors` InputErrors);
2. open the WARC, write ``warcinfo`` (:mod:`.records`), optionally record the proxy's exit
   address;
3. fetch the seed (redirects followed hop by hop, each hop checked and recorded:
   :mod:`.redirects`), robots.txt and per-host limits first (:mod:`.politeness`);
4. read the sitemaps (:mod:`.sitemap_reader`): the URLs they list join the frontier as
   candidates;
5. crawl by priority (:mod:`.frontier`: French variants, then pages that matter, then the
   rest) within the scope, the depth and the page budget; each HTML page is queued for
   rendering in Chromium (:mod:`.rendering`: DOM + screenshot);
6. checkpoint the manifest atomically after every page (:mod:`.manifest`);
7. write the final manifest, chain it into ``chain.log``, time-stamp it and sign the chain
   (:mod:`.sealing`).

Progress goes to the caller's callback (:mod:`.progress`); the capture never draws on a
terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import signal
import threading
from functools import partial
from pathlib import Path

import httpx

from vigipub.evidence import CapturedPage, CaptureManifest, RecordRef, sha256_bytes, utc_now
from vigipub.evidence.signing import load_signing_key

from .challenge import anti_bot_challenge, challenge_advice, challenge_note
from .errors import (
    AntiBotChallengeError,
    CaptureInputError,
    EmptySiteError,
    InvalidUrlError,
    OutputNotEmptyError,
    RefusedAddressError,
    SeedNotHtmlError,
    SeedUnreachableError,
)
from .fetch import FetchResult, fetch
from .frontier import Frontier, Task
from .manifest import MANIFEST_NAME, SCREENSHOT_DIR, ManifestWriter, redact
from .net import AddressPolicy, AddressRefused, UrlRefused, check_url, parse_endpoint, parse_ip
from .options import CaptureOptions
from .politeness import Politeness
from .progress import CaptureProgress, ProgressCallback
from .records import Recorder
from .redirects import RedirectFetcher, SeedError
from .rendering import Rendering
from .scope import Scope, extract_links, language_from_url
from .sealing import TIMESTAMP_DIR, seal_evidence
from .sitemap_reader import SitemapReader

HTML_TYPES = {"text/html", "application/xhtml+xml"}
#: seconds between two looks at the browser when only renderings are left
RENDER_POLL = 0.05
#: Skipped reasons of a seed that gave no answer, and the error each one is
_UNREACHABLE = ("dns", "connect_error", "timeout", "tls_error", "error")
_INVALID = ("scheme", "credentials", "invalid_url")


def is_html(result: FetchResult) -> bool:
    media = result.media_type
    if media in HTML_TYPES:
        return True
    if not media:
        head = result.body[:512].lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html"))
    return False


class Capture:
    """One capture run into one evidence folder."""

    # the parts of the crawl, built by :meth:`run` once the folder and its WARC exist
    recorder: Recorder
    politeness: Politeness
    redirects: RedirectFetcher
    sitemaps: SitemapReader
    rendering: Rendering

    def __init__(
        self, seed_url: str, out_dir: Path, options: CaptureOptions, progress: ProgressCallback | None = None
    ) -> None:
        self.opts = options
        self.out = out_dir
        self.progress = progress
        #: (firewall, status) when the start URL answered with an anti-bot challenge
        self.seed_challenge: tuple[str, int] | None = None
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
            hint = "" if exc.why == "cloud metadata" else " (for test servers: --allow-private on the command line, VIGIPUB_ALLOW_PRIVATE=1 for the web application)"
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
        self.manifest = ManifestWriter(
            out_dir, options, seed=self.seed, user_agent=self.user_agent, started_at=self.started_at
        )
        self.frontier = Frontier(options, self.manifest)
        self._inflight: set[asyncio.Task[CapturedPage | None]] = set()
        self._created_dir = False

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
        if self.manifest.writer is not None:
            self.manifest.writer.close()
        if self._created_dir:
            shutil.rmtree(self.out, ignore_errors=True)
        else:
            for child in list(self.out.iterdir()):
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)

    # ------------------------------------------------------------------ run
    async def run(self) -> CaptureManifest:
        manifest = self.manifest
        self._prepare_folder()
        try:
            if self.opts.tsa_ca_file is not None:
                (self.out / TIMESTAMP_DIR).mkdir(exist_ok=True)
                shutil.copyfile(self.opts.tsa_ca_file, self.out / TIMESTAMP_DIR / "tsa-ca.pem")
            self.recorder = Recorder.open(
                self.out, self.opts, manifest, seed=self.seed, user_agent=self.user_agent
            )
            # from its first second the folder says what it is: an unfinished capture
            manifest.write(final=False, durable=False)
            self.politeness = Politeness(
                self.opts,
                self.policy,
                manifest,
                user_agent=self.user_agent,
                # robots.txt is evidence of what the crawler was allowed, not a page of the site
                # (a single-page application answers every path, /robots.txt too, with its page)
                record_answer=partial(self.recorder.answer, fetched_for="robots"),
            )
            self.redirects = RedirectFetcher(
                self.opts, self.policy, manifest, self.frontier, self.politeness, self.recorder
            )
            self.sitemaps = SitemapReader(
                self.opts, manifest, self.frontier, self.politeness, self.recorder, self.redirects
            )
            self.rendering = Rendering(self.opts, manifest, self.recorder, self.frontier)
            try:
                return await self._crawl()
            finally:
                await self.politeness.aclose()
        except BaseException:
            if manifest.writer is not None:
                if manifest.written and not manifest.final and (self.out / MANIFEST_NAME).exists():
                    # interrupted (Ctrl-C, SIGTERM, a bug): the manifest lists every page the
                    # WARC holds, so the folder is a valid, incomplete evidence folder
                    with contextlib.suppress(Exception):
                        manifest.notes.append("capture interrupted; this manifest is its last checkpoint")
                        manifest.write(final=False)
                manifest.writer.close()
            raise

    async def _crawl(self) -> CaptureManifest:
        frontier, manifest = self.frontier, self.manifest
        await self._check_exit_ip()
        seed_task = frontier.seed(self.seed)
        # robots.txt of the seed host: a disallowed seed is still refused
        if not await self.politeness.allows(self.seed):
            manifest.skip(
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
        if (
            not (seed_page.content_type or "").lower().startswith(tuple(HTML_TYPES))
            and frontier.scope is None
        ):
            self._discard_folder()
            raise SeedNotHtmlError(
                f"start URL is not an HTML page ({seed_page.content_type or 'no content type'})",
                where=self.seed,
            )
        if self.seed_challenge is not None:
            # the firewall's page is not the site: nothing of the site to keep or to judge
            self._discard_folder()
            raise AntiBotChallengeError(challenge_advice(*self.seed_challenge), where=self.seed)
        if seed_page.status >= 400 or frontier.scope is None:
            self._discard_folder()
            raise EmptySiteError(
                f"start URL answered HTTP {seed_page.status}: no HTML page to capture", where=self.seed
            )
        if seed_page.record.length and seed_page.record.payload_digest == sha256_bytes(b""):
            self._discard_folder()
            raise EmptySiteError("start URL returned an empty page", where=self.seed)
        manifest.write(final=False)  # from now on the folder is a (partial) evidence folder
        if self.opts.sitemaps:
            await self.sitemaps.read(self.seed, seed_page.final_url)
        if not frontier.french_found:  # a sitemap may have revealed the French variant already
            frontier.probe_french(seed_page.final_url)
        for url in self.opts.revisit_urls:
            if url not in frontier.seen:
                frontier.enqueue(url, 1, "revisit", reserved=True, offsite_ok=True)
        if self.opts.effective_browser():
            await self.rendering.start(
                self._browser_fetch, user_agent=self.user_agent, first_url=seed_page.final_url
            )
        try:
            self._report()
            inflight = self._inflight
            while True:
                while len(inflight) < self.opts.concurrency:
                    task = frontier.take()
                    if task is None:
                        break
                    inflight.add(asyncio.create_task(self.process(task)))
                if not inflight:
                    if self.rendering.pending > 0:
                        # a page being rendered may still reveal links inserted by scripts
                        self._report()
                        await asyncio.sleep(RENDER_POLL)
                        continue
                    break
                done, _ = await asyncio.wait(inflight, return_when=asyncio.FIRST_COMPLETED)
                inflight.difference_update(done)
                for finished in done:
                    failure = finished.exception()
                    if failure is not None:  # a bug on one page must not lose the others
                        manifest.notes.append(
                            f"internal error on a page: {type(failure).__name__}: {failure}"[:500]
                        )
                self._report()
            frontier.drop_rest()
            await self.rendering.finish(self._report)
            self._report(finished=True)
        finally:
            # interrupted: the pages being fetched stop here, before the client closes (they
            # would otherwise fail later against a closed client, with a traceback)
            for worker in self.rendering.workers:
                worker.cancel()
            pending = [t for t in self._inflight if not t.done()]
            for one in pending:
                one.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
            await self.rendering.close()
        self.recorder.close()
        manifest_sha = manifest.write(final=True)
        manifest.final = True
        self.seal(manifest_sha)
        return CaptureManifest.model_validate_json((self.out / MANIFEST_NAME).read_bytes())

    def _report(self, finished: bool = False) -> None:
        if self.progress is None:
            return
        self.progress(
            CaptureProgress(
                pages=len(self.manifest.pages),
                queued=self.frontier.queued(),
                skipped=len(self.manifest.skipped),
                rendered=self.rendering.rendered if self.rendering.active else None,
                finished=finished,
            )
        )

    # ------------------------------------------------------------------ pages
    async def process(self, task: Task, is_seed: bool = False) -> CapturedPage | None:
        """Fetch one page, archive it, queue its links and its rendering; list it in the manifest."""
        frontier, manifest = self.frontier, self.manifest
        if not is_seed and not await self.politeness.allows(task.url):
            manifest.skip(task.url, "robots", "robots.txt disallows")
            return None
        result, hops, ref, tls_error = await self.redirects.fetch(task, is_seed)
        if result is None or ref is None:
            return None
        final_url = result.url
        frontier.seen.add(final_url)
        html = is_html(result)
        notes = list(result.notes)
        if tls_error:
            notes.append(f"TLS certificate not verified: {tls_error}")
        headers = result.headers_dict()
        blocked = anti_bot_challenge(result.status or 0, headers, result.body) if html else None
        if blocked is not None:
            notes.append(challenge_note(blocked))
            if is_seed:
                self.seed_challenge = (blocked, result.status or 0)
        if result.truncated:
            manifest.skip(
                task.url,
                {"length": "too_large", "time": "timeout"}.get(result.truncated, "disconnected"),
                "; ".join(result.notes)[:900],
            )
        language = task.language
        outlinks_ref: RecordRef | None = None
        scope_ok = frontier.scope is None or frontier.scope.contains(final_url)
        status = result.status or 0
        if html and status < 400:
            if is_seed and frontier.scope is None:
                frontier.scope = Scope.for_url(final_url)
                manifest.scope = frontier.scope.value
                frontier.seen.add(final_url)
            links = extract_links(result.body, final_url)
            lines = [
                f"outlink: {link.url} {link.kind}{' ' + link.language if link.language else ''}"
                for link in links.links
            ]
            lines += [f"outlink: {special} special" for special in links.special]
            # a page outside the scope (a language alternate on another domain) gives only
            # its own alternates
            frontier.enqueue_links(links, task.depth, via="link", hreflang_only=not scope_ok and not is_seed)
            language = links.html_lang or language or language_from_url(final_url)
            if lines:
                outlinks_ref = self.recorder.outlinks(final_url, lines, when=result.started_at, refers_to=ref)
        if language == "fr":
            frontier.french_found = True
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
            headers=headers,
            notes=notes,
            redirects=hops,
            outlinks=outlinks_ref,
            server_ip=None if self.opts.proxy else result.ip,
        )
        index = len(manifest.pages)
        manifest.pages.append(page)
        if html and status < 400 and self.rendering.active and scope_ok:
            self.rendering.add(index, final_url, task.depth)
        manifest.checkpoint()
        return page

    async def _browser_fetch(self, url: str, headers: dict[str, str]) -> FetchResult:
        """What the browser asks for, fetched by the crawler (guarded, polite, archived)."""
        if self.opts.proxy:
            try:
                self.policy.check_url(url)
            except AddressRefused as exc:
                res = FetchResult(url=url, started_at=utc_now())
                res.error_reason, res.error_detail = "ssrf", str(exc)
                return res
        result, _ = await self.politeness.fetch(
            url, self.opts.page_timeout, self.opts.max_page_bytes, headers
        )
        self.recorder.subresource(url, result)
        return result

    async def _check_exit_ip(self) -> None:
        """Ask ``ip_echo_url`` (once, through the proxy) which address the site sees."""
        url = self.opts.ip_echo_url
        if not url:
            return
        result = await fetch(
            self.politeness.client, url, max_bytes=10_000, timeout=min(20.0, self.opts.page_timeout)
        )
        if result.status is not None:
            self.recorder.exchange(url, result)  # the answer is evidence of the exit address
        if result.status == 200:
            text = result.body.decode("utf-8", "replace").strip()
            if text.startswith("{"):
                with contextlib.suppress(ValueError, AttributeError):
                    text = str(json.loads(text).get("ip") or json.loads(text).get("origin") or "")
            candidate = text.split()[0] if text else ""
            if parse_ip(candidate) is not None:
                self.manifest.exit_ip = candidate
            else:
                self.manifest.notes.append(f"exit address check: unexpected answer from {url}")
        else:
            self.manifest.notes.append(
                f"exit address check failed: {result.error_reason or result.status} {result.error_detail}".strip()
            )

    def _raise_seed_error(self) -> None:
        reason, detail, url = self.redirects.seed_error or SeedError("", "", self.seed)
        # a refused redirect hop is recorded under the hop's URL, its detail naming the seed
        skipped = [
            s for s in self.manifest.skipped if s.url in (self.seed, url) or self.seed in (s.detail or "")
        ]
        if reason == "ssrf":
            raise RefusedAddressError(detail, where=url)
        if reason in _UNREACHABLE:
            hint = " (use --insecure to capture anyway)" if reason == "tls_error" else ""
            raise SeedUnreachableError(f"{reason}: {detail}{hint}", where=url)
        if reason in _INVALID:
            raise InvalidUrlError(detail, where=url)
        why = "; ".join(f"{s.reason}: {s.detail}" for s in skipped) or "no response"
        raise SeedUnreachableError(why, where=self.seed)

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


def capture_site(
    url: str, out_dir: Path, options: CaptureOptions | None = None, progress: ProgressCallback | None = None
) -> CaptureManifest:
    """Capture ``url`` into the evidence folder ``out_dir`` (must not exist or be empty).

    Runs its own event loop; raises :class:`~vigipub.capture.errors.CaptureInputError`
    subclasses for seed and folder problems. Returns the final, sealed manifest.
    ``progress`` is called with a :class:`~.progress.CaptureProgress` as pages come in.
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


__all__ = ["Capture", "capture_site", "is_html", "redact"]
