"""Error pages: short, in the user's language, never a traceback."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "vigipub/error.html", {"code": 403, "what": "csrf"}, status=403)


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "vigipub/error.html", {"code": 403, "what": "forbidden"}, status=403)


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "vigipub/error.html", {"code": 404, "what": "not_found"}, status=404)
