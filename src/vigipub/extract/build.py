"""Build :class:`Document` objects from HTML, PDF and plain-text bytes."""

from __future__ import annotations

import io
import re

from vigipub.evidence.core import RecordRef
from vigipub.evidence.document import Block, Document, DocumentSource

from . import language as lang_mod
from ._fast import make_block, make_link
from .charset import decode, looks_binary
from .html import parse_html

#: HTML bytes parsed at most; larger payloads are cut (with a warning) so that a 50 MB page
#: costs the same as a 16 MB one.
MAX_HTML_BYTES = 16 * 1024 * 1024
#: characters of visible text kept per document
MAX_TEXT_CHARS = 2_000_000
#: per-block classifier calls allowed per page (stop-word votes are unlimited)
MAX_BLOCK_MODEL_CALLS = 8


def _assemble(
    blocks: list[tuple[str, str]],
    *,
    page_hint: str | None,
    max_chars: int = MAX_TEXT_CHARS,
) -> tuple[str, list[Block], str, list[str]]:
    """Join blocks with newlines, compute offsets and languages."""
    warnings: list[str] = []
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for text, tag in blocks:
        if pos + len(text) > max_chars:
            text = text[: max(0, max_chars - pos)]
            warnings.append(f"text truncated to {max_chars} characters")
            if text:
                pieces.append(text)
                spans.append((pos, pos + len(text), tag))
            break
        pieces.append(text)
        spans.append((pos, pos + len(text), tag))
        pos += len(text) + 1
    full = "\n".join(pieces)
    # The page language is judged on the body (title/meta are short and often English SEO).
    body_sample = " ".join(p for p, (_s, _e, tag) in zip(pieces, spans, strict=False) if tag != "meta")
    page_lang = lang_mod.classify(body_sample[:2000], page_hint) if full.strip() else (
        lang_mod.normalise_tag(page_hint) or lang_mod.OTHER
    )
    if page_lang not in lang_mod.SUPPORTED and page_lang != lang_mod.OTHER:
        page_lang = lang_mod.OTHER
    out: list[Block] = []
    calls = 0
    for (start, end, tag), piece in zip(spans, pieces, strict=False):
        allow = calls < MAX_BLOCK_MODEL_CALLS
        blang = lang_mod.block_language(piece, page_lang, allow_model=allow)
        if allow and len(piece) >= 120 and blang is not None:
            calls += 1
        out.append(make_block(start, end, tag, blang))
    return full, out, page_lang, warnings


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
        return Document.model_construct(
            url=url, source=source, record=record, media_type=content_type, charset=None, title="",
            text="", blocks=[], language=lang_mod.OTHER, html_lang=None, links=[], warnings=warnings,
            meta={},
        )
    if len(data) > MAX_HTML_BYTES:
        warnings.append(f"page of {len(data)} bytes cut to the first {MAX_HTML_BYTES} bytes")
        data = data[:MAX_HTML_BYTES]
    text, charset, cw = decode(data, content_type)
    warnings.extend(cw)
    try:
        # lexbor parses UTF-8 bytes about twice as fast as a str; reuse the bytes when they
        # are UTF-8 already (the common case), else re-encode the decoded text.
        source_bytes = data if charset in ("utf-8", "ascii") else text.encode("utf-8", "surrogatepass")
        parts = parse_html(source_bytes, url, max_chars=MAX_TEXT_CHARS)
    except Exception as exc:  # lexbor is robust; this guards against selectolax bugs only
        warnings.append(f"HTML parser failed ({type(exc).__name__}); no text extracted")
        return Document.model_construct(
            url=url, source=source, record=record, media_type=content_type, charset=charset,
            title="", text="", blocks=[], language=lang_mod.OTHER, html_lang=None, links=[],
            warnings=warnings, meta={},
        )
    if parts.truncated:
        warnings.append(f"visible text cut at about {MAX_TEXT_CHARS} characters")
    full, blocks, page_lang, aw = _assemble(parts.blocks, page_hint=parts.html_lang)
    warnings.extend(w for w in aw if w not in warnings)
    if not full.strip():
        warnings.append("no visible text")
    links = [make_link(u, t, h, r) for u, t, h, r in parts.links]
    return Document.model_construct(
        url=url, source=source, record=record, media_type=content_type or "text/html",
        charset=charset, title=parts.title, text=full, blocks=blocks, language=page_lang,
        html_lang=parts.html_lang, links=links, warnings=warnings, meta=parts.meta,
    )


_PARAGRAPH = re.compile(r"\n\s*\n|\r\n\s*\r\n")


def _text_blocks(text: str, tag: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for para in _PARAGRAPH.split(text):
        # Single newlines inside a paragraph are line wrapping, not a block boundary.
        collapsed = " ".join(para.split())
        if collapsed:
            out.append((collapsed, tag))
    return out


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
        url=url, source=source, record=record, media_type=content_type, charset=charset, title="",
        text=full, blocks=blocks, language=page_lang, html_lang=None, links=[], warnings=warnings,
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
            pages_text.extend(_text_blocks(raw, f"pdf-page-{number}"))
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
        url=url, source=source, record=record, media_type=content_type, charset=None, title=title,
        text=full, blocks=blocks, language=page_lang, html_lang=None, links=[], warnings=warnings,
        meta={},
    )
