"""Options shared by several subcommands (capture options, output format)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

F = Callable[..., Any]


def crawl_options(func: F) -> F:
    """The capture options, shared by ``capture`` and ``investigate``."""
    decorators = [
        click.option("--max-pages", type=click.IntRange(1, 100_000), default=30, show_default=True,
                     help="Maximum number of documents to capture."),
        click.option("--max-depth", type=click.IntRange(0, 50), default=3, show_default=True,
                     help="Maximum link depth from the start URL."),
        click.option("--browser/--no-browser", default=None,
                     help="Render pages in headless Chromium (screenshots, JavaScript). Default: when installed."),
        click.option("--allow-private", is_flag=True,
                     help="Allow private, loopback and link-local addresses (refused by default: SSRF)."),
        click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (the skip is still recorded)."),
        click.option("--proxy", metavar="URL", help="HTTP or SOCKS5 proxy, e.g. to capture as seen from France."),
        click.option("--user-agent", metavar="STRING", help="User agent to announce."),
        click.option("--contact", metavar="STRING", help="Contact (e-mail or URL) added to the user agent."),
        click.option("--case-ref", metavar="REF", help="Case reference written into the WARC and manifest."),
        click.option("--operator", metavar="NAME", help="Name of the person running the capture."),
        click.option("--tsa-url", metavar="URL", help="RFC 3161 time-stamping authority to seal the manifest."),
        click.option("--insecure", is_flag=True, help="Capture HTTPS sites whose certificate fails (recorded)."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func
