"""``vigipub audit verify``: check the hash chain of the audit log; ``vigipub audit show``.

``verify`` exits 0 when the chain is intact (and prints its head hash: write it down, or
publish it, to anchor the log), 1 naming the FIRST broken entry otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from vigipub.evidence.errors import IntegrityError

DATA = click.option("--data", type=click.Path(path_type=Path, file_okay=False), default=None,
                    help="Data folder (default: $VIGIPUB_DATA or ./vigipub-data).")


@click.group("audit")
def command() -> None:
    """The append-only, hash-chained audit log of the case application."""


@command.command("verify")
@DATA
def verify(data: Path | None) -> None:
    """Recompute every entry's hash and link; exit 1 at the first broken entry."""
    from vigipub.web import commands

    commands.prepare(data)
    report = commands.verify_audit()
    if report.broken is not None:
        raise IntegrityError(f"audit log broken at {report.broken}")
    click.echo(f"audit log intact: {report.entries} entries; head {report.head}")


@command.command("show")
@DATA
@click.option("--case", "case_ref", default="", help="Only the entries of this case.")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def show(data: Path | None, case_ref: str, limit: int, as_json: bool) -> None:
    """The latest entries, oldest first."""
    from vigipub.web import commands

    commands.prepare(data)
    for entry in commands.audit_entries(case_ref, limit):
        if as_json:
            click.echo(json.dumps(entry, ensure_ascii=False))
        else:
            click.echo(f"#{entry['seq']} {entry['at']} {entry['actor']} {entry['action']} {entry['case']} "
                       f"{entry['subject']} {entry['hash']}")
