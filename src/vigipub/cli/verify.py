"""``vigipub verify DIR``: recompute every digest, check every signature; say how far to trust it.

Exit codes: 0 verified and anchored (signed by a trusted key), 1 a check failed, 2 input
error, 3 verified but not anchored (no trusted key signed it), 4 incomplete (an interrupted
capture or investigation). See :mod:`vigipub.capture.verify`.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from vigipub.capture import EvidenceIntegrityError, verify_evidence
from vigipub.capture.errors import IncompleteEvidenceError, UnanchoredEvidenceError
from vigipub.evidence.signing import load_trusted_keys, short_id

STYLE = {"verified": "green", "failed": "bold red", "not_checked": "yellow"}
OUTCOME = {
    "anchored": "[bold green]verified and anchored[/]: every digest matches; every seal is signed by a trusted key",
    "unanchored": "[bold yellow]verified but NOT anchored[/]: every digest and signature matches, but no key "
    "trusted here signed it; anyone can recompute digests and sign with a key of their own",
    "incomplete": "[bold yellow]incomplete[/]: what is there matches, but the work was interrupted and not sealed",
    "failed": "[bold red]FAILED[/]",
}


@click.command("verify")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--all", "show_all", is_flag=True, help="List every WARC record, not only files and failures.")
@click.option("--trusted-key", "trusted_key_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A public key (PEM) whose signatures anchor the seals; repeatable.")
@click.option("--key-dir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="The agency's key folder whose own and trusted/ keys are trusted "
                   "(default: $VIGIPUB_KEY_DIR or ~/.config/vigipub/keys).")
@click.option("--only-given-keys", is_flag=True,
              help="Trust only the --trusted-key files, not the keys of this machine's key folder.")
def command(
    folder: Path, show_all: bool, trusted_key_files: tuple[Path, ...], key_dir: Path | None, only_given_keys: bool
) -> None:
    """Verify an evidence folder or a dossier: digests, chain, time-stamp, signatures.

    Exit 0 verified and anchored, 1 failed, 2 input error, 3 verified but not anchored
    (signed by no trusted key), 4 incomplete (interrupted; finish with investigate --resume).
    """
    trusted = load_trusted_keys(key_dir, trusted_key_files, include_folder=not only_given_keys)
    report = verify_evidence(folder, trusted)
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
    for name, check in report.signatures.items():
        console.print(f"seal {name}: {check.state}, key {short_id(check.key_id)}")
    console.print(OUTCOME[report.outcome])
    for what in report.incomplete:
        console.print(f"  {what}", highlight=False)
    if report.outcome == "failed":
        err = Console(stderr=True)
        for problem in report.problems:
            err.print(f"[red]FAILED[/red] {problem}", markup=True, highlight=False)
        names = sorted({p.split(": ", 1)[0] for p in report.problems})
        raise EvidenceIntegrityError(
            f"{len(report.problems)} integrity problem(s): {', '.join(names)}", where=str(folder)
        )
    if report.outcome == "incomplete":
        raise IncompleteEvidenceError("incomplete: " + "; ".join(report.incomplete), where=str(folder))
    if report.outcome == "unanchored":
        keys = sorted({short_id(c.key_id) for c in report.signatures.values() if c.state != "anchored"})
        raise UnanchoredEvidenceError(
            "verified but not anchored: signed by key(s) "
            + ", ".join(keys or ["none"])
            + ", not trusted here (give the agency's public key with --trusted-key)",
            where=str(folder),
        )
