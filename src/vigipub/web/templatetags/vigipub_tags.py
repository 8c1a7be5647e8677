"""Labels of the closed vocabularies in the user's language, and small helpers."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATUS = {
    "lead": _("Lead"),
    "investigation": _("Investigation"),
    "letter_of_intent": _("Letter of intent"),
    "observations": _("Observations"),
    "decision": _("Decision"),
    "published": _("Published"),
    "follow_up": _("Follow-up"),
    "closed": _("Closed"),
    "escalated": _("Escalated"),
}
STATUS_BADGE = {
    "lead": "new",
    "investigation": "info",
    "letter_of_intent": "info",
    "observations": "warning",
    "decision": "warning",
    "published": "success",
    "follow_up": "success",
    "closed": "",
    "escalated": "error",
}
KIND = {
    "letter": _("Letter of intent"),
    "decision": _("Decision"),
    "news": _("News item"),
    "alert": _("Patient alert"),
}
FINDING = {
    "therapy": _("therapy"),
    "manipulation": _("manipulation"),
    "disease": _("disease"),
    "claim": _("claim"),
    "testimonial": _("testimonial"),
    "call_to_action": _("call to action"),
    "travel": _("travel"),
    "france_targeting": _("French targeting"),
    "reporting_context": _("reporting context"),
    "genre": _("page genre"),
}
DECISION = {"pending": _("to review"), "accepted": _("accepted"), "rejected": _("rejected")}
VERDICT = {
    "promotion": _("promotion"),
    "not_promotion": _("not promotion"),
    "uncertain": _("uncertain"),
    "": "—",
}
CONCLUSION = {"violation": _("violation"), "no_violation": _("no violation"), "undetermined": _("undetermined"), "": "—"}
JOB = {"queued": _("queued"), "running": _("running"), "done": _("done"), "failed": _("failed")}
JOB_KIND = {"capture": _("capture and analysis"), "render": _("document rendering"), "recheck": _("compliance re-check")}
OBSERVATION = {
    "written_observations": _("Written observations"),
    "oral_observations": _("Oral observations"),
    "hearing_request": _("Request to be heard"),
}
RECHECK = {
    "complied": _("complied"),
    "partially_complied": _("partially complied"),
    "not_complied": _("not complied"),
    "unreachable": _("unreachable"),
    "": "—",
}
DEADLINE = {"observations": _("end of the observation period"), "recheck": _("compliance re-check"), "": ""}
ROLE = {
    "inspector": _("inspector"),
    "legal_reviewer": _("legal reviewer"),
    "signatory": _("signatory"),
    "administrator": _("administrator"),
}
TABLES: dict[str, dict[str, Any]] = {
    "status": STATUS, "kind": KIND, "finding": FINDING, "decision": DECISION, "verdict": VERDICT,
    "conclusion": CONCLUSION, "job": JOB, "job_kind": JOB_KIND, "observation": OBSERVATION,
    "recheck": RECHECK, "deadline": DEADLINE, "role": ROLE,
}


@register.filter
def label(value: Any, table: str) -> Any:
    """``{{ case.status|label:"status" }}``: the translated label of a vocabulary value."""
    return TABLES[table].get(str(value if value is not None else ""), value)


@register.filter
def status_badge(value: str) -> str:
    return STATUS_BADGE.get(value, "")


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def short_hash(value: str) -> str:
    value = str(value or "")
    return value.removeprefix("sha256:")[:16]
