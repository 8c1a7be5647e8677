"""Scope, priorities and language variants (hreflang, switchers, /fr/ paths, fr. hosts)."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from vigipub.capture import CaptureOptions, capture_site
from vigipub.capture.scope import Scope, extract_links, language_from_url, priority, registrable_domain

from .conftest import LocalServer


def test_registrable_domain_uses_bundled_public_suffix_list() -> None:
    assert registrable_domain("fr.clinic.example.co.uk") == "example.co.uk"
    assert registrable_domain("www.helios-clinic.com") == "helios-clinic.com"
    assert registrable_domain("a.b.blogspot.com") == "b.blogspot.com"  # private suffix of the PSL


def test_scope_domain_and_origin() -> None:
    domain = Scope.for_url("https://www.helios-clinic.com/en/")
    assert domain.contains("http://fr.helios-clinic.com/") and not domain.contains(
        "https://helios-clinic.net/"
    )
    origin = Scope.for_url("http://127.0.0.1:8001/")
    assert origin.contains("http://127.0.0.1:8001/fr/") and not origin.contains("http://127.0.0.1:8002/")
    assert not origin.contains("https://127.0.0.1:8001/")


def test_priorities_are_multilingual() -> None:
    assert priority("http://x/fr/temoignages") > 0
    assert priority("http://x/de/behandlung") > 0 and priority("http://x/impressum") > 0
    assert priority("http://x/page", "Mentions légales") > 0
    assert priority("http://x/es/tratamiento-precio") >= 2
    assert priority("http://x/blog/2019/holiday") == 0


def test_language_hints() -> None:
    assert language_from_url("http://x.com/fr/traitements") == "fr"
    assert language_from_url("http://fr.x.com/") == "fr"
    assert language_from_url("http://x.com/?lang=fr") == "fr"
    assert language_from_url("http://x.com/frais") is None
    links = extract_links(
        b"<html lang='de-DE'><head><link rel='alternate' hreflang='fr-FR' href='/fr/'></head><body>"
        b"<ul class='lang-menu'><li><a href='/es/'>ES</a></li></ul><a href='/it/'>Italiano</a>"
        b"<a href='/b.PDF'>brochure</a><a href='/x#frag'>x</a><a href='FR'>FR</a>"
        b"<select class='language'><option value='/nl/'>Nederlands</option></select></body></html>",
        "http://x.com/de/",
    )
    assert links.html_lang == "de"
    kinds = {(link.url, link.kind, link.language) for link in links.links}
    assert ("http://x.com/fr/", "hreflang", "fr") in kinds
    assert ("http://x.com/es/", "switcher", "es") in kinds
    assert ("http://x.com/it/", "switcher", "it") in kinds
    assert ("http://x.com/b.PDF", "document", None) in kinds
    assert ("http://x.com/x", "link", None) in kinds
    assert ("http://x.com/de/FR", "link", None) in kinds  # "FR" outside a switcher is just a link
    assert ("http://x.com/nl/", "switcher", "nl") in kinds


EN_HOME = b"<html lang=en><body><h1>Clinic</h1><a href='/en/treatments'>Treatments</a></body></html>"
FR_HOME = b"<html lang=fr><body><h1>Clinique</h1><a href='/traitements'>Traitements</a></body></html>"


def _by_host(h) -> None:  # type: ignore[no-untyped-def]
    host = (h.headers.get("Host") or "").split(":")[0]
    if host.startswith("fr."):
        h.send_simple(200, FR_HOME)
    else:
        h.send_simple(
            200,
            EN_HOME
            + (b"<a href='%s'>Fran\xc3\xa7ais</a>" % h.server.switch.encode() if h.server.switch else b""),
        )


@pytest.fixture
def two_hosts(monkeypatch: pytest.MonkeyPatch, make_server) -> LocalServer:  # type: ignore[no-untyped-def]
    async def fake_getaddrinfo(self, host, port, **kwargs):  # type: ignore[no-untyped-def]
        if host.endswith("helios-clinic.com") and not host.startswith("nope."):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        raise socket.gaierror("unknown host")

    monkeypatch.setattr(asyncio.unix_events._UnixSelectorEventLoop, "getaddrinfo", fake_getaddrinfo)
    server = make_server(None, {"/": _by_host})
    server.switch = ""
    return server


def test_fr_subdomain_found_by_probe(two_hosts: LocalServer, tmp_path: Path) -> None:
    port = two_hosts.server_address[1]
    manifest = capture_site(
        f"http://www.helios-clinic.com:{port}/",
        tmp_path / "ev",
        CaptureOptions(allow_private=True, browser=False, max_pages=3),
    )
    assert manifest.scope == "helios-clinic.com"
    french = [p for p in manifest.pages if p.final_url == f"http://fr.helios-clinic.com:{port}/"]
    assert french and french[0].via == "probe" and french[0].language_hint == "fr" and french[0].status == 200
    assert f"http://fr.helios-clinic.com:{port}/traitements" in {p.url for p in manifest.pages} | {
        s.url for s in manifest.skipped
    }


def test_fr_subdomain_found_by_switcher(two_hosts: LocalServer, tmp_path: Path) -> None:
    port = two_hosts.server_address[1]
    two_hosts.switch = f"http://fr.helios-clinic.com:{port}/"  # type: ignore[attr-defined]
    manifest = capture_site(
        f"http://www.helios-clinic.com:{port}/",
        tmp_path / "ev",
        CaptureOptions(allow_private=True, browser=False, max_pages=1),
    )
    french = [p for p in manifest.pages if p.final_url == two_hosts.switch]  # type: ignore[attr-defined]
    assert french and french[0].via == "switcher"
    assert not any(p.via == "probe" for p in manifest.pages)


def test_dns_failure_inside_the_crawl_is_recorded(two_hosts: LocalServer, tmp_path: Path) -> None:
    port = two_hosts.server_address[1]
    two_hosts.switch = f"http://nope.helios-clinic.com:{port}/"  # type: ignore[attr-defined]
    manifest = capture_site(
        f"http://www.helios-clinic.com:{port}/",
        tmp_path / "ev",
        CaptureOptions(allow_private=True, browser=False),
    )
    dns = [s for s in manifest.skipped if s.reason == "dns"]
    assert dns and dns[0].url == two_hosts.switch and "nope.helios-clinic.com" in dns[0].detail
    assert manifest.complete and manifest.pages[0].status == 200


def test_link_extraction_memory_is_bounded_on_huge_pages() -> None:
    """QA: a 100 MB page took 450 MB of Python memory in extract_links (decoded text + DOM),
    so a capture with a raised --max-page-bytes broke the 1 GiB bound. Only the head of the
    page is scanned for links now; the page itself is still stored whole."""
    import tracemalloc

    from vigipub.capture.scope import LINK_SCAN_BYTES, extract_links

    filler = b"<p>" + b"x" * 100_000 + b"</p>"
    page = b'<html lang="fr"><body><a href="/fr/">Fran\xc3\xa7ais</a>' + filler * 400 + b"</body></html>"
    assert len(page) > 4 * LINK_SCAN_BYTES
    tracemalloc.start()
    try:
        found = extract_links(page, "https://clinic.example/")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [link.url for link in found.links] == ["https://clinic.example/fr/"]
    assert peak < 5 * LINK_SCAN_BYTES, peak  # the whole 40 MB page parsed took about 180 MB
