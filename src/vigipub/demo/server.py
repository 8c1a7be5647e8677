"""Serve the bundled demo websites on 127.0.0.1, one origin (one port) per site.

The demo must run with no network at all, so each fictitious website ships as static files
under ``sites/<site_id>/`` and is served by a stdlib :class:`ThreadingHTTPServer` bound to an
ephemeral port. Every site is the root ``/`` of its own origin, exactly as a real site would
be, so that capture, robots.txt handling and same-origin crawling behave as in the field.

Per-site behaviour is declared in ``sites/<site_id>/_site.json`` (never served)::

    {"redirects": {"/": "/en/"}, "disallow": ["/intern/"]}

``robots.txt`` and ``sitemap.xml`` are generated per request because they must carry the
absolute origin, which is only known once the ephemeral port is bound.

Usage::

    with serve_demo_sites() as urls:        # {"dendritic-clinic": "http://127.0.0.1:PORT/", …}
        ...

or, for manual testing, ``python -m vigipub.demo.server`` (serves until Ctrl-C).
"""

from __future__ import annotations

import contextlib
import json
import logging
import posixpath
import socket
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape as xml_escape

__all__ = ["DEMO_SITES", "SITES_DIR", "DemoSite", "DemoSiteServer", "serve_demo_sites", "main"]

log = logging.getLogger(__name__)

#: folder holding one sub-folder per demo site
SITES_DIR: Path = Path(__file__).resolve().parent / "sites"

ExpectedVerdict = Literal["promotion", "not_promotion", "uncertain"]


@dataclass(frozen=True)
class DemoSite:
    """A bundled demo website and what vigipub is expected to conclude about it."""

    id: str
    title: str
    description: str
    path: Path
    start_path: str  # where an investigation should start, relative to the site origin
    expected_verdict: ExpectedVerdict
    languages: tuple[str, ...] = ()
    notes: str = ""
    #: French claim sentences exactly as they appear in the page text (NBSP before "%"),
    #: so that tests can check that findings and the drafted decision quote them
    claims: tuple[str, ...] = ()
    #: French sentences describing a substantial manipulation of the cells
    manipulation: tuple[str, ...] = ()
    #: text that only exists once JavaScript has run (absent from the static HTML text)
    js_only_text: str = ""


DEMO_SITES: dict[str, DemoSite] = {
    site.id: site
    for site in (
        DemoSite(
            id="dendritic-clinic",
            title="Vitadendra Klinik (fictitious dendritic-cell cancer clinic, Switzerland)",
            description=(
                "Swiss clinic selling an autologous dendritic-cell 'cancer vaccine' in French, "
                "English and German: culture and antigen priming described, efficacy figures, "
                "'no side effects', all solid cancers, avoid chemotherapy, French testimonials, "
                "euro packages, +33 hotline, brochure PDF, one claim injected by JavaScript."
            ),
            path=SITES_DIR / "dendritic-clinic",
            start_path="/fr/",
            expected_verdict="promotion",
            languages=("fr", "en", "de"),
            notes="'/' answers 302 to /en/; the French version is where French patients land.",
            claims=(
                "La thérapie cellulaire dendritique réduit la charge tumorale jusqu'à 60\u00a0% dès les premiers mois de traitement.",
                "En traitement adjuvant, c'est-à-dire après l'ablation chirurgicale de la tumeur, notre taux de réussite est supérieur à 85\u00a0% : une guérison durable devient alors possible.",
                "La thérapie cellulaire dendritique est un traitement totalement naturel, sans aucun effet secondaire : pas de nausées, pas de chute de cheveux, pas de fatigue.",
                "La thérapie cellulaire dendritique est efficace contre tous les types de cancers solides, quel que soit l'organe touché.",
                "Grâce à la TCD, beaucoup de nos patients peuvent éviter la chimiothérapie et ses effets dévastateurs.",
                "La thérapie cellulaire dendritique détruit les cellules cancéreuses sans abîmer les cellules saines.",
                "Après une opération, le vaccin Vitadendra empêche le retour des métastases en maintenant votre système immunitaire en alerte.",
                "La TCD peut être associée sans danger à tous les autres traitements, y compris chez les personnes âgées ou affaiblies.",
                "Oui : chez de nombreux patients, le vaccin a permis une rémission complète, même après l'échec des traitements classiques.",
                "Beaucoup de nos patients choisissent d'ailleurs de renoncer à la chimiothérapie après leur premier cycle de vaccins.",
            ),
            manipulation=(
                "Les monocytes sont mis en culture pendant sept jours dans un milieu enrichi en facteurs de croissance (GM-CSF et interleukine-4).",
                "Ils se transforment alors en cellules dendritiques immatures.",
                "Les cellules dendritiques sont ensuite chargées avec les antigènes de votre cancer, obtenus à partir d'un échantillon de votre tumeur (biopsie ou pièce opératoire) ou de peptides tumoraux de synthèse.",
            ),
            js_only_text=(
                "Nouveau : neuf patients sur dix traités dans notre centre en 2025 déclarent se sentir mieux dès le deuxième vaccin."
            ),
        ),
        DemoSite(
            id="stemcell-clinic",
            title="CordaVita Regenerative Center (fictitious stem-cell and exosome clinic)",
            description=(
                "Medical-tourism clinic in the invented city of Selvara offering lab-expanded "
                "umbilical-cord mesenchymal stem cells and exosomes for autism, cerebral palsy, "
                "ALS, MS and diabetes; packages in euros with hotel and airport transfer, "
                "parents' testimonials, WhatsApp booking, French version."
            ),
            path=SITES_DIR / "stemcell-clinic",
            start_path="/fr/",
            expected_verdict="promotion",
            languages=("en", "fr"),
            notes="'/' is a language-choice page.",
            claims=(
                "87\u00a0% des enfants autistes font des progrès visibles de langage et de contact visuel après un seul traitement.",
                "Les cellules souches se dirigent vers les zones lésées de l'organisme, où elles réparent les tissus nerveux endommagés et restaurent les fonctions perdues.",
                "La thérapie par cellules souches traite la cause de l'autisme en réduisant l'inflammation du cerveau.",
                "Notre protocole stoppe l'évolution de la sclérose latérale amyotrophique et de la sclérose en plaques chez la majorité des patients.",
                "De nombreux patients diabétiques diminuent, voire arrêtent leur insuline après le traitement.",
                "La thérapie par cellules souches est totalement sûre et naturelle : les cellules ne sont pas rejetées et ne provoquent aucun effet secondaire.",
                "Les exosomes transportent des signaux de croissance qui régénèrent les cellules du cerveau et apaisent l'inflammation.",
            ),
            manipulation=(
                "Les cellules sont mises en culture et multipliées sur trois à quatre passages, jusqu'à obtenir 100 à 150 millions de cellules par dose.",
                "Notre laboratoire aux normes BPF multiplie des cellules souches fraîches de cordon ombilical pour chaque patient.",
            ),
        ),
        DemoSite(
            id="carth-hospital",
            title="CHU de Rivebelle – CAR-T cells (fictitious university hospital)",
            description=(
                "Neutral patient information from a university hospital about the authorised "
                "CAR-T medicines Yescarta and Kymriah within their EU indications: eligibility, "
                "referral by the haematologist, team, cytokine release syndrome. No price, no cure claim."
            ),
            path=SITES_DIR / "carth-hospital",
            start_path="/",
            expected_verdict="not_promotion",
            languages=("fr",),
        ),
        DemoSite(
            id="news-report",
            title="Le Veilleur santé (fictitious news site)",
            description=(
                "French news article reporting that a regulator suspended the advertising of a "
                "clinic's dendritic-cell therapy, quoting its claims at a distance, explaining "
                "the risks and what patients should do; plus one unrelated article."
            ),
            path=SITES_DIR / "news-report",
            start_path="/",
            expected_verdict="not_promotion",
            languages=("fr",),
        ),
    )
}

#: explicit table: the platform's mimetypes database varies between machines
CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".webp": "image/webp",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".woff2": "font/woff2",
}

SITE_CONFIG = "_site.json"


@dataclass
class SiteConfig:
    """Per-site routing read from ``_site.json``."""

    redirects: dict[str, str] = field(default_factory=dict)
    disallow: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path) -> SiteConfig:
        path = root / SITE_CONFIG
        if not path.is_file():
            return cls()
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls(redirects=dict(data.get("redirects", {})), disallow=list(data.get("disallow", [])))


def _is_hidden(rel_parts: Iterable[str]) -> bool:
    # "_site.json", "_drafts/", ".git" … are build inputs, not part of the website.
    return any(part.startswith((".", "_")) for part in rel_parts)


def resolve_site_path(root: Path, url_path: str) -> Path | None:
    """Map a URL path to a file inside ``root``; ``None`` if it is outside or hidden.

    Refuses ``..`` segments (raw or percent-encoded), backslashes and NUL bytes before
    touching the file system, then checks again after resolving symlinks.
    """
    path = unquote(url_path)
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts) or _is_hidden(parts):
        return None
    candidate = root.joinpath(*parts) if parts else root
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root.resolve()):
        return None
    return resolved


class DemoSiteServer(ThreadingHTTPServer):
    """One site on one port; request threads are joined on close (clean shutdown)."""

    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, site_id: str, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site_id = site_id
        self.root = root.resolve()
        self.config = SiteConfig.load(self.root)
        self._active: set[socket.socket] = set()
        self._active_lock = threading.Lock()
        super().__init__((host, port), DemoRequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._active_lock:
            self._active.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._active_lock:
            self._active.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        # Joining request threads would wait for a silent client's read timeout; closing
        # their sockets first makes the shutdown immediate.
        with self._active_lock:
            active = list(self._active)
        for sock in active:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        super().server_close()

    @property
    def origin(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        return f"http://{name}:{port}"

    def page_paths(self) -> list[str]:
        """URL paths of every HTML page (for the sitemap), ``index.html`` shown as its folder."""
        paths: list[str] = []
        for file in sorted(self.root.rglob("*.html")):
            rel = file.relative_to(self.root)
            if _is_hidden(rel.parts):
                continue
            url = "/" + rel.as_posix()
            if url.endswith("/index.html"):
                url = url[: -len("index.html")]
            if url in self.config.redirects:
                continue
            paths.append(url)
        return paths


class DemoRequestHandler(BaseHTTPRequestHandler):
    """Static files only: GET and HEAD, no directory listing, nothing outside the site."""

    server: DemoSiteServer
    server_version = "vigipub-demo/1"
    # HTTP/1.0 closes the connection after each response, so an idle keep-alive client
    # (a browser, a pooled httpx client) can never hold up the joined shutdown.
    protocol_version = "HTTP/1.0"
    timeout = 10  # seconds a silent client may hold a request thread
    _generated: ClassVar[tuple[str, ...]] = ("/robots.txt", "/sitemap.xml")

    def log_message(self, format: str, *args: Any) -> None:
        # Quiet by default: the demo prints its own summary; use DEBUG logging to see hits.
        log.debug("%s %s - " + format, self.server.site_id, self.address_string(), *args)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        url_path = urlsplit(self.path).path or "/"
        redirects = self.server.config.redirects
        if url_path in redirects:
            self._redirect(HTTPStatus.FOUND, redirects[url_path], send_body)
            return
        if url_path == "/robots.txt":
            self._send(HTTPStatus.OK, CONTENT_TYPES[".txt"], self._robots().encode(), send_body)
            return
        if url_path == "/sitemap.xml":
            self._send(HTTPStatus.OK, CONTENT_TYPES[".xml"], self._sitemap().encode(), send_body)
            return
        target = resolve_site_path(self.server.root, url_path)
        if target is not None and target.is_dir():
            if not url_path.endswith("/"):
                self._redirect(HTTPStatus.MOVED_PERMANENTLY, url_path + "/", send_body)
                return
            target = target / "index.html"  # no listing: a folder without index is a 404
        if target is None or not target.is_file():
            self._not_found(send_body)
            return
        content_type = CONTENT_TYPES.get(target.suffix.lower(), "application/octet-stream")
        self._send(HTTPStatus.OK, content_type, target.read_bytes(), send_body)

    def _robots(self) -> str:
        lines = ["User-agent: *"]
        lines += [f"Disallow: {p}" for p in self.server.config.disallow]
        lines += ["Allow: /", "", f"Sitemap: {self.server.origin}/sitemap.xml", ""]
        return "\n".join(lines)

    def _sitemap(self) -> str:
        origin = self.server.origin
        urls = "".join(
            f"  <url><loc>{xml_escape(origin + p)}</loc></url>\n" for p in self.server.page_paths()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n"
        )

    def _redirect(self, status: HTTPStatus, location: str, send_body: bool) -> None:
        body = f'<!doctype html><title>Moved</title><a href="{location}">{location}</a>\n'.encode()
        self._send(status, CONTENT_TYPES[".html"], body, send_body, extra={"Location": location})

    def _not_found(self, send_body: bool) -> None:
        body = b"<!doctype html><title>404 Not Found</title><h1>Not Found</h1>\n"
        self._send(HTTPStatus.NOT_FOUND, CONTENT_TYPES[".html"], body, send_body)

    def _send(
        self,
        status: HTTPStatus,
        content_type: str,
        body: bytes,
        send_body: bool,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def _unknown(site_ids: Iterable[str]) -> list[str]:
    return [s for s in site_ids if s not in DEMO_SITES]


@contextlib.contextmanager
def serve_demo_sites(
    host: str = "127.0.0.1",
    sites: Iterable[str] | None = None,
    sites_dir: Path | None = None,
) -> Iterator[dict[str, str]]:
    """Serve each demo site on its own ephemeral port; yield ``{site_id: "http://host:port/"}``.

    ``sites`` restricts to some site ids (default: all of :data:`DEMO_SITES`, in order).
    On exit every server is shut down and its serving thread joined.
    """
    wanted = list(DEMO_SITES) if sites is None else list(sites)
    unknown = _unknown(wanted)
    if unknown:
        raise KeyError(f"unknown demo site(s): {', '.join(unknown)}; known: {', '.join(DEMO_SITES)}")
    servers: list[tuple[DemoSiteServer, threading.Thread]] = []
    try:
        for site_id in wanted:
            root = (sites_dir / site_id) if sites_dir else DEMO_SITES[site_id].path
            server = DemoSiteServer(site_id, root, host=host)
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.1},
                name=f"vigipub-demo-{site_id}",
                daemon=True,
            )
            thread.start()
            servers.append((server, thread))
        yield {server.site_id: server.origin + "/" for server, _ in servers}
    finally:
        for server, thread in servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


def main(argv: list[str] | None = None) -> int:
    """Serve every demo site until Ctrl-C, printing the URLs (manual testing aid)."""
    import argparse
    import time

    parser = argparse.ArgumentParser(prog="python -m vigipub.demo.server", description=main.__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(message)s")
    # Ctrl-C may come at any moment once the first line is out (a script reading the URLs
    # may stop us right after "Serving"): the whole serving block is inside the suppression.
    with contextlib.suppress(KeyboardInterrupt), serve_demo_sites(host=args.host) as urls:
        for site_id, url in urls.items():
            site = DEMO_SITES[site_id]
            start = posixpath.join(url, site.start_path.lstrip("/"))
            print(f"{site_id:18} {start:40} expected: {site.expected_verdict}", flush=True)
        print("Serving; press Ctrl-C to stop.", flush=True)
        while True:
            time.sleep(3600)
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
