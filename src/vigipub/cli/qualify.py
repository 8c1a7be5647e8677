"""``vigipub qualify DOSSIER``: qualify a dossier's facts against the law.

Reads ``DOSSIER/findings.json`` (and ``DOSSIER/authorisations.json`` when present: without it
the authorisation test T5 stays undetermined), optionally a case file, and writes
``DOSSIER/qualification.json``. A case file alone (no findings.json) can be qualified too: its
quoted claims are the facts.

Exit codes: 0 written; 2 bad input (unreadable file, incompatible schema_version).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from vigipub.evidence.case import Case
from vigipub.evidence.core import write_json
from vigipub.evidence.errors import InputError
from vigipub.evidence.qualification import ArticleRef, Qualification
from vigipub.evidence.seal import DOSSIER_SEAL
from vigipub.qualify import load_authorisations, load_findings, qualify

_STYLE = {"yes": "bold red", "no": "green", "not_applicable": "dim", "undetermined": "bold yellow"}


def _load_case(path: Path) -> Case:
    """Use the case-file loader of :mod:`vigipub.cases` (line-precise errors) when available;
    otherwise validate the YAML directly against the shared Case model."""
    try:
        from vigipub.cases.casefile import load_case
    except ImportError:  # pragma: no cover - the cases package ships with vigipub
        import yaml
        from pydantic import ValidationError

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            return Case.model_validate(data)
        except (OSError, yaml.YAMLError, ValidationError) as exc:
            raise InputError(f"invalid case file: {str(exc).splitlines()[0]}", where=str(path)) from exc
    return load_case(path)


def _cite(b: ArticleRef) -> str:
    return f"{b.code} {'art. ' if b.article[:1].isdigit() else ''}{b.article}"


def render_text(q: Qualification, console: Console) -> None:
    console.print(f"[bold]Conclusion:[/bold] {q.conclusion} — {q.summary}")
    console.print(f"Date of the facts: {q.date_of_facts.isoformat()} (law in force on that date)")
    table = Table(show_lines=False)
    for col in ("test", "outcome", "basis", "evidence", "reason"):
        table.add_column(col, overflow="fold")
    for t in q.tests:
        table.add_row(
            t.id,
            f"[{_STYLE[t.outcome]}]{t.outcome}[/]",
            "; ".join(_cite(b) for b in t.basis),
            str(len(t.evidence)),
            t.reason,
        )
    console.print(table)
    if q.questions:
        console.print("[bold yellow]Questions for the reviewer:[/bold yellow]")
        for question in q.questions:
            console.print(f"  • {question}")
    if q.vu:
        console.print("[bold]Vu[/bold]")
        for v in q.vu:
            console.print(f"  {v.text_fr}")
    if q.considerants:
        console.print("[bold]Considérants[/bold]")
        for c in q.considerants:
            console.print(f"  {c.text_fr}")
    if q.measure:
        console.print(f"[bold]Mesure proposée[/bold] ({q.measure.kind}): {q.measure.text_fr}")
    for e in q.escalations:
        basis = "; ".join(_cite(b) for b in e.basis) or e.trigger
        console.print(f"[bold]Suite[/bold] {e.kind}: {e.text_fr} [{basis}]")


@click.command("qualify")
@click.argument("dossier", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--case",
    "case_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Case file (company, product, procedure events, defences).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="What to print on stdout (qualification.json is always written).",
)
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the facts (default: the letter of intent, else the capture date).",
)
@click.option("--jurisdiction", default="FR", show_default=True, help="Jurisdiction code.")
def command(dossier: Path, case_path: Path | None, fmt: str, on: datetime | None, jurisdiction: str) -> None:
    """Qualify DOSSIER/findings.json against the law and write DOSSIER/qualification.json."""
    if not dossier.is_dir():
        raise InputError("not a dossier folder", where=str(dossier))
    case = _load_case(case_path) if case_path else None
    findings_path = dossier / "findings.json"
    pages = []
    operator = None
    if findings_path.exists():
        findings = load_findings(findings_path)
        pages, operator = list(findings.pages), findings.operator
    elif case is None:
        raise InputError(
            "findings.json not found (give --case to qualify a case file alone)", where=str(dossier)
        )
    auth_path = dossier / "authorisations.json"
    authorisations = load_authorisations(auth_path) if auth_path.exists() else []
    date_of_facts = on.date() if on is not None else None
    site_url = _seed_url(dossier)
    if case is not None:
        # the case file's quotes are read by the detector (one classifier for pages and cases)
        from vigipub.pipeline import qualify_case

        q = qualify_case(case, pages, authorisations, site_url=site_url, date_of_facts=date_of_facts,
                         consult_registers=False, operator=operator, jurisdiction=jurisdiction).qualification
    else:
        q = qualify(pages, authorisations, site_url=site_url, date_of_facts=date_of_facts,
                    jurisdiction=jurisdiction, operator=operator)
    out = dossier / "qualification.json"
    digest = write_json(out, q)
    # A dossier written by `investigate` must not keep a decision drawn from the old qualification.
    from vigipub.pipeline import refresh_dossier_documents

    refreshed = refresh_dossier_documents(dossier, q)
    if not refreshed and (dossier / DOSSIER_SEAL).exists():
        from vigipub.pipeline import seal_dossier

        seal_dossier(dossier)  # the new qualification.json replaces the sealed one
    if fmt == "json":
        click.echo(q.model_dump_json(indent=2))
    else:
        console = Console(file=sys.stdout, width=None if sys.stdout.isatty() else 160)
        render_text(q, console)
        console.print(f"written {out} ({digest})")
        for path in refreshed:
            console.print(f"redrawn {path}")


def _seed_url(dossier: Path) -> str | None:
    """The captured site's start URL, from the dossier's evidence manifest when there is one."""
    import json

    manifest = dossier / "evidence" / "manifest.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["seed_url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


__all__ = ["command", "render_text"]
