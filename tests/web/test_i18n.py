"""French interface by default, English on request; the French catalogue is complete and its
compiled .mo (committed, so that no build step needs GNU gettext) matches the .po."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.test import Client

import vigipub.cases
import vigipub.web

WEB = Path(vigipub.web.__file__).parent
CASES = Path(vigipub.cases.__file__).parent
LOCALE = WEB / "locale"


def _unescape(s: str) -> str:
    return s.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def read_po(path: Path) -> dict[str, str | tuple[str, ...]]:
    """msgid -> msgstr (or the tuple of plural forms), for the entries that are not obsolete."""
    out: dict[str, str | tuple[str, ...]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = _unescape(m.group(2))
            elif line.startswith('"') and key:
                fields[key] += _unescape(line[1:-1])
        if "msgid" not in fields or not fields["msgid"]:
            continue
        if "msgid_plural" in fields:
            out[fields["msgid"]] = tuple(v for k, v in sorted(fields.items()) if k.startswith("msgstr["))
        else:
            out[fields["msgid"]] = fields.get("msgstr", "")
    return out


def template_msgids() -> set[str]:
    found: set[str] = set()
    for path in (WEB / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found |= {m.group(2) for m in re.finditer(r"""{%\s*translate\s+(["'])(.+?)\1""", text)}
        for m in re.finditer(r"{%\s*blocktranslate\b[^%]*%}(.*?){%\s*endblocktranslate\s*%}", text, re.S):
            singular = m.group(1).split("{% plural %}")[0]
            found.add(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", singular))
    return found


def python_msgids() -> set[str]:
    found: set[str] = set()
    pattern = re.compile(r"""\b(?:_|gettext_noop|gettext|gettext_lazy)\(\s*\n?\s*("(?:[^"\\]|\\.)*"(?:\s*\n\s*"(?:[^"\\]|\\.)*")*)""")
    for folder in (WEB, CASES):
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for m in pattern.finditer(path.read_text(encoding="utf-8")):
                parts = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
                found.add(_unescape("".join(parts)))
    return found


def test_every_message_of_the_interface_has_its_french_translation():
    french = read_po(LOCALE / "fr" / "LC_MESSAGES" / "django.po")
    wanted = template_msgids() | python_msgids()
    assert len(wanted) > 300
    missing = sorted(m for m in wanted if not french.get(m))
    assert not missing, f"untranslated (run scripts/messages.sh and translate): {missing[:10]}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_compiled_catalogue_matches_its_source(language):
    po = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    for msgid, msgstr in po.items():
        if isinstance(msgstr, tuple):
            if msgstr and msgstr[0]:
                assert mo.ngettext(msgid, msgid, 1) == msgstr[0], msgid
        elif msgstr:
            assert mo.gettext(msgid) == msgstr, f"{language}: {msgid!r} (run scripts/messages.sh to compile)"


@pytest.mark.django_db
def test_french_by_default_whatever_the_browser_says_english_on_request():
    browser = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = browser.get("/publications/").content.decode()
    assert '<html lang="fr"' in page and "Décisions publiées" in page
    browser.get("/login/")
    response = browser.post("/i18n/setlang/", {"language": "en", "next": "/publications/"})
    assert response.status_code == 302
    page = browser.get("/publications/").content.decode()
    assert '<html lang="en"' in page and "Published decisions" in page
    assert "Log in" in browser.get("/login/").content.decode()


def test_every_vocabulary_value_the_evidence_pages_show_has_a_label() -> None:
    """A finding kind or a reading confidence added to the evidence model must get an interface
    label, or the page shows the raw English code (« offer », « high »)."""
    from typing import get_args

    from vigipub.evidence.findings import Finding, FindingKind
    from vigipub.web.templatetags.vigipub_tags import CONFIDENCE, FINDING

    assert set(get_args(FindingKind)) <= set(FINDING)
    confidence = Finding.model_fields["confidence"].annotation
    assert set(get_args(confidence)) <= set(CONFIDENCE)


def test_a_finding_s_sub_kind_is_named_in_french_on_the_review_page() -> None:
    from django.utils import translation

    from vigipub.web.templatetags.vigipub_tags import subkind

    with translation.override("fr"):
        assert subkind("first_person_outcome") == "résultat raconté par un patient"
        assert subkind("fr_variant") == "adresse de la version française"
        assert subkind("some_new_code") == "some new code"
    with translation.override("en"):
        assert subkind("fr_variant") == "fr variant"


def test_a_disease_and_a_therapy_are_named_in_french_on_the_review_page() -> None:
    from types import SimpleNamespace

    from django.utils import translation

    from vigipub.web.templatetags.vigipub_tags import finding_subkind

    # the attributes the detector copies from common.yaml into a disease finding
    disease = SimpleNamespace(
        kind="disease",
        subkind="multiple_sclerosis",
        attributes={"icd10": "G35", "label_en": "multiple sclerosis", "label_fr": "sclérose en plaques"},
    )
    msc = SimpleNamespace(kind="therapy", subkind="mesenchymal_stem_cells", attributes={"family": "mesenchymal_stem_cells"})
    claim = SimpleNamespace(kind="claim", subkind="some_new_code", attributes={"family": "stem_cells"})
    with translation.override("fr"):
        assert finding_subkind(disease) == "sclérose en plaques"
        assert finding_subkind(msc) == "cellules souches mésenchymateuses"
        assert finding_subkind(claim) == "some new code · thérapie par cellules souches"
    with translation.override("en"):
        assert finding_subkind(disease) == "multiple sclerosis"


def test_every_pipeline_step_is_shown_in_french_with_its_values() -> None:
    """A job's progress comes from the pipeline's steps (English ``Step`` templates): each one is
    marked in ``web/steps.py`` and translated with the same placeholders, so a new step cannot
    reach the French interface in English."""
    import ast
    import string

    from django.utils import translation

    import vigipub.pipeline
    from vigipub.pipeline import Step
    from vigipub.web.jobs import _progress
    from vigipub.web.steps import STEP_TEMPLATES

    tree = ast.parse(Path(vigipub.pipeline.__file__).read_text(encoding="utf-8"))
    used = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Step"
        and node.args and isinstance(node.args[0], ast.Constant)
    }
    assert len(used) >= 10
    assert used <= set(STEP_TEMPLATES), f"steps not marked in web/steps.py: {sorted(used - set(STEP_TEMPLATES))}"

    def fields(template: str) -> set[str]:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}

    french = read_po(LOCALE / "fr" / "LC_MESSAGES" / "django.po")
    for template in STEP_TEMPLATES:
        assert french.get(template) and fields(str(french[template])) == fields(template), template

    class FakeJob:  # what _progress writes: the message, through a queryset update
        pk = -1
        progress = ""

    job = FakeJob()
    with translation.override("fr"):
        say = _progress(job)  # type: ignore[arg-type]
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("vigipub.web.jobs.Job.objects.filter", lambda **kw: type("Q", (), {"update": lambda self, **u: 1})())
            say(Step("analysing {count} captured documents", count=7))
    assert job.progress == "analyse des 7 documents capturés"
    assert str(Step("analysing {count} captured documents", count=7)) == "analysing 7 captured documents"
