"""Options of a capture (the knobs of ``vigipub capture``), with polite defaults."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from vigipub import __version__

CHROMIUM_PATH = "/usr/bin/chromium"


def chromium_available() -> bool:
    """True when the Debian Chromium the browser renderer drives is installed."""
    return Path(CHROMIUM_PATH).exists() or shutil.which("chromium") is not None


@dataclass(frozen=True)
class CaptureOptions:
    """How to capture a site. ``browser=None`` means "when Chromium is installed"."""

    max_pages: int = 30
    max_depth: int = 3
    browser: bool | None = None
    allow_private: bool = False
    #: non-public ``ADDRESS:PORT`` endpoints reachable without ``allow_private`` (a test
    #: server on 127.0.0.1, an agency's internal mirror): that port only, nothing around it
    allow_endpoints: tuple[str, ...] = ()
    ignore_robots: bool = False
    proxy: str | None = None
    user_agent: str | None = None
    contact: str | None = None
    case_ref: str | None = None
    operator: str | None = None
    tsa_url: str | None = None
    insecure: bool = False
    max_page_bytes: int = 10_000_000
    page_timeout: float = 30.0
    #: a "what is my IP" URL asked once through the proxy to record the exit address;
    #: None (the default) means the internet is never called for that.
    ip_echo_url: str | None = None
    #: PEM file of the CA (or TSA) certificate that anchors the time-stamp token; copied
    #: into ``timestamps/`` so that ``verify`` can check the token's signature chain.
    tsa_ca_file: Path | None = None
    #: parallel requests in total, and per host (politeness).
    concurrency: int = 8
    per_host_concurrency: int = 2
    #: pages rendered in Chromium at the same time.
    render_concurrency: int = 2
    #: upper bound honoured for a robots.txt Crawl-delay, in seconds.
    max_crawl_delay: float = 5.0
    #: rewrite the manifest atomically every N pages (1: in step with the WARC), so that a
    #: killed capture stays valid and lists what its WARC holds.
    checkpoint_every: int = 1
    #: extra French-variant pages allowed beyond ``max_pages`` (they are never dropped).
    french_reserve: int = 10
    #: read the site's sitemaps (robots.txt ``Sitemap:`` lines, else ``/sitemap.xml`` and
    #: ``/sitemap_index.xml``): pages no menu links to are listed there.
    sitemaps: bool = True
    #: sitemap files fetched at most (indexes included), URLs read from them at most, and
    #: bytes of one sitemap after decompression (a bigger one is cut: bomb protection).
    max_sitemaps: int = 20
    max_sitemap_urls: int = 50_000
    max_sitemap_bytes: int = 10_000_000
    #: bytes of browser sub-resources (images, styles, scripts, frames) archived in the WARC
    #: for the whole capture; beyond it they still serve rendering but are not kept.
    max_subresource_bytes: int = 200_000_000
    #: an evidence folder whose chain this capture continues (default: a sibling folder).
    chain_from: Path | None = None
    #: the agency's key folder (default: $VIGIPUB_KEY_DIR or ~/.config/vigipub/keys); the
    #: seal is signed with its key, created there on first use
    key_dir: Path | None = None
    #: URLs of an earlier capture fetched again whatever the links say (a recheck must learn
    #: what each old page answers now: removed, redirected, still served but unlinked). They
    #: are queued first, may lie outside the scope (a redirect is then recorded, not followed
    #: further), and are marked ``via="revisit"`` in the manifest.
    revisit_urls: tuple[str, ...] = ()

    def effective_browser(self) -> bool:
        return chromium_available() if self.browser is None else self.browser

    def effective_user_agent(self) -> str:
        """The User-Agent sent: a browser-like product list naming vigipub and a contact."""
        if self.user_agent:
            ua = self.user_agent
        else:
            ua = (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"Chrome/120.0 Safari/537.36 vigipub/{__version__} (+https://github.com/vigipub)"
            )
        if self.contact and self.contact not in ua:
            ua = f"{ua} (contact: {self.contact})"
        return ua
