"""Bundled demo websites (fictitious clinics, a hospital, a news site) and their local server.

``vigipub demo`` serves them on 127.0.0.1 and investigates each, with no network at all::

    from vigipub.demo import DEMO_SITES, serve_demo_sites

    with serve_demo_sites() as urls:          # {"dendritic-clinic": "http://127.0.0.1:PORT/", …}
        for site_id, base in urls.items():
            start = base + DEMO_SITES[site_id].start_path.lstrip("/")

All names, people, addresses and phone numbers in the sites are invented; only the
authorised CAR-T medicines on the hospital site are real, described within their indications.
"""

from vigipub.demo.server import DEMO_SITES, SITES_DIR, DemoSite, serve_demo_sites

__all__ = ["DEMO_SITES", "SITES_DIR", "DemoSite", "serve_demo_sites"]
