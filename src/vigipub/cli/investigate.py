"""``vigipub investigate URL --out DIR``: the whole chain on one site."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from vigipub.cli.options import crawl_options
from vigipub.cli.summary import print_summaries
from vigipub.evidence import InputError
from vigipub.pipeline import InvestigateOptions, investigate


@click.command("investigate")
@click.argument("url")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="New dossier folder.")
@crawl_options
@click.option("--date", "date_of_facts", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date of the facts (default: the capture date).")
@click.option("--registers-db", type=click.Path(path_type=Path), default=None,
              help="Register database (default: built from the bundled snapshot).")
def command(url: str, out_dir: Path, date_of_facts, registers_db: Path | None, **crawl) -> None:
    """Capture URL, analyse every page, check the registers, qualify, draft.

    Writes in OUT: evidence/ (WARC 1.1, manifest.json, screenshots), findings.json,
    authorisations.json, qualification.json, report.html and decision.html.
    """
    options = InvestigateOptions(
        capture=crawl,
        date_of_facts=date_of_facts.date() if date_of_facts else None,
        registers_db=registers_db,
    )
    err = Console(stderr=True)
    if not url.strip():
        raise InputError("empty URL")
    summary = investigate(url, out_dir, options, progress=lambda m: err.print(f"[dim]·[/dim] {m}"))
    print_summaries([summary])
