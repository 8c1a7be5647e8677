"""Errors of the extract stage.

Hierarchy::

    vigipub.evidence.errors.InputError
     └── ExtractError        a file or record cannot be read at all (missing, unreadable,
                             not a WARC, unsupported type); names the path or record
    vigipub.evidence.errors.IntegrityError
     └── ExtractIntegrityError  a WARC is truncated or corrupt mid-stream

Pages that are merely ugly (bad charset, binary bytes, empty, huge) are never errors: they
become a Document with ``warnings``.
"""

from __future__ import annotations

from vigipub.evidence.errors import InputError, IntegrityError


class ExtractError(InputError):
    """A file or record cannot be read as a document source."""


class ExtractIntegrityError(IntegrityError):
    """A WARC file is corrupt or truncated."""
