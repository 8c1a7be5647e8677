"""``vigipub draft decision|letter|news|alert CASE.yaml --out FILE``: draft a case document.

The case file is validated (errors name the line), the adversarial procedure is checked
(a decision while the observation period runs is refused without ``--force``), the facts
are qualified by ``vigipub.qualify`` (pages and register answers from the case's dossier
when there is one, else the claims quoted in the case file), and the document is rendered.
The SHA-256 of the written file and its producer are printed on stdout, and the digest is
kept next to the file (``FILE.sha256``, checkable with ``sha256sum -c``).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from vigipub.cases import (
    ProcedureError,
    blocking,
    case_as_of,
    check_procedure,
    letter_date,
    load_case_file,
    plan_letter,
)
from vigipub.documents import FORMATS, render_alert, render_decision, render_letter, render_news
from vigipub.documents.errors import UnsupportedConclusionError
from vigipub.evidence import (
    SCHEMA_VERSION,
    AuthorisationAnswer,
    CaptureManifest,
    CaptureRecord,
    Case,
    InputError,
    PageAnalysis,
    Qualification,
    sha256_file,
)

RENDERERS = {"decision": render_decision, "letter": render_letter, "news": render_news, "alert": render_alert}


def _read_json(path: Path) -> Any:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read JSON ({exc})", where=str(path)) from exc
    # as `vigipub qualify` does: a file of another major schema version is refused, not read
    # field by field into a decision (a findings.json marked 9.0 used to be drafted from)
    version = raw.get("schema_version") if isinstance(raw, dict) else None
    if version is not None and str(version).split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise InputError(
            f"schema_version {version} is not compatible with {SCHEMA_VERSION} (major version differs)",
            where=str(path),
        )
    return raw


def _dossier_inputs(
    case: Case,
) -> tuple[list[PageAnalysis], list[AuthorisationAnswer] | None, Qualification | None, Any]:
    """Pages, register answers (None: the dossier has none), stored qualification and operator."""
    if not case.dossier:
        return [], None, None, None
    folder = Path(case.dossier)
    pages: list[PageAnalysis] = []
    answers: list[AuthorisationAnswer] | None = None
    stored: Qualification | None = None
    operator = None
    # the same readers as `vigipub qualify`: same schema-version check, same messages
    from vigipub.qualify import load_authorisations, load_findings

    if (folder / "findings.json").exists():
        findings = load_findings(folder / "findings.json")
        pages, operator = findings.pages, findings.operator
    if (folder / "authorisations.json").exists():
        answers = load_authorisations(folder / "authorisations.json")
    if (folder / "qualification.json").exists():
        try:
            stored = Qualification.model_validate(_read_json(folder / "qualification.json"))
        except ValueError as exc:
            raise InputError(
                f"invalid qualification: {str(exc).splitlines()[0]}", where=str(folder / "qualification.json")
            ) from exc
    return pages, answers, stored, operator


def with_dossier_captures(case: Case) -> Case:
    """The captures of the case's dossier (date and digest of its sealed manifest), so that the
    letter can say when the facts were recorded and how they were kept."""
    if not case.dossier or case.captures:
        return case
    manifest = Path(case.dossier) / "evidence" / "manifest.json"
    if not manifest.is_file():
        return case
    try:
        data = CaptureManifest.model_validate_json(manifest.read_bytes())
    except (OSError, ValueError) as exc:
        raise InputError(
            f"invalid capture manifest: {str(exc).splitlines()[0]}", where=str(manifest)
        ) from exc
    record = CaptureRecord(
        date=data.started_at,
        sha256=sha256_file(manifest),
        url=data.seed_url,
        description="captures horodatées (archive WARC, captures d'écran, empreintes SHA-256)",
    )
    return case.model_copy(update={"captures": [record]})


def obtain_qualification(
    case: Case,
    *,
    date_of_facts: date | None = None,
    registers_db: Path | None = None,
    consult_registers: bool = True,
) -> tuple[Qualification, str]:
    """Qualify the case (``vigipub.pipeline.qualify_case``): the detector reads the case file's
    quotes, the dossier's pages are used when there is one, and the registers answer for the
    product unless the dossier holds their answers. Returns the qualification and its source."""
    pages, answers, _stored, operator = _dossier_inputs(case)
    from vigipub.pipeline import qualify_case

    result = qualify_case(
        case,
        pages,
        answers,
        date_of_facts=date_of_facts,
        registers_db=registers_db,
        consult_registers=consult_registers,
        operator=operator,
    )
    registers = {
        "dossier": f"register answers of {case.dossier}/authorisations.json",
        "registers": "register snapshot consulted",
        "none": "registers not consulted",
    }[result.registers]
    return result.qualification, f"vigipub.qualify ({registers})"


DOSSIER_INPUTS = ("findings.json", "authorisations.json", "qualification.json")


def _refuse_overwriting_inputs(out: Path, case_file: Path, case: Case) -> None:
    """``--out`` must not replace what the document is drafted from: `--out case.yaml` or
    `--out dossier/findings.json` used to overwrite the case file or the dossier with HTML."""
    target = out.resolve()
    protected = [case_file.resolve()]
    if case.dossier:
        dossier = Path(case.dossier).resolve()
        protected += [dossier / name for name in DOSSIER_INPUTS]
        if target.is_relative_to(dossier / "evidence"):
            raise InputError("refusing to write into the dossier's sealed evidence folder", where=str(out))
    for path in protected:
        if target == path or target == path.with_name(path.name + ".sha256"):
            raise InputError(f"refusing to overwrite an input of the draft ({path.name})", where=str(out))


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        if tmp.parent.is_dir():
            tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write the document ({exc.strerror or exc})", where=str(path)) from exc


@click.command("draft")
@click.argument("kind", type=click.Choice(list(RENDERERS)))
@click.argument("case_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Output format (default: from the --out suffix, else html).",
)
@click.option(
    "--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False), help="File to write."
)
@click.option(
    "--force", is_flag=True, help="Draft even if the procedure forbids it (e.g. observation period running)."
)
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Date of the document (default: the case's own date for it, else today).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse to draft unless the qualification concludes to a violation (default: an undetermined "
    "qualification gives a draft whose gaps are highlighted and listed).",
)
@click.option(
    "--registers-db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Register database consulted when the dossier has no authorisations.json "
    "(default: the one `vigipub registry` uses, built from the shipped snapshot on first use).",
)
@click.option(
    "--no-registers", is_flag=True, help="Do not consult the registers (the authorisation test stays open)."
)
@click.option(
    "--compare",
    "reference",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="A published (or expected) decision as plain text: print how many of its paragraphs the "
    "draft carries (Vu, procedure, Considérants, quoted claims, Décide). Decisions only.",
)
def command(
    kind: str,
    case_file: Path,
    fmt: str | None,
    out: Path,
    force: bool,
    on: datetime | None,
    strict: bool,
    registers_db: Path | None,
    no_registers: bool,
    reference: Path | None,
) -> None:
    """Draft KIND (decision, letter, news, alert) for CASE_FILE, in French, as the agency publishes it.

    The case file alone is enough: the detector reads its quotes (claims, what the inspector
    established), the registers are consulted for its product, and what stays open becomes a
    highlighted gap listed in a warning (``--strict`` refuses instead).
    """
    # soft_wrap: every message stays on one line, as the house style promises (grep-able logs)
    err = Console(stderr=True, soft_wrap=True)
    suffix = out.suffix.lstrip(".").lower()
    if fmt and suffix in FORMATS and suffix != fmt:
        # a PDF viewer or Word would fail on e.g. Markdown saved as decision.pdf
        raise InputError(f"--format {fmt} does not match the file suffix .{suffix}", where=str(out))
    fmt = fmt or (suffix if suffix in FORMATS else "html")
    day = on.date() if on else None
    loaded = load_case_file(case_file)
    case = with_dossier_captures(loaded.case)
    _refuse_overwriting_inputs(out, case_file, case)
    if kind == "letter":
        # the letter is drafted as of its own date: nothing that came after it may appear
        sent = letter_date(case) or day or date.today()
        # its deadline too: counted without the answers or the receipt that came later
        case = plan_letter(case_as_of(with_dossier_captures(loaded.raw or case), sent), sent)
    issues = check_procedure(loaded, kind, on=day)
    stop = blocking(issues)
    if stop and not force:
        # the first blocking issue is the error main prints; the others are listed before it
        for issue in issues:
            if issue is not stop[0]:
                err.print(
                    f"[yellow]{_LEVEL_FR[issue.level]}[/] : {escape(f'{issue.where}: {issue.message}')}",
                    highlight=False,
                )
        first = stop[0]
        raise ProcedureError(f"{first.message} (--force pour rédiger malgré tout)", where=first.where)
    for issue in issues:
        # with --force a blocking issue is drafted over: say so, it is not an error any more
        label = "passé outre (--force)" if issue.level == "error" else _LEVEL_FR[issue.level]
        err.print(f"[yellow]{label}[/] : {escape(f'{issue.where}: {issue.message}')}", highlight=False)
    qualification, source = obtain_qualification(
        case, registers_db=registers_db, consult_registers=not no_registers
    )
    err.print(f"[dim]· qualification ({source}) : {_CONCLUSION_FR[qualification.conclusion]}[/dim]")
    if qualification.conclusion != "violation":
        # say what is missing: the inspector completes the case file or the dossier
        for question in qualification.questions:
            err.print(f"[yellow]question ouverte[/] : {escape(question)}", highlight=False)
    if kind == "decision" and not force:
        _refuse_measure_beyond_the_letter(qualification, case, loaded.where("decision"))
    try:
        rendered = RENDERERS[kind](qualification, case, fmt=fmt, on=day, strict=strict)
    except UnsupportedConclusionError as exc:
        # the library message points to a Python function; say what the inspector can do
        why = (
            "--strict asks for a violation established on every point"
            if strict and qualification.conclusion == "undetermined"
            else "nothing to draft"
        )
        raise UnsupportedConclusionError(
            f"the qualification concludes '{qualification.conclusion}': no {kind} is drafted ({why}); complete "
            "the case file (claims quoted from the site, `established` facts, or a dossier) and answer the "
            "open questions above",
            where=str(case_file),
        ) from exc
    _write(out, bytes(rendered))
    # a sidecar in `sha256sum -c` format, so the digest outlives the terminal
    _write(out.with_name(out.name + ".sha256"), f"{rendered.sha256.split(':', 1)[1]}  {out.name}\n".encode())
    for warning in rendered.warnings:
        err.print(f"[yellow]avertissement[/] : {escape(warning)}", highlight=False)
    click.echo(f"{rendered.sha256}  {out}")
    click.echo(
        f"producer: {rendered.producer.name} {rendered.producer.version} ({rendered.producer.params_digest})"
    )
    if reference is not None:
        _print_comparison(kind, qualification, case, day, reference)


def _print_comparison(
    kind: str, qualification: Qualification, case: Case, day: date | None, reference: Path
) -> None:
    """Paragraph by paragraph: what of the reference decision the draft carries."""
    from vigipub.documents.compare import compare, parse_html, parse_text, report_lines

    if kind != "decision":
        raise InputError("--compare compares decisions only", where=str(reference))
    try:
        text = reference.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the reference decision ({exc})", where=str(reference)) from exc
    paragraphs = parse_text(text)
    if not paragraphs:
        raise InputError(
            "no « Vu », « Considérant » or « Article » paragraph in the reference", where=str(reference)
        )
    html = render_decision(qualification, case, fmt="html", on=day, strict=False)
    click.echo(f"comparison with {reference}:")
    for line in report_lines(compare(paragraphs, parse_html(bytes(html)))):
        click.echo(line)


_LEVEL_FR = {"error": "erreur", "warning": "avertissement"}
_CONCLUSION_FR = {
    "violation": "manquement",
    "no_violation": "pas de manquement",
    "undetermined": "indéterminée",
}


def _refuse_measure_beyond_the_letter(qualification: Qualification, case: Case, where: str) -> None:
    """The company could comment only on the measure the letter of intent announced (CRPA
    L. 121-1): a decision suspending all activities after a letter about advertising is refused."""
    from vigipub.documents.context import measure_kind

    letter = case.letter_of_intent
    if letter is None or letter.date is None:
        return
    if measure_kind(qualification, case) == "all_activities" and letter.scope == "advertising":
        raise ProcedureError(
            "the measure (suspension of all activities) goes beyond the letter of intent, which announced a "
            "suspension of advertising: the company could not comment on it; send a new letter, limit the "
            "measure, or use --force",
            where=where,
        )
