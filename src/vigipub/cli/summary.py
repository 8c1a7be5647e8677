"""The summary table printed by ``investigate`` and ``demo``, in French (the inspector's language:
the same words as the report's, from :data:`vigipub.documents.report.LABELS_FR`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from vigipub.documents.report import LABELS_FR
from vigipub.pipeline import SiteSummary

VERDICT_STYLE = {"promotion": "bold red", "uncertain": "yellow", "not_promotion": "green"}
#: whether the site targets the French public (the qualification's T0), as the table says it
FRANCE_FR = {**LABELS_FR["outcome_fr"], "n/a": LABELS_FR["outcome_fr"]["not_applicable"]}


def print_summaries(summaries: Sequence[SiteSummary], names: Sequence[str] | None = None) -> None:
    table = Table(title="vigipub : sites examinés", show_lines=False)
    table.add_column("site")
    table.add_column("verdict")
    table.add_column("pages en promotion", justify="right")
    table.add_column("allégations", justify="right")
    table.add_column("public français visé")
    table.add_column("thérapies")
    table.add_column("mesure proposée")
    verdicts, measures, therapies = LABELS_FR["verdict_fr"], LABELS_FR["measure_fr"], LABELS_FR["therapy_fr"]
    for i, s in enumerate(summaries):
        label = names[i] if names else s.url
        table.add_row(
            label,
            f"[{VERDICT_STYLE.get(s.verdict, '')}]{verdicts.get(s.verdict, s.verdict)}[/]",
            f"{s.promotion_pages}/{s.pages}",
            str(s.claims),
            FRANCE_FR.get(s.france_targeted, s.france_targeted),
            ", ".join(therapies.get(t, t) for t in s.therapies) or "-",
            measures.get(s.measure, s.measure.replace("_", " ")),
        )
    console = Console(width=160)
    console.print(table)
    for i, s in enumerate(summaries):
        label = names[i] if names else s.url
        console.print(f"{label} : {s.url} → dossier [bold]{s.dossier}[/] (report.html, decision.html)")
