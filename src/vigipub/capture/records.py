"""What the capture writes into its WARC, record by record.

One place decides the records of an evidence folder (conventions in
``docs/evidence-format.md``):

- ``warcinfo`` first: who captured what, how (:meth:`Recorder.open`);
- a ``response`` and its ``request`` for every HTTP exchange the crawler made
  (:meth:`Recorder.exchange`); what the browser fetched to draw a page, and sitemap files,
  are marked with ``FETCHED_FOR_HEADER`` so that extraction leaves them out;
- a ``metadata`` record of outlinks next to each page or sitemap that names other URLs
  (:meth:`Recorder.outlinks`);
- ``resource`` records of the rendered DOM and the screenshot of each page rendered
  (:meth:`Recorder.rendering`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from vigipub import __version__
from vigipub.evidence import RecordRef
from vigipub.evidence.capture import FETCHED_FOR_HEADER

from .fetch import FetchResult
from .manifest import WARC_NAME, ManifestWriter, redact
from .options import CaptureOptions
from .warc import WarcWriter


class Recorder:
    """The WARC of one capture: opened by :meth:`open`, closed by :meth:`close`."""

    def __init__(self, writer: WarcWriter, options: CaptureOptions, manifest: ManifestWriter) -> None:
        self.writer = writer
        self.opts = options
        self.manifest = manifest
        #: URLs whose response the crawler itself wrote (pages, documents, redirects)
        self.archived: set[str] = set()
        #: browser sub-resources archived so far (once per URL) and their bytes
        self._subresources: set[str] = set()
        self._subresource_bytes = 0
        self._subresource_budget_noted = False

    @classmethod
    def open(
        cls, out: Path, options: CaptureOptions, manifest: ManifestWriter, *, seed: str, user_agent: str
    ) -> Recorder:
        """Create ``capture.warc.gz`` in ``out`` and write its ``warcinfo`` record."""
        recorder = cls(WarcWriter(out / WARC_NAME, WARC_NAME), options, manifest)
        info = {
            "software": f"vigipub/{__version__} (capture)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "operator": options.operator or "",
            "isPartOf": options.case_ref or "",
            "http-header-user-agent": user_agent,
            "proxy": redact(options.proxy) or "",
            "robots": "ignore" if options.ignore_robots else "obey",
            "seed": seed,
            "description": "Bodies stored decoded; original Content-Encoding, Transfer-Encoding and Content-Length under X-Vigipub-Original-*",
        }
        block = "".join(f"{k}: {' '.join(str(v).split())}\r\n" for k, v in info.items()).encode("utf-8")
        manifest.writer = recorder.writer
        manifest.warcinfo = recorder.writer.write(
            "warcinfo",
            block,
            content_type="application/warc-fields",
            target_uri=None,
            when=manifest.started_at,
            payload_digest=False,
            headers={"WARC-Filename": WARC_NAME},
        )
        return recorder

    def close(self) -> None:
        self.writer.close()

    def exchange(self, url: str, result: FetchResult, *, fetched_for: str | None = None) -> RecordRef:
        """The response (then its request) of one HTTP exchange; returns the response's ref."""
        extra: dict[str, str] = {}
        if fetched_for:
            # what the browser loaded to draw a page, or a sitemap: evidence, not pages of the
            # site; extraction leaves these records out (FETCHED_FOR_HEADER)
            extra[FETCHED_FOR_HEADER] = fetched_for
        if fetched_for != "rendering":
            self.archived.add(url)
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

    def answer(
        self, url: str, result: FetchResult, tls_error: str | None, *, fetched_for: str | None = None
    ) -> RecordRef:
        """An answer of the site itself: its exchange archived, its server noted in the manifest."""
        ref = self.exchange(url, result, fetched_for=fetched_for)
        self.manifest.note_server(url, result, tls_error)
        return ref

    def subresource(self, url: str, result: FetchResult) -> None:
        """Write what the browser fetched into the WARC, once per URL and within a byte budget.

        The page documents themselves are already archived by the crawler (the browser asks
        for them again to render them): they are not written twice. A frame the crawler only
        discovered (not captured) is archived here.
        """
        if result.status is None or url in self.archived or url in self._subresources:
            return
        size = len(result.body or b"")
        if self._subresource_bytes + size > self.opts.max_subresource_bytes:
            if not self._subresource_budget_noted:
                self._subresource_budget_noted = True
                self.manifest.notes.append(
                    f"browser sub-resources: archive budget of {self.opts.max_subresource_bytes} bytes "
                    "reached; later ones were used for rendering but not archived"
                )
            return
        self._subresources.add(url)
        self._subresource_bytes += size
        self.exchange(url, result, fetched_for="rendering")

    def outlinks(
        self, target_uri: str, lines: list[str], *, when: datetime, refers_to: RecordRef
    ) -> RecordRef:
        """The URLs a page or a sitemap names (``outlink: URL kind [language]`` lines)."""
        return self.writer.write(
            "metadata",
            ("\r\n".join(lines) + "\r\n").encode("utf-8"),
            content_type="application/warc-fields",
            target_uri=target_uri,
            when=when,
            payload_digest=False,
            headers={"WARC-Refers-To": refers_to.record_id},
        )

    def rendering(
        self, url: str, data: bytes, *, kind: str, content_type: str, when: datetime, refers_to: RecordRef
    ) -> RecordRef:
        """What the browser made of a page: ``kind`` is ``rendered-dom`` or ``screenshot``."""
        return self.writer.write(
            "resource",
            data,
            content_type=content_type,
            target_uri=url,
            when=when,
            payload_digest=True,
            headers={"WARC-Refers-To": refers_to.record_id, "WARC-Resource-Type": kind},
        )
