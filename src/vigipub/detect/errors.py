"""Errors of the detect stage.

Hierarchy::

    vigipub.evidence.errors.InputError
     └── LexiconError     a lexicon data file is malformed (names the file and entry id)

Bad pages are never errors: they get a verdict (``uncertain`` when nothing can be said).
"""

from __future__ import annotations

from vigipub.evidence.errors import InputError


class LexiconError(InputError):
    """A lexicon or verdict data file cannot be loaded."""
