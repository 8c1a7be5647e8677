"""Who may do what, besides the procedure's transitions (which name their roles themselves).

Separation of duties: only a signatory signs; an administrator manages accounts but takes
no part in a case unless also given a case role.
"""

from __future__ import annotations

from vigipub.evidence.casework import Capability, Role

_CASEWORK = frozenset({Role.INSPECTOR, Role.LEGAL_REVIEWER})

CAPABILITIES: dict[Capability, frozenset[Role]] = {
    Capability.CREATE_CASE: _CASEWORK,
    Capability.EDIT_CASE: _CASEWORK,
    Capability.REVIEW: _CASEWORK,
    Capability.RECORD_PROCEDURE: _CASEWORK,
    Capability.DECLARE_URGENCY: frozenset({Role.LEGAL_REVIEWER}),
    Capability.GENERATE_DOCUMENT: _CASEWORK,
    Capability.SIGN: frozenset({Role.SIGNATORY}),
    Capability.SCHEDULE_RECHECK: _CASEWORK,
    Capability.EXPORT_REVIEWS: _CASEWORK,
    Capability.VIEW_AUDIT: frozenset({Role.ADMINISTRATOR, Role.LEGAL_REVIEWER, Role.SIGNATORY}),
    Capability.MANAGE_USERS: frozenset({Role.ADMINISTRATOR}),
}


def can(roles: set[Role] | frozenset[Role], capability: Capability) -> bool:
    return bool(set(roles) & CAPABILITIES[capability])


__all__ = ["CAPABILITIES", "Capability", "can"]
