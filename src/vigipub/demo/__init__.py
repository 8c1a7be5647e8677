"""Bundled demo websites (fictitious clinics, a hospital, a news site) and their local server.

``vigipub demo`` serves them on 127.0.0.1 and investigates each, with no network at all::

    from vigipub.demo import DEMO_SITES, serve_demo_sites

    with serve_demo_sites() as urls:          # {"dendritic-clinic": "http://127.0.0.1:PORT/", …}
        for site_id, base in urls.items():
            start = base + DEMO_SITES[site_id].start_path.lstrip("/")

All names, people, addresses and phone numbers in the sites are invented; only the
authorised CAR-T medicines on the hospital site are real, described within their indications.
``python -m vigipub.demo.server`` serves the sites until Ctrl-C (manual testing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vigipub.demo.server import DEMO_SITES, SITES_DIR, DemoSite, serve_demo_sites

__all__ = ["DEMO_SITES", "SITES_DIR", "DemoSite", "serve_demo_sites"]


def __getattr__(name: str) -> Any:
    # Lazy so that ``python -m vigipub.demo.server`` does not import the module twice.
    if name in __all__:
        from vigipub.demo import server

        return getattr(server, name)
    raise AttributeError(f"module 'vigipub.demo' has no attribute {name!r}")
