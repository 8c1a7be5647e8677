"""Errors of the case domain (case files and procedure checks).

Hierarchy::

    vigipub.evidence.errors.VigipubError
     └── InputError
          └── CaseFileError          a case file is invalid; ``where`` is ``path:line``
               └── ProcedureError    the adversarial procedure does not allow this step yet
          └── LeadsError             a lead file or URL list is invalid; ``where`` is ``file:line``
"""

from __future__ import annotations

from vigipub.evidence.errors import InputError


class CaseFileError(InputError):
    """A case file is unreadable or invalid (``where`` = ``file:line``)."""


class ProcedureError(CaseFileError):
    """The procedure forbids the requested step (e.g. a decision while observations are still open)."""


class LeadsError(InputError):
    """A lead file or URL list is invalid (``where`` = ``file:line``)."""
