"""A demo clinic whose site changes state, to show and test compliance re-checks.

« Aurelia Cells » (invented, like its people and addresses) sells stem-cell injections in
English and French. ``RecheckDemo`` serves it on 127.0.0.1 on a fixed port while its
state changes, as a real site does between an investigation and its recheck::

    with RecheckDemo() as demo:                 # demo.url: "http://127.0.0.1:PORT/fr/"
        investigate(demo.url, ...)              # state "original"
        demo.state = "partly_cleaned"
        recheck(dossier, ...)

States: ``original`` / ``unchanged``; ``partly_cleaned`` (French section removed, one claim
reworded, one kept); ``fully_cleaned``; ``moved`` (every URL redirects to a second origin,
``demo.new_origin``, serving the same content); ``moved_notice`` (the old site only says
where the new one is, with a canonical link); ``french_unlinked`` (French pages still
answer but nothing links to them); ``geo_hidden`` (French pages redirected for clients in
:data:`FRENCH_CLIENTS`, served to others); ``unavailable`` (503); ``blocked`` (403 to a
crawler); ``timeout`` (never answers in time); ``down`` (nothing listens).

:class:`ExitProxy` is a forward HTTP proxy whose outgoing connections leave from a chosen
loopback address: two of them are two « network exits » a site can tell apart.
"""

from __future__ import annotations

import contextlib
import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

STATES = (
    "original", "unchanged", "partly_cleaned", "fully_cleaned", "moved", "moved_notice",
    "french_unlinked", "geo_hidden", "unavailable", "blocked", "timeout", "down", "challenged",
    "challenged_home",
)
#: what a firewall serves instead of a page (« challenged »: the French home page, where the
#: recheck starts, is served, the other pages are this DDoS-Guard check, with HTTP 200 as that
#: firewall answers)
CHALLENGE_PAGE = (
    "<html><head><title>DDoS-Guard</title></head><body><p>Checking your browser before accessing "
    "the site.</p></body></html>"
)
#: client addresses the site treats as visitors from France (geolocation stand-in)
FRENCH_CLIENTS = frozenset({"127.0.0.2"})

CSS = "body{font-family:sans-serif;max-width:46rem;margin:2rem auto;color:#222}nav a{margin-right:1rem}"

#: the French claims, as the pages say them (tests look for them)
CLAIMS_FR = (
    "Nos injections de cellules souches guérissent la sclérose en plaques en trois séances.",
    "Neuf enfants autistes sur dix retrouvent la parole après notre traitement.",
    "Le traitement est totalement naturel et sans aucun effet secondaire.",
)
CLAIMS_EN = (
    "Our stem cell injections cure multiple sclerosis in three sessions.",
    "Nine out of ten autistic children regain speech after our treatment.",
    "The treatment is completely natural, with no side effects at all.",
)
#: the partly cleaned site: claim 1 kept word for word, claim 2 reworded, claim 3 removed
REWORDED_EN = "After our stem cell treatment, nine in ten children with autism start speaking again."
LEGAL_EN = "Site publisher: Aurelia Cells Ltd, 12 Harbour Road, Valmora. Company number VC-558812."
LEGAL_FR = "Éditeur du site : Aurelia Cells Ltd, 12 Harbour Road, Valmora. Numéro d'enregistrement VC-558812."


def _page(lang: str, title: str, body: str, *, alternates: dict[str, str] | None = None, head: str = "") -> str:
    links = "".join(f'<link rel="alternate" hreflang="{k}" href="{v}">' for k, v in (alternates or {}).items())
    if lang == "fr":
        nav = '<nav><a href="/fr/">Accueil</a><a href="/fr/temoignages.html">Témoignages</a><a href="/fr/tarifs.html">Tarifs</a><a href="/fr/mentions-legales.html">Mentions légales</a><a href="/en/">English</a></nav>'
    else:
        nav = '<nav><a href="/en/">Home</a><a href="/en/legal.html">Legal notice</a>' + ("<a href=\"/fr/\">Français</a>" if alternates and "fr" in alternates else "") + "</nav>"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{links}{head}'
        f"<style>{CSS}</style></head><body>{nav}<h1>{title}</h1>{body}</body></html>"
    )


def _p(*sentences: str) -> str:
    return "".join(f"<p>{s}</p>" for s in sentences)


def _french_pages(alternates: bool = True) -> dict[str, str]:
    alt = {"fr": "/fr/", "en": "/en/"} if alternates else None
    return {
        "/fr/": _page("fr", "Aurelia Cells – thérapie par cellules souches", _p(
            "Aurelia Cells accueille les patients français dans sa clinique de Valmora.",
            *CLAIMS_FR,
            "Appelez notre ligne française au +33 6 12 34 56 78 pour réserver votre consultation gratuite.",
        ), alternates=alt),
        "/fr/temoignages.html": _page("fr", "Témoignages de patients", _p(
            "« Depuis les injections, ma fille autiste parle et va à l'école », raconte Claire, de Lyon.",
            "« Après trois séances, je marche sans canne », témoigne Marc, atteint de sclérose en plaques.",
        )),
        "/fr/tarifs.html": _page("fr", "Tarifs", _p(
            "Forfait complet de trois injections : 14 900 € avec l'hôtel et le transfert depuis l'aéroport.",
            "Réservez votre séjour en ligne, paiement en plusieurs fois possible.",
        )),
        "/fr/mentions-legales.html": _page("fr", "Mentions légales", _p(LEGAL_FR)),
    }


def _english_pages(claims: tuple[str, ...], link_french: bool = True) -> dict[str, str]:
    alt = {"fr": "/fr/", "en": "/en/"} if link_french else None
    return {
        "/en/": _page("en", "Aurelia Cells – stem cell therapy", _p(
            "Aurelia Cells welcomes international patients to its clinic in Valmora.",
            *claims,
            "Book your free consultation today.",
        ), alternates=alt),
        "/en/legal.html": _page("en", "Legal notice", _p(LEGAL_EN)),
    }


Route = str | tuple[int, str]  # an HTML page, or (status, Location / body)


def routes(state: str, new_origin: str = "", french_client: bool = False) -> dict[str, Route]:
    """What each path answers in ``state`` (paths not listed answer 404)."""
    original: dict[str, Route] = {"/": (302, "/en/"), **_english_pages(CLAIMS_EN), **_french_pages()}
    if state in ("original", "unchanged", "challenged"):
        return original
    if state == "partly_cleaned":
        return {"/": (302, "/en/"), **_english_pages((CLAIMS_EN[0], REWORDED_EN), link_french=False)}
    if state == "fully_cleaned":
        return {
            "/": (302, "/en/"),
            "/en/": _page("en", "Aurelia Cells", _p(
                "This website no longer presents any treatment.",
                "For administrative questions, write to the address given in the legal notice.",
            )),
            "/en/legal.html": _page("en", "Legal notice", _p(LEGAL_EN)),
            "/fr/": (410, ""),
        }
    if state == "moved":
        moved: dict[str, Route] = {path: (301, new_origin + path) for path in original}
        return moved | {"*": (301, new_origin + "/")}
    if state == "moved_notice":
        head = f'<link rel="canonical" href="{new_origin}/fr/">'
        notice = _page("fr", "Aurelia Cells", _p(
            f'Notre site a déménagé : <a href="{new_origin}/fr/">rendez-vous sur notre nouveau site</a>.',
        ), head=head)
        return {"/": notice, "/fr/": notice, "/en/": notice}
    if state == "french_unlinked":
        return {"/": (302, "/en/"), **_english_pages(CLAIMS_EN, link_french=False), **_french_pages(alternates=False)}
    if state == "geo_hidden":
        if french_client:
            pages: dict[str, Route] = {"/": (302, "/en/"), **_english_pages((), link_french=False)}
            pages.update({path: (302, "/en/") for path in _french_pages()})
            return pages
        return original
    raise KeyError(state)


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    protocol_version = "HTTP/1.0"
    timeout = 10

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        demo = self.server.demo
        path = urlsplit(self.path).path or "/"
        state = demo.state if self.server.role == "old" else "original"
        if state == "unavailable":
            return self._send(503, "<h1>Service temporarily unavailable</h1>", {"Retry-After": "3600"})
        if state == "blocked" and "vigipub" in (self.headers.get("User-Agent") or "").lower():
            return self._send(403, "<h1>Access denied</h1>")
        if state == "timeout":
            time.sleep(demo.timeout_delay)
            return self._send(504, "<h1>Too late</h1>")
        if path == "/robots.txt":
            return self._send(200, "User-agent: *\nAllow: /\n", ctype="text/plain; charset=utf-8")
        if (state == "challenged" and path not in ("/", "/fr/")) or state == "challenged_home":
            return self._send(200, CHALLENGE_PAGE)
        table = routes(state, demo.new_origin, french_client=self.client_address[0] in FRENCH_CLIENTS)
        route = table.get(path, table.get("*"))
        if route is None:
            return self._send(404, "<h1>Not found</h1>")
        if isinstance(route, tuple):
            status, target = route
            if 300 <= status < 400:
                return self._send(status, f'<a href="{target}">{target}</a>', {"Location": target})
            return self._send(status, target or f"<h1>{status}</h1>")
        return self._send(200, route)

    do_HEAD = do_GET

    def _send(self, status: int, body: str, headers: dict[str, str] | None = None, ctype: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            with contextlib.suppress(OSError):
                self.wfile.write(data)


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, demo: RecheckDemo, role: str) -> None:
        self.demo = demo
        self.role = role
        super().__init__(("127.0.0.1", 0), _Handler)


class RecheckDemo:
    """The old origin (whose state changes) and the new origin it may move to."""

    def __init__(self, state: str = "original", timeout_delay: float = 3.0) -> None:
        if state not in STATES:
            raise KeyError(f"unknown state {state!r}; known: {', '.join(STATES)}")
        self.state = state
        self.timeout_delay = timeout_delay
        self._servers: list[tuple[_SiteServer, threading.Thread]] = []
        self._old: _SiteServer | None = None
        self.new_origin = ""

    def __enter__(self) -> RecheckDemo:
        self._old = _SiteServer(self, "old")
        new = _SiteServer(self, "new")
        for server in (self._old, new):
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
            thread.start()
            self._servers.append((server, thread))
        self.new_origin = f"http://127.0.0.1:{new.server_address[1]}"
        return self

    def __exit__(self, *exc: object) -> None:
        for server, thread in self._servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

    @property
    def origin(self) -> str:
        assert self._old is not None
        return f"http://127.0.0.1:{self._old.server_address[1]}"

    @property
    def url(self) -> str:
        """Where an investigation starts: the French home page."""
        return self.origin + "/fr/"

    def go_down(self) -> None:
        """Stop listening on the old origin (connection refused from now on)."""
        if self._old is not None:
            self._old.shutdown()
            self._old.server_close()


# --------------------------------------------------------------------------- network exits


class _ProxyHandler(BaseHTTPRequestHandler):
    server: ExitProxy
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        target = urlsplit(self.path)
        if target.scheme != "http" or not target.hostname:
            self.send_error(400, "absolute http URL expected")
            return
        conn = http.client.HTTPConnection(
            target.hostname, target.port or 80, timeout=15, source_address=(self.server.exit_address, 0)
        )
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection")}
        try:
            conn.request("GET", (target.path or "/") + (f"?{target.query}" if target.query else ""), headers=headers)
            response = conn.getresponse()
            body = response.read()
        except OSError as exc:
            self.send_error(502, f"upstream: {exc}")
            return
        finally:
            conn.close()
        self.send_response(response.status)
        for k, v in response.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class ExitProxy(ThreadingHTTPServer):
    """A forward HTTP proxy whose connections to sites leave from ``exit_address``."""

    daemon_threads = True

    def __init__(self, exit_address: str) -> None:
        self.exit_address = exit_address
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> ExitProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


__all__ = ["CLAIMS_EN", "CLAIMS_FR", "FRENCH_CLIENTS", "REWORDED_EN", "STATES", "ExitProxy", "RecheckDemo", "routes"]
