"""Extract stage: WARC records and local files -> :class:`~vigipub.evidence.Document`.

Public API::

    iter_documents(path, *, stats=None) -> Iterator[Document]
    iter_warc(path, *, warc_name=None, stats=None) -> Iterator[Document]
    document_from_html(data, url, *, content_type=None, record=None, source="http") -> Document
    document_from_pdf(data, url, *, content_type="application/pdf", record=None, source="pdf") -> Document
    document_from_text(data, url, *, content_type="text/plain", record=None, source="text") -> Document
    document_from_excerpt(text, url) -> Document     # a page excerpt: its lines were the page's blocks
    warm_up() -> None                       # load the language model before a timed batch
"""

from __future__ import annotations

from .build import (
    MAX_HTML_BYTES,
    MAX_TEXT_CHARS,
    document_from_excerpt,
    document_from_html,
    document_from_pdf,
    document_from_text,
)
from .errors import ExtractError, ExtractIntegrityError
from .language import SUPPORTED as SUPPORTED_LANGUAGES
from .language import warm_up
from .sources import ExtractStats, iter_documents, iter_warc

__all__ = [
    "MAX_HTML_BYTES",
    "MAX_TEXT_CHARS",
    "SUPPORTED_LANGUAGES",
    "ExtractError",
    "ExtractIntegrityError",
    "ExtractStats",
    "document_from_excerpt",
    "document_from_html",
    "document_from_pdf",
    "document_from_text",
    "iter_documents",
    "iter_warc",
    "warm_up",
]
