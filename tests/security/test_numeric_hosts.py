"""Every spelling an HTTP client, a resolver or a proxy reads as an address is an address.

``http://2130706433/`` is 127.0.0.1 to ``getaddrinfo``, to a browser and to any forwarding
proxy. The capture writes such hosts as the address they stand for before any other check,
so the SSRF guard refuses them directly, through ``--proxy``, in hreflang and document links,
in redirects and in sitemaps.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vigipub.capture import CaptureOptions, RefusedAddressError, capture_site
from vigipub.capture.net import AddressPolicy, AddressRefused, UrlRefused, check_url, numeric_ipv4

from .conftest import Site, Trap, page, redirect

LOOPBACK_SPELLINGS = [
    "2130706433",
    "0x7f000001",
    "0X7F000001",
    "017700000001",
    "127.1",
    "127.0.1",
    "0x7f.1",
    "0x7f.0.0.1",
    "0177.0.0.1",
    "0177.1",
    "127.000.000.001",
    "127.0.0.1.",
    "127.1.",
    "000000177.0.0.1",
    "0x0000007f.1",
    "127.0x0.0.1",
]


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_loopback_spellings_are_127_0_0_1(host: str) -> None:
    assert check_url(f"http://{host}:8080/a?b") == "http://127.0.0.1:8080/a?b"
    with pytest.raises(AddressRefused, match="loopback"):
        AddressPolicy(allow_private=False, resolved={}).check_url(check_url(f"http://{host}/"))


@pytest.mark.parametrize(
    ("host", "address", "why"),
    [
        ("0", "0.0.0.0", "unspecified"),
        ("0x0", "0.0.0.0", "unspecified"),
        ("2852039166", "169.254.169.254", "cloud metadata"),
        ("0xa9fea9fe", "169.254.169.254", "cloud metadata"),
        ("0251.0376.0251.0376", "169.254.169.254", "cloud metadata"),
        ("169.254.43518", "169.254.169.254", "cloud metadata"),
        ("167772161", "10.0.0.1", "private"),
        ("0xc0a80001", "192.168.0.1", "private"),
        ("0xffffffff", "255.255.255.255", "reserved"),
    ],
)
def test_other_numeric_spellings(host: str, address: str, why: str) -> None:
    assert numeric_ipv4(host) == ipaddress.IPv4Address(address)
    url = check_url(f"http://{host}/")
    assert url == f"http://{address}/"
    with pytest.raises(AddressRefused) as info:
        AddressPolicy(allow_private=True, resolved={}).check_url(url) if why == "cloud metadata" else (
            AddressPolicy(allow_private=False, resolved={}).check_url(url)
        )
    assert why in info.value.why or (why == "reserved" and info.value.why)


@pytest.mark.parametrize(
    "host",
    [
        "[::1]",
        "[0:0:0:0:0:0:0:1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[::127.0.0.1]",
        "[2002:7f00:1::]",  # 6to4 of 127.0.0.1
        "[2002:a9fe:a9fe::]",  # 6to4 of 169.254.169.254
        "[fe80::1%25eth0]",
        "[::]",
        "[fd00:ec2::254]",
        "[64:ff9b::7f00:1]",  # NAT64 of 127.0.0.1
    ],
)
def test_ipv6_forms_refused(host: str) -> None:
    with pytest.raises(AddressRefused):
        AddressPolicy(allow_private=False, resolved={}).check_url(check_url(f"http://{host}:81/"))


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST.", "localhost.localdomain", "a.localhost", "printer.local"])
def test_local_names_refused(host: str) -> None:
    with pytest.raises(AddressRefused, match="local name"):
        AddressPolicy(allow_private=False, resolved={}).check_url(check_url(f"http://{host}/"))


@pytest.mark.parametrize("host", ["1.2.3.4.5", "4294967296", "0x100000000", "127.0.0.256", "256.1", "foo.09", "a.0x1.0"])
def test_hosts_that_end_in_a_number_but_are_no_address_are_refused(host: str) -> None:
    with pytest.raises(UrlRefused) as info:
        check_url(f"http://{host}/")
    assert info.value.reason == "invalid_url"


@pytest.mark.parametrize("host", ["example.org", "www.0xg", "clinic-2130706433.example", "127.example", "v1.0x.io"])
def test_names_stay_names(host: str) -> None:
    assert check_url(f"http://{host}/") == f"http://{host}/"
    assert numeric_ipv4(host) is None


def test_endpoint_allowance_is_one_port_only() -> None:
    policy = AddressPolicy(
        allow_private=False, resolved={}, allow_endpoints=frozenset({(ipaddress.ip_address("127.0.0.1"), 8001)})
    )
    policy.check_url("http://127.0.0.1:8001/")
    policy.check_url(check_url("http://2130706433:8001/"))
    with pytest.raises(AddressRefused):
        policy.check_url("http://127.0.0.1:8002/")
    metadata = AddressPolicy(
        allow_private=False,
        resolved={},
        allow_endpoints=frozenset({(ipaddress.ip_address("169.254.169.254"), 80)}),
    )
    with pytest.raises(AddressRefused, match="cloud metadata"):
        metadata.check_url("http://169.254.169.254/")


# ------------------------------------------------------------------------- in a crawl
def _site_with_numeric_links(site: Callable[..., Site], target: Trap) -> Site:
    port = target.port
    home = f"""<!DOCTYPE html><html lang=en><head>
<link rel=alternate hreflang=fr href="http://2130706433:{port}/fr/">
<link rel=alternate hreflang=de href="http://0x7f.1:{port}/de/">
</head><body><h1>Clinic</h1>
<a href="http://127.1:{port}/brochure.pdf">brochure</a>
<a href="http://0177.0.0.1:{port}/tarifs.pdf">tarifs</a>
<a href="http://127.0.0.1.:{port}/prix.pdf">prix</a>
<a href="/sitemap-page">more</a></body></html>""".encode()
    sitemap = f"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://0x7f000001:{port}/listed</loc></url></urlset>""".encode()
    return site(
        {
            "/": page(home),
            "/sitemap.xml": page(sitemap, ctype="application/xml"),
            "/go": redirect(f"http://127.1:{port}/"),
            "/go-meta": redirect("http://2852039166/latest/meta-data/"),
        }
    )


@pytest.mark.parametrize("through_proxy", [False, True], ids=["direct", "proxy"])
def test_numeric_spellings_in_links_redirects_and_sitemaps_reach_nothing(
    site: Callable[..., Site],
    trap: Callable[[str], Trap],
    forward_proxy: Any,
    tmp_path: Path,
    through_proxy: bool,
) -> None:
    target = trap("tcp")
    server = _site_with_numeric_links(site, target)
    options = CaptureOptions(
        browser=False,
        max_pages=10,
        ignore_robots=True,
        page_timeout=5,
        allow_endpoints=(server.endpoint,),
        proxy=forward_proxy.url if through_proxy else None,
    )
    manifest = capture_site(server.base + "/", tmp_path / "ev", options)
    refused = {s.url for s in manifest.skipped if s.reason == "ssrf"}
    port = target.port
    assert {
        f"http://127.0.0.1:{port}/fr/",
        f"http://127.0.0.1:{port}/de/",
        f"http://127.0.0.1:{port}/brochure.pdf",
        f"http://127.0.0.1:{port}/tarifs.pdf",
        f"http://127.0.0.1:{port}/prix.pdf",
    } <= refused
    # the sitemap's entry is another site (another port): never fetched either
    assert any(s.url == f"http://127.0.0.1:{port}/listed" for s in manifest.skipped)
    for start in ("/go", "/go-meta"):
        with pytest.raises(RefusedAddressError):
            capture_site(server.base + start, tmp_path / f"ev{start.replace('/', '-')}", options)
    target.prove_live()
    assert target.hits == []
    if through_proxy:
        assert forward_proxy.seen and all(f":{port}/" not in u for u in forward_proxy.seen)
        assert not [u for u in forward_proxy.seen if "169.254" in u or "2852039166" in u]
