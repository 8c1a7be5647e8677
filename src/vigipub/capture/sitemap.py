"""Reading sitemaps (sitemaps.org protocol): which URLs a site says it has.

Clinic sites often have disease landing pages (``/stem-cell-treatment-for-autism``,
``/fr/traitement-sclerose-en-plaques``) that no menu links to; the sitemap is where they
are listed. This module only *parses*: fetching, archiving and every network rule (scope,
robots.txt, SSRF, size caps) stay with the crawler, which treats sitemap URLs like links.

Sitemaps are attacker-controlled input, so parsing is bounded and never trusts the file:

- gzip (``.xml.gz``, or a body still gzip-compressed after the HTTP decoding) is inflated
  with the same bounded decoder as HTTP bodies (:class:`.fetch.BoundedDecoder`): a
  decompression bomb is cut at ``max_bytes``;
- XML goes through lxml's pull parser with entity substitution off, no DTD loading, no
  network access and ``huge_tree`` off (no billion laughs, no XXE), in ``recover`` mode so
  that a malformed file still yields the URLs before (and after) the damage; elements are
  freed as they are read, so memory follows the URL cap, not the file;
- a file that does not start with ``<`` is read as a plain-text sitemap (one URL a line);
- at most ``max_urls`` URLs are returned (the caller shares this cap across all files).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from .fetch import BoundedDecoder
from .scope import language_tag

GZIP_MAGIC = b"\x1f\x8b"
#: an index listing an index listing a urlset is the deepest structure seen in practice;
#: deeper nesting only serves to make a crawler loop or wander.
MAX_SITEMAP_NESTING = 3
#: a plain-text sitemap line longer than this is not a URL (sitemaps.org: 2048 characters).
MAX_URL_LENGTH = 2048


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    kind: str  # "page" (urlset <loc>, text line) | "sitemap" (index <loc>) | "alternate"
    language: str | None = None  # from <xhtml:link rel="alternate" hreflang>


@dataclass
class ParsedSitemap:
    kind: str  # "index" | "urlset" | "text" | "unknown"
    entries: list[SitemapEntry] = field(default_factory=list)
    capped: bool = False  # stopped at max_urls
    problems: list[str] = field(default_factory=list)  # malformed XML, cut gzip… (for the notes)


def inflate(body: bytes, max_bytes: int) -> tuple[bytes, str | None, bool]:
    """The sitemap document inside ``body``: gunzipped while it starts with the gzip magic.

    The magic bytes decide, not the headers or the extension: servers label ``.xml.gz``
    files as gzip, octet-stream or XML, and some decode them on the fly. Two layers at most
    (a ``.gz`` file sent with ``Content-Encoding: gzip`` is already one layer down).
    Returns (document, problem or None, cut at ``max_bytes``).
    """
    for _ in range(2):
        if not body.startswith(GZIP_MAGIC):
            break
        decoder = BoundedDecoder("gzip", max_bytes)
        decoder.feed(body)
        body = bytes(decoder.out)
        if decoder.truncated:
            return body, f"decompressed sitemap exceeds {max_bytes} bytes: cut", True
        if decoder.error:
            return body, decoder.error, False
    return body, None, False


def parse_sitemap(data: bytes, base_url: str, max_urls: int) -> ParsedSitemap:
    """URLs listed by a sitemap document (already inflated), at most ``max_urls``."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        return ParsedSitemap("unknown", problems=["empty sitemap"])
    if not head.startswith(b"<"):
        return _parse_text(data, base_url, max_urls)
    return _parse_xml(data, base_url, max_urls)


def _parse_text(data: bytes, base_url: str, max_urls: int) -> ParsedSitemap:
    out = ParsedSitemap("text")
    for raw in data.decode("utf-8", "replace").splitlines():
        line = raw.strip()
        if not line.lower().startswith(("http://", "https://")) or len(line) > MAX_URL_LENGTH:
            continue  # comments, blank lines and junk: a text sitemap has nothing else to offer
        if len(out.entries) >= max_urls:
            out.capped = True
            break
        out.entries.append(SitemapEntry(line, "page"))
    if not out.entries and not out.capped:
        out.kind = "unknown"
        out.problems.append("no URL found (neither XML nor a list of http(s) URLs)")
    return out


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _parse_xml(data: bytes, base_url: str, max_urls: int) -> ParsedSitemap:
    out = ParsedSitemap("unknown")

    def add(url: str | None, kind: str, language: str | None = None) -> bool:
        """False once the cap is reached (the caller stops reading)."""
        url = (url or "").strip()
        if not url or len(url) > MAX_URL_LENGTH:
            return True
        if len(out.entries) >= max_urls:
            out.capped = True
            return False
        try:
            absolute = urljoin(base_url, url).split("#", 1)[0]
        except ValueError:
            return True
        out.entries.append(SitemapEntry(absolute, kind, language))
        return True

    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        recover=True,  # malformed files: keep what can be read
        resolve_entities=False,  # no entity expansion (billion laughs, XXE)
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for event, elem in events:
            name = _local(elem.tag)
            if event == "start":
                if out.kind == "unknown" and elem.getparent() is None:
                    out.kind = {"urlset": "urlset", "sitemapindex": "index"}.get(name, "unknown")
                    if out.kind == "unknown":
                        out.problems.append(f"root element <{name}> is not a sitemap")
                        break
                continue
            if name not in ("url", "sitemap"):
                continue
            keep_going = True
            if name == "sitemap":
                keep_going = add(_child_text(elem, "loc"), "sitemap")
            else:
                loc = _child_text(elem, "loc")
                alternates = [
                    (child.get("href"), language_tag(child.get("hreflang")))
                    for child in elem
                    if _local(child.tag) == "link"
                    and "alternate" in (child.get("rel") or "").lower()
                    and child.get("hreflang")
                ]
                # the <loc> is often listed among its own alternates: that names its language
                own = next(
                    (lang for href, lang in alternates if (href or "").strip() == (loc or "").strip()), None
                )
                keep_going = add(loc, "page", own)
                for href, lang in alternates:
                    if not keep_going:
                        break
                    if (href or "").strip() != (loc or "").strip():
                        keep_going = add(href, "alternate", lang)
            # free what was read: memory follows the URL cap, not the file size
            elem.clear()
            parent = elem.getparent()
            while parent is not None and elem.getprevious() is not None:
                del parent[0]
            if not keep_going:
                break
    except etree.XMLSyntaxError as exc:
        # raised at the end of a hopeless document even in recover mode; what was read stays
        out.problems.append(f"malformed XML: {exc}"[:300])
    else:
        errors = events.error_log.filter_from_errors()
        if len(errors):
            out.problems.append(f"malformed XML read in recovery mode: {errors[0].message}"[:300])
    if out.kind == "unknown" and not out.problems:
        out.problems.append("no sitemap element found")
    return out


def _child_text(elem: etree._Element, name: str) -> str | None:
    for child in elem:
        if _local(child.tag) == name:
            text: str | None = child.text
            return text
    return None


__all__ = ["MAX_SITEMAP_NESTING", "ParsedSitemap", "SitemapEntry", "inflate", "parse_sitemap"]
