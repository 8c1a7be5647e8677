"""Failures are told to an inspector in the agency's language, their technical detail kept."""

from __future__ import annotations

import inspect
import re

import pytest
from django.utils import translation

from vigipub import pipeline
from vigipub.capture.errors import EmptySiteError, RefusedAddressError, SeedUnreachableError
from vigipub.cases.errors import LeadsError, ProcedureError
from vigipub.evidence.errors import IntegrityError, VigipubError
from vigipub.registers.errors import RegisterLayoutError
from vigipub.web.errors import SENTENCES, AgencyInputError, explain


@pytest.mark.parametrize(
    ("error", "kind", "french"),
    [
        (RefusedAddressError("resolves to 10.0.0.5", where="http://intranet.example/"), "refused_address", "réseau privé"),
        (SeedUnreachableError("connection refused", where="http://127.0.0.1:9/"), "unreachable", "injoignable"),
        (EmptySiteError("start URL returned an empty page", where="http://x.example/"), "empty_site", "Aucune page"),
        (LeadsError("not an http(s) URL: 'ftp://x'", where="leads.csv:3"), "leads", "liste de sites"),
        (ProcedureError("the decision is dated before the letter", where="case.yaml:12"), "procedure", "procédure"),
        (RegisterLayoutError("column 3 missing", where="CIS_bdpm.txt:7"), "registers", "registres"),
        (IntegrityError("digest mismatch", where="evidence/site.warc.gz"), "integrity", "empreintes"),
        (VigipubError("something else"), "failed", "échoué"),
    ],
)
def test_each_kind_of_failure_has_its_french_sentence_then_the_detail(error, kind, french) -> None:
    assert pipeline.error_kind(error) == kind
    with translation.override("fr"):
        shown = explain(error)
    assert french in shown, shown
    assert shown.endswith("Détail technique : " + str(error)), shown
    with translation.override("en"):
        assert explain(error) == f"{SENTENCES[kind]} Technical detail: {error}"


def test_a_message_the_web_layer_wrote_in_french_is_shown_as_it_is() -> None:
    error = AgencyInputError("aucune capture terminée de ce site à comparer", where="https://x.example/")
    assert explain(error) == "https://x.example/: aucune capture terminée de ce site à comparer"


def test_every_kind_the_pipeline_names_has_a_sentence() -> None:
    # the kinds error_kind() returns for the stages' errors: a new kind needs its sentence
    source = inspect.getsource(pipeline.error_kind)
    kinds = set(re.findall(r'\(\w+, "(\w+)"\)', source))
    assert kinds and kinds == set(SENTENCES), kinds ^ set(SENTENCES)
