"""Errors of the law package.

Hierarchy::

    CitationError (vigipub.evidence)     a legal statement cannot cite its article (exit 1)
     ├── ArticleNotInForceError          no version of the article is in force on that date
     ├── UnknownArticleError             a rule names an article no module defines
     └── OverlappingVersionsError        two versions of an article claim the same date
    InputError (vigipub.evidence)        bad input (exit 2)
     ├── UnknownJurisdictionError        ``get_jurisdiction("XX")`` with no registered XX
     └── LawDataError                    a law text, parameter or defence file is unreadable
"""

from __future__ import annotations

from vigipub.evidence.errors import CitationError, InputError


class ArticleNotInForceError(CitationError):
    """No version of the article is in force on the requested date."""


class UnknownArticleError(CitationError):
    """An article key that no article module defines."""


class UnknownJurisdictionError(InputError):
    """No jurisdiction registered under that code."""


class LawDataError(InputError):
    """A law text, parameter or defence file is missing or malformed."""


class OverlappingVersionsError(CitationError):
    """Two versions of one article are in force on the same date (broken law data)."""
