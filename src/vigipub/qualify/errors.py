"""Errors of the qualification stage.

Hierarchy::

    InputError (vigipub.evidence)
     ├── SchemaVersionError (vigipub.evidence)  findings/authorisations of an incompatible schema
     └── QualifyInputError                      unreadable or invalid findings/authorisations/case
    CitationError (vigipub.evidence)
     └── RuleDefinitionError                    a rule cites an unknown article, or rules form a cycle
"""

from __future__ import annotations

from vigipub.evidence.errors import CitationError, InputError


class QualifyInputError(InputError):
    """A findings, authorisations or case file cannot be read or validated."""


class RuleDefinitionError(CitationError):
    """A rule set is inconsistent: unknown article, unknown dependency, or a cycle."""
