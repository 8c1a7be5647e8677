"""Forms of the case application (Django validates; services decide)."""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vigipub.cases.defences import JURISDICTION, catalogue
from vigipub.evidence.casework import DocumentKind, ObservationKind, Role
from vigipub.law import LawDataError


@cache
def _defence_texts() -> dict[str, dict[str, str]]:
    """Each argument's label in English and its French claim, from the law package's catalogue.

    A missing or broken catalogue raises :class:`vigipub.law.LawDataError` naming the file: the
    form never offers a list of arguments the qualification engine would not know.
    """
    defences = catalogue()
    if not defences:
        raise LawDataError("no defence catalogue: the observations form would offer no argument",
                           where=f"jurisdiction {JURISDICTION} of vigipub.law")
    return {
        ident: {"en": defence.label, "fr": " ".join(defence.claim_fr.split()) or defence.label}
        for ident, defence in defences.items()  # aliases are not offered: each argument once
    }


def defence_labels() -> dict[str, str]:
    """Defence id -> label in the active language (the French one is the law package's wording)."""
    language = "fr" if (get_language() or "fr").startswith("fr") else "en"
    return {ident: texts[language] for ident, texts in _defence_texts().items()}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class NewCaseForm(forms.Form):
    urls = forms.CharField(
        label=_("Website addresses"),
        help_text=_("One URL per line; URLs of the same site (registrable domain) make one case."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=200_000,
    )
    capture = forms.BooleanField(label=_("Capture the websites now"), required=False, initial=True)
    max_pages = forms.IntegerField(label=_("Pages to capture at most"), min_value=1, max_value=1000, initial=30)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Leads file"),
        help_text=_("leads.json or leads.csv as batch triage exports them, or a text file of URLs."),
    )
    capture = forms.BooleanField(label=_("Capture every site now"), required=False, initial=False)


class OperatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, required=False)
    registrations = forms.CharField(
        label=_("Register numbers"),
        help_text=_("One per line (RCS, IDE/UID, Handelsregister…)."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class ProductForm(forms.Form):
    product = forms.CharField(label=_("Product, as the site names it"), max_length=300)
    article = forms.ChoiceField(
        label=_("Its article in the decision"),
        choices=[("", _("from the therapy family")), ("la", "la"), ("le", "le"), ("les", "les"), ("l'", "l’")],
        required=False,
    )


class UrgencyForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the urgency"),
        help_text=_("Quoted in the decision (CRPA L. 121-2 1°)."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class TransitionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    date = forms.DateField(label=_("Date"), required=False, widget=DateInput())


class ObservationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (ObservationKind.WRITTEN, _("Written observations")),
            (ObservationKind.ORAL, _("Oral observations (hearing)")),
            (ObservationKind.HEARING_REQUEST, _("Request to be heard")),
        ],
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    text = forms.CharField(
        label=_("The company's words"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=20_000
    )
    defences = forms.MultipleChoiceField(
        label=_("Arguments raised (each is answered in the decision)"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    other_summary = forms.CharField(
        label=_("Another argument (what the company says)"),
        help_text=_("An argument outside the list: « la société fait valoir que … »."),
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000,
    )
    other_answer = forms.CharField(
        label=_("The Agency's answer to it"),
        help_text=_("A complete French sentence, written into the decision."),
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=8000,
    )
    other_basis = forms.CharField(
        label=_("Articles it rests on"), help_text=_("E.g. CSP L. 5122-1, CSP L. 5311-1 (comma-separated)."),
        required=False, max_length=500,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["defences"]).choices = sorted(defence_labels().items())

    def free_arguments(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        basis = [b.strip() for b in data.get("other_basis", "").split(",") if b.strip()]
        return [{"summary": data.get("other_summary", ""), "answer": data.get("other_answer", ""), "basis": basis}]


class WebsiteForm(forms.Form):
    url = forms.CharField(label=_("Website address"), max_length=2000)


class CaptureForm(forms.Form):
    website = forms.IntegerField(widget=forms.HiddenInput)
    max_pages = forms.IntegerField(label=_("Pages at most"), min_value=1, max_value=1000, initial=30)


class RecordingForm(forms.Form):
    """A WARC recorded in an ordinary browser, for a site whose firewall refuses captures."""

    website = forms.IntegerField(widget=forms.HiddenInput)
    recording = forms.FileField(
        label=_("Browser recording (WARC)"),
        help_text=_(
            "For a site that refuses automated captures: record it in an ordinary browser "
            "(ArchiveWeb.page, Webrecorder) and give the WARC file it wrote."
        ),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accepted", _("Accept")), ("rejected", _("Reject"))])
    findings = forms.CharField(widget=forms.HiddenInput, required=False)  # ids, comma-separated; empty: all pending
    comment = forms.CharField(label=_("Comment"), required=False, max_length=4000)


class LabelForm(forms.Form):
    label = forms.ChoiceField(
        label=_("Page label"),
        choices=[("", _("from the reviewed findings")), ("promotion", _("promotion")), ("not_promotion", _("not promotion"))],
        required=False,
    )


def _signatories() -> Any:
    return get_user_model().objects.filter(groups__name=str(Role.SIGNATORY), is_active=True).order_by("username")


class SignatoryChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.get_username()
        title = getattr(getattr(obj, "vigipub_profile", None), "title", "")
        return f"{name} — {title}" if title else str(name)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"),
        choices=[
            (DocumentKind.LETTER, _("Letter of intent")),
            (DocumentKind.DECISION, _("Decision")),
            (DocumentKind.NEWS, _("News item")),
            (DocumentKind.ALERT, _("Patient alert")),
        ],
    )
    on = forms.DateField(label=_("Date of the document"), widget=DateInput())
    signatory = SignatoryChoice(label=_("Signatory (decision)"), queryset=None, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(SignatoryChoice, self.fields["signatory"]).queryset = _signatories()
        self.fields["on"].initial = timezone.localdate()


class RecheckForm(forms.Form):
    website = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Re-check on"), widget=DateInput())
