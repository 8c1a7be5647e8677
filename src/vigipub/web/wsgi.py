"""WSGI entry point (``vigipub serve`` runs it in waitress)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigipub.web.settings")
application = get_wsgi_application()
