"""What belongs to the site, which pages matter most, and which are language variants.

Scope: the registrable domain of the seed (public suffix list bundled with tldextract,
never downloaded), so ``fr.clinic.example`` and ``www.clinic.example`` are in scope; for
an IP-address host (test servers) the scope is the origin scheme + host + port.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from vigipub.evidence.markup import MAX_NESTING, flatten_deep_markup, nesting_estimate
from vigipub.evidence.sites import registrable_domain

from .net import parse_ip

#: Multilingual keywords of the pages that matter to a regulator, in URL paths and anchor
#: texts (accents stripped, lower case). Order does not matter; each hit raises priority.
PRIORITY_KEYWORDS: tuple[str, ...] = (
    # treatments / therapies
    "traitement",
    "treatment",
    "therapy",
    "therapie",
    "behandlung",
    "tratamiento",
    "terapia",
    "trattamento",
    "cellules",
    "cells",
    "zellen",
    "celulas",
    "stem",
    "souches",
    "protocol",
    "protocole",
    "program",
    "programme",
    # diseases
    "maladie",
    "disease",
    "krankheit",
    "enfermedad",
    "malattia",
    "cancer",
    "krebs",
    "sclerose",
    "sclerosis",
    "autism",
    "autisme",
    "parkinson",
    "alzheimer",
    "diabet",
    # results / testimonials
    "resultat",
    "result",
    "ergebnis",
    "resultado",
    "risultat",
    "temoignage",
    "testimonial",
    "erfahrung",
    "testimonio",
    "testimonianz",
    "patient",
    "histoire",
    "stories",
    "review",
    "avis",
    "success",
    "succes",
    "etude",
    "study",
    "studie",
    # prices / booking
    "prix",
    "price",
    "pricing",
    "tarif",
    "kosten",
    "preis",
    "precio",
    "prezzo",
    "cost",
    "cout",
    "devis",
    "quote",
    "booking",
    "book",
    "reserv",
    "rendez-vous",
    "appointment",
    "termin",
    "cita",
    "consultation",
    "beratung",
    "consulta",
    # contact / legal notice
    "contact",
    "kontakt",
    "contacto",
    "contatti",
    "mentions-legales",
    "mentions legales",
    "impressum",
    "legal",
    "aviso-legal",
    "aviso legal",
    "note-legali",
    "cgv",
    "terms",
    "about",
    "a-propos",
    "qui-sommes",
    "uber-uns",
    "ueber-uns",
    "brochure",
    "faq",
)

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".ppt", ".pptx", ".rtf", ".xls", ".xlsx")

LANGUAGE_NAMES: dict[str, str] = {
    "fr": "fr",
    "francais": "fr",
    "french": "fr",
    "franzosisch": "fr",
    "frances": "fr",
    "en": "en",
    "english": "en",
    "anglais": "en",
    "englisch": "en",
    "ingles": "en",
    "de": "de",
    "deutsch": "de",
    "german": "de",
    "allemand": "de",
    "aleman": "de",
    "es": "es",
    "espanol": "es",
    "spanish": "es",
    "espagnol": "es",
    "spanisch": "es",
    "it": "it",
    "italiano": "it",
    "italian": "it",
    "italien": "it",
    "nl": "nl",
    "nederlands": "nl",
    "pt": "pt",
    "portugues": "pt",
    "ru": "ru",
    "pl": "pl",
}

SWITCHER_HINT = re.compile(r"lang|language|switch|wpml|polylang|locale|i18n", re.I)
LANG_PATH = re.compile(r"^/([a-z]{2})(?:[-_][a-z]{2})?(?:/|$)", re.I)

def fold(text: str) -> str:
    """Lower case without accents (keyword matching is accent-insensitive)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Scope:
    """The site being captured."""

    kind: str  # "domain" | "origin"
    value: str  # registrable domain, or scheme://host:port

    @classmethod
    def for_url(cls, url: str) -> Scope:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parse_ip(host) is not None or "." not in host:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            return cls("origin", f"{parts.scheme}://{host}:{port}")
        return cls("domain", registrable_domain(host))

    def contains(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if self.kind == "origin":
            port = parts.port or (443 if parts.scheme == "https" else 80)
            return f"{parts.scheme}://{host}:{port}" == self.value
        if parse_ip(host) is not None:
            return False
        return host == self.value or host.endswith("." + self.value)


@lru_cache(maxsize=65536)
def priority(url: str, anchor_text: str = "") -> int:
    """Number of keyword hits in the URL path/query and the anchor text (higher first)."""
    parts = urlsplit(url)
    haystack = fold(f"{parts.path} {parts.query} {anchor_text}").replace("_", "-")
    return sum(1 for kw in PRIORITY_KEYWORDS if kw in haystack)


def is_document_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DOCUMENT_EXTENSIONS)


def language_from_url(url: str) -> str | None:
    """``/fr/…`` paths and ``fr.`` subdomains."""
    parts = urlsplit(url)
    match = LANG_PATH.match(parts.path or "/")
    if match and match.group(1).lower() in LANGUAGE_NAMES.values():
        return match.group(1).lower()
    host = (parts.hostname or "").lower()
    first = host.split(".")[0]
    if len(first) == 2 and first in LANGUAGE_NAMES.values() and host.count(".") >= 2:
        return first
    query = fold(parts.query)
    for key in ("lang=", "language=", "locale=", "hl="):
        if key in query:
            value = query.split(key, 1)[1][:2]
            if value in LANGUAGE_NAMES.values():
                return value
    return None


def language_tag(value: str | None) -> str | None:
    if not value:
        return None
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


@dataclass(frozen=True)
class FoundLink:
    url: str
    text: str
    kind: str  # link | hreflang | switcher | document | frame
    language: str | None = None


@dataclass
class PageLinks:
    html_lang: str | None
    links: list[FoundLink]
    special: list[str]  # mailto:/tel: and other non-HTTP links, recorded as outlinks


#: links are looked for in the first bytes of a page only: parsing a 100 MB page took 4.5 times
#: its size in memory (decoded text + DOM) and broke the capture's memory bound, while the
#: links that matter (menus, language switchers, brochures) are never that deep. The whole
#: page is still stored in the WARC.
LINK_SCAN_BYTES = 8_000_000


def extract_links(html: bytes, base_url: str, max_links: int = 5000) -> PageLinks:
    """Links, language alternates and document links of an HTML page (malformed HTML ok).

    Only the first :data:`LINK_SCAN_BYTES` bytes are parsed (bounded memory).
    """
    html = html[:LINK_SCAN_BYTES]
    if len(html) > 20_000 and html.count(b"<") > 20_000 and nesting_estimate(html) > MAX_NESTING:
        # 50,000 nested <div> took the parser 12 s a page; flattened, the links stay
        html, _ = flatten_deep_markup(html)
    tree = HTMLParser(html.decode("utf-8", "replace"))
    base = base_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        href = (base_node.attributes.get("href") or "").strip()
        if href:
            base = urljoin(base_url, href)
    html_node = tree.css_first("html")
    html_lang = language_tag(html_node.attributes.get("lang") if html_node is not None else None)
    links: list[FoundLink] = []
    special: list[str] = []
    seen: set[tuple[str, str]] = set()

    def add(href: str | None, text: str, kind: str, lang: str | None = None) -> None:
        if not href or len(links) >= max_links:
            return
        href = href.strip()
        if not href or href.startswith("#"):
            return
        low = href.lower()
        if low.startswith(("mailto:", "tel:", "sms:", "whatsapp:", "javascript:", "data:", "ftp:", "file:")):
            if not low.startswith(("javascript:", "data:")) and href not in special:
                special.append(href[:500])
            return
        try:
            absolute = urljoin(base, href).split("#", 1)[0]
        except ValueError:
            return
        if is_document_url(absolute) and kind == "link":
            kind = "document"
        key = (absolute, kind)
        if key in seen:
            return
        seen.add(key)
        links.append(FoundLink(absolute, " ".join(text.split())[:200], kind, lang))

    for node in tree.css("link[hreflang]"):
        rel = (node.attributes.get("rel") or "").lower()
        if "alternate" in rel:
            add(node.attributes.get("href"), "", "hreflang", language_tag(node.attributes.get("hreflang")))
    for node in tree.css("a[href], area[href]"):
        target = node.attributes.get("href")
        text = (node.text(separator=" ", strip=True) if node.tag == "a" else node.attributes.get("alt")) or ""
        hreflang = language_tag(node.attributes.get("hreflang") or node.attributes.get("lang"))
        lang = hreflang
        if lang is None:
            folded = fold(text).strip(" []()|")
            # "FR"/"DE" count only inside a switcher; "Français"/"Deutsch" anywhere
            if folded in LANGUAGE_NAMES and (len(folded) > 2 or _in_switcher(node)):
                lang = LANGUAGE_NAMES[folded]
        add(target, text, "switcher" if lang else "link", lang)
    for node in tree.css("iframe[src], frame[src]"):
        add(node.attributes.get("src"), "", "frame")
    for node in tree.css("option[value]"):
        # <select> language switchers whose options carry URLs
        value = node.attributes.get("value") or ""
        if value.startswith(("/", "http")) and _in_switcher(node):
            text = node.text(strip=True)
            add(
                value,
                text,
                "switcher",
                LANGUAGE_NAMES.get(fold(text)) or language_from_url(urljoin(base, value)),
            )
    return PageLinks(html_lang=html_lang, links=links, special=special)


def _in_switcher(node: object) -> bool:
    current = getattr(node, "parent", None)
    for _ in range(5):
        if current is None:
            return False
        attrs = getattr(current, "attributes", {}) or {}
        marker = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('aria-label') or ''}"
        if SWITCHER_HINT.search(marker):
            return True
        current = current.parent
    return False
