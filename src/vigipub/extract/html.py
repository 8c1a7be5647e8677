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
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: elements whose content is never visible text
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "select", "textarea", "head", "_comment", "-comment",
})
#: elements that start and end a block of text
BLOCK_TAGS = frozenset({
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "blockquote",
    "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "dl", "dt",
    "dd", "table", "thead", "tbody", "tfoot", "form", "figure", "figcaption", "pre",
    "address", "hr", "br", "option", "button", "caption", "details", "summary", "body",
    "center", "fieldset", "legend", "label", "title", "q", "cite",
})
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


class _Walker:
    """Depth-first walk that flushes the pending inline text at every block boundary."""

    __slots__ = ("blocks", "pending", "budget", "truncated")

    def __init__(self, budget: int) -> None:
        self.blocks: list[tuple[str, str]] = []
        self.pending: list[str] = []
        self.budget = budget
        self.truncated = False

    def flush(self, tag: str) -> None:
        if self.pending:
            text = _collapse("".join(self.pending))
            self.pending = []
            if text:
                self.blocks.append((text, tag))
                self.budget -= len(text)
                if self.budget <= 0:
                    self.truncated = True

    def walk(self, node: LexborNode, tag: str) -> None:
        for child in node.iter(include_text=True):
            if self.truncated:
                return
            ctag = child.tag
            if ctag == "-text":
                value = child.text_content
                if value:
                    self.pending.append(value)
            elif ctag in SKIP_TAGS or ctag is None:
                continue
            elif ctag in BLOCK_TAGS:
                self.flush(tag)
                if ctag == "br" or ctag == "hr":
                    continue
                self.walk(child, ctag)
                self.flush(ctag)
            else:
                self.walk(child, tag)


_JSONLD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')


def parse_html(text: str, base_url: str, *, max_chars: int) -> HtmlParts:
    """Walk the DOM of ``text``; never raises on malformed markup."""
    parts = HtmlParts()
    tree = LexborHTMLParser(text)
    root = tree.root
    if root is None:
        return parts
    html_node = tree.css_first("html")
    if html_node is not None:
        lang = html_node.attributes.get("lang") or html_node.attributes.get("xml:lang")
        parts.html_lang = lang.strip() if lang else None
    title_node = tree.css_first("title")
    if title_node is not None:
        parts.title = _collapse(title_node.text(deep=True))
    _read_meta(tree, parts)
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base_url = urljoin(base_url, base_node.attributes.get("href") or "")
    for count, a in enumerate(tree.css("a[href], link[rel=alternate][hreflang]")):
        if count >= _LINK_CAP:
            break
        attrs = a.attributes
        href = (attrs.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "data:")):
            continue
        try:
            url = urljoin(base_url, href)
        except ValueError:
            continue
        label = _collapse(a.text(deep=True)) if a.tag == "a" else ""
        parts.links.append((url, label[:300], attrs.get("hreflang"), attrs.get("rel")))
    walker = _Walker(max_chars)
    if parts.title:
        walker.blocks.append((parts.title, "title"))
    description = parts.meta.get("description")
    if description:
        walker.blocks.append((_collapse(description), "meta"))
    body = tree.body
    if body is not None:
        walker.walk(body, "body")
        walker.flush("body")
    parts.blocks = walker.blocks
    parts.truncated = walker.truncated
    return parts


def _read_meta(tree: LexborHTMLParser, parts: HtmlParts) -> None:
    meta: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = attrs.get("name") or attrs.get("property") or attrs.get("itemprop")
        if not key:
            continue
        key = key.strip().lower()
        if key in {
            "description", "og:description", "og:type", "og:site_name", "og:locale",
            "author", "article:published_time", "article:author", "generator", "dc.type",
            "citation_doi", "citation_journal_title", "citation_title", "keywords",
        } and key not in meta:
            meta[key] = (attrs.get("content") or "").strip()[:1000]
    if "description" not in meta and meta.get("og:description"):
        meta["description"] = meta["og:description"]
    types: list[str] = []
    for node in tree.css('script[type="application/ld+json"]'):
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
