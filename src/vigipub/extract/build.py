"""Build :class:`Document` objects from HTML, PDF and plain-text bytes."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from typing import Any

from vigipub.evidence.core import RecordRef
from vigipub.evidence.document import Block, Document, DocumentSource
from vigipub.evidence.markup import MAX_NESTING, flatten_deep_markup, nesting_estimate

from . import language as lang_mod
from ._fast import make_blocks, make_links
from .charset import declares_utf8, decode, looks_binary
from .html import clean_invisible, parse_html, strip_shortcodes

#: HTML bytes parsed at most; larger payloads are cut (with a warning) so that a 50 MB page
#: costs the same as a 16 MB one.
MAX_HTML_BYTES = 16 * 1024 * 1024
#: characters of visible text kept per document
MAX_TEXT_CHARS = 2_000_000
#: per-block classifier calls allowed per page (stop-word votes are unlimited). Zero by
#: default: a call costs ~0.2 ms, and the stop-word vote already decides the blocks long
#: enough to matter; raise it for collections where block language is critical.
MAX_BLOCK_MODEL_CALLS = 0


def _spans(
    blocks: list[tuple[str, str]], max_chars: int
) -> tuple[Sequence[str], list[int], Sequence[str], list[str]]:
    """(pieces, lengths, tags, warnings) of the blocks, cut so that joined with newlines
    they hold at most ``max_chars`` characters."""
    if not blocks:
        return (), [], (), []
    pieces, tags = zip(*blocks, strict=True)  # one C-level pass for both columns
    lens = list(map(len, pieces))
    # Block ends only grow, so the text is cut somewhere iff the last block ends past the cap.
    if sum(lens) + len(lens) - 1 <= max_chars:
        return pieces, lens, tags, []
    warnings: list[str] = []
    kept: list[str] = []
    kept_tags: list[str] = []
    pos = 0
    for text, tag in blocks:
        if pos + len(text) > max_chars:
            text = text[: max(0, max_chars - pos)]
            warnings.append(f"text truncated to {max_chars} characters")
            if text:
                kept.append(text)
                kept_tags.append(tag)
            break
        kept.append(text)
        kept_tags.append(tag)
        pos += len(text) + 1
    return kept, list(map(len, kept)), kept_tags, warnings


def _assemble(
    blocks: list[tuple[str, str]],
    *,
    page_hint: str | None,
    max_chars: int = MAX_TEXT_CHARS,
) -> tuple[str, list[Block], str, list[str]]:
    """Join blocks with newlines, compute offsets and languages."""
    pieces, lens, tags, warnings = _spans(blocks, max_chars)
    full = "\n".join(pieces)
    # Vote each long block on its function words (cheap), then let the votes decide the page
    # language when they agree; the classifier only runs on pages the votes leave open, on
    # the longest blocks (navigation and menus are short and often in another language).
    # One vote over all long blocks comes first: when a single language's function words
    # are the only ones present, every long block is in that language and per-block votes
    # (the costliest part of extraction after parsing) are skipped.
    long_pieces = [i for i, n in enumerate(lens) if n >= 100]
    mono, long_votes = lang_mod.vote_blocks([pieces[i] for i in long_pieces])
    weight: dict[str, int] = {}
    voted = 0
    for i, lang in zip(long_pieces, long_votes, strict=True):
        if lang is not None and tags[i] != "meta":
            weight[lang] = weight.get(lang, 0) + lens[i]
            voted += lens[i]
    page_lang = None
    if weight:
        top, top_chars = max(weight.items(), key=lambda kv: kv[1])
        hint = lang_mod.normalise_tag(page_hint)
        if (
            top_chars >= 400
            and top_chars >= 0.75 * voted
            and (hint in (None, top) or hint not in lang_mod.SUPPORTED)
        ):
            page_lang = top
    if page_lang is None:
        if full.strip():
            longest = sorted(
                (p for p, tag in zip(pieces, tags, strict=True) if tag != "meta"), key=len, reverse=True
            )
            page_lang = lang_mod.classify(" ".join(longest[:12])[:2000], page_hint)
        else:
            page_lang = lang_mod.normalise_tag(page_hint) or lang_mod.OTHER
    if page_lang not in lang_mod.SUPPORTED and page_lang != lang_mod.OTHER:
        page_lang = lang_mod.OTHER
    default = page_lang if page_lang in lang_mod.SUPPORTED else None
    # Blocks of 80+ characters without a vote of their own take the page language.
    votes: list[str | None]
    votes = [None] * len(pieces) if default is None else [default if n >= 80 else None for n in lens]
    if mono is None or mono != default:  # else every long block already holds its vote
        for i, lang in zip(long_pieces, long_votes, strict=True):
            if lang is not None:
                votes[i] = lang
    starts = list(accumulate(map(add, lens, repeat(1)), initial=0))
    starts.pop()
    out = make_blocks(zip(starts, map(add, starts, lens), tags, votes, strict=True))
    return full, out, page_lang, warnings


@lru_cache(maxsize=1)
def _numpy() -> Any:
    try:
        import numpy  # a dependency of py3langid, so present wherever extraction runs
    except ImportError:  # pragma: no cover - only without py3langid's numpy
        return None
    return numpy


def _count_lt(data: bytes) -> int:
    """``data.count(b"<")``, with numpy's vectorised compare on large pages (~10x faster)."""
    np = _numpy()
    if np is None or len(data) < 65_536:
        return data.count(b"<")
    return int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == 0x3C))


def _no_text(
    url: str,
    source: DocumentSource,
    record: RecordRef | None,
    content_type: str | None,
    charset: str | None,
    warnings: list[str],
) -> Document:
    """A document from which no text could be extracted; ``warnings`` says why."""
    return Document.model_construct(
        url=url,
        source=source,
        record=record,
        media_type=content_type,
        charset=charset,
        title="",
        text="",
        blocks=[],
        language=lang_mod.OTHER,
        html_lang=None,
        links=[],
        warnings=warnings,
        meta={},
    )


def document_from_html(
    data: bytes,
    url: str,
    *,
    content_type: str | None = None,
    record: RecordRef | None = None,
    source: DocumentSource = "http",
) -> Document:
    """Extract the visible text of an HTML page. Never raises on bad content."""
    warnings: list[str] = []
    if looks_binary(data):
        warnings.append("binary content, not HTML: no text extracted")
        return _no_text(url, source, record, content_type, None, warnings)
    if len(data) > MAX_HTML_BYTES:
        warnings.append(f"page of {len(data)} bytes cut to the first {MAX_HTML_BYTES} bytes")
        data = data[:MAX_HTML_BYTES]
    if len(data) > 20_000 and _count_lt(data) > 20_000 and nesting_estimate(data) > MAX_NESTING:
        # never a reason to show no text: what a browser shows is extracted (see the function)
        data, flat = flatten_deep_markup(data)
        warnings.extend(flat)
    # Carousel clones exist only in a DOM that a browser rendered (or saved to a file).
    rendered = source != "http"
    try:
        parts = None
        charset = "utf-8"
        if declares_utf8(data, content_type):
            # Fast path: lexbor parses the UTF-8 bytes itself (no decode/encode round trip).
            # Broken bytes show up as U+FFFD in the text; then the careful path below decides
            # (a few bad bytes, or a Latin-1 page mislabelled as UTF-8).
            parts = parse_html(data, url, max_chars=MAX_TEXT_CHARS, drop_clones=rendered)
            if any("\ufffd" in t for t, _tag in parts.blocks) and b"\xef\xbf\xbd" not in data:
                parts = None
        if parts is None:
            text, charset, cw = decode(data, content_type)
            warnings.extend(cw)
            # lexbor parses UTF-8 bytes about twice as fast as a str: reuse the bytes when
            # they are UTF-8 already, else re-encode the decoded text.
            if charset in ("utf-8", "ascii") and "\ufffd" not in text:
                source_bytes = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
            else:
                source_bytes = text.encode("utf-8", "surrogatepass")
            parts = parse_html(source_bytes, url, max_chars=MAX_TEXT_CHARS, drop_clones=rendered)
    except Exception as exc:  # lexbor is robust; this guards against selectolax bugs only
        warnings.append(f"HTML parser failed ({type(exc).__name__}); no text extracted")
        return _no_text(url, source, record, content_type, charset, warnings)
    if parts.truncated:
        warnings.append(f"visible text cut at about {MAX_TEXT_CHARS} characters")
    full, blocks, page_lang, aw = _assemble(parts.blocks, page_hint=parts.html_lang)
    # "[" first: a one-character search is four times cheaper than the "[/" one.
    if "[" in full and "[/" in full:
        # Builder shortcodes leaked into the text (a closing "[/" is their cheap sign): strip
        # them and assemble again, which only these rare pages pay for.
        stripped = strip_shortcodes(parts.blocks)
        if stripped != parts.blocks:
            full, blocks, page_lang, aw = _assemble(stripped, page_hint=parts.html_lang)
    warnings.extend(w for w in aw if w not in warnings)
    if not full.strip():
        warnings.append("no visible text")
    links = make_links(parts.links)
    return Document.model_construct(
        url=url,
        source=source,
        record=record,
        media_type=content_type or "text/html",
        charset=charset,
        title=parts.title,
        text=full,
        blocks=blocks,
        language=page_lang,
        html_lang=parts.html_lang,
        links=links,
        warnings=warnings,
        meta=parts.meta,
    )


_PARAGRAPH = re.compile(r"\n\s*\n|\r\n\s*\r\n")


def _text_blocks(text: str, tag: str) -> list[tuple[str, str]]:
    # a text keeps the soft hyphens and zero-width spaces of the page it was copied from
    # (« Stamm\u00adzellen »): dropped as the HTML walker drops them, or they split terms
    if not text.isascii():
        text = clean_invisible(text)
    out: list[tuple[str, str]] = []
    for para in _PARAGRAPH.split(text):
        # Single newlines inside a paragraph are line wrapping, not a block boundary.
        collapsed = " ".join(para.split())
        if collapsed:
            out.append((collapsed, tag))
    return out


#: typographic ligatures a PDF's text holds as one character (« ﬁ », « ﬀ », « ﬃ »): « eﬃcace »
#: must read « efficace » for the lexicons
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
#: a word broken at a printed line's end by a soft hyphen
_SOFT_BREAK = re.compile("\u00ad[ \t]*\r?\n[ \t]*")
#: what ends a line that ends its paragraph (a sentence, a label, a quotation)
_LINE_ENDS_PARAGRAPH = (".", "!", "?", ":", "»", "”", '"', "…")
#: a line shorter than this share of the page's longest line ends its paragraph (a heading, the
#: last line of a paragraph), unless it ends with a hyphen or a comma
_SHORT_LINE = 0.6


def _pdf_blocks(text: str, tag: str) -> list[tuple[str, str]]:
    """The paragraphs of a PDF page's text, whose lines are the page's printed lines.

    pypdf gives one line per printed line, rarely a blank line between paragraphs: a line
    continues the one before unless that one ends a sentence or is short (a heading, the last
    line of a paragraph, a page's footer), so that a heading and its paragraph, or a footer and
    the last sentence, are never one block.
    """
    out: list[tuple[str, str]] = []
    if not text.isascii():
        # a soft hyphen ending a printed line joins the word it broke (« Stamm\u00ad\nzellen »)
        text = clean_invisible(_SOFT_BREAK.sub("", text.translate(_LIGATURES)))
    for para in _PARAGRAPH.split(text):
        lines = [" ".join(line.split()) for line in para.splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            continue
        longest = max(map(len, lines))
        current = lines[0]
        for before, line in zip(lines, lines[1:], strict=False):
            ends = before.endswith(_LINE_ENDS_PARAGRAPH) or (
                len(before) < _SHORT_LINE * longest and not before.endswith(("-", ","))
            )
            if ends:
                out.append((current, tag))
                current = line
            elif before.endswith("-") and line[:1].islower():
                current = current[:-1] + line  # « Stamm-\nzellen »: a word broken at the line's end
            else:
                current += " " + line
        out.append((current, tag))
    return out


def document_from_excerpt(text: str, url: str) -> Document:
    """A page excerpt stored as text whose lines were the page's blocks (a labelled excerpt, a
    line of an excerpts file): each line becomes a block, as the page's HTML made them."""
    return document_from_text("\n\n".join(text.splitlines()), url, source="text")


def document_from_text(
    data: bytes | str,
    url: str,
    *,
    content_type: str | None = "text/plain",
    record: RecordRef | None = None,
    source: DocumentSource = "text",
    language_hint: str | None = None,
) -> Document:
    """A plain-text document: paragraphs (blank-line separated) become blocks."""
    warnings: list[str] = []
    if isinstance(data, bytes):
        if looks_binary(data):
            warnings.append("binary content, not text: no text extracted")
            data = b""
        text, charset, cw = decode(data[:MAX_HTML_BYTES], content_type)
        warnings.extend(cw)
    else:
        text, charset = data, "utf-8"
    full, blocks, page_lang, aw = _assemble(_text_blocks(text, "p"), page_hint=language_hint)
    warnings.extend(aw)
    if not full.strip():
        warnings.append("no visible text")
    return Document.model_construct(
        url=url,
        source=source,
        record=record,
        media_type=content_type,
        charset=charset,
        title="",
        text=full,
        blocks=blocks,
        language=page_lang,
        html_lang=None,
        links=[],
        warnings=warnings,
        meta={},
    )


def document_from_pdf(
    data: bytes,
    url: str,
    *,
    content_type: str | None = "application/pdf",
    record: RecordRef | None = None,
    source: DocumentSource = "pdf",
) -> Document:
    """Text of a PDF (pypdf), one block per paragraph of each page. Never raises."""
    warnings: list[str] = []
    pages_text: list[tuple[str, str]] = []
    title = ""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.metadata and reader.metadata.title:
            title = str(reader.metadata.title)
        budget = MAX_TEXT_CHARS
        for number, page in enumerate(reader.pages, start=1):
            try:
                raw = page.extract_text() or ""
            except Exception as exc:  # one broken page must not lose the others
                warnings.append(f"page {number}: text extraction failed ({type(exc).__name__})")
                continue
            pages_text.extend(_pdf_blocks(raw, f"pdf-page-{number}"))
            budget -= len(raw)
            if budget <= 0:
                warnings.append(f"PDF text cut after page {number}")
                break
    except Exception as exc:  # pypdf raises many types on corrupt files
        warnings.append(f"unreadable PDF ({type(exc).__name__}: {str(exc)[:120]})")
    if title:
        pages_text.insert(0, (" ".join(title.split()), "title"))
    full, blocks, page_lang, aw = _assemble(pages_text, page_hint=None)
    warnings.extend(aw)
    if not full.strip():
        warnings.append("no visible text")
    return Document.model_construct(
        url=url,
        source=source,
        record=record,
        media_type=content_type,
        charset=None,
        title=title,
        text=full,
        blocks=blocks,
        language=page_lang,
        html_lang=None,
        links=[],
        warnings=warnings,
        meta={},
    )
