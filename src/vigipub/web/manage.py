"""Django's management commands for the case application: ``python -m vigipub.web.manage CMD``.

E.g. ``VIGIPUB_PRODUCTION=1 … python -m vigipub.web.manage check --deploy`` or
``… manage collectstatic``. ``vigipub serve`` runs the migrations itself.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigipub.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vigipub-manage", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
