"""The manifest of a capture: what it holds, what it skipped, and its checkpoints.

:class:`ManifestWriter` is the capture's logbook. Every part of the crawl reports to it:
pages captured (``pages``), URLs not captured with a typed reason (:meth:`skip`), servers
met and their certificates (:meth:`note_server`), screenshots written
(:meth:`add_screenshot`), anything worth a sentence (``notes``). It turns that into a
:class:`~vigipub.evidence.CaptureManifest` and rewrites ``manifest.json`` atomically, in
step with the WARC (see ``CHECKPOINT_SHARE``), so that a capture killed at any moment
leaves a folder whose manifest lists what its WARC holds.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

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

from .egress import EgressAttempt
from .fetch import FetchResult
from .options import CaptureOptions
from .sealing import TIMESTAMP_DIR
from .warc import WarcWriter

WARC_NAME = "capture.warc.gz"
MANIFEST_NAME = "manifest.json"
SCREENSHOT_DIR = "screenshots"
CERT_DIR = "certificates"
PRODUCER_NAME = "vigipub.capture"
#: CHECKPOINT: the manifest is rewritten after every page, in step with the WARC, so that
#: a capture killed at any moment leaves a manifest that lists what the WARC holds. Beyond
#: checkpoint_every * CHECKPOINT_SHARE pages it is rewritten every 1/CHECKPOINT_SHARE of the
#: pages already listed (each rewrite costs the size of the manifest: this keeps the total
#: linear); an interruption the process sees (Ctrl-C, SIGTERM, an error) still writes it
#: last, and ``investigate --resume`` reconciles a manifest with the records after it.
CHECKPOINT_SHARE = 200
#: skipped URLs listed at most (a hostile site can offer millions); the rest are counted
MAX_SKIPPED = 5000
#: Chromium's own background connections named in the manifest's note, at most
MAX_BACKGROUND_NAMED = 10


def redact(url: str | None) -> str | None:
    """A proxy URL without its password (the manifest is shared with the company)."""
    if not url:
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


class ManifestWriter:
    """What the manifest of one capture will say, and its (re)writing into ``out``."""

    def __init__(
        self, out: Path, options: CaptureOptions, *, seed: str, user_agent: str, started_at: datetime
    ) -> None:
        self.out = out
        self.opts = options
        self.seed = seed
        self.user_agent = user_agent
        self.started_at = started_at
        #: set when the WARC is opened (its first record, ``warcinfo``, is written)
        self.writer: WarcWriter | None = None
        self.warcinfo: RecordRef | None = None
        #: facts the crawl learns on the way
        self.scope: str | None = None
        self.exit_ip: str | None = None
        self.browser_version: str | None = None
        #: whether pages go to the browser (the option as it turned out, not as asked)
        self.rendering = False
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
        #: connections Chromium itself tried (not the pages): refused, listed in one note
        self.background_refused: list[EgressAttempt] = []
        self._since_checkpoint = 0
        self._last_checkpoint = 0.0
        #: whether a manifest was written (the folder is then an evidence folder), and
        #: whether it was the final one
        self.written = False
        self.final = False

    # ------------------------------------------------------------------ what happened
    def skip(self, url: str, reason: str, detail: str = "") -> None:
        """A URL not captured, once per (URL, reason), at most ``MAX_SKIPPED`` listed."""
        key = (url, reason)
        if key in self._skipped_keys:
            return
        if len(self.skipped) >= MAX_SKIPPED:
            self.skipped_overflow += 1
            return
        self._skipped_keys.add(key)
        self.skipped.append(Skipped(url=url[:2000], reason=reason, detail=detail[:1000]))

    def note_server(self, url: str, result: FetchResult, tls_error: str | None) -> None:
        """The server that answered ``url``: address, TLS certificate (saved as a file), errors."""
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

    def recorded_tls_error(self, host: str) -> str | None:
        """The certificate problem recorded for ``host``, if any."""
        error = self.servers.get(host, {}).get("tls_error")
        return str(error) if error else None

    def add_screenshot(self, page_index: int, url: str, png: bytes, when: datetime) -> str:
        """Write a page's screenshot into ``screenshots/`` (atomically); return its path."""
        rel = f"{SCREENSHOT_DIR}/{page_index + 1:04d}.png"
        tmp = self.out / (rel + ".part")
        tmp.write_bytes(png)
        tmp.replace(self.out / rel)
        self.screenshot_files[rel] = (url, when, sha256_bytes(png), len(png))
        return rel

    def add_background_refused(self, attempt: EgressAttempt) -> None:
        if attempt not in self.background_refused:
            self.background_refused.append(attempt)

    # ------------------------------------------------------------------ writing
    def checkpoint(self) -> None:
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
        self.write(final=False, durable=durable)

    def write(self, final: bool, durable: bool = True) -> str:
        """Atomically (re)write the manifest; only bytes already written are referenced
        (``durable``: and synced to the disk). Returns the manifest's digest."""
        assert self.writer is not None
        if durable:
            self.writer.sync()
        else:
            self.writer.flush()
        self.written = True
        return write_json(self.out / MANIFEST_NAME, self.build(final))

    def build(self, final: bool) -> CaptureManifest:
        opts = self.opts
        options = {
            "max_pages": opts.max_pages,
            "max_depth": opts.max_depth,
            "max_page_bytes": opts.max_page_bytes,
            "page_timeout": opts.page_timeout,
            "concurrency": opts.concurrency,
            "per_host_concurrency": opts.per_host_concurrency,
            "browser": self.rendering,
            "tsa_url": opts.tsa_url,
            "sitemaps": opts.sitemaps,
        }
        notes = list(self.notes)
        if self.background_refused:
            shown = ", ".join(
                f"{a.method} {a.target[:80]}" for a in self.background_refused[:MAX_BACKGROUND_NAMED]
            )
            more = len(self.background_refused) - MAX_BACKGROUND_NAMED
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
            warcinfo=self.warcinfo,
            scope=self.scope,
            ignore_robots=opts.ignore_robots,
            insecure=opts.insecure,
            browser=self.browser_version,
            ip_echo_url=opts.ip_echo_url,
            options=options,
            notes=notes,
        )

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
