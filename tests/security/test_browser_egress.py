"""A captured page's scripts must not reach anything outside the guarded, recorded path.

The hostile page (on 127.0.0.1, allowed as one endpoint, as a public site would be) tries
STUN over UDP and TURN over TCP, WebSockets from the page and from a worker, fetches and
images to other loopback ports (plain and numeric spellings), a frame redirected to a
loopback port, a preconnect and a beacon. Each target is a trap on 127.0.0.1 that records
any byte; without ``--allow-private`` every trap must stay empty, with and without
``--proxy``, and each refusal must be in the manifest. A control target, allowed like the
site, must be reached through the recorded path: the probes did run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vigipub.capture import CaptureOptions, capture_site, verify_evidence
from vigipub.capture.options import chromium_available
from vigipub.evidence import CaptureManifest

from .conftest import Site, Trap, page, redirect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="chromium not installed"),
]


def hostile_page(t: dict[str, Trap], control: Trap) -> bytes:
    return f"""<!DOCTYPE html><html lang=en><head><title>Clinic</title>
<link rel=preconnect href="http://127.0.0.1:{t['preconnect'].port}">
<link rel=dns-prefetch href="http://127.0.0.1:{t['preconnect'].port}">
</head><body><h1>Stem cell therapy cures autism</h1><p>Book now.</p>
<iframe src="/frame-redirect"></iframe>
<img src="http://0x7f.1:{t['image'].port}/pixel.png">
<script>
try {{
  const pc = new RTCPeerConnection({{iceServers: [
    {{urls: 'stun:127.0.0.1:{t['stun'].port}'}},
    {{urls: 'turn:127.0.0.1:{t['turn'].port}?transport=tcp', username: 'u', credential: 'p'}}]}});
  pc.createDataChannel('x');
  pc.createOffer().then((o) => pc.setLocalDescription(o));
}} catch (e) {{}}
try {{ new WebSocket('ws://127.0.0.1:{t['websocket'].port}/'); }} catch (e) {{}}
try {{
  const code = "try {{ new WebSocket('ws://127.0.0.1:{t['worker'].port}/'); }} catch (e) {{}}";
  new Worker(URL.createObjectURL(new Blob([code], {{type: 'text/javascript'}})));
}} catch (e) {{}}
fetch('http://127.0.0.1:{t['fetch'].port}/scan').catch(() => 0);
fetch('http://2130706433:{t['fetch'].port}/numeric').catch(() => 0);
navigator.sendBeacon('http://127.0.0.1:{t['beacon'].port}/beacon', 'x');
fetch('http://127.0.0.1:{control.port}/control').catch(() => 0);
</script></body></html>""".encode()


TRAPS = ("stun", "turn", "websocket", "worker", "fetch", "image", "redirect", "preconnect", "beacon")


@pytest.fixture
def hostile(site: Callable[..., Site], trap: Callable[[str], Trap]) -> tuple[Site, dict[str, Trap], Trap]:
    traps = {name: trap("udp" if name == "stun" else "tcp") for name in TRAPS}
    control = trap("tcp")
    routes = {
        "/": page(hostile_page(traps, control)),
        "/frame-redirect": redirect(f"http://127.0.0.1:{traps['redirect'].port}/"),
    }
    return site(routes), traps, control


def _capture(server: Site, control: Trap, out: Path, **extra: object) -> CaptureManifest:
    options = CaptureOptions(
        browser=True,
        max_pages=1,
        sitemaps=False,
        ignore_robots=True,
        page_timeout=10,
        allow_endpoints=(server.endpoint, f"127.0.0.1:{control.port}"),
        **extra,  # type: ignore[arg-type]
    )
    manifest = capture_site(server.base + "/", out, options)
    time.sleep(0.5)  # late packets (a STUN retry) would land in the traps meanwhile
    return manifest


def _check(manifest: CaptureManifest, traps: dict[str, Trap], control: Trap) -> None:
    for name, one in traps.items():
        one.prove_live()
        assert one.hits == [], f"{name}: the page reached a trap on 127.0.0.1: {one.hits}"
    assert control.hits, "the control target, allowed like the site, was not reached: the probes did not run"
    skipped = {(s.url, s.reason) for s in manifest.skipped}
    port = {name: one.port for name, one in traps.items()}
    expected = {
        (f"stun:127.0.0.1:{port['stun']}", "browser_channel"),
        (f"turn:127.0.0.1:{port['turn']}?transport=tcp", "browser_channel"),
        (f"ws://127.0.0.1:{port['websocket']}/", "browser_channel"),
        (f"http://127.0.0.1:{port['fetch']}/scan", "ssrf"),
        (f"http://127.0.0.1:{port['fetch']}/numeric", "ssrf"),
        (f"http://127.0.0.1:{port['image']}/pixel.png", "ssrf"),
        (f"http://127.0.0.1:{port['redirect']}/", "ssrf"),
    }
    assert expected <= skipped, expected - skipped
    # the worker's WebSocket is not seen by page.route_web_socket: the egress sink refused it
    assert (f"tcp://127.0.0.1:{port['worker']}", "browser_egress") in skipped
    notes = " ".join(manifest.pages[0].notes)
    assert "RTCPeerConnection refused" in notes and "WebSocket refused" in notes
    assert manifest.pages[0].rendered is not None and manifest.pages[0].screenshot is not None


def test_page_scripts_reach_nothing_outside_the_guard(
    hostile: tuple[Site, dict[str, Trap], Trap], tmp_path: Path
) -> None:
    server, traps, control = hostile
    manifest = _capture(server, control, tmp_path / "ev")
    _check(manifest, traps, control)
    assert verify_evidence(tmp_path / "ev").ok


def test_page_scripts_reach_nothing_through_the_proxy_either(
    hostile: tuple[Site, dict[str, Trap], Trap], forward_proxy: Any, tmp_path: Path
) -> None:
    server, traps, control = hostile
    manifest = _capture(server, control, tmp_path / "ev", proxy=forward_proxy.url)
    _check(manifest, traps, control)
    # the proxy was asked only for the site and the control target, never for a trap
    trap_ports = {f":{one.port}/" for one in traps.values()}
    assert forward_proxy.seen and not [u for u in forward_proxy.seen if any(p in u for p in trap_ports)]
    assert any(u.startswith(server.base) for u in forward_proxy.seen)
