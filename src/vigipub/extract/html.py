"""HTML -> visible text with a block/offset map, links and metadata (selectolax/lexbor).

The text is built so that ``text[block.start:block.end]`` is one visual block (paragraph,
heading, list item, table cell, button…) with its whitespace collapsed and its characters
kept as written; blocks are joined by ``\\n`` so that no sentence ever spans two blocks.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: elements whose content is never visible text
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "select",
        "textarea",
        "head",
        "_comment",
        "-comment",
    }
)
SKIP_TAG_LIST = sorted(t for t in SKIP_TAGS if t.isalpha() and t != "head")
#: elements that start and end a block of text (documentation: every non-inline element does)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "tr",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "form",
        "figure",
        "figcaption",
        "pre",
        "address",
        "hr",
        "br",
        "option",
        "button",
        "caption",
        "details",
        "summary",
        "body",
        "center",
        "fieldset",
        "legend",
        "label",
        "title",
        "q",
        "cite",
    }
)
_LINK_CAP = 3000


@dataclass
class HtmlParts:
    """What the HTML walker produces before language detection."""

    title: str = ""
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (text, tag)
    links: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    html_lang: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    truncated: bool = False


def _collapse(text: str) -> str:
    return " ".join(text.split())


#: inline elements: unwrapped before text extraction so that their text joins the
#: surrounding block (``<p>Les <b>cellules</b> souches</p>`` is one sentence)
INLINE_TAGS = [
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "big",
    "cite",
    "code",
    "data",
    "del",
    "dfn",
    "em",
    "font",
    "i",
    "img",
    "ins",
    "kbd",
    "mark",
    "nobr",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "time",
    "tt",
    "u",
    "var",
    "wbr",
    "label",
    "acronym",
]


_INLINE_SELECTOR = ",".join(INLINE_TAGS)
_SKIP_SELECTOR = ",".join(SKIP_TAG_LIST)


def _blocks(body: LexborNode, budget: int) -> tuple[list[tuple[str, str]], bool]:
    """Visible text blocks of ``body``: one per text node once inline tags are unwrapped.

    Unwrapping and merging run in lexbor (C); Python then only sees the block elements and
    their text, which is what keeps extraction under a millisecond on a typical page.
    """
    # One selector query instead of one per tag (selectolax's unwrap_tags loops over tags).
    for node in body.css(_INLINE_SELECTOR):
        node.unwrap()
    body.merge_text_nodes()
    blocks: list[tuple[str, str]] = []
    truncated = False
    for node in body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        value = node.text_content
        if not value or value.isspace():
            continue
        text = " ".join(value.split())
        parent = node.parent
        blocks.append((text, (parent.tag if parent is not None else None) or "body"))
        budget -= len(text)
        if budget <= 0:
            truncated = True
            break
    return blocks, truncated


_JSONLD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')


def _origin(base_url: str) -> str | None:
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def _absolute(base_url: str, origin: str | None, href: str) -> str | None:
    """``urljoin`` with fast paths for the common absolute and root-relative links."""
    if href.startswith(("http://", "https://")):
        return href
    if origin is not None and href.startswith("/") and not href.startswith("//") and "/." not in href:
        return origin + href
    try:
        return urljoin(base_url, href)
    except ValueError:
        return None


def parse_html(html: str | bytes, base_url: str, *, max_chars: int) -> HtmlParts:
    """Parse ``html`` (text, or UTF-8 bytes); never raises on malformed markup."""
    parts = HtmlParts()
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return parts
    html_node = tree.root
    if html_node is not None:
        lang = html_node.attributes.get("lang") or html_node.attributes.get("xml:lang")
        parts.html_lang = lang.strip() if lang else None
    head = tree.head or root
    title_node = head.css_first("title")
    if title_node is not None:
        parts.title = _collapse(title_node.text(deep=True))
    # A substring test on the raw input spares a whole-tree query on pages without JSON-LD.
    _read_meta(
        tree, parts, has_jsonld=(b"ld+json" in html) if isinstance(html, bytes) else ("ld+json" in html)
    )
    base_node = tree.head.css_first("base[href]") if tree.head is not None else None
    if base_node is not None:
        base_url = urljoin(base_url, base_node.attributes.get("href") or "")
    origin = _origin(base_url)
    # Navigation repeats the same links in header, menu and footer: resolve each href once.
    resolved: dict[str, str | None] = {}
    for count, a in enumerate(tree.css("a[href], link[rel=alternate][hreflang]")):
        if count >= _LINK_CAP:
            break
        # one C call for all attributes, then plain dict lookups
        attrs = a.attributes
        href = (attrs.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "data:", "mailto:")):
            continue
        url = resolved.get(href, "")
        if url == "":
            url = resolved[href] = _absolute(base_url, origin, href)
        if url is None:
            continue
        label = _collapse(a.text())[:300] if a.tag == "a" else ""
        parts.links.append((url, label, attrs.get("hreflang"), attrs.get("rel")))
    blocks: list[tuple[str, str]] = []
    if parts.title:
        blocks.append((parts.title, "title"))
    description = parts.meta.get("description")
    if description:
        blocks.append((_collapse(description), "meta"))
    # remove(), not decompose(): a skipped element nested in another (<svg><style>) must stay
    # a valid node when its turn comes; the detached subtrees are freed with the tree.
    for node in tree.css(_SKIP_SELECTOR):
        node.remove()
    body = tree.body
    if body is not None:
        body_blocks, parts.truncated = _blocks(body, max_chars)
        blocks.extend(body_blocks)
    parts.blocks = blocks
    return parts


def _read_meta(tree: LexborHTMLParser, parts: HtmlParts, has_jsonld: bool = True) -> None:
    meta: dict[str, str] = {}
    # <meta> belongs in <head>: scoping the query there is ~6x cheaper than the whole tree.
    scope = tree.head or tree.root
    for node in scope.css("meta[content]") if scope is not None else []:
        attrs = node.attributes
        key = attrs.get("name") or attrs.get("property") or attrs.get("itemprop")
        if not key:
            continue
        key = key.strip().lower()
        if (
            key
            in {
                "description",
                "og:description",
                "og:type",
                "og:site_name",
                "og:locale",
                "author",
                "article:published_time",
                "article:author",
                "generator",
                "dc.type",
                "citation_doi",
                "citation_journal_title",
                "citation_title",
                "keywords",
            }
            and key not in meta
        ):
            meta[key] = (attrs.get("content") or "").strip()[:1000]
    if "description" not in meta and meta.get("og:description"):
        meta["description"] = meta["og:description"]
    types: list[str] = []
    for node in tree.css('script[type="application/ld+json"]') if has_jsonld else []:
        raw = node.text(deep=True)[:50_000]
        for match in _JSONLD_TYPE.finditer(raw):
            try:
                value: Any = json.loads(match.group(1))
            except ValueError:
                continue
            for t in value if isinstance(value, list) else [value]:
                if isinstance(t, str) and t not in types:
                    types.append(t)
    if types:
        meta["jsonld_types"] = " ".join(types[:20])
    parts.meta = meta
