"""``vigipub triage INPUT... --out RESULT``: batch triage of web archives (local pool or Spark).

Subcommands (``run`` is the default, so ``vigipub triage a.warc.gz --out r`` runs it)::

    vigipub triage run INPUT... --out RESULT [--workers N] [--engine local|spark]
    vigipub triage show WARC OFFSET LENGTH        # read a row's record back, analyse it
    vigipub triage summary RESULT                  # rebuild domains, leads and report
    vigipub triage prefilter [WARC...] [--corpus-real DIR]   # what the pre-filter loses
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from vigipub.batch.errors import TriageFailed
from vigipub.evidence.errors import InputError


class _DefaultRun(click.Group):
    """A group whose first argument, when it is not a subcommand, is an input of ``run``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group("triage", cls=_DefaultRun, invoke_without_command=False)
def command() -> None:
    """Triage web archives (WARC): find the pages and sites that promote unauthorised
    therapies, on one machine or on a Spark cluster. `vigipub triage INPUT... --out RESULT`
    runs `vigipub triage run`."""


def _console() -> Console:
    return Console(stderr=True, width=None if sys.stderr.isatty() else 160)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@command.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Result folder (created; an earlier triage result there is resumed).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Processes of the local engine (default: the cores available). One WARC file per task.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; spark: a Spark job (local mode, or spark-submit's master).",
)
@click.option(
    "--master", default=None, help="Spark master URL (default: local[*], or the one spark-submit sets)."
)
@click.option(
    "--prefilter",
    type=click.Choice(["therapy", "therapy-or-disease", "off"]),
    default="therapy",
    show_default=True,
    help="Which lexicon terms a page must hold in its raw bytes to be analysed (off: analyse every page).",
)
@click.option(
    "--base",
    default=None,
    help="Prefix for relative lines of a list file (e.g. s3://commoncrawl/ or https://data.commoncrawl.org/).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow https:// inputs on private, loopback and link-local addresses (refused by default: SSRF).",
)
@click.option(
    "--scanner",
    type=click.Choice(["auto", "hyperscan", "pyahocorasick"]),
    default="auto",
    show_default=True,
    help="Pre-filter scanner (same decisions; Hyperscan is the fast one).",
)
@click.option(
    "--site-context/--no-site-context",
    default=True,
    show_default=True,
    help="Site pass: re-read every page of each site with a flagged page and judge them together "
    "(a clinic's results, prices and stories pages); off: each record judged alone.",
)
@click.option(
    "--site-pages",
    type=click.IntRange(1, 100_000),
    default=500,
    show_default=True,
    help="Pages of one site re-read and judged together by the site pass (the others are counted as dropped).",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal)."
)
def run_command(
    inputs: tuple[str, ...],
    out: Path,
    workers: int | None,
    engine: str,
    master: str | None,
    prefilter: str,
    base: str | None,
    allow_private: bool,
    scanner: str,
    site_context: bool,
    site_pages: int,
    progress: bool | None,
) -> None:
    """Triage INPUT (WARC files, folders, globs, list files, https:// or s3:// locations).

    Writes RESULT/pages/*.parquet (one row per HTML or PDF response: URL, domain, capture
    date, WARC file, offset and length, language, verdict, score, France-targeting,
    therapies, diseases, top claims with quotes), RESULT/domains.parquet, RESULT/leads.json
    and leads.csv (ranked sites, the case application's import format) and RESULT/report.html.
    A file already triaged with the same settings is skipped; a corrupt or truncated file is
    reported, keeps the records read before the damage, and makes the exit code 1.
    """
    from vigipub.batch import resolve_inputs, triage
    from vigipub.batch.local import TriageSettings

    console = _console()
    locations = resolve_inputs(list(inputs), base)
    settings = TriageSettings(
        prefilter=prefilter,
        engine=scanner,
        allow_private=allow_private,
        site_context=site_context,
        site_pages=site_pages,
    )
    result = triage(
        locations,
        out,
        engine=engine,
        workers=workers or min(_cores(), len(locations)),
        settings=settings,
        master=master,
        progress=sys.stderr.isatty() if progress is None else progress,
        say=lambda message: console.print(message),
    )
    _print_run(console, result.totals, out)
    for marker in result.failed:
        click.echo(f"error: {marker.get('error') or marker['location'] + ': failed'}", err=True)
    for record in result.unread:
        click.echo(f"error: site pass: {record['error']} (record of {record['url']})", err=True)
    unread = result.site_pass.get("unread", 0)
    if result.failed or unread:
        failed = [f"{len(result.failed)} of {len(locations)} input(s) failed"] if result.failed else []
        if unread:
            failed.append(f"the site pass could not read {unread} record(s) again")
        raise TriageFailed(
            "; ".join(failed) + "; the other results are written (run again to retry)",
            where=str(out),
        )


def _print_run(console: Console, totals: dict[str, Any], out: Path) -> None:
    from vigipub.batch.summary import LEADS_JSON

    rows = totals.get("rows", 0)
    console.print(
        f"{totals.get('inputs', 0)} input(s), {rows} HTML/PDF page(s): "
        f"{totals.get('discarded_by_prefilter', 0)} discarded by the pre-filter "
        f"({100 * totals.get('discarded_by_prefilter', 0) / (rows or 1):.1f} %), "
        f"{totals.get('analysed', 0)} analysed ({_verdict_counts(totals.get('verdicts', {}))}), "
        f"{totals.get('flagged', 0)} flagged; {totals.get('domains', 0)} site(s) to examine."
    )
    site = totals.get("site_pass")
    if site:
        console.print(
            f"site pass: {site['sites']} site(s) with a flagged page, {site['pages']} page(s) re-read "
            f"({site['reanalysed']} the pre-filter had discarded), {site['raised']} raised by their site, "
            f"{site['dropped']} over the per-site bound, {site['unread']} unreadable."
        )
    leads = json.loads((out / LEADS_JSON).read_text(encoding="utf-8"))["leads"]
    if leads:
        table = Table(title="sites to examine (first 10)")
        for col in ("domain", "score", "verdict", "flagged/seen", "therapies", "France"):
            table.add_column(col)
        for lead in leads[:10]:
            table.add_row(
                lead["domain"], f"{lead['score']:.2f}", lead["verdict"],
                f"{lead['pages_flagged']}/{lead['pages_seen']}", ", ".join(lead["therapies"]),
                "yes" if lead["france_targeting"] else "-",
            )  # fmt: skip
        console.print(table)
    console.print(f"result: {out} (pages/, domains.parquet, leads.json, leads.csv, report.html)")


@command.command("show")
@click.argument("location")
@click.argument("offset", type=click.IntRange(0))
@click.argument("length", type=click.IntRange(1))
@click.option("--payload", is_flag=True, help="Write the record's HTTP payload (the page) to stdout instead.")
@click.option(
    "--save",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also save the record's bytes (a valid one-record WARC file) here.",
)
@click.option("--allow-private", is_flag=True, help="Allow https:// locations on private addresses.")
def show_command(
    location: str, offset: int, length: int, payload: bool, save: Path | None, allow_private: bool
) -> None:
    """Read the record at OFFSET/LENGTH of LOCATION again (a row's warc_file, offset, length)
    and analyse it: URL, capture date, verdict, therapies, diseases, claims with their quotes."""
    from vigipub.batch.show import analyse_record, read_record

    shown = read_record(location, offset, length, allow_private=allow_private)
    if save is not None:
        save.write_bytes(shown.raw)
    if payload:
        sys.stdout.buffer.write(shown.record.payload)
        return
    record = shown.record
    analysis = analyse_record(shown, location)
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(f"[bold]{record.url}[/]")
    console.print(
        f"captured {record.captured_at.isoformat() if record.captured_at else '?'} · {record.content_type} · "
        f"{record.payload_size} bytes · {record.record_id}"
    )
    console.print(
        f"verdict [bold]{analysis.verdict}[/] (score {analysis.score:.2f}), language {analysis.language}, genre {analysis.genre}"
    )
    for reason in analysis.reasons:
        console.print(f"  · {reason}", markup=False)
    for kind in ("therapy", "disease", "claim", "testimonial", "call_to_action", "france_targeting"):
        found = [f for f in analysis.findings if f.kind == kind]
        if not found:
            continue
        console.print(f"[bold]{kind}[/] ({len(found)})")
        for f in found[:5]:
            console.print(f"  {f.subkind}: « {' '.join(f.quote.split())[:300]} »", markup=False)


@command.command("summary")
@click.argument("result", type=click.Path(path_type=Path, file_okay=False, exists=True))
def summary_command(result: Path) -> None:
    """Rebuild domains.parquet, leads.json, leads.csv and report.html of RESULT from its rows."""
    from vigipub.batch.local import RUN
    from vigipub.batch.summary import write_summary

    try:
        inputs = json.loads((result / RUN).read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"not a triage result ({RUN} missing or unreadable)", where=str(result)) from exc
    totals = write_summary(result, inputs)
    _print_run(_console(), totals, result)


@command.command("prefilter")
@click.argument("warcs", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--corpus-real",
    "corpus_real",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Folder of labelled real pages (*.jsonl), e.g. ../shared/corpus-real.",
)
@click.option(
    "--corpus",
    "corpus",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="The project's labelled corpus folder (corpus/).",
)
@click.option(
    "--prefilter", type=click.Choice(["therapy", "therapy-or-disease"]), default="therapy", show_default=True
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def prefilter_command(
    warcs: tuple[Path, ...], corpus_real: Path | None, corpus: Path | None, prefilter: str, fmt: str
) -> None:
    """Measure what the pre-filter loses against the full detection (exit 1 on any flagged page lost).

    Every HTML page of WARCS (and of --corpus-real, --corpus) is analysed by the full
    detection and tested by the pre-filter; printed per source: pages, share discarded,
    flagged pages lost, pages where detection finds a vocabulary term that the pre-filter missed.
    """
    from itertools import chain

    from vigipub.batch.measure import corpus_real_pages, measure, repo_corpus_pages, warc_pages

    if not warcs and corpus_real is None and corpus is None:
        raise InputError("give a WARC file, --corpus-real or --corpus", where="vigipub triage prefilter")
    sources = [warc_pages(w) for w in warcs]
    if corpus_real is not None:
        sources.append(corpus_real_pages(corpus_real))
    if corpus is not None:
        sources.append(repo_corpus_pages(corpus))
    losses = [loss.as_dict() for loss in measure(chain(*sources), prefilter)]
    if fmt == "json":
        click.echo(json.dumps({"prefilter": prefilter, "sources": losses}, indent=2))
    else:
        table = Table(title=f"pre-filter '{prefilter}' against the full detection")
        for col in (
            "source",
            "pages",
            "hosts",
            "discarded",
            "flagged",
            "flagged lost",
            "term pages",
            "term missed",
        ):
            table.add_column(col, justify="left" if col == "source" else "right")
        for loss in losses:
            table.add_row(
                loss["source"], str(loss["pages"]), str(loss["hosts"]),
                f"{loss['discarded']} ({100 * loss['discarded_share']:.1f} %)", str(loss["flagged"]),
                f"{loss['flagged_lost']}"
                + (f" ({loss['flagged_lost_without_therapy']} without therapy)" if loss["flagged_lost_without_therapy"] else ""),
                str(loss["term_pages"]), str(loss["term_missed"]),
            )  # fmt: skip
        Console(width=None if sys.stdout.isatty() else 160).print(table)
        for loss in losses:
            for example in loss["examples"]:
                click.echo(
                    f"  missed on {loss['source']}: {example['url']} ({example['verdict']}; {', '.join(example['terms'])})"
                )
    lost = sum(loss["flagged_lost"] - loss["flagged_lost_without_therapy"] for loss in losses)
    if lost:
        raise TriageFailed(
            f"the pre-filter discarded {lost} page(s) the detection flags", where="vigipub triage prefilter"
        )


def _verdict_counts(verdicts: dict[str, int]) -> str:
    """« 16 promotion, 2 not_promotion »: the analysed pages by verdict, most serious first."""
    order = ("promotion", "uncertain", "not_promotion")
    ranked = sorted(verdicts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return ", ".join(f"{n} {verdict}" for verdict, n in ranked if n) or "none"
