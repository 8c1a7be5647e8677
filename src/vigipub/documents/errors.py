"""Errors of the documents stage.

Hierarchy::

    vigipub.evidence.errors.VigipubError
     ├── InputError
     │    └── DocumentInputError     the qualification or case cannot make this document
     │         ├── UnknownFormatError    an output format we do not produce
     │         └── TemplateError         a template is missing, invalid or uses an undefined variable
     └── CitationError
          └── UnsupportedConclusionError  a decision asked for a qualification that finds no violation
"""

from __future__ import annotations

from vigipub.evidence.errors import CitationError, InputError


class DocumentInputError(InputError):
    """The qualification or the case cannot produce the requested document."""


class UnknownFormatError(DocumentInputError):
    """An output format other than html, pdf, docx or md."""


class TemplateError(DocumentInputError):
    """A template is missing, does not parse, or uses a variable the context does not define."""


class UnsupportedConclusionError(CitationError):
    """A decision, letter or public notice was asked for a qualification that finds no violation."""
