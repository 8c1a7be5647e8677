"""Template context shared by every page: site configuration for DSFR, the user's roles."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from vigipub.evidence.casework import Capability

from .auth import has, roles_of


def site(request: HttpRequest) -> dict[str, Any]:
    # DSFR's own context processor reads a configuration row on every request; ours is static
    config = SimpleNamespace(
        site_title=settings.VIGIPUB["SITE_TITLE"],
        site_tagline=_("Unauthorised medicines promoted online: cases and decisions"),
        header_brand_html="Agence nationale<br>de sécurité<br>du médicament",
        footer_brand_html="Agence nationale<br>de sécurité<br>du médicament",
        mourning=False,
        beta_tag=False,
        notice_title="",
        notice_description="",
        footer_description="",
        accessibility_status="NOT",
    )
    user = getattr(request, "user", None)
    roles = roles_of(user)
    return {
        "SITE_CONFIG": config,
        "user_roles": sorted(str(r) for r in roles),
        "can": {c.value: has(user, c) for c in Capability} if roles else {},
    }
