"""A real installation for tests that need real processes: its own data folder and database
(a SQLite file, or a fresh database on the run's PostgreSQL server), ``vigipub`` commands run
as subprocesses, and direct SQL reads of its tables to watch what the workers do."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

PASSWORD = "correct-horse-battery-staple"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveApp:
    def __init__(self, folder: Path, pg_server: Any = None, **env: str) -> None:
        self.data = folder
        self.data.mkdir(parents=True, exist_ok=True)
        self.pg = pg_server
        self.env = {
            k: v for k, v in os.environ.items()
            if not k.startswith(("VIGIPUB_", "DJANGO_")) and k != "DATABASE_URL"
        }
        self.env.update({
            "VIGIPUB_DATA": str(folder),
            "VIGIPUB_ALLOW_PRIVATE": "1",
            "VIGIPUB_CAPTURE_BROWSER": "0",
            "VIGIPUB_Q_LOG": "WARNING",
            "PYTHONUNBUFFERED": "1",
        })
        if pg_server is not None:
            self.dbname = f"live_{uuid.uuid4().hex[:10]}"
            self.env["DATABASE_URL"] = pg_server.create_database(self.dbname)
        self.env.update(env)
        self.procs: list[subprocess.Popen[bytes]] = []

    # ------------------------------------------------------------------ processes

    def run(self, *args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "vigipub", *args], input=stdin, capture_output=True, text=True,
            env=self.env, timeout=timeout,
        )

    def python(self, code: str, timeout: float = 120) -> str:
        """Run ``code`` with Django set up on this installation; return its standard output."""
        prelude = "from vigipub.web import runtime\nruntime.setup()\nruntime.migrate()\n"
        result = subprocess.run(
            [sys.executable, "-c", prelude + code], capture_output=True, text=True, env=self.env, timeout=timeout
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def start(self, *args: str, log: str = "process", **env: str) -> subprocess.Popen[bytes]:
        """A long-running ``vigipub`` command in its own process group (killed as a whole)."""
        out = open(self.data / f"{log}.log", "ab")  # noqa: SIM115 (kept open while it runs)
        proc = subprocess.Popen(
            [sys.executable, "-m", "vigipub", *args], stdout=out, stderr=subprocess.STDOUT,
            env={**self.env, **env}, start_new_session=True,
        )
        self.procs.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                # as an operator stops it: SIGTERM to the command, which stops its own processes
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=20)
            self.kill(proc, signal.SIGKILL)  # whatever is left of its group

    def log(self, name: str) -> str:
        path = self.data / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # ------------------------------------------------------------------ the database

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.pg is None:
            with contextlib.closing(sqlite3.connect(self.data / "vigipub.sqlite3", timeout=30, isolation_level=None)) as db:
                return db.execute(sql, params).fetchall()
        import psycopg

        with psycopg.connect(host=str(self.pg.socket_dir), port=self.pg.port, user=self.pg.owner,
                             dbname=self.dbname, autocommit=True) as db:
            cur = db.execute(sql.replace("?", "%s"), params)
            return cur.fetchall() if cur.description is not None else []

    def job(self, job_id: int) -> dict[str, Any]:
        rows = self.query("SELECT state, attempts, progress, error FROM vigipub_job WHERE id = ?", (job_id,))
        state, attempts, progress, error = rows[0]
        return {"state": state, "attempts": attempts, "progress": progress, "error": error}

    def wait(self, predicate: Any, timeout: float, what: str, every: float = 0.2) -> Any:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            last = predicate()
            if last:
                return last
            time.sleep(every)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what} (last: {last!r})")
