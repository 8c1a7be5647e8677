"""Errors of the registers stage.

Hierarchy (all are :class:`vigipub.evidence.errors.InputError`, exit code 2)::

    RegistersError                  base of this stage; ``where`` names the file, URL or DB
     ├── RegisterFileError          a register file is missing, unreadable or malformed
     │    ├── RegisterEncodingError  bytes that are neither strict UTF-8 nor clean cp1252
     │    └── RegisterLayoutError    wrong column count/order/values, truncation, too few rows
     ├── RegisterDownloadError      a publisher's download address could not be fetched
     ├── RegisterDatabaseError      the SQLite database is missing, locked or unreadable
     ├── QueryError                 a lookup query that cannot be answered
     │    ├── EmptyQueryError
     │    └── QueryTooLongError
     └── UnknownFamilyError         a therapy family id absent from evidence.vocabulary

A failed update never replaces anything: the previous snapshot stays usable.
"""

from __future__ import annotations

from vigipub.evidence.errors import InputError


class RegistersError(InputError):
    """Base of the registers stage errors."""


class RegisterFileError(RegistersError):
    """A register file is missing, unreadable or malformed."""


class RegisterEncodingError(RegisterFileError):
    """A register file is in an encoding we do not accept (UTF-16, mojibake, stray bytes)."""


class RegisterLayoutError(RegisterFileError):
    """A register file does not have the expected layout."""


class RegisterDownloadError(RegistersError):
    """A register could not be downloaded from its publisher."""


class RegisterDatabaseError(RegistersError):
    """The register database cannot be opened or built."""


class QueryError(RegistersError):
    """A lookup query that cannot be answered."""


class EmptyQueryError(QueryError):
    """The query is empty or holds no letters or digits."""


class QueryTooLongError(QueryError):
    """The query exceeds the length limit."""


class UnknownFamilyError(RegistersError):
    """The therapy family id is not one of ``vigipub.evidence.vocabulary.THERAPY_FAMILIES``."""
