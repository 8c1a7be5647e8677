"""``vigipub verify DIR``: recompute every digest; exit 1 naming each artefact that fails."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from vigipub.capture import EvidenceIntegrityError, verify_evidence

STYLE = {"verified": "green", "failed": "bold red", "not_checked": "yellow"}


@click.command("verify")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--all", "show_all", is_flag=True, help="List every WARC record, not only files and failures.")
def command(folder: Path, show_all: bool) -> None:
    """Verify an evidence folder, or a dossier containing evidence/ (exit 0 ok, 1 mismatch)."""
    report = verify_evidence(folder)
    console = Console()
    table = Table(title=f"Integrity of {folder}")
    table.add_column("state")
    table.add_column("artefact")
    table.add_column("detail")
    for name, state in report.states.items():
        if "#" in name and state == "verified" and not show_all:
            continue
        table.add_row(f"[{STYLE[state]}]{state}[/]", name, report.details.get(name, ""))
    console.print(table)
    counts = report.counts()
    console.print(
        f"verified {counts['verified']}, failed {counts['failed']}, not checked {counts['not_checked']}"
    )
    if not report.ok:
        err = Console(stderr=True)
        for problem in report.problems:
            err.print(f"[red]FAILED[/red] {problem}", markup=True, highlight=False)
        names = sorted({p.split(": ", 1)[0] for p in report.problems})
        raise EvidenceIntegrityError(
            f"{len(report.problems)} integrity problem(s): {', '.join(names)}", where=str(folder)
        )
