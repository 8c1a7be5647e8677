"""Documents stage: Qualification + Case → decision, letter of intent, news item, patient alert.

One HTML master per document (Jinja2 templates in ``templates/``), converted to PDF
(WeasyPrint), DOCX (python-docx, named styles) and Markdown. Documents never re-derive the
law: the Vu and Considérants are the qualification's. Imports only ``vigipub.evidence``.
"""

from .errors import DocumentInputError, TemplateError, UnknownFormatError, UnsupportedConclusionError
from .render import (
    FORMATS,
    KINDS,
    RenderedDocument,
    build_context,
    render_alert,
    render_decision,
    render_decision_draft,
    render_letter,
    render_news,
)

__all__ = [
    "FORMATS",
    "KINDS",
    "DocumentInputError",
    "RenderedDocument",
    "TemplateError",
    "UnknownFormatError",
    "UnsupportedConclusionError",
    "build_context",
    "render_alert",
    "render_decision",
    "render_decision_draft",
    "render_letter",
    "render_news",
]
