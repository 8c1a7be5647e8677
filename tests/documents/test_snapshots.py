"""Snapshot tests of every generated document (HTML and Markdown text).

Snapshots live in tests/documents/snapshots/. After an intended change of a template or of
the typography, regenerate them and review the diff:

    VIGIPUB_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/documents/test_snapshots.py
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from vigipub import __version__
from vigipub.cases import case_as_of, load_case
from vigipub.documents import render_alert, render_decision, render_decision_draft, render_letter, render_news

from .conftest import IASO_CASE, iaso_qualification

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("VIGIPUB_UPDATE_SNAPSHOTS") == "1"


def _documents() -> dict[str, str]:
    case = load_case(IASO_CASE)
    q = iaso_qualification()
    assert case.letter_of_intent and case.letter_of_intent.date
    letter_case = case_as_of(case, case.letter_of_intent.date)
    out: dict[str, str] = {}
    for fmt in ("html", "md"):
        out[f"decision.{fmt}"] = render_decision(q, case, fmt=fmt).decode()
        out[f"letter.{fmt}"] = render_letter(q, letter_case, fmt=fmt).decode()
        out[f"news.{fmt}"] = render_news(q, case, fmt=fmt).decode()
        out[f"alert.{fmt}"] = render_alert(q, case, fmt=fmt).decode()
    out["decision_draft.html"] = render_decision_draft(
        iaso_qualification(conclusion="undetermined", procedure="draft"), site_url="https://clinic.example"
    )
    # the version and the digest of the inputs (which moves whenever a field is added to the
    # shared models) are recorded in every document; tested elsewhere, masked here
    return {
        k: re.sub(
            r"sha256:[0-9a-f]{64}", "sha256:INPUTS", v.replace(f"vigipub {__version__}", "vigipub VERSION")
        )
        for k, v in out.items()
    }


DOCUMENTS = _documents()


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_snapshot(name: str) -> None:
    path = SNAPSHOTS / name
    got = DOCUMENTS[name]
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path}; create it with VIGIPUB_UPDATE_SNAPSHOTS=1")
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(
            difflib.unified_diff(want.splitlines(True), got.splitlines(True), "snapshot", "rendered", n=1)
        )
        pytest.fail(
            f"{name} differs from its snapshot (VIGIPUB_UPDATE_SNAPSHOTS=1 to accept):\n{diff[:4000]}"
        )
