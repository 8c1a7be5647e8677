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

from vigipub.evidence.document import (
    FOOTER_TAG,
    IDENTITY_REGISTRATION_KEYS,
    IDENTITY_SEPARATOR,
    MENU_TAG,
    STRUCTURED_IDENTITY_TAG,
)

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

#: characters that never render as anything, and that builders and typography plugins put
#: inside words (``Stamm\u00adzellen``, ``stem\u200bcell``, Wix's ``&#8203;`` paragraphs):
#: left in the text they would split lexicon terms. Soft hyphen, zero-width space, word
#: joiner and zero-width no-break space (BOM) are dropped: the text is ours to build and
#: the quote reads as the page shows. ZWJ/ZWNJ change the glyphs of Arabic, Indic scripts
#: and emoji, so they are only dropped between two Latin letters (_LATIN_JOINER).
_INVISIBLE = ("\u00ad", "\u200b", "\u2060", "\ufeff")
_LATIN_JOINER = re.compile(r"(?<=[A-Za-z\u00c0-\u024f])[\u200c\u200d]+(?=[A-Za-z\u00c0-\u024f])")
#: what a ``<br>`` becomes in the tree before the text nodes are merged (LINE SEPARATOR:
#: whitespace for ``str.split()``, not printable, so it takes the slow path of _blocks())
_LINE = "\u2028"
#: a line ending like this closes its sentence or item: the next line never continues it
_LINE_ENDS = (".", "!", "?", ":", ";", "…", "。")
#: builder shortcodes that leak into the text when a theme or plugin is switched off:
#: Divi ``[et_pb_text admin_label="x"]``, WPBakery ``[vc_column_text]``, ``[/caption]``.
#: A name with an underscore, or attributes ``key=value`` (quoted straight or curly: WordPress
#: texturizes them), or a closing ``[/name]``; a plain ``[1]`` or ``[sic]`` is text and stays.
_SHORTCODE = re.compile(
    r"\[/?[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\s[^\[\]]*)?/?\]"
    r"|\[[a-z][\w-]*\s+[\w:-]+=[^\[\]]*\]"
    r"|\[/[a-z][\w-]*\]"
)


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
    """``" ".join(text.split())``, skipping the split when there is nothing to collapse.

    ``isprintable()`` is False for every whitespace character but the ASCII space, so once
    stripped (same whitespace set as ``split()``), a printable text without a double space
    is already collapsed. Stripping first lets the common "\n   Some text\n" skip the split.
    """
    text = text.strip()
    if text.isprintable() and "  " not in text:
        return text
    return _clean(text)


def _clean(text: str) -> str:
    """The slow path of _collapse(): drop the invisible characters, collapse the whitespace.

    Every invisible character is non-printable, so the fast path never needs this.
    """
    # isascii() reads a flag: most texts that get here are ASCII with a newline or a tab.
    return " ".join((text if text.isascii() else clean_invisible(text)).split())


def clean_invisible(text: str) -> str:
    """``text`` without its invisible characters (see _INVISIBLE and _LATIN_JOINER)."""
    # These C-speed searches cost a tenth of a str.translate() with a dict.
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    if "\u200c" in text or "\u200d" in text:
        text = _LATIN_JOINER.sub("", text)
    return text


def _lines(text: str) -> list[str]:
    """The blocks of a text node broken by ``<br>`` (``_LINE``), each one cleaned.

    Builders break lines for the layout, in the middle of sentences ("Nos cellules
    souches<br>guérissent…"), and authors break them between the lines of an address or a
    list. A line continues the previous one (joined by a space) unless that one ends its
    sentence or the new line does not start with a lower-case letter (an item after an item:
    "Autisme<br>Sclérose en plaques", the lines of an address); an empty line
    (``<br><br>``) always ends it.

    Over-joining only lengthens a quote, while a sentence cut in two loses its claim.
    """
    out: list[str] = []
    joinable = False
    # invisible characters dropped once for all the lines (_clean() without the collapse)
    for raw in clean_invisible(text).split(_LINE):
        line = " ".join(raw.split())
        if not line:
            joinable = False
            continue
        # Only a lower-case start continues: a capital after an open line is as often the next
        # item of a list ("Multiple sclerosis<br>Parkinson's disease") as the rest of a German
        # sentence.
        if joinable and line[0].islower() and not out[-1].endswith(_LINE_ENDS):
            # a word hyphenated at the break ("Stammzell-<br>therapie") stays one word
            out[-1] += line if out[-1][-1] == "-" else " " + line
        else:
            out.append(line)
        joinable = True
    return out


#: inline elements: unwrapped before text extraction so that their text joins the
#: surrounding block (``<p>Les <b>cellules</b> souches</p>`` is one sentence); ``<wbr>`` is
#: not one of them but a void element removed with the invisible ones (see _SKIP_IDS)
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
    "label",
    "acronym",
]


_ALTERNATE_SELECTOR = "link[rel=alternate][hreflang]"
_JSONLD_SELECTOR = 'script[type="application/ld+json"]'


def _blocks(
    body: LexborNode, budget: int, inline: list[LexborNode], regions: list[tuple[str, LexborNode]]
) -> tuple[list[tuple[str, str]], bool]:
    """Visible text blocks of ``body``: one per text node once inline tags are unwrapped.

    Unwrapping and merging run in lexbor (C); Python then only sees the block elements and
    their text, which is what keeps extraction under a millisecond on a typical page.
    ``inline`` holds the page's inline elements in document order, found before the invisible
    elements were removed: the ones inside a removed element are unwrapped in the detached
    subtree, which no longer belongs to ``body`` (the parser never leaves one in ``<head>``).
    """
    # innermost first: lexbor unwraps a node in constant time when its children hold no
    # further inline element, but in time proportional to the nesting otherwise (50,000
    # nested <b> took 43 s outermost first, 5 ms innermost first; same tree either way)
    for node in reversed(inline):
        node.unwrap()
    body.merge_text_nodes()
    # the text of a navigation menu, however deep its lists (« <nav><ul><li> »), is the menu's,
    # and a footer's is the site's: their blocks are tagged MENU_TAG and FOOTER_TAG (the detector
    # marks what it finds in a menu as a menu's entries; the verdict's text component reads the
    # page's own text, not a 200-entry mega-menu nor « Alle Rechte vorbehalten »). ``regions``:
    # the page's <footer> and <nav> elements, found by the page walk, in that order (a menu in
    # a footer is a menu); only their subtrees are read.
    region_of = {n.mem_id: tag for tag, el in regions for n in el.traverse(include_text=True, skip_empty=True)}
    blocks: list[tuple[str, str]] = []
    truncated = False
    append = blocks.append
    # the cells of one table row make one block, separated by a tab as a browser's innerText
    # separates them (« Exosomes cheveux (3 séances)\t1 200 € »): a price list's amount alone
    # says nothing, and a row is how a reader takes it in
    row = None
    # the element holding the last block's text (a price card's label, see below)
    last_parent: LexborNode | None = None
    # skip_empty drops the ASCII-whitespace text nodes (two thirds of them) in C.
    for node in body.traverse(include_text=True, skip_empty=True):
        value = node.text_content  # None for an element: one property read instead of two
        if not value:
            continue
        # _collapse() inlined (a call per text node is measurable); an empty result is a
        # node made of other spaces (U+00A0…) or of invisible characters, dropped like the
        # ASCII-whitespace ones.
        text = value.strip()
        if not text:
            continue
        parent = node.parent
        tag = (parent.tag if parent is not None else None) or "body"
        if region_of:
            tag = region_of.get(node.mem_id, tag)
        if not text.isprintable() or "  " in text:
            if not text.isascii() and _LINE in text:  # broken by <br>: a block per sentence run
                lines = _lines(text)
                blocks.extend((line, tag) for line in lines)
                budget -= sum(map(len, lines))
                if budget <= 0:
                    truncated = True
                    break
                continue
            text = " ".join((text if text.isascii() else clean_invisible(text)).split())
            if not text:  # only invisible characters (Wix's "&#8203;" paragraphs)
                continue
        if tag == "td" or tag == "th":
            tr = parent.parent  # type: ignore[union-attr]
            here = tr.mem_id if tr is not None and tr.tag == "tr" else None
            if here is not None and here == row and blocks:
                blocks[-1] = (f"{blocks[-1][0]}\t{text}", tag)
                budget -= len(text) + 1
                if budget <= 0:
                    truncated = True
                    break
                continue
            row = here
        else:
            row = None
            if (
                blocks
                and parent is not None
                and last_parent is not None
                and len(text) <= _AMOUNT_MAX_CHARS
                and text[0] in _AMOUNT_FIRST
                and _BARE_AMOUNT.match(text)
                and len(blocks[-1][0]) <= _LABEL_MAX_CHARS
                and _same_card(parent, last_parent)
            ):
                # a price card built of <div>s (page builders: Elementor, Wix, Divi) shows the
                # amount under its label: one line, as a table row's cells are
                # (« Protocole autisme\t14 900 € »), an amount alone saying nothing
                blocks[-1] = (f"{blocks[-1][0]}\t{text}", blocks[-1][1])
                budget -= len(text) + 1
                last_parent = None
                if budget <= 0:
                    truncated = True
                    break
                continue
        last_parent = parent
        append((text, tag))
        budget -= len(text)
        if budget <= 0:
            truncated = True
            break
    return blocks, truncated


#: an amount and its currency alone (« 14 900 € », "$4,500", « €14 900 TTC », "$12,500/course")
_BARE_AMOUNT = re.compile(
    r"(?:(?:[€$£₺]|EUR|USD|CHF|GBP|TL)\s?)?\d{1,3}(?:[ .,\u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?"
    r"(?:\s?(?:[€$£₺]|EUR|USD|CHF|GBP|TL|euros?))?(?:\s?(?:TTC|HT))?(?:\s?/\s?[^\W\d]{2,12})?\s?\*?$"
)
_AMOUNT_MAX_CHARS = 32
#: what such an amount starts with (a cheap test before the pattern, on every short text)
_AMOUNT_FIRST = frozenset("0123456789€$£₺ECGTU")
#: a price card's label: a short line (« Protocole autisme », « Forfait 3 séances »)
_LABEL_MAX_CHARS = 80
#: how far up the label's and the amount's elements may meet (card > header > h3)
_CARD_DEPTH = 3


def _same_card(a: LexborNode, b: LexborNode) -> bool:
    """Whether two elements meet within :data:`_CARD_DEPTH` levels (one price card), not in the
    page's main column."""
    ups: set[int] = set()
    node: LexborNode | None = a
    for _ in range(_CARD_DEPTH + 1):
        if node is None or node.tag in ("body", "html", "main"):
            break
        ups.add(node.mem_id)
        node = node.parent
    node = b
    for _ in range(_CARD_DEPTH + 1):
        if node is None or node.tag in ("body", "html", "main"):
            return False
        if node.mem_id in ups:
            return True
        node = node.parent
    return False


_NOT_LINKS = ("javascript:", "#", "data:", "mailto:")


def _tag_id(name: str) -> int:
    """lexbor's id of a standard element (fixed, e.g. LXB_TAG_A), read from a parsed one."""
    node = LexborHTMLParser(f"<body><{name}></{name}>").css_first(name)
    assert node is not None
    return int(node.tag_id)


_TAG_A = _tag_id("a")
_TAG_LINK = _tag_id("link")
_TAG_SCRIPT = _tag_id("script")
_TAG_BR = _tag_id("br")
_TAG_NAV = _tag_id("nav")
_TAG_FOOTER = _tag_id("footer")
_TAG_TEXT = int(LexborHTMLParser("<body>t").body.child.tag_id)  # type: ignore[union-attr]
_TAG_COMMENT = int(LexborHTMLParser("<body><!--c-->").body.child.tag_id)  # type: ignore[union-attr]
#: removed before the text nodes are merged: invisible elements and ``<wbr>`` (a line-break
#: opportunity inside a word, "Stamm<wbr>zellen")
_SKIP_IDS = frozenset(_tag_id(t) for t in SKIP_TAG_LIST) | {_tag_id("wbr")}
_INLINE_IDS = frozenset(_tag_id(t) for t in INLINE_TAGS)
#: elements the page walk acts on: links, invisible elements, inline elements, line breaks
_PAGE_IDS = _SKIP_IDS | _INLINE_IDS | {_TAG_A, _TAG_LINK, _TAG_BR, _TAG_COMMENT, _TAG_NAV, _TAG_FOOTER}


def _is_alternate_link(node: LexborNode, attrs: dict[str, str | None]) -> bool:
    """What ``link[rel=alternate][hreflang]`` matches (the selector confirms the rare candidates)."""
    # The substring test on the joined names (which hold no space) is a C-speed filter: most
    # <link> elements (stylesheets, icons…) have no hreflang, and the generator costs 4x more.
    if "hreflang" not in " ".join(attrs):
        return False
    if not any(k == "hreflang" or k.endswith(":hreflang") for k in attrs):
        return False
    return node.css_matches(_ALTERNATE_SELECTOR)


def _has_href(node: LexborNode, attrs: dict[str, str | None]) -> bool:
    """What ``a[href]`` matches: an attribute whose local name is ``href`` (``xlink:href`` too)."""
    if "href" in attrs:
        return True
    if ":href" not in " ".join(attrs):  # same cheap filter as in _is_alternate_link()
        return False
    return any(k.endswith(":href") for k in attrs) and node.css_matches("a[href]")


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


def parse_html(html: str | bytes, base_url: str, *, max_chars: int, drop_clones: bool = False) -> HtmlParts:
    """Parse ``html`` (text, or UTF-8 bytes); never raises on malformed markup.

    ``drop_clones`` removes the slides that carousels clone (see _SLIDE_CLONES): scripts
    make them, so only a DOM rendered by a browser has them, and looking for them costs two
    passes over the page, which a page as served (most of them) is spared.
    """
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
        parts.title = _collapse(title_node.text_lexbor())
    _read_meta(tree, parts)
    # JSON-LD is read only when the raw input holds "ld+json" (checked lazily, on the first
    # candidate script: the substring search costs a pass over the whole page).
    has_jsonld: bool | None = None
    base_node = tree.head.css_first("base[href]") if tree.head is not None else None
    if base_node is not None:
        base_url = urljoin(base_url, base_node.attributes.get("href") or "")
    origin = _origin(base_url)
    # Navigation repeats the same links in header, menu and footer: resolve each href once.
    resolved: dict[str, str | None] = {}
    append = parts.links.append
    links_left = _LINK_CAP
    types: list[str] = []
    #: who the page's structured data says runs the site (see _jsonld_identities)
    identities: list[str] = []
    identity_scripts = 0
    invisible: list[LexborNode] = []
    inline: list[LexborNode] = []
    breaks: list[LexborNode] = []
    navs: list[LexborNode] = []
    footers: list[LexborNode] = []
    # One walk over the elements for the links, the JSON-LD scripts, the invisible elements
    # and the inline ones, dispatched on lexbor's tag ids: half the cost of one selector query
    # (which also walks the whole tree), and the same elements in the same (document) order.
    # Links and scripts are read on the intact tree; then the invisible elements are removed,
    # and only then are the inline ones unwrapped (an inline element left empty by a removal
    # stays and keeps the text around it apart).
    inline_append = inline.append
    for node in root.traverse():
        tag_id = node.tag_id
        if tag_id not in _PAGE_IDS:
            continue
        # most frequent first: <a>, other inline elements, <link>, then the invisible ones
        if tag_id == _TAG_A:
            inline_append(node)
            # one C call for all attributes, then plain dict lookups
            attrs = node.attributes
            if "href" not in attrs and not _has_href(node, attrs):
                continue
        elif tag_id in _INLINE_IDS:
            inline_append(node)
            continue
        elif tag_id == _TAG_LINK:
            attrs = node.attributes
            if not _is_alternate_link(node, attrs):
                continue
        else:
            if tag_id == _TAG_BR:
                breaks.append(node)
                continue
            if tag_id == _TAG_NAV:
                navs.append(node)
                continue
            if tag_id == _TAG_FOOTER:
                footers.append(node)
                continue
            if tag_id == _TAG_COMMENT:
                # React and Vue server rendering put "<!-- -->" between the text nodes of one
                # sentence ("destroys<!-- --> <!-- -->glioblastoma in <!-- -->80<!-- -->%"):
                # a comment between two text nodes goes, so that they merge as displayed. One
                # next to an element stays: it keeps apart links that touch in the source but
                # that CSS shows as separate items (Vue's "<!--[-->Contact<!--]--></a><a>").
                after = node.next
                if after is not None and after.tag_id == _TAG_TEXT:
                    before = node.prev
                    if before is not None and before.tag_id == _TAG_TEXT:
                        invisible.append(node)
                continue
            if (
                tag_id == _TAG_SCRIPT
                # lexbor matches the type ASCII case-insensitively; the selector itself confirms
                and (node.attributes.get("type") or "").lower() == "application/ld+json"
            ):
                if has_jsonld is None:
                    has_jsonld = (b"ld+json" in html) if isinstance(html, bytes) else ("ld+json" in html)
                if has_jsonld and node.css_matches(_JSONLD_SELECTOR):
                    raw = node.text_lexbor()[:50_000]
                    _jsonld_types(raw, types)
                    if identity_scripts < _MAX_IDENTITY_SCRIPTS and '"address"' in raw:
                        # a few scripts at most: a hostile page may hold thousands
                        identity_scripts += 1
                        _jsonld_identities(raw, identities)
            invisible.append(node)
            continue
        # a link: <a href> or <link rel=alternate hreflang>
        if links_left <= 0:
            continue
        links_left -= 1
        href = (attrs.get("href") or "").strip()
        if not href:
            continue
        # None (cached too) for a non-link ("#top", "javascript:…") or an unresolvable href
        url = resolved.get(href, "")
        if url == "":
            url = resolved[href] = None if href.startswith(_NOT_LINKS) else _absolute(base_url, origin, href)
        if url is None:
            continue
        if tag_id == _TAG_A:
            # _collapse() inlined, as in _blocks(). text_lexbor() is text(deep=True) (the
            # descendants' text nodes in document order; comments and a template's content
            # left out) concatenated by lexbor itself: no Python text collector per link.
            label = node.text_lexbor().strip()
            if not label.isprintable() or "  " in label:
                label = " ".join(label.split())
            label = label[:300]
        else:
            label = ""
        append((url, label, attrs.get("hreflang"), attrs.get("rel")))
    if types:
        parts.meta["jsonld_types"] = " ".join(types[:20])
    if drop_clones and _has_slide_clones(html):
        invisible.extend(root.css(_SLIDE_CLONES))
    # remove(), not decompose(): a skipped element nested in another (<svg><style>) must stay
    # a valid node when its turn comes; the detached subtrees are freed with the tree.
    for node in invisible:
        node.remove()
    # A <br> becomes a _LINE character, merged with the text around it: _blocks() then
    # decides, line by line, whether the break ends the sentence (see _lines()).
    for node in breaks:
        node.replace_with(_LINE)
    blocks: list[tuple[str, str]] = []
    if parts.title:
        blocks.append((parts.title, "title"))
    description = parts.meta.get("description")
    if description:
        blocks.append((_collapse(description), "meta"))
    body = tree.body
    if body is not None:
        body_blocks, parts.truncated = _blocks(
            body, max_chars, inline, [(FOOTER_TAG, f) for f in footers] + [(MENU_TAG, n) for n in navs]
        )
        blocks.extend(body_blocks)
    # last, where a footer stands: the operator's reader looks there, and the quote it keeps
    # is this line of the document's text, tagged as read from the structured data
    blocks.extend((identity, STRUCTURED_IDENTITY_TAG) for identity in identities)
    parts.blocks = blocks
    return parts


#: slides that carousels clone for their infinite loop (Swiper, Slick, Owl, Splide, Glide):
#: copies of a real slide, which would otherwise be quoted twice or more
_SLIDE_CLONES = (
    ".swiper-slide-duplicate, .slick-cloned, .owl-item.cloned, .splide__slide--clone, .glide__slide--clone"
)
_CLONE_SIGNS = ("-duplicate", "clone")


def _has_slide_clones(html: str | bytes) -> bool:
    """Whether the raw page may hold cloned slides (the selector query walks the whole tree)."""
    if isinstance(html, bytes):
        return any(sign.encode() in html for sign in _CLONE_SIGNS)
    return any(sign in html for sign in _CLONE_SIGNS)


def strip_shortcodes(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``blocks`` without builder shortcodes (see _SHORTCODE); a block left empty is dropped.

    Called by the caller of parse_html() once it has joined the text, only when that text
    holds a closing "[/": a search of the raw page would cost 4% of extraction.
    """
    out: list[tuple[str, str]] = []
    for text, tag in blocks:
        if "[" in text:
            text = " ".join(_SHORTCODE.sub(" ", text).split())
            if not text:
                continue
        out.append((text, tag))
    return out


def _read_meta(tree: LexborHTMLParser, parts: HtmlParts) -> None:
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
    parts.meta = meta


#: schema.org types that name who runs a clinic's or a broker's site
_IDENTITY_TYPES = frozenset(
    {
        "Organization", "Corporation", "LocalBusiness", "MedicalBusiness", "MedicalClinic",
        "MedicalOrganization", "Hospital", "Physician", "Dentist", "HealthAndBeautyBusiness",
        "DaySpa", "TravelAgency", "ProfessionalService",
    }
)  # fmt: skip
_MAX_IDENTITIES = 2
#: JSON-LD scripts parsed for an identity, per page (each is parsed whole, up to 50,000 characters)
_MAX_IDENTITY_SCRIPTS = 5
#: the longest address taken from structured data (a longer one is no postal address)
_ADDRESS_MAX_CHARS = 200


def _jsonld_identities(raw: str, out: list[str]) -> None:
    """Add to ``out`` the identities a JSON-LD script states: « SAS Bellecour Esthétique — 14 place
    Bellecour, 69002 Lyon, FR » from a MedicalClinic's ``legalName`` (else ``name``) and postal
    ``address``.

    Many clinics' sites have no legal notice, or one in an image, but their SEO plug-in writes
    the clinic's name and address as schema.org data for search engines: a statement of the
    site's own, kept as one line of the document's text (so that a quote of it is an exact
    span) for the operator's reader. Invalid JSON, or an object without an address, adds nothing.
    """
    try:
        data: Any = json.loads(raw)
    except ValueError:
        return
    stack = [data]
    seen = 0
    found = sum(not line.startswith(IDENTITY_REGISTRATION_KEYS) for line in out)
    while stack and seen < 200 and found < _MAX_IDENTITIES:
        item = stack.pop()
        seen += 1
        if isinstance(item, list):
            stack.extend(reversed(item))
            continue
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        if isinstance(graph, list):
            stack.extend(reversed(graph))
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(isinstance(k, str) and k in _IDENTITY_TYPES for k in kinds):
            continue
        name = _jsonld_text(item.get("legalName")) or _jsonld_text(item.get("name"))
        address = _jsonld_address(item.get("address"))
        if name and address:
            # an em dash between them: a legal name may hold a comma (« Clínica Regenera, S.L. »)
            line = _collapse(f"{name.replace(IDENTITY_SEPARATOR, ' - ')}{IDENTITY_SEPARATOR}{address}")[:300]
            if line not in out:
                out.append(line)
                found += 1
                # its registration numbers, each on a line named by its schema.org property
                # (« vatID FR12345678901 »), read by the operator's reader as a legal notice's are
                for key in IDENTITY_REGISTRATION_KEYS:
                    number = _jsonld_text(item.get(key))
                    if number and len(number) <= 40 and any(c.isdigit() for c in number):
                        out.append(f"{key} {number}")


def _jsonld_text(value: Any) -> str:
    return _collapse(value) if isinstance(value, str) else ""


def _jsonld_address(value: Any) -> str:
    """« 14 place Bellecour, 69002 Lyon, FR » from a PostalAddress (or a plain string); "" for
    one without a number (a house, a building or a postal code), which no address lacks."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        text = _collapse(value)
    elif isinstance(value, dict):
        country = value.get("addressCountry")
        if isinstance(country, dict):
            country = country.get("name")
        town = " ".join(
            t for t in (_jsonld_text(value.get("postalCode")), _jsonld_text(value.get("addressLocality"))) if t
        )
        parts = [_jsonld_text(value.get("streetAddress")), town, _jsonld_text(country)]
        text = ", ".join(p for p in parts if p) if parts[0] else ""
    else:
        return ""
    return text if len(text) <= _ADDRESS_MAX_CHARS and any(c.isdigit() for c in text) else ""


def _jsonld_types(raw: str, types: list[str]) -> None:
    """Add the ``@type`` values of one JSON-LD script to ``types`` (first seen first)."""
    for match in _JSONLD_TYPE.finditer(raw):
        try:
            value: Any = json.loads(match.group(1))
        except ValueError:
            continue
        for t in value if isinstance(value, list) else [value]:
            if isinstance(t, str) and t not in types:
                types.append(t)
