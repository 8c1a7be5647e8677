"""Errors of batch triage.

Hierarchy::

    VigipubError (evidence.errors)
     ├── InputError                 exit code 2
     │    └── TriageInputError      an input cannot be listed, opened or read (file, URL, s3://)
     │         └── CorruptInput     a WARC file is corrupt or truncated (its earlier records count)
     └── TriageFailed               exit code 1: the run finished, some inputs failed

A failed input never stops a run: the engine records it (``inputs/<id>.json``), keeps the
records read before the damage, goes on with the others and exits with code 1 at the end.
"""

from __future__ import annotations

from vigipub.evidence.errors import InputError, VigipubError


class TriageInputError(InputError):
    """An input of ``vigipub triage`` cannot be listed, opened or read."""


class CorruptInput(TriageInputError):
    """A WARC file is corrupt or truncated."""


class TriageFailed(VigipubError):
    """The run finished and wrote its result, but some inputs failed (exit code 1)."""

    exit_code = 1
