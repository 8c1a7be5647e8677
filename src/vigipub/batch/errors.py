"""Errors of batch triage.

Hierarchy::

    VigipubError (evidence.errors)
     └── InputError                 exit code 2
          └── TriageInputError      an input cannot be listed, opened or read (file, URL, s3://)
               └── CorruptInput     a WARC file is corrupt or truncated (its earlier records count)

A failed input never stops a run: the engine records it (``inputs/<id>.json``), keeps the
records read before the damage, goes on with the others and exits with code 1 at the end.
"""

from __future__ import annotations

from vigipub.evidence.errors import InputError


class TriageInputError(InputError):
    """An input of ``vigipub triage`` cannot be listed, opened or read."""


class CorruptInput(TriageInputError):
    """A WARC file is corrupt or truncated."""
