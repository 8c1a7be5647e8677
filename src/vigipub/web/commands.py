"""What ``vigipub serve``, ``worker``, ``createuser`` and ``audit`` do on the Django side.

The command-line modules (``vigipub.cli.*``) parse options and print; everything that needs
Django is here, so that the web framework stays inside ``vigipub.web`` and ``vigipub.cases``.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vigipub.cases.audit import ChainReport
from vigipub.evidence.casework import AuditAction, Role
from vigipub.evidence.errors import InputError

from . import runtime


@dataclass
class ServeInfo:
    data: Path
    engine: str
    workers: int
    has_accounts: bool


def prepare(data: Path | None, **env: str) -> Path:
    """Settings on ``data``, Django started, schema up to date (the first start creates it)."""
    folder = runtime.setup(data, **env)
    runtime.migrate()
    return folder


def serve_info(folder: Path, workers: int | None) -> ServeInfo:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    engine = str(settings.DATABASES["default"]["ENGINE"]).rsplit(".", 1)[-1]
    count = settings.WORKERS if workers is None else workers
    return ServeInfo(folder, engine, count, get_user_model().objects.exists())


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` that sibling processes may bind too (SO_REUSEPORT):
    the kernel spreads the connections over them."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _exit_with_parent(parent: int) -> None:
    """A forked server process ends when the one that forked it is gone (even killed)."""
    import os

    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def serve_http(
    host: str, port: int, threads: int, processes: int = 1, before_serving: Callable[[], None] | None = None
) -> None:
    """Serve the application with waitress until interrupted (KeyboardInterrupt).

    Python runs one thread at a time: with ``processes`` > 1, as many waitress processes share
    the port (forked here, before ``before_serving`` starts any thread), so the pages use every
    core. They share nothing but the database and the data folder.
    """
    import os
    import signal

    from django.db import connections
    from waitress import serve

    from .wsgi import application

    options: dict[str, Any] = {"threads": threads, "ident": "vigipub", "channel_timeout": 60,
                               "connection_limit": 1000, "backlog": 2048}
    sockets = [_listening_socket(host, port)]  # binding here reports a port in use at once
    connections.close_all()  # a forked child must open its own database connections
    children: list[int] = []
    parent = os.getpid()
    for _ in range(max(1, processes) - 1):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
                serve(application, sockets=[_listening_socket(host, port)], **options)
            except BaseException:  # noqa: BLE001 (a child never returns into the parent's code)
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    try:
        if before_serving is not None:
            before_serving()
        serve(application, sockets=sockets, **options)
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


# --------------------------------------------------------------------------- worker


def _housekeeping(every: float, stop: threading.Event) -> None:
    """Requeue jobs of dead workers and queue due re-checks, from the cluster's parent process."""
    from django.db import connection

    from . import jobs

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


def run_worker() -> None:
    """Run a django-q2 cluster until it is stopped (SIGTERM or Ctrl-C end the jobs under way)."""
    from django.conf import settings
    from django.core.management import call_command

    from . import jobs

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


# --------------------------------------------------------------------------- accounts


def create_user(
    name: str,
    roles: set[Role],
    password: str,
    *,
    full_name: str = "",
    title: str = "",
    email: str = "",
    update: bool = False,
) -> bool:
    """Create (or with ``update`` change) an account; True when it was created."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from . import audit
    from .auth import set_roles
    from .models import Profile

    user_model = get_user_model()
    existing: Any = user_model.objects.filter(username=name).first()
    if existing is not None and not update:
        raise InputError("this account exists (use --update to change it)", where=name)
    if existing is None and update:
        raise InputError("no such account to update", where=name)
    current_title = getattr(getattr(existing, "vigipub_profile", None), "title", "") if existing else ""
    if Role.SIGNATORY in roles and not (title.strip() or current_title):
        raise InputError("a signatory needs --title (printed under the name in decisions)", where=name)
    first, _, last = full_name.strip().partition(" ")
    user = existing or user_model(username=name, email=email, first_name=first, last_name=last)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InputError("password refused: " + " ".join(exc.messages), where=name) from exc
    with transaction.atomic():
        if full_name:
            user.first_name, user.last_name = first, last
        if email:
            user.email = email
        user.set_password(password)
        user.save()
        set_roles(user, roles)
        profile, _created = Profile.objects.get_or_create(user=user)
        if title.strip():
            profile.title = " ".join(title.split())
            profile.save()
        audit.record(
            "system",
            AuditAction.USER_UPDATE if existing else AuditAction.USER_CREATE,
            subject=f"user {name}",
            details={"roles": sorted(str(r) for r in roles), "title": profile.title},
        )
    return existing is None


# --------------------------------------------------------------------------- audit


def verify_audit() -> ChainReport:
    from . import audit

    return audit.verify()


def audit_entries(case_ref: str, limit: int) -> list[dict[str, Any]]:
    """The latest ``limit`` entries (of one case), oldest first."""
    from .models import AuditEntry

    rows = AuditEntry.objects.order_by("-seq")
    if case_ref:
        rows = rows.filter(case_ref=case_ref)
    return [
        {"seq": r.seq, "at": r.at.isoformat(), "actor": r.actor, "action": r.action, "case": r.case_ref,
         "subject": r.subject, "details": r.details, "prev_hash": r.prev_hash, "hash": r.hash}
        for r in reversed(list(rows[:limit]))
    ]
