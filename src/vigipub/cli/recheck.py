"""``vigipub recheck DOSSIER [--out NEW_DOSSIER]``: has the site complied since the decision?"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from vigipub.cli.progress import capture_bar, step_in_french
from vigipub.evidence.errors import VigipubError
from vigipub.pipeline import recheck


class SiteUnreachable(VigipubError):
    """The recheck ran but could not check the site: exit 1, so that unattended runs notice
    (0 when the site was checked, whatever the verdict)."""

    exit_code = 1


@click.command("recheck")
@click.argument("dossier", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="New dossier folder (default: DOSSIER-recheck-<UTC time>, beside DOSSIER).")
@click.option("--allow-private", is_flag=True,
              help="Allow private, loopback and link-local addresses (refused by default: SSRF).")
@click.option("--proxy", default=None, metavar="URL", help="HTTP or SOCKS5 proxy (e.g. an exit in France).")
@click.option("--second-proxy", default=None, metavar="URL",
              help="Capture again through this second exit and compare what each is served (geolocation).")
@click.option("--browser/--no-browser", default=None,
              help="Render pages in headless Chromium (default: when /usr/bin/chromium exists).")
@click.option("--page-timeout", type=click.FloatRange(0.5, 3600), default=None,
              help="Seconds allowed per page (default: as in the original capture).")
@click.option("--max-pages", type=click.IntRange(1, 100_000), default=None,
              help="Page budget besides the original pages, always fetched again (default: as originally).")
@click.option("--no-follow-moves", is_flag=True, help="Do not capture the domains the site seems to have moved to.")
@click.option("--import-warc", "recording", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Compare with a WARC recorded in an ordinary browser (ArchiveWeb.page, Webrecorder) "
                   "instead of capturing again: for a site whose firewall refuses automated captures.")
def command(dossier: Path, out_dir: Path | None, allow_private: bool, proxy: str | None, second_proxy: str | None,
            browser: bool | None, page_timeout: float | None, max_pages: int | None, no_follow_moves: bool,
            recording: Path | None) -> None:
    """Capture DOSSIER's site again into a new sealed dossier and say whether it complied.

    Writes in the new dossier: evidence/ (its chain continues the original's), findings.json,
    recheck.json (the link to DOSSIER with its digests), compliance.json and compliance.html
    (each changed page side by side). The verdict is complied, partially_complied,
    not_complied or unreachable (exit 1: the site could not be checked).
    """
    err = Console(stderr=True)
    with capture_bar() as bar:
        result = recheck(
            dossier, out_dir, allow_private=allow_private, proxy=proxy, second_proxy=second_proxy,
            browser=browser, page_timeout=page_timeout, max_pages=max_pages, follow_moves=not no_follow_moves,
            progress=lambda m: err.print(f"[dim]·[/dim] {step_in_french(m)}"), capture_progress=bar, recording=recording,
        )
    report = result.report
    click.echo(f"verdict: {result.verdict.value}")
    click.echo(report.summary_fr)
    for reason in report.reasons:
        click.echo(f"  - {reason.text_fr}")
    for move in report.leads:
        click.echo(f"  lead: {move.lead.domain} ({', '.join(move.signals)})")
    click.echo(f"dossier: {result.out_dir}")
    click.echo(f"report:  {result.compliance_html}")
    if result.verdict.value == "unreachable":
        raise SiteUnreachable(f"the site could not be checked: {report.error or report.summary_fr}", where=str(dossier))
