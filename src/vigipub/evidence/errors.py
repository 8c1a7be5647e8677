"""Errors shared by every stage.

Hierarchy (each stage's own ``errors.py`` subclasses these)::

    VigipubError                 base; ``where`` names the file, URL, record or line concerned
     ├── InputError              bad user input (exit code 2): invalid URL, unreadable file, bad schema
     │    └── SchemaVersionError a JSON dossier file written by an incompatible schema version
     ├── IntegrityError          a digest, chain or timestamp does not match (never silenced)
     └── CitationError           a legal statement that cannot cite its article (never silenced)

Third-party exceptions are translated into these at the boundary of each stage, so that the
CLI can print one line (``error: <where>: <message>``) and choose the exit code.
"""

from __future__ import annotations


class VigipubError(Exception):
    """Base of all vigipub errors; ``where`` locates the problem for the user."""

    exit_code = 2

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InputError(VigipubError):
    """The user's input is invalid (exit code 2)."""


class SchemaVersionError(InputError):
    """A dossier file was written with a schema version this software cannot read."""


class IntegrityError(VigipubError):
    """Evidence does not match its recorded digest, chain or timestamp (exit code 1)."""

    exit_code = 1


class CitationError(VigipubError):
    """A legal statement has no valid article reference."""

    exit_code = 1
