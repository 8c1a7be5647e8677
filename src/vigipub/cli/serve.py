"""``vigipub serve [--port N] [--data DIR]``: the case application on 127.0.0.1, with its workers.

The embedded default needs no set-up: SQLite (WAL) and the evidence under the data folder,
the schema created on first start, background workers started as a child process
(``vigipub worker``) and restarted if they die. ``DATABASE_URL`` points it at PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import click

from vigipub.evidence.errors import InputError

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class WorkerProcess:
    """``vigipub worker`` as a child process, restarted when it dies (not when we stop it)."""

    def __init__(self, data: Path, workers: int) -> None:
        self.cmd = [sys.executable, "-m", "vigipub", "worker", "--data", str(data), "--workers", str(workers)]
        self.proc: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.watcher = threading.Thread(target=self._watch, name="worker-watcher", daemon=True)

    def start(self) -> None:
        self._spawn()
        self.watcher.start()

    def _spawn(self) -> None:
        # its own session: Ctrl-C in the terminal reaches us, and we stop it in order
        self.proc = subprocess.Popen(self.cmd, start_new_session=True)

    def _watch(self) -> None:
        while not self.stopping.is_set():
            time.sleep(1)
            if self.proc is not None and self.proc.poll() is not None and not self.stopping.is_set():
                click.echo(f"vigipub: the workers stopped (exit {self.proc.returncode}); restarting them", err=True)
                time.sleep(2)
                if not self.stopping.is_set():
                    self._spawn()

    def stop(self, timeout: float = 15) -> None:
        self.stopping.set()
        if self.proc is None or self.proc.poll() is not None:
            return
        # SIGTERM to the cluster's parent only: it stops its processes in order. Signalling the
        # whole group would kill django-q2's sentinel (SIGTERM is fatal to it) perhaps while it
        # holds the lock of the cluster's shared stop event, and the parent would then wait on
        # that lock forever.
        try:
            os.kill(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=timeout)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        with contextlib.suppress(ProcessLookupError):  # whatever is left of the group
            os.killpg(self.proc.pid, signal.SIGKILL)


@click.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; other than loopback only with VIGIPUB_PRODUCTION=1 (behind HTTPS).")
@click.option("--data", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Data folder: database, evidence, documents (default: $VIGIPUB_DATA or ./vigipub-data).")
@click.option("--workers", type=click.IntRange(0, 64), default=None,
              help="Background workers started with the server (default 2; 0: run `vigipub worker` yourself).")
@click.option("--threads", type=click.IntRange(1, 256), default=16, show_default=True,
              help="Request threads per process.")
@click.option("--processes", type=click.IntRange(1, 64), default=None,
              help="Server processes sharing the port (default: one per core, at most 4).")
def command(port: int, host: str, data: Path | None, workers: int | None, threads: int,
            processes: int | None) -> None:
    """Serve the case application (French interface, English available) on HOST:PORT."""
    if host not in LOOPBACK and os.environ.get("VIGIPUB_PRODUCTION", "") not in ("1", "true", "yes"):
        raise InputError(
            f"--host {host}: the embedded default listens on 127.0.0.1 only (plain HTTP); "
            "set VIGIPUB_PRODUCTION=1 and serve it behind HTTPS to listen elsewhere"
        )
    from vigipub.web import commands

    folder = commands.prepare(data)
    info = commands.serve_info(folder, workers)
    worker = WorkerProcess(folder, info.workers) if info.workers else None
    click.echo(f"vigipub: http://{host}:{port}/  (data: {folder}; database: {info.engine}; workers: {info.workers}; "
               f"server processes: {processes or min(os.cpu_count() or 1, 4)})")
    if not info.has_accounts:
        click.echo(f"vigipub: no account yet: vigipub createuser NAME --role inspector --data {folder}")

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    count = processes or min(os.cpu_count() or 1, 4)
    try:
        commands.serve_http(host, port, threads, count, before_serving=worker.start if worker else None)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    except KeyboardInterrupt:
        click.echo("vigipub: stopping", err=True)
    finally:
        if worker is not None:
            worker.stop()
