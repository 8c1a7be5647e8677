"""``vigipub worker [--data DIR]``: run the background jobs (captures, documents, re-checks).

``vigipub serve`` starts one itself; run more (on other machines, with the same
``DATABASE_URL`` and a shared data folder) to capture more sites at once. Jobs whose worker
died are queued again by the next worker that looks (see ``vigipub.web.jobs``).
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("worker")
@click.option("--data", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Data folder (default: $VIGIPUB_DATA or ./vigipub-data).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Jobs run at once (default 2).")
def command(data: Path | None, workers: int | None) -> None:
    """Run background jobs until stopped (SIGTERM or Ctrl-C finishes the jobs under way)."""
    from vigipub.web import commands

    commands.prepare(data, **({"VIGIPUB_WORKERS": str(workers)} if workers else {}))
    commands.run_worker()
