"""A throwaway PostgreSQL server for the test suite and the load benchmark.

Debian's postgresql package installs the binaries in ``/usr/lib/postgresql/<major>/bin``;
this starts a private cluster in a temporary folder, listening on a unix socket only (no TCP
port to collide with), and removes everything on :meth:`stop`. ``initdb`` refuses to run as
root, so as root the cluster belongs to the ``postgres`` user (created by the package).

    with TemporaryPostgres() as pg:
        os.environ["DATABASE_URL"] = pg.url("vigipub")
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from urllib.parse import quote


def postgres_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/<major>/bin`` holding ``initdb``, or None."""
    root = Path("/usr/lib/postgresql")
    if not root.is_dir():
        return None
    majors = sorted((p for p in root.iterdir() if (p / "bin" / "initdb").exists()), key=lambda p: int(p.name) if p.name.isdigit() else 0)
    return majors[-1] / "bin" if majors else None


class PostgresUnavailable(RuntimeError):
    pass


class TemporaryPostgres:
    def __init__(self, *, user: str = "postgres") -> None:
        self.bin = postgres_bin()
        if self.bin is None:
            raise PostgresUnavailable("PostgreSQL is not installed (Debian package postgresql)")
        self.as_root = os.geteuid() == 0
        self.owner = user if self.as_root else pwd.getpwuid(os.geteuid()).pw_name
        self.folder = Path(tempfile.mkdtemp(prefix="vigipub-pg-"))
        self.data = self.folder / "data"
        self.socket_dir = self.folder / "run"
        self.port = 5432  # only names the socket file: the server listens on no TCP address
        self.started = False

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", self.owner, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120)

    def start(self) -> TemporaryPostgres:
        assert self.bin is not None
        self.socket_dir.mkdir(parents=True)
        if self.as_root:
            entry = pwd.getpwnam(self.owner)
            for path in (self.folder, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        try:
            self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", self.owner, "-A", "trust",
                      "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync")
        except subprocess.CalledProcessError as exc:
            raise PostgresUnavailable(f"initdb failed: {exc.stderr.strip()[-500:]}") from exc
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' -p {self.port} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
            "-c shared_buffers=128MB"
        )
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                      str(self.folder / "server.log"), "-w", "-t", "60", "start")
        except subprocess.CalledProcessError as exc:
            log = (self.folder / "server.log").read_text(errors="replace")[-800:] if (self.folder / "server.log").exists() else ""
            raise PostgresUnavailable(f"pg_ctl start failed: {exc.stderr.strip()} {log}") from exc
        self.started = True
        return self

    def url(self, database: str) -> str:
        """A ``DATABASE_URL`` for ``database`` over the unix socket."""
        # a percent-encoded path as host name is how libpq URLs (and dj-database-url) name a socket folder
        return f"postgresql://{self.owner}@{quote(str(self.socket_dir), safe='')}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        assert self.bin is not None
        deadline = time.monotonic() + 30
        while True:
            result = self._run(str(self.bin / "createdb"), "-h", str(self.socket_dir), "-p", str(self.port),
                               "-U", self.owner, name, check=False)
            if result.returncode == 0 or "already exists" in result.stderr:
                return self.url(name)
            if time.monotonic() > deadline:
                raise PostgresUnavailable(f"createdb {name} failed: {result.stderr.strip()}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.started and self.bin is not None:
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> TemporaryPostgres:
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()
