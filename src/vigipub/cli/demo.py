"""``vigipub demo``: the whole chain, offline, on demo websites served on 127.0.0.1."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click
from rich.console import Console

from vigipub.cli.progress import capture_bar, step_in_french
from vigipub.cli.summary import print_summaries
from vigipub.pipeline import InvestigateOptions, investigate, prepare_output_dir


@click.command("demo")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for the dossiers (default: a new folder under ./demo-output/).")
@click.option("--browser/--no-browser", default=None,
              help="Render pages in Chromium (default: when installed).")
@click.option("--max-pages", type=click.IntRange(1, 1000), default=40, show_default=True)
def command(out_dir: Path | None, browser: bool | None, max_pages: int) -> None:
    """Serve the bundled demo sites on 127.0.0.1 and investigate each one.

    Needs no network. Prints a summary table in French (site, verdict, claims, whether the
    French public is targeted, proposed measure) and the path of each dossier.
    """
    from vigipub.demo import DEMO_SITES, serve_demo_sites

    err = Console(stderr=True)
    if out_dir is None:
        base = Path("demo-output")
        base.mkdir(exist_ok=True)
        out_dir = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=base))
    else:
        prepare_output_dir(out_dir)
    started = time.monotonic()
    summaries, names = [], []
    with serve_demo_sites(host="127.0.0.1") as urls:
        for site_id, url in urls.items():
            err.rule(f"{site_id}: {DEMO_SITES[site_id].title}")
            options = InvestigateOptions(capture=dict(max_pages=max_pages, browser=browser, allow_private=True,
                                                      case_ref=f"DEMO-{site_id}", operator="vigipub demo"))
            with capture_bar() as bar:
                summaries.append(investigate(url, out_dir / site_id, options,
                                             progress=lambda m: err.print(f"[dim]·[/dim] {step_in_french(m)}"),
                                             capture_progress=bar))
            names.append(site_id)
    print_summaries(summaries, names)
    elapsed = f"{time.monotonic() - started:.1f}".replace(".", ",")
    Console().print(f"terminé en {elapsed} s ; dossiers dans {out_dir}")
