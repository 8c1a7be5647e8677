from __future__ import annotations

from django.apps import AppConfig


class VigipubWebConfig(AppConfig):
    name = "vigipub.web"
    label = "vigipub"
    verbose_name = "vigipub"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login/logout are audited)
