"""``vigipub capture URL --out DIR``: capture a site as sealed evidence."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from vigipub.capture import CaptureOptions, capture_site


@click.command("capture")
@click.argument("url")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="Evidence folder to create (must not exist or be empty).",
)
@click.option(
    "--max-pages",
    default=30,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Page budget (French variants use a small reserve on top).",
)
@click.option(
    "--max-depth",
    default=3,
    show_default=True,
    type=click.IntRange(0, 100),
    help="Link depth from the start URL.",
)
@click.option(
    "--browser/--no-browser",
    default=None,
    help="Render pages in headless Chromium (default: when /usr/bin/chromium exists).",
)
@click.option("--allow-private", is_flag=True, help="Allow private/loopback addresses (test servers only).")
@click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (record why in the case file).")
@click.option(
    "--insecure",
    is_flag=True,
    help="Capture HTTPS sites whose certificate does not verify (the failure is recorded).",
)
@click.option("--proxy", default=None, help="HTTP or SOCKS5 proxy URL for the crawl and the browser.")
@click.option(
    "--ip-echo-url",
    default=None,
    help="'What is my IP' URL asked once to record the exit address (never called by default).",
)
@click.option(
    "--user-agent", default=None, help="User-Agent header (default: a browser-like string naming vigipub)."
)
@click.option("--contact", default=None, help="Contact added to the User-Agent (e-mail or URL).")
@click.option("--case-ref", default=None, help="Case reference recorded in the WARC and the manifest.")
@click.option("--operator", default=None, help="Name of the agent performing the capture.")
@click.option(
    "--tsa-url",
    default=None,
    help="RFC 3161 time-stamping authority URL (the manifest digest is time-stamped).",
)
@click.option(
    "--tsa-ca",
    "tsa_ca",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CA certificate (PEM) of the TSA, stored for verification.",
)
@click.option(
    "--max-page-bytes",
    default=10_000_000,
    show_default=True,
    type=click.IntRange(1024, 2_000_000_000),
    help="Per-response size limit (decompressed).",
)
@click.option(
    "--page-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.5, 3600),
    help="Total time allowed per page, in seconds.",
)
@click.option("--quiet", is_flag=True, help="No progress display.")
def command(
    url: str,
    out: Path,
    max_pages: int,
    max_depth: int,
    browser: bool | None,
    allow_private: bool,
    ignore_robots: bool,
    insecure: bool,
    proxy: str | None,
    ip_echo_url: str | None,
    user_agent: str | None,
    contact: str | None,
    case_ref: str | None,
    operator: str | None,
    tsa_url: str | None,
    tsa_ca: Path | None,
    max_page_bytes: int,
    page_timeout: float,
    quiet: bool,
) -> None:
    """Capture URL (same registrable domain) into DIR: WARC, screenshots, manifest, chain.

    Exit code 2 when the start URL cannot be captured (invalid, unreachable, not HTML,
    empty) or DIR is not empty.
    """
    options = CaptureOptions(
        max_pages=max_pages,
        max_depth=max_depth,
        browser=browser,
        allow_private=allow_private,
        ignore_robots=ignore_robots,
        proxy=proxy,
        user_agent=user_agent,
        contact=contact,
        case_ref=case_ref,
        operator=operator,
        tsa_url=tsa_url,
        tsa_ca_file=tsa_ca,
        insecure=insecure,
        max_page_bytes=max_page_bytes,
        page_timeout=page_timeout,
        ip_echo_url=ip_echo_url,
    )
    manifest = capture_site(url, out, options, progress=not quiet)
    console = Console(stderr=True)
    reasons: dict[str, int] = {}
    for skipped in manifest.skipped:
        reasons[skipped.reason] = reasons.get(skipped.reason, 0) + 1
    rendered = sum(1 for p in manifest.pages if p.rendered is not None)
    console.print(f"[bold]{len(manifest.pages)}[/bold] pages captured ({rendered} rendered) into {out}")
    if reasons:
        console.print("skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())))
    for note in manifest.notes:
        console.print(f"note: {note}")
    click.echo(str(out / "manifest.json"))
