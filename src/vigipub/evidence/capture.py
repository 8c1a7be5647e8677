"""What a capture produces: the manifest of a sealed evidence folder.

The WARC file is the source of truth; the manifest lists every artefact with its digest
so that ``vigipub verify`` can recompute them, and records the circumstances of the capture
(tool, operator, proxy, servers, what was skipped and why).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field

from .core import SCHEMA_VERSION, Frozen, Producer, RecordRef

JsonScalar = str | int | float | bool | None

ArtefactKind = Literal[
    "warc", "screenshot", "rendered_dom", "document", "log", "timestamp", "certificate", "other"
]


#: WARC header of a response fetched for the capture's own needs, not as a page of the site:
#: ``rendering`` (an image, style, script or frame the browser loaded to draw a page) or
#: ``sitemap`` (a sitemap, even one a server answered with an HTML page). Extraction leaves
#: these records out; they stay in the WARC as evidence.
FETCHED_FOR_HEADER = "Vigipub-Fetched-For"


class Artefact(Frozen):
    """One file of the evidence folder, with its digest (``sha256:<hex>``)."""

    path: str  # relative to the evidence folder
    kind: ArtefactKind
    sha256: str
    size: int
    url: str | None = None
    captured_at: datetime
    media_type: str | None = None


class ServerInfo(Frozen):
    """What we know of the server that answered for one host."""

    host: str
    ip: str | None = None
    tls_fingerprint_sha256: str | None = None
    tls_issuer: str | None = None
    tls_subject: str | None = None
    tls_not_after: str | None = None
    tls_verified: bool | None = None  # False: captured anyway with --insecure
    tls_error: str | None = None
    certificate: str | None = None  # PEM file of the server certificate, relative path


class CapturedPage(Frozen):
    """One URL fetched during the capture and where its bytes are."""

    url: str
    final_url: str
    status: int
    content_type: str | None = None
    depth: int = 0
    via: str = "seed"  # seed | link | hreflang | redirect | sitemap | document
    language_hint: str | None = None
    record: RecordRef
    rendered: RecordRef | None = None  # rendered DOM (resource record) when a browser ran
    screenshot: str | None = None  # path of the PNG, relative to the evidence folder
    truncated: bool = False
    headers: dict[str, str] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)  # cuts, TLS failure, rendering notes
    redirects: list[RecordRef] = Field(default_factory=list)  # responses of the redirect hops
    outlinks: RecordRef | None = None  # metadata record listing the page's links
    screenshot_record: RecordRef | None = None  # the PNG as a resource record
    server_ip: str | None = None


#: how a page's notes start when a firewall's anti-bot challenge replaced the site's page
#: (written by the capture, read by the compliance check: the page was not seen)
ANTI_BOT_NOTE = "anti-bot challenge"


class SkipReason(StrEnum):
    """Why the crawler did not fetch a URL, or got no usable answer (``Skipped.reason``)."""

    ROBOTS = "robots"  # robots.txt disallows it
    SSRF = "ssrf"  # a private, loopback, link-local or metadata address
    OFF_SITE = "off_site"  # outside the scope of the capture
    MAX_PAGES = "max_pages"  # page budget reached
    MAX_DEPTH = "max_depth"  # deeper than the depth allowed
    NOT_A_PAGE = "not_a_page"  # an image, style, script, media or archive file
    SCHEME = "scheme"  # not http(s)
    CREDENTIALS = "credentials"  # a URL with a user name or password
    INVALID_URL = "invalid_url"
    DNS = "dns"  # the host name does not resolve
    CONNECT_ERROR = "connect_error"
    TIMEOUT = "timeout"
    TLS_ERROR = "tls_error"
    TOO_LARGE = "too_large"
    DISCONNECTED = "disconnected"  # the server cut the body
    REDIRECT_LOOP = "redirect_loop"
    DUPLICATE = "duplicate"  # a redirect to a page captured separately
    BROWSER_CHANNEL = "browser_channel"  # a WebSocket, WebRTC or WebTransport a page opened: refused
    BROWSER_EGRESS = "browser_egress"  # a connection the browser tried outside the recorded path
    HTTP_ERROR = "http_error"  # a sitemap answering 4xx/5xx
    NOT_A_SITEMAP = "not_a_sitemap"
    SITEMAP_LIMIT = "sitemap_limit"  # file cap or nesting limit of sitemaps
    ERROR = "error"  # no response and no more precise reason


class IntegrityState(StrEnum):
    """What a check of an artefact found (DESIGN: a failed record never supports a conclusion)."""

    VERIFIED = "verified"
    FAILED = "failed"
    NOT_CHECKED = "not_checked"


class Skipped(Frozen):
    """A URL the crawler did not fetch (or could not), with a typed reason."""

    url: str
    reason: SkipReason
    detail: str = ""


class CaptureManifest(Frozen):
    """``evidence/manifest.json``."""

    schema_version: str = SCHEMA_VERSION
    case_ref: str | None = None
    seed_url: str
    started_at: datetime
    finished_at: datetime | None = None
    tool: Producer
    operator: str | None = None
    user_agent: str
    proxy: str | None = None
    exit_ip: str | None = None
    allow_private: bool = False
    pages: list[CapturedPage] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    servers: list[ServerInfo] = Field(default_factory=list)
    artefacts: list[Artefact] = Field(default_factory=list)
    complete: bool = False  # False while capturing (checkpoints) or when interrupted
    #: the capture was stopped midway and sealed as it stood (``investigate --resume``)
    interrupted: bool = False
    warc_file: str = "capture.warc.gz"
    warcinfo: RecordRef | None = None
    scope: str | None = None  # registrable domain, or scheme://host:port for IP hosts
    ignore_robots: bool = False
    insecure: bool = False
    browser: str | None = None  # e.g. "chromium 120.0…" when pages were rendered
    ip_echo_url: str | None = None
    options: dict[str, JsonScalar] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
