"""``vigipub investigate URL --out DIR``: the whole chain on one site (``--resume``: finish it)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from vigipub.cli.options import crawl_options
from vigipub.cli.progress import capture_bar, step_in_french
from vigipub.cli.summary import print_summaries
from vigipub.evidence import InputError
from vigipub.pipeline import InvestigateOptions, investigate, investigate_recording, resume_investigation


@click.command("investigate")
@click.argument("url", required=False)
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="New dossier folder.")
@click.option("--import-warc", "recording", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Build the dossier from a WARC recorded in an ordinary browser (ArchiveWeb.page, "
                   "Webrecorder, wget --warc-file) instead of capturing URL: for a site whose firewall "
                   "refuses automated captures. URL, if given, is the site's start page.")
@click.option("--resume", is_flag=True,
              help="Finish the interrupted investigation in OUT from its evidence (URL optional; "
                   "the capture options recorded when it started are used).")
@crawl_options
@click.option("--date", "date_of_facts", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date of the facts (default: the capture date).")
@click.option("--registers-db", type=click.Path(path_type=Path), default=None,
              help="Register database (default: built from the bundled snapshot).")
def command(
    url: str | None,
    out_dir: Path,
    recording: Path | None,
    resume: bool,
    date_of_facts: datetime | None,
    registers_db: Path | None,
    **crawl: Any,
) -> None:
    """Capture URL, analyse every page, check the registers, qualify, draft.

    Writes in OUT: evidence/ (WARC 1.1, manifest.json, screenshots), findings.json,
    authorisations.json, qualification.json, report.html, decision.html, and
    dossier.sha256 signed with the agency's key. Until it is sealed, OUT holds
    UNFINISHED.json; an interrupted investigation is finished with --resume.
    """
    options = InvestigateOptions(
        capture=crawl,
        date_of_facts=date_of_facts.date() if date_of_facts else None,
        registers_db=registers_db,
    )
    err = Console(stderr=True)

    def say(message: str) -> None:
        err.print(f"[dim]·[/dim] {step_in_french(message)}")

    if recording is not None:
        if resume:
            raise InputError("--import-warc and --resume cannot be used together")
        summary = investigate_recording(recording, out_dir, options, progress=say, url=url.strip() if url else None)
        print_summaries([summary])
        return
    with capture_bar() as bar:
        if resume:
            summary = resume_investigation(
                out_dir, options, progress=say, url=url.strip() if url else None, capture_progress=bar
            )
        else:
            if not url or not url.strip():
                raise InputError("a URL is required (or --resume to finish an interrupted investigation)")
            summary = investigate(url, out_dir, options, progress=say, capture_progress=bar)
    print_summaries([summary])
