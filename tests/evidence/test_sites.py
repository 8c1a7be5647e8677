"""One definition of a site for capture, detection, triage, leads and re-checks."""

from __future__ import annotations

import pytest

from vigipub.evidence.sites import registrable_domain, site_of


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.clinic.example.com/fr/", "example.com"),
        ("https://fr.clinic-cells.com/temoignages", "clinic-cells.com"),
        ("https://clinic-cells.com/", "clinic-cells.com"),
        ("https://www.stemcells.co.uk/prices", "stemcells.co.uk"),
        # each customer of a hosting platform is a site of its own (private public suffixes)
        ("https://cellclinic.blogspot.com/2024/01/post.html", "cellclinic.blogspot.com"),
        ("https://otherclinic.blogspot.com/", "otherclinic.blogspot.com"),
        # an address: the host, and its port when the URL names one (the demo's sites)
        ("http://127.0.0.1:8901/index.html", "127.0.0.1:8901"),
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://localhost:8000/", "localhost:8000"),
        ("HTTPS://WWW.Clinic-Cells.COM./", "clinic-cells.com"),
    ],
)
def test_the_site_of_a_url(url: str, site: str) -> None:
    assert site_of(url) == site


def test_a_registrable_domain_never_reads_the_network() -> None:
    assert registrable_domain("fr.clinique.gouv.fr") == "clinique.gouv.fr"
    assert registrable_domain("") == ""
    assert site_of("http://[::1") == "http://[::1"  # unreadable: a site of its own
