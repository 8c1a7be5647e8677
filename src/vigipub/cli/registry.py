"""``vigipub registry``: update, inspect and query the authorisation registers (BDPM, EMA).

vigipub registry update [--bdpm-url BASE] [--ema-url URL] [--from-dir DIR] [--db PATH]
vigipub registry status [--db PATH] [--format table|json]
vigipub registry lookup QUERY [--limit N] [--format table|json] [--db PATH]
vigipub registry check FAMILY [--product NAME]… [--disease ICD10]… [--as-of DATE] [--db PATH]
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from vigipub.evidence.vocabulary import THERAPY_FAMILIES

DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Register database (default: $VIGIPUB_DATA_DIR/registers.sqlite or ~/.local/share/vigipub/registers.sqlite).",
)
FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)


def _db(db_path: Path | None) -> Path:
    from vigipub.registers import default_db_path

    path = db_path or default_db_path()
    if not path.exists():
        Console(stderr=True).print(
            f"[dim]first use: building {path} from the snapshot shipped with vigipub…[/dim]"
        )
    return path


def _console() -> Console:
    # Tables piped to a file or a test runner get a wide layout instead of 80 columns.
    return Console() if sys.stdout.isatty() else Console(width=200)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group("registry")
def command() -> None:
    """Look up and update the authorisation registers (BDPM, EMA).

    The first use builds a local database from the snapshot shipped with vigipub; `update`
    refreshes it from the publishers and keeps the previous one if anything is wrong.
    """


@command.command("update")
@click.option(
    "--bdpm-url",
    "bdpm_base",
    metavar="BASE",
    default=None,
    help="Base address of the BDPM files (default: the ANSM download address).",
)
@click.option("--ema-url", metavar="URL", default=None, help="Address of EMA's medicines report (xlsx).")
@click.option(
    "--from-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Read the files from a local folder instead of downloading them.",
)
@click.option(
    "--bdpm-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Snapshot date of the BDPM files (default: download date, or the folder's snapshot.json, "
    "or the files' modification date).",
)
@DB_OPTION
def update_cmd(
    bdpm_base: str | None, ema_url: str | None, from_dir: Path | None, bdpm_date: Any, db_path: Path | None
) -> None:
    """Fetch the official files, validate them and replace the database atomically."""
    from vigipub.registers import default_db_path, snapshot
    from vigipub.registers.update import update

    err = Console(stderr=True)
    path = db_path or default_db_path()
    report = update(
        path,
        bdpm_base=bdpm_base or snapshot.DEFAULT_BDPM_BASE,
        ema_url=ema_url or snapshot.DEFAULT_EMA_URL,
        from_dir=from_dir,
        bdpm_date=bdpm_date.date() if bdpm_date else None,
        progress=lambda msg: err.print(f"[dim]{msg}[/dim]"),
    )
    for warning in report.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}")
    dates = ", ".join(f"{n} {d or 'date unknown'}" for n, d in report.snapshot_dates.items())
    click.echo(
        f"updated {path}: BDPM {report.entries.get('BDPM', 0)} entries, EMA {report.entries.get('EMA', 0)} entries "
        f"({dates}); fetch {report.seconds_fetch:.2f} s, validation {report.seconds_parse:.2f} s, "
        f"build {report.seconds_build:.2f} s"
    )


@command.command("status")
@DB_OPTION
@FORMAT_OPTION
def status_cmd(db_path: Path | None, fmt: str) -> None:
    """Print the snapshot date, source and digest of every register file."""
    from vigipub.registers import Registers

    with Registers.open(_db(db_path)) as reg:
        status = reg.status()
    if fmt == "json":
        _echo_json(status)
        return
    console = _console()
    console.print(f"database: {status['database']} (origin {status['origin']}, built {status['built_at']})")
    table = Table("registry", "file", "snapshot", "rows", "encoding", "sha256", "source")
    for f in status["files"]:
        snap = (f["snapshot_date"] or "?") + (" (approx.)" if f["approximate"] else "")
        table.add_row(
            f["registry"],
            f["name"],
            snap,
            str(f["rows"]),
            f["encoding"] or "",
            f["sha256"][:16] + "…",
            f["source_url"],
        )
    console.print(table)
    for source in status["sources"]:
        console.print(f"{source['registry']}: {source['attribution']} – {source['licence']}")


@command.command("lookup")
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@FORMAT_OPTION
@DB_OPTION
def lookup_cmd(query: str, limit: int, fmt: str, db_path: Path | None) -> None:
    """Find register entries by brand, substance, therapy family or ATMP category."""
    from vigipub.registers import Registers

    with Registers.open(_db(db_path)) as reg:
        matches = reg.lookup(query, limit=limit)
        sources = reg.sources()
    if fmt == "json":
        _echo_json(
            {
                "query": query,
                "matches": [m.model_dump(mode="json") for m in matches],
                "sources": [s.model_dump(mode="json") for s in sources],
            }
        )
        return
    if not matches:
        click.echo(f"no register entry matches {query!r} (generic words alone never match)")
        return
    table = Table(
        "registry", "id", "product", "substances", "status", "auth.", "ATMP", "MA date", "end", "match"
    )
    for m in matches:
        table.add_row(
            m.registry, m.identifier, m.product[:60], "; ".join(m.substances)[:50], m.status,
            "yes" if m.authorised else "no", {True: "yes", False: "no", None: "?"}[m.atmp],
            str(m.authorisation_date or ""), str(m.end_date or ""), f"{m.match_field} {m.score:.2f}",
        )  # fmt: skip
    _console().print(table)
    click.echo("; ".join(f"{s.registry} snapshot {s.snapshot_date}" for s in sources))


_ICD10_RE = re.compile(r"[A-Z][0-9]{2}(?:\.[0-9A-Z]{1,4})?")


def _icd10_codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    # "XX" or "autisme" used to be accepted and silently turned the answer into "uncertain"
    codes = tuple(v.strip().upper() for v in value)
    for code in codes:
        if not _ICD10_RE.fullmatch(code):
            raise click.BadParameter(f"{code!r} is not an ICD-10 code (e.g. C61, F84.0)")
    return codes


@command.command("check")
@click.argument("family", type=click.Choice(sorted(THERAPY_FAMILIES)))
@click.option(
    "--product", "products", multiple=True, metavar="NAME", help="Product name seen on the site (repeatable)."
)
@click.option(
    "--disease",
    "diseases",
    multiple=True,
    metavar="ICD10",
    callback=_icd10_codes,
    help="ICD-10 code of a promoted indication (repeatable).",
)
@click.option(
    "--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Date of the facts (YYYY-MM-DD)."
)
@FORMAT_OPTION
@DB_OPTION
def check_cmd(
    family: str,
    products: tuple[str, ...],
    diseases: tuple[str, ...],
    as_of: Any,
    fmt: str,
    db_path: Path | None,
) -> None:
    """Say whether a marketing authorisation covers a therapy (text for a Considérant)."""
    from vigipub.registers import Registers

    when: date | None = as_of.date() if as_of else None
    with Registers.open(_db(db_path)) as reg:
        answer = reg.check_therapy(
            family, product_names=list(products), diseases_icd10=list(diseases), as_of=when
        )
    if fmt == "json":
        _echo_json(answer.model_dump(mode="json"))
        return
    click.echo(f"status: {answer.status}")
    click.echo(f"text: {answer.text_fr}")
    click.echo(f"explanation: {answer.explanation}")
    sys.stdout.flush()
