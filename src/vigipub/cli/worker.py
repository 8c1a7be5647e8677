"""``vigipub worker [--data DIR]``: run the background jobs (captures, documents, re-checks).

``vigipub serve`` starts one itself; run more (on other machines, with the same
``DATABASE_URL`` and a shared data folder) to capture more sites at once. Jobs whose worker
died are queued again by the next worker that looks (see ``vigipub.web.jobs``).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from pathlib import Path

import click


def _housekeeping(every: float, stop: threading.Event) -> None:
    """Requeue jobs of dead workers and queue due re-checks, from the cluster's parent process."""
    from django.db import connection

    from vigipub.web import jobs

    log = logging.getLogger("vigipub.web.jobs")
    while True:
        try:
            jobs.reap_stale_jobs()
            jobs.run_due_rechecks()
        except Exception:  # a busy or restarting database: try again at the next round
            log.exception("housekeeping failed")
        finally:
            connection.close()
        if stop.wait(every):
            return


@click.command("worker")
@click.option("--data", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Data folder (default: $VIGIPUB_DATA or ./vigipub-data).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Jobs run at once (default 2).")
def command(data: Path | None, workers: int | None) -> None:
    """Run background jobs until stopped (SIGTERM or Ctrl-C finishes the jobs under way)."""
    from vigipub.web import runtime

    env = {"VIGIPUB_WORKERS": str(workers)} if workers else {}
    runtime.setup(data, **env)
    runtime.migrate()
    from django.conf import settings
    from django.core.management import call_command

    from vigipub.web import jobs

    jobs.reap_stale_jobs()  # before the cluster starts: jobs left running by a dead worker
    stop = threading.Event()
    thread = threading.Thread(
        target=_housekeeping, args=(max(1.0, settings.JOB_STALE_SECONDS / 2), stop), name="housekeeping", daemon=True
    )
    try:
        # django-q2's command returns once its sentinel process runs (the cluster lives in the
        # children). Only then does the housekeeping thread start: forking while a thread
        # holds a lock (logging, database) would leave the child waiting for it forever.
        call_command("qcluster")
        thread.start()
        while multiprocessing.active_children():
            time.sleep(0.5)
    finally:
        stop.set()
