"""The summary table printed by ``investigate`` and ``demo``."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from vigipub.pipeline import SiteSummary

VERDICT_STYLE = {"promotion": "bold red", "uncertain": "yellow", "not_promotion": "green"}


def print_summaries(summaries: Sequence[SiteSummary], names: Sequence[str] | None = None) -> None:
    table = Table(title="vigipub: sites investigated", show_lines=False)
    table.add_column("site")
    table.add_column("verdict")
    table.add_column("pages", justify="right")
    table.add_column("claims", justify="right")
    table.add_column("France targeted")
    table.add_column("therapies")
    table.add_column("proposed measure")
    for i, s in enumerate(summaries):
        label = names[i] if names else s.url
        table.add_row(
            label,
            f"[{VERDICT_STYLE.get(s.verdict, '')}]{s.verdict}[/]",
            f"{s.promotion_pages}/{s.pages}",
            str(s.claims),
            s.france_targeted,
            ", ".join(s.therapies) or "-",
            s.measure.replace("_", " "),
        )
    console = Console(width=160)
    console.print(table)
    for i, s in enumerate(summaries):
        label = names[i] if names else s.url
        console.print(f"{label}: {s.url} → dossier [bold]{s.dossier}[/] (report.html, decision.html)")
