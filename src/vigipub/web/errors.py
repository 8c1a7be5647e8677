"""What the web application says of a failure, in the agency's language.

The processing stages (capture, extraction, registers, qualification, case and lead files)
raise errors whose message is technical and in English, with ``where`` (a URL, a file, a
line): what an engineer or an operator needs. An inspector reads first a sentence in the
interface's language saying what went wrong (one per kind of failure,
:func:`vigipub.pipeline.error_kind`), then that detail, unchanged, so that nothing is lost
when the failure is reported.

The sentences are gettext messages (``locale/fr``): their wording changes without touching
Python. An error the web layer itself wrote in the agency's language (:class:`AgencyMessage`)
is shown as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from vigipub import pipeline
from vigipub.cases.errors import ProcedureError
from vigipub.evidence.errors import InputError


class AgencyMessage:
    """Mixed into an error whose message is already in the agency's language (gettext)."""


class AgencyInputError(AgencyMessage, InputError):
    """An input the web layer refuses, said in the agency's language."""


class AgencyProcedureError(AgencyMessage, ProcedureError):
    """A step of the procedure refused by the web layer, said in the agency's language."""


#: per kind of failure (vigipub.pipeline.error_kind), what an inspector reads first
SENTENCES: dict[str, str] = {
    "refused_address": gettext_noop(
        "The site's address leads to a private or internal network address, which captures refuse "
        "(protection of the agency's network)."
    ),
    "invalid_url": gettext_noop("The site's address is not a valid web address."),
    "unreachable": gettext_noop("The site could not be reached: it may be down, or refuse automated visits."),
    "not_html": gettext_noop("The start address is not a web page."),
    "empty_site": gettext_noop("No page of the site could be captured."),
    "anti_bot": gettext_noop(
        "The site's firewall answered with an anti-bot check instead of its pages: nothing of the "
        "site was captured. Record it in an ordinary browser (ArchiveWeb.page, Webrecorder) and give "
        "the recording to the case, or capture it through another network exit (proxy)."
    ),
    "timestamp": gettext_noop("The timestamping authority did not answer: the evidence was not sealed."),
    "capture": gettext_noop("The capture could not start."),
    "leads": gettext_noop("The list of sites is invalid."),
    "procedure": gettext_noop("This step of the procedure is not possible now."),
    "case_file": gettext_noop("The case file is invalid."),
    "registers": gettext_noop("The authorisation registers could not be read."),
    "qualify": gettext_noop("The facts could not be qualified."),
    "extract": gettext_noop("The captured pages could not be read."),
    "integrity": gettext_noop(
        "The evidence no longer matches its recorded fingerprints: it must not be used as it is."
    ),
    "citation": gettext_noop("A legal statement could not cite its article in force."),
    "input": gettext_noop("The input was refused."),
    "failed": gettext_noop("The operation failed."),
}


def explain(exc: BaseException) -> str:
    """The sentence an inspector reads for ``exc`` (active language), then its technical detail."""
    detail = " ".join(str(exc).split())
    if isinstance(exc, AgencyMessage):
        return detail
    sentence = SENTENCES.get(pipeline.error_kind(exc))
    if sentence is None:
        return detail
    return gettext("%(sentence)s Technical detail: %(detail)s") % {"sentence": gettext(sentence), "detail": detail}
