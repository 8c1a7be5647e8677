"""The pipeline's step messages (``vigipub.pipeline.Step`` templates), marked for the catalogue.

The pipeline knows nothing of Django: it says its steps in English. A job's progress is shown
to the agency in its language, so each template is a msgid of ``locale/*/django.po``
(``scripts/messages.sh`` finds them here); ``tests/web/test_steps.py`` fails when a step of the
pipeline has no entry here or no French translation.
"""

from django.utils.translation import gettext_noop

STEP_TEMPLATES = (
    gettext_noop("capturing {url}"),
    gettext_noop("analysing {count} captured documents"),
    gettext_noop("checking the authorisation registers"),
    gettext_noop("qualifying the facts"),
    gettext_noop("drafting the report and the decision"),
    gettext_noop("closing the interrupted capture as it stood"),
    gettext_noop("capturing {url} again (the first attempt stopped before any page)"),
    gettext_noop("verifying the original dossier {dossier}"),
    gettext_noop("site unreachable: {error}"),
    gettext_noop("capturing {url} (the site seems to have moved there)"),
    gettext_noop("comparing with the original capture"),
    gettext_noop("importing the recording {file}"),
)
