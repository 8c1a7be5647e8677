"""``vigipub analyze INPUT...``: detection alone, on captures, WARC, HTML, PDF or text files."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from vigipub.cli.summary import VERDICT_STYLE
from vigipub.documents.report import LABELS_FR
from vigipub.evidence import FindingsFile, PageAnalysis, VigipubError
from vigipub.pipeline import analyze_paths, detection_producer, judge_in_sites


@click.command("analyze")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=None,
              help="Also write the JSON (same schema as findings.json) to this file.")
@click.option("--site", "site_context", is_flag=True,
              help="Judge the pages of each host together (site context: the therapy named on one page "
                   "holds for the claims, prices and stories of the others).")
def command(inputs: tuple[Path, ...], fmt: str, out_file: Path | None, site_context: bool) -> None:
    """Detect promotion, therapies, diseases and claims in INPUT (one or many).

    INPUT is a dossier or evidence folder, a WARC file, an HTML, PDF or plain-text file, or a
    JSON-lines file of page excerpts (one object per line with the excerpt's "text" and the
    page's "url", the layout of ../shared/corpus-real: each line is a page). All inputs are
    analysed in one process. The JSON output has the schema of
    findings.json; a local file's url is its file:// URL.
    """
    pages: list[PageAnalysis] = []
    failure: VigipubError | None = None
    try:
        for page in analyze_paths(inputs):
            pages.append(page)
    except VigipubError as exc:
        # Keep what was read before the fault (e.g. a WARC cut in its last record): print it,
        # then report the error and exit non-zero.
        failure = exc
    if site_context:
        pages = judge_in_sites(pages)
    findings = FindingsFile(producer=detection_producer(), pages=pages)
    data = findings.model_dump_json(indent=2)
    if out_file is not None:
        out_file.write_text(data + "\n", encoding="utf-8")
    if failure is not None and not pages:
        raise failure  # nothing was read: the one-line error says why, no empty table
    if fmt == "json":
        sys.stdout.write(data + "\n")
        if failure is not None:
            raise failure
        return
    # in French, with the report's words (the JSON keeps the codes)
    table = Table(show_lines=False)
    for col in ("adresse", "version", "langue", "verdict", "probabilité", "allégations", "thérapies", "genre"):
        table.add_column(col, overflow="fold")
    verdicts, therapy_names, genres = LABELS_FR["verdict_fr"], LABELS_FR["therapy_fr"], LABELS_FR["genre_fr"]
    sources = LABELS_FR["source_fr"]
    for page in findings.pages:
        claims = sum(1 for f in page.findings if f.kind == "claim")
        therapies = sorted({f.attributes.get("family", f.subkind) for f in page.findings if f.names_a_product})
        table.add_row(
            page.url, sources.get(page.source, page.source), page.language or "?",
            f"[{VERDICT_STYLE.get(page.verdict, '')}]{verdicts.get(page.verdict, page.verdict)}[/]",
            f"{page.score:.2f}".replace(".", ","), str(claims),
            ", ".join(therapy_names.get(t, t) for t in therapies), genres.get(page.genre, page.genre),
        )
    Console(width=200).print(table)
    if failure is not None:
        raise failure
