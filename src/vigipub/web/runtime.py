"""Start Django for the command line (serve, worker, createuser, audit) on a data folder."""

from __future__ import annotations

import os
from pathlib import Path

from vigipub.evidence.errors import InputError


def setup(data: Path | None = None, **env: str) -> Path:
    """Point the settings at ``data`` (else ``$VIGIPUB_DATA``, else ``./vigipub-data``) and start Django."""
    if data is not None:
        os.environ["VIGIPUB_DATA"] = str(data.resolve())
    for key, value in env.items():
        os.environ[key] = value
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigipub.web.settings")
    folder = Path(os.environ.get("VIGIPUB_DATA") or "vigipub-data").resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the data folder: {exc.strerror or exc}", where=str(folder)) from exc
    if not os.access(folder, os.W_OK):
        raise InputError("the data folder is not writable", where=str(folder))
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise InputError(f"configuration: {exc}") from exc
    from django.utils import translation

    translation.activate("en")  # the command line speaks English; the web pages are French
    return folder


def migrate(verbosity: int = 0) -> None:
    """Bring the database schema up to date (first start creates it)."""
    from django.core.management import call_command
    from django.db.utils import OperationalError

    try:
        call_command("migrate", interactive=False, verbosity=verbosity)
    except OperationalError as exc:
        from django.conf import settings

        db = settings.DATABASES["default"]
        raise InputError(
            f"cannot reach the database ({str(exc).splitlines()[0]})", where=str(db.get("HOST") or db.get("NAME"))
        ) from exc
