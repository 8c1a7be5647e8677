"""``vigipub capture URL --out DIR``: capture a site as sealed evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console

from vigipub.capture import CaptureOptions, capture_site
from vigipub.cli.options import crawl_options
from vigipub.cli.progress import capture_bar


@click.command("capture")
@click.argument("url")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="Evidence folder to create (must not exist or be empty).",
)
@crawl_options
@click.option("--quiet", is_flag=True, help="No progress display.")
def command(url: str, out: Path, quiet: bool, **crawl: Any) -> None:
    """Capture URL (same registrable domain) into DIR: WARC, screenshots, manifest, chain.

    Exit code 2 when the start URL cannot be captured (invalid, unreachable, not HTML,
    empty) or DIR is not empty.
    """
    options = CaptureOptions(**crawl)
    with capture_bar(quiet) as bar:
        manifest = capture_site(url, out, options, progress=bar)
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
