"""Labels of the closed vocabularies in the user's language, and small helpers."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vigipub.evidence.findings import SUBKIND_LABELS_FR, subkind_name_fr
from vigipub.evidence.vocabulary import THERAPY_FAMILIES

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
    "offer": _("offer"),
}
# How sure the legal-notice reader is of the operator it proposes (Finding.confidence)
CONFIDENCE = {"high": _("high confidence"), "medium": _("medium confidence"), "low": _("low confidence"), "": "—"}
DECISION = {"pending": _("to review"), "accepted": _("accepted"), "rejected": _("rejected")}
VERDICT = {
    "promotion": _("promotion"),
    "not_promotion": _("not promotion"),
    "uncertain": _("uncertain"),
    "": "—",
}
#: a legal test's outcome (vigipub.evidence.qualification.Outcome)
OUTCOME = {"yes": _("yes"), "no": _("no"), "undetermined": _("undetermined"), "not_applicable": _("not applicable"), "": "—"}
#: the measure a qualification proposes (vigipub.evidence.qualification.MeasureKind)
MEASURE = {
    "suspension_of_advertising": _("suspension of the advertising"),
    "suspension_of_all_activities": _("suspension of all activities"),
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
#: which version of a page was analysed (vigipub.evidence.document.DocumentSource)
SOURCE = {
    "http": _("HTTP response"),
    "rendered": _("rendered by the browser"),
    "pdf": _("PDF"),
    "file": _("file"),
    "text": _("text"),
    "": "—",
}
#: what a clue of the operator's identity gives (vigipub.evidence.findings.IdentityField)
IDENTITY_FIELD = {"name": _("name"), "address": _("address"), "registration": _("registration number"), "": "—"}
TABLES: dict[str, dict[str, Any]] = {
    "status": STATUS, "kind": KIND, "finding": FINDING, "decision": DECISION, "verdict": VERDICT,
    "conclusion": CONCLUSION, "job": JOB, "job_kind": JOB_KIND, "observation": OBSERVATION,
    "recheck": RECHECK, "deadline": DEADLINE, "role": ROLE, "source": SOURCE, "confidence": CONFIDENCE,
    "outcome": OUTCOME, "measure": MEASURE, "identity_field": IDENTITY_FIELD,
}


_TRANSLATED: dict[tuple[str, str], dict[str, str]] = {}


@register.filter
def subkind(value: str) -> str:
    """A finding's sub-kind: in French the names the investigation report uses, else the code
    in words (the detector's sub-kinds are an open set coming from the lexicons)."""
    if (get_language() or "").startswith("fr"):
        return SUBKIND_LABELS_FR.get(value, value.replace("_", " "))
    return value.replace("_", " ")


@register.filter
def finding_subkind(finding: Any) -> str:
    """What a finding names, in the user's language: a disease by the lexicon's French label
    (« sclérose en plaques », kept in its attributes), a therapy by its family's French name,
    else :func:`subkind`; the therapy family follows when it differs from the sub-kind."""
    attributes = getattr(finding, "attributes", None) or {}
    french = (get_language() or "").startswith("fr")
    family = str(attributes.get("family") or "")
    text = subkind_name_fr(finding.kind, finding.subkind, attributes) if french else subkind(finding.subkind)
    if family and family != finding.subkind:
        text += " · " + (THERAPY_FAMILIES[family][0] if french and family in THERAPY_FAMILIES else family)
    return text


@register.filter
def label(value: Any, table: str) -> Any:
    """``{{ case.status|label:"status" }}``: the translated label of a vocabulary value.

    Each table is translated once per language (a dashboard shows hundreds of labels)."""
    key = (get_language() or "", table)
    labels = _TRANSLATED.get(key)
    if labels is None:
        labels = _TRANSLATED[key] = {k: str(v) for k, v in TABLES[table].items()}
    return labels.get(str(value if value is not None else ""), value)


@register.filter
def status_badge(value: str) -> str:
    return STATUS_BADGE.get(value, "")


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


#: why two cases may be one, as the case domain records it (``cases.leads.OperatorKey.same_as``
#: and ``services._link_duplicates``: English words, a value after them): shown in the page's
#: language, rows stored before included
_DUPLICATE_REASONS = (
    ("same site ", _("same site %(value)s")),
    ("same registration number ", _("same registration number %(value)s")),
    ("same operator name ", _("same operator name %(value)s")),
)


@register.filter
def duplicate_reason(why: str) -> str:
    """« même site 127.0.0.1:8901 » for the stored « same site 127.0.0.1:8901 »."""
    for prefix, sentence in _DUPLICATE_REASONS:
        if why.startswith(prefix):
            return str(sentence) % {"value": why[len(prefix) :]}
    return why


@register.filter
def short_hash(value: str) -> str:
    value = str(value or "")
    return value.removeprefix("sha256:")[:16]


@register.simple_tag
def colon() -> str:
    """A colon as the active language writes it: French puts a no-break space before it."""
    return "\u00a0:" if (get_language() or "fr").startswith("fr") else ":"


# --------------------------------------------------------------------------- fast rendering
#
# Django renders every form widget through a template of its own: a case page holds a dozen
# forms, and under load that rendering was a third of the page's time. The fields used here
# are simple (text, textarea, date, number, select, checkboxes, hidden), so they are written
# directly in the DSFR's markup.


def _attrs(pairs: dict[str, Any]) -> SafeString:
    parts = []
    for key, value in pairs.items():
        if value is None or value is False:
            continue
        parts.append(format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value))
    return mark_safe("".join(parts))  # every part went through format_html


def _value(bound: BoundField) -> str:
    widget = bound.field.widget
    if isinstance(widget, forms.PasswordInput) and not widget.render_value:
        return ""  # a password is never sent back to the browser
    value = bound.value()
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


@register.simple_tag
def field(bound: BoundField) -> SafeString:
    """A form field in the DSFR's markup: label, hint, input, errors."""
    widget = bound.field.widget
    name = bound.html_name
    ident = bound.id_for_label or f"id_{name}"
    required = bound.field.required
    label = format_html('<label class="fr-label" for="{}">{}{}</label>', ident, bound.label,
                        format_html('<span class="fr-hint-text">{}</span>', bound.help_text) if bound.help_text else "")
    errors = mark_safe("".join(format_html('<p class="fr-error-text">{}</p>', e) for e in bound.errors))
    if isinstance(widget, forms.HiddenInput):
        return format_html('<input type="hidden" name="{}" value="{}" id="{}">', name, _value(bound), ident)
    if isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = {str(v) for v in (bound.value() or [])}
        boxes = [
            format_html(
                '<div class="fr-fieldset__element"><div class="fr-checkbox-group">'
                '<input type="checkbox" name="{}" value="{}" id="{}_{}"{}><label class="fr-label" for="{}_{}">{}</label>'
                "</div></div>",
                name, value, ident, i, _attrs({"checked": str(value) in chosen}), ident, i, text,
            )
            for i, (value, text) in enumerate(getattr(bound.field, "choices", []))
        ]
        return format_html('<fieldset class="fr-fieldset fr-mb-2w"><legend class="fr-fieldset__legend fr-text--regular">'
                           "{}</legend>{}</fieldset>", bound.label, mark_safe("".join(boxes)))
    if isinstance(widget, forms.CheckboxInput):
        return format_html('<div class="fr-checkbox-group fr-mb-2w"><input type="checkbox" name="{}" id="{}"{}>{}</div>',
                           name, ident, _attrs({"checked": bool(bound.value())}), label)
    if isinstance(widget, forms.Select):
        current = _value(bound)
        options = [
            format_html('<option value="{}"{}>{}</option>', "" if value is None else value,
                        _attrs({"selected": str(value) == current}), text)
            for value, text in getattr(bound.field, "choices", [])
        ]
        control = format_html('<select class="fr-select" name="{}" id="{}"{}>{}</select>', name, ident,
                              _attrs({"required": required}), mark_safe("".join(options)))
        kind = "select"
    elif isinstance(widget, forms.Textarea):
        control = format_html('<textarea class="fr-input" name="{}" id="{}" rows="{}"{}>{}</textarea>', name, ident,
                              widget.attrs.get("rows", 3), _attrs({"required": required}), _value(bound))
        kind = "input"
    else:
        input_type = getattr(widget, "input_type", "text")
        control = format_html('<input class="fr-input" type="{}" name="{}" id="{}" value="{}"{}>', input_type, name,
                              ident, _value(bound), _attrs({"required": required}))
        kind = "input"
    return format_html('<div class="fr-{}-group fr-mb-2w{}">{}{}{}</div>', kind,
                       " fr-input-group--error" if bound.errors else "", label, control, errors)


@register.simple_tag
def highlighted(segments: list[Any]) -> SafeString:
    """The page's text with every finding marked (one ``<mark>`` per run of text covered by the
    same findings), each linking to its first finding in the review list."""
    out = []
    for seg in segments:
        if not seg.spans:
            out.append(conditional_escape(seg.text))
            continue
        classes = " ".join(["vp-hl", *(f"vp-k-{k}" for k in seg.kinds), f"vp-d-{seg.decision}"])
        title = ", ".join(f"{FINDING.get(s.kind, s.kind)} #{s.key}" for s in seg.spans)
        out.append(format_html('<mark class="{}" title="{}"><a href="#f{}" class="vp-hl-link">{}</a></mark>',
                               classes, title, seg.spans[0].key, seg.text))
    return mark_safe("".join(out))  # each part was escaped above
