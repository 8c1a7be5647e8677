"""Options shared by several subcommands.

``capture`` and ``investigate`` take the same crawl options; they are declared once here
and their names are the fields of :class:`vigipub.capture.CaptureOptions`, so the values
pass through unchanged (``CaptureOptions(**crawl)``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

F = Callable[..., Any]

CRAWL_OPTIONS = [
    click.option("--max-pages", type=click.IntRange(1, 100_000), default=30, show_default=True,
                 help="Page budget (French variants use a small reserve on top)."),
    click.option("--max-depth", type=click.IntRange(0, 100), default=3, show_default=True,
                 help="Link depth from the start URL."),
    click.option("--browser/--no-browser", default=None,
                 help="Render pages in headless Chromium (default: when /usr/bin/chromium exists)."),
    click.option("--sitemaps/--no-sitemaps", default=True, show_default=True,
                 help="Read the site's sitemaps (robots.txt, /sitemap.xml) for pages no link leads to."),
    click.option("--allow-private", is_flag=True,
                 help="Allow private, loopback and link-local addresses (refused by default: SSRF)."),
    click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (the skip is still recorded)."),
    click.option("--insecure", is_flag=True,
                 help="Capture HTTPS sites whose certificate does not verify (the failure is recorded)."),
    click.option("--proxy", default=None, metavar="URL",
                 help="HTTP or SOCKS5 proxy for the crawl and the browser (e.g. to capture as seen from France)."),
    click.option("--ip-echo-url", default=None, metavar="URL",
                 help="'What is my IP' URL asked once to record the exit address (never called by default)."),
    click.option("--user-agent", default=None, help="User-Agent header (default: a browser-like string naming vigipub)."),
    click.option("--contact", default=None, help="Contact added to the User-Agent (e-mail or URL)."),
    click.option("--case-ref", default=None, help="Case reference recorded in the WARC and the manifest."),
    click.option("--operator", default=None, help="Name of the agent performing the capture."),
    click.option("--tsa-url", default=None, metavar="URL",
                 help="RFC 3161 time-stamping authority URL (the manifest digest is time-stamped)."),
    click.option("--tsa-ca", "tsa_ca_file", default=None, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                 help="CA certificate (PEM) of the TSA, stored for verification."),
    click.option("--max-page-bytes", default=10_000_000, show_default=True, type=click.IntRange(1024, 200_000_000),
                 help="Per-response size limit (decompressed); memory stays bounded by a few times this."),
    click.option("--page-timeout", default=30.0, show_default=True, type=click.FloatRange(0.5, 3600),
                 help="Total time allowed per page, in seconds."),
    click.option("--key-dir", default=None, type=click.Path(file_okay=False, path_type=Path),
                 help="The agency's key folder; seals are signed with its key, created there on first use "
                      "(default: $VIGIPUB_KEY_DIR or ~/.config/vigipub/keys)."),
]


def crawl_options(func: F) -> F:
    """Add the crawl options; the command receives them as keyword arguments."""
    for decorator in reversed(CRAWL_OPTIONS):
        func = decorator(func)
    return func
