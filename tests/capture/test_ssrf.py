"""SSRF guard: address classes, URL checks, and the check done at connect time."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from pathlib import Path

import pytest

from vigipub.capture import CaptureOptions, RefusedAddressError, capture_site
from vigipub.capture.net import (
    AddressPolicy,
    AddressRefused,
    DnsFailure,
    UrlRefused,
    address_allowed,
    check_url,
)

from .conftest import LocalServer, route_html, route_redirect

REFUSED = [
    "127.0.0.1",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.1.1",
    "100.64.0.1",
    "224.0.0.1",
    "240.0.0.1",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
]


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_refused(address: str) -> None:
    assert address_allowed(ipaddress.ip_address(address), allow_private=False) is not None
    assert address_allowed(ipaddress.ip_address(address), allow_private=True) is None


@pytest.mark.parametrize("address", ["169.254.169.254", "fd00:ec2::254"])
def test_cloud_metadata_refused_even_with_allow_private(address: str) -> None:
    assert address_allowed(ipaddress.ip_address(address), allow_private=True) == "cloud metadata"


@pytest.mark.parametrize("address", ["93.184.216.34", "2a00:1450:4007:80a::200e", "8.8.8.8"])
def test_public_addresses_allowed(address: str) -> None:
    assert address_allowed(ipaddress.ip_address(address), allow_private=False) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("http://user:pass@example.org/", "credentials"),
        ("http://user@example.org/", "credentials"),
        ("http://example.org:99999/", "invalid_url"),
        ("http:///nohost", "invalid_url"),
        # QA: these reached the resolver as "exa%20mple.com" etc. instead of being refused
        ("http://exa mple.com/", "invalid_url"),
        ("http://exa<mple.com/", "invalid_url"),
        ("http://a..b.example/", "invalid_url"),
        ("http://-dash.example/", "invalid_url"),
        ("http://" + "a" * 64 + ".example/", "invalid_url"),
    ],
)
def test_url_refusals(url: str, reason: str) -> None:
    with pytest.raises(UrlRefused) as info:
        check_url(url)
    assert info.value.reason == reason


def test_url_normalised() -> None:
    assert check_url("HTTP://Example.ORG/a b#frag") == "http://example.org/a%20b"


@pytest.mark.parametrize(
    "url", ["http://bücher.example/", "http://a_b.example/", "http://[::1]:8080/", "http://example.org./"]
)
def test_unusual_but_valid_hosts_accepted(url: str) -> None:
    assert check_url(url).startswith("http://")


def _policy(allow_private: bool) -> AddressPolicy:
    return AddressPolicy(allow_private=allow_private, resolved={})


def test_resolver_refuses_private_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A public name whose DNS answer (or one of its answers) is private is refused."""

    async def fake_getaddrinfo(self, host, port, **kwargs):  # type: ignore[no-untyped-def]
        table = {"mixed.test": ["93.184.216.34", "10.0.0.7"], "meta.test": ["169.254.169.254"]}
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in table[host]]

    monkeypatch.setattr(asyncio.unix_events._UnixSelectorEventLoop, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(AddressRefused, match="10.0.0.7"):
        asyncio.run(_policy(False).resolve("mixed.test", 80))
    with pytest.raises(AddressRefused, match="cloud metadata"):
        asyncio.run(_policy(True).resolve("meta.test", 80))
    with pytest.raises(AddressRefused, match="local name"):
        asyncio.run(_policy(False).resolve("localhost", 80))


def test_dns_failure_is_typed() -> None:
    with pytest.raises(DnsFailure):
        asyncio.run(_policy(False).resolve("no-such-host.invalid", 80))


def test_connect_uses_the_checked_address(
    monkeypatch: pytest.MonkeyPatch, make_server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The name is resolved once by the guard and the socket connects to that address:
    a second, different DNS answer (rebinding) is never used."""
    server: LocalServer = make_server(
        None,
        {
            "/": route_html(b"<html lang=fr><body><a href='/b'>b</a></body></html>"),
            "/b": route_html(b"<html>b</html>"),
        },
    )
    answers = iter(["127.0.0.1"] + ["10.66.66.66"] * 50)
    calls: list[str] = []

    async def rebinding_getaddrinfo(self, host, port, **kwargs):  # type: ignore[no-untyped-def]
        if host != "clinic.test":
            raise socket.gaierror("unknown")
        ip = next(answers)
        calls.append(ip)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]

    monkeypatch.setattr(asyncio.unix_events._UnixSelectorEventLoop, "getaddrinfo", rebinding_getaddrinfo)
    port = server.server_address[1]
    manifest = capture_site(
        f"http://clinic.test:{port}/",
        tmp_path / "ev",
        CaptureOptions(
            allow_private=True, browser=False, ignore_robots=True, concurrency=1, per_host_concurrency=1
        ),
    )
    assert manifest.pages[0].status == 200 and manifest.pages[0].server_ip == "127.0.0.1"
    # the kept-alive connection to the checked address served /b; any new connection would
    # have re-resolved through the guard (and been refused when not allowed)
    assert calls[0] == "127.0.0.1"
    assert [s.ip for s in manifest.servers] == ["127.0.0.1"]


def test_redirect_hop_to_private_address_refused(
    monkeypatch: pytest.MonkeyPatch, make_server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Only the test server's address counts as public here; every redirect hop is checked."""
    from vigipub.capture import net

    original = net.address_allowed
    monkeypatch.setattr(
        net,
        "address_allowed",
        lambda addr, allow: None if str(addr) == "127.0.0.1" else original(addr, False),
    )
    server: LocalServer = make_server(
        None,
        {
            "/": route_html(
                b"<html lang=en><head><link rel=alternate hreflang=fr href='/to-private'></head><body>home</body></html>"
            ),
            "/to-private": route_redirect("http://127.0.0.2/fr/"),
            "/to-v6": route_redirect("http://[::1]/"),
        },
    )
    manifest = capture_site(server.base + "/", tmp_path / "ev", CaptureOptions(browser=False))
    ssrf = [s for s in manifest.skipped if s.reason == "ssrf"]
    assert ssrf and ssrf[0].url == "http://127.0.0.2/fr/" and "loopback" in ssrf[0].detail
    with pytest.raises(RefusedAddressError):
        capture_site(server.base + "/to-v6", tmp_path / "ev2", CaptureOptions(browser=False))


def test_seed_refusal_hint_names_the_cli_option_only_when_it_helps(tmp_path: Path) -> None:
    """QA: the hint read « use allow_private / --allow-private » (a Python name shown to CLI
    users) and was also given for cloud metadata, which --allow-private never lifts."""
    with pytest.raises(RefusedAddressError) as info:
        capture_site("http://127.0.0.1:9/", tmp_path / "a", CaptureOptions(browser=False))
    assert "(for test servers: --allow-private on the command line, VIGIPUB_ALLOW_PRIVATE=1 for the web application)" in str(info.value) and "allow_private /" not in str(
        info.value
    )
    with pytest.raises(RefusedAddressError) as info:
        capture_site(
            "http://169.254.169.254/", tmp_path / "b", CaptureOptions(browser=False, allow_private=True)
        )
    assert "cloud metadata" in str(info.value) and "--allow-private" not in str(info.value)
