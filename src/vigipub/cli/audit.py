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
    from vigipub.web import runtime

    runtime.setup(data)
    runtime.migrate()
    from vigipub.web import audit

    report = audit.verify()
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
    from vigipub.web import runtime

    runtime.setup(data)
    runtime.migrate()
    from vigipub.web.models import AuditEntry

    rows = AuditEntry.objects.order_by("-seq")
    if case_ref:
        rows = rows.filter(case_ref=case_ref)
    for row in reversed(list(rows[:limit])):
        if as_json:
            click.echo(json.dumps({"seq": row.seq, "at": row.at.isoformat(), "actor": row.actor, "action": row.action,
                                   "case": row.case_ref, "subject": row.subject, "details": row.details,
                                   "prev_hash": row.prev_hash, "hash": row.hash}, ensure_ascii=False))
        else:
            click.echo(f"#{row.seq} {row.at.isoformat()} {row.actor} {row.action} {row.case_ref} {row.subject} {row.hash}")
