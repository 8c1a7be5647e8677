"""Authorisation registers: BDPM (France) and EMA (EU) snapshots → register facts.

``Registers.open()`` builds a SQLite database from the snapshot shipped in the package on
first use (or opens the one ``vigipub registry update`` refreshed), then answers lookups
(:meth:`Registers.lookup`) and the qualification stage's question
(:meth:`Registers.check_therapy`) with the registers' own wording, dates and sources.
"""

from __future__ import annotations

from .api import MAX_QUERY_CHARS, Registers, default_db_path
from .errors import (
    EmptyQueryError,
    QueryError,
    QueryTooLongError,
    RegisterDatabaseError,
    RegisterDownloadError,
    RegisterEncodingError,
    RegisterFileError,
    RegisterLayoutError,
    RegistersError,
    UnknownFamilyError,
)

__all__ = [
    "MAX_QUERY_CHARS",
    "EmptyQueryError",
    "QueryError",
    "QueryTooLongError",
    "RegisterDatabaseError",
    "RegisterDownloadError",
    "RegisterEncodingError",
    "RegisterFileError",
    "RegisterLayoutError",
    "Registers",
    "RegistersError",
    "UnknownFamilyError",
    "default_db_path",
]
