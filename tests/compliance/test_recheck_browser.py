"""The side-by-side view with real screenshots (Chromium)."""

from __future__ import annotations

import re

import pytest

from vigipub.capture.options import chromium_available
from vigipub.demo.recheck_site import RecheckDemo
from vigipub.pipeline import InvestigateOptions, investigate, recheck

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not chromium_available(), reason="needs /usr/bin/chromium"),
]


def test_changed_pages_side_by_side_with_both_screenshots(tmp_path):
    with RecheckDemo() as demo:
        investigate(demo.url, tmp_path / "case", InvestigateOptions(capture={"allow_private": True, "browser": True}))
        demo.state = "partly_cleaned"
        result = recheck(tmp_path / "case", tmp_path / "recheck", allow_private=True, browser=True)
    html = result.compliance_html.read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', html)
    before = [i for i in images if i.startswith("compliance-files/before-")]
    after = [i for i in images if i.startswith("evidence/")]
    assert before and after
    for rel in before + after:
        assert (result.out_dir / rel).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the English home page changed: old and new screenshot side by side
    assert any("/en/" in p.url and p.screenshot_before and p.screenshot_after for p in result.report.pages)
    from vigipub.capture import verify_evidence

    check = verify_evidence(result.out_dir)
    assert check.ok, check.problems
    assert all(check.states[rel] == "verified" for rel in before)
